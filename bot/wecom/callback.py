"""/wecom/callback: the self-built app's encrypted callback (GET URL check, POST messages).

A POST is verified (timestamp window, SHA1 signature, AES, receive id, XML without DTDs),
its dedupe key persisted, and an empty 200 returned at once; the answer is computed in a
bounded worker pool and sent with message/send. Rejections carry no body and no detail.
"""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from clusterbot.bot.core import Assistant
from clusterbot.bot.http_body import BodyRefused, read_body
from clusterbot.bot.wecom.api import WeComApi
from clusterbot.bot.wecom.crypto import WeComCrypto, WeComCryptoError, valid_aes_key
from clusterbot.bot.wecom.messages_xml import InboundMessage, envelope_encrypt, parse_message
from clusterbot.bot.wecom.service import WeComService
from clusterbot.config import Settings
from clusterbot.errors import ConfigError

log = logging.getLogger("clusterbot.wecom")

CALLBACK_PATH = "/wecom/callback"
MAX_BODY_BYTES = 64 * 1024  # a text message envelope is a few KB
TOO_LARGE, STALE = "too-large", "stale-timestamp"
RESUME_WITHIN_S = 3600.0
_SIGNATURE_FORM = re.compile(r"[0-9a-fA-F]{40}")  # SHA1 hex
ASCII_NUMBER = re.compile(r"[0-9]{1,12}")  # str.isdigit() also passes "²", on which int() fails


@dataclass(frozen=True)
class WeComConfig:
    corp_id: str
    agent_id: int
    secret: str
    token: str
    aes_key: str


def load_wecom_config(settings: Settings) -> WeComConfig:
    """Every app variable, checked before anything is served; errors name the variable."""
    if not settings.wecom_corp_id:
        raise ConfigError("config.missing_env", var="WECOM_CORP_ID")
    if not settings.wecom_agent_id:
        raise ConfigError("config.missing_env", var="WECOM_AGENT_ID")
    if not str(settings.wecom_agent_id).strip().isdigit():
        raise ConfigError("wecom.bad_agent_id", var="WECOM_AGENT_ID")
    token = settings.secret("WECOM_TOKEN")
    aes_key = settings.secret("WECOM_AES_KEY")
    if not valid_aes_key(aes_key):
        raise ConfigError("wecom.bad_aes_key", var="WECOM_AES_KEY")
    secret = settings.secret("WECOM_SECRET")
    return WeComConfig(settings.wecom_corp_id, int(str(settings.wecom_agent_id).strip()), secret, token, aes_key)


class _Rejected(Exception):
    def __init__(self, reason: str | int, status: int = 403) -> None:
        self.reason = reason
        self.status = status


class WeComCallback:
    def __init__(self, settings: Settings, crypto: WeComCrypto, service: WeComService,
                 clock: Callable[[], float] = time.time) -> None:
        self.settings = settings
        self.crypto = crypto
        self.service = service
        self.clock = clock
        self.pool = ThreadPoolExecutor(max_workers=max(1, settings.worker_threads), thread_name_prefix="wecom")
        window = settings.wecom_timestamp_window_s
        # Keys live at least as long as a replay could still pass the timestamp check.
        self.dedupe_ttl_s = max(86400.0, 2.0 * window)

    def _check_timestamp(self, timestamp: str) -> None:
        window = self.settings.wecom_timestamp_window_s
        if not ASCII_NUMBER.fullmatch(timestamp):
            raise _Rejected("bad-timestamp", 400)
        if window > 0 and abs(self.clock() - int(timestamp)) > window:
            raise _Rejected(STALE)

    async def _read_body(self, request: Request) -> bytes:
        return await read_body(request, MAX_BODY_BYTES)  # BodyRefused: answered without another log line

    async def handle(self, request: Request) -> Response:
        params = request.query_params
        signature, timestamp, nonce = (params.get(k, "") for k in ("msg_signature", "timestamp", "nonce"))
        try:
            self._check_timestamp(timestamp)
            if not _SIGNATURE_FORM.fullmatch(signature):
                raise _Rejected("bad-signature", 403)  # before the body is read
            if request.method == "GET":
                plain = self.crypto.verify_url(signature, timestamp, nonce, params.get("echostr", ""))
                return PlainTextResponse(plain)
            body = await self._read_body(request)
            encrypted = envelope_encrypt(body)
            message = parse_message(self.crypto.decrypt_message(encrypted, signature, timestamp, nonce))
        except WeComCryptoError as exc:
            log.warning("wecom callback rejected (code %s)", exc.code)
            return Response(status_code=403)
        except _Rejected as exc:
            log.warning("wecom callback rejected (%s)", exc.reason)
            return Response(status_code=exc.status)
        except BodyRefused as exc:
            return exc.response()
        await self.accept(message)
        return Response(status_code=200)

    async def accept(self, message: InboundMessage) -> None:
        key = message.dedupe_key
        state = self.service.state
        fresh = await run_in_threadpool(state.claim, key, "wecom", message.payload(), self.dedupe_ttl_s)
        if not fresh:
            log.info("wecom duplicate delivery ignored")
            return
        log.info("wecom %s accepted", message.msg_type)
        self.pool.submit(self.service.process, key, message)

    async def startup(self) -> None:
        """Finish work claimed by a previous run that died before answering."""
        state = self.service.state
        for key, _payload in await run_in_threadpool(state.pending_deliveries, "wecom", "sending"):
            # Died while sending: WeCom may have shown it, and cannot be asked. Not sent again (at most once).
            log.warning("wecom delivery %s was being sent when the process stopped; not sent again", key)
            await run_in_threadpool(state.mark_delivery, key, "failed")
        resumed = 0
        for key, payload in await run_in_threadpool(state.pending_deliveries, "wecom"):
            message = InboundMessage.from_payload(payload)
            created = int(message.create_time) if ASCII_NUMBER.fullmatch(message.create_time) else 0
            if abs(self.clock() - created) > RESUME_WITHIN_S:  # too old to be worth answering now
                await run_in_threadpool(state.mark_delivery, key, "failed")
                continue
            self.pool.submit(self.service.process, key, message)
            resumed += 1
        if resumed:
            log.info("wecom resumed %d pending deliveries", resumed)

    async def shutdown(self) -> None:
        await asyncio.to_thread(self.pool.shutdown, True)
        self.service.api.close()


def wecom_routes(settings: Settings, assistant: Assistant | None = None, api: WeComApi | None = None,
                 clock: Callable[[], float] = time.time):
    """(routes, startup hooks, shutdown hooks) for the WeCom app callback; validates the configuration."""
    config = load_wecom_config(settings)
    crypto = WeComCrypto(config.token, config.aes_key, config.corp_id)
    api = api or WeComApi(settings.wecom_api_url, config.corp_id, config.secret, config.agent_id)
    service = WeComService(settings, api, assistant or Assistant(settings))
    callback = WeComCallback(settings, crypto, service, clock=clock)
    service.assistant.state.keep_keys_for(callback.dedupe_ttl_s)  # before the prune at start
    routes = [Route(CALLBACK_PATH, callback.handle, methods=["GET", "POST"])]
    return routes, [callback.startup], [callback.shutdown]
