"""WeCom server API for the self-built app: cached access token, message/send, media upload.

The token is cached until shortly before its expiry and refreshed once when WeCom says it is
invalid or expired (40014/42001); "busy" (-1) and "over limit" (45009) are retried with backoff.
Tokens and secrets never appear in logs or errors: URLs are logged without their query.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from clusterbot.errors import ClusterbotError, ConfigError

log = logging.getLogger("clusterbot.wecom")

TOKEN_ERRORS = {40014, 42001}
RETRYABLE = {-1, 45009}
CREDENTIAL_ERRORS = {40001, 40013, 40091}
MAX_RETRIES = 3
BACKOFF_S = {-1: 0.5, 45009: 5.0}
TOKEN_RETRY_DELAYS_S = (1.0, 3.0)  # gettoken failed: tried again after these many seconds


SECRET_QUERY = re.compile(r"((?:access_token|corpsecret|key)=)[^&\s\"']+")


class RedactSecretQuery(logging.Filter):
    """httpx logs every request URL at INFO; tokens, app secrets and robot keys ride in the query."""

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        redacted = SECRET_QUERY.sub(r"\1***", text)
        if redacted != text:
            record.msg, record.args = redacted, ()
        return True


def install_log_redaction() -> None:
    for name in ("httpx", "httpcore"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactSecretQuery) for f in logger.filters):
            logger.addFilter(RedactSecretQuery())


install_log_redaction()


class WeComApiError(ClusterbotError):
    def __init__(self, errcode: int, errmsg: str = "") -> None:
        self.errcode = errcode
        super().__init__("wecom.api_error", errcode=errcode, errmsg=(errmsg or "")[:200])


def _safe_url(url: httpx.URL | str) -> str:
    """The URL without its query string, which carries the token or the robot key."""
    return str(httpx.URL(str(url)).copy_with(query=None))


def api_call(http: httpx.Client, method: str, url: str, **kwargs: Any) -> dict[str, Any]:
    """One HTTP call to a WeCom endpoint returning its JSON; transport errors become readable errors."""
    try:
        response = http.request(method, url, **kwargs)
        response.raise_for_status()
        data = response.json()
    except (httpx.HTTPError, ValueError) as exc:
        raise ClusterbotError("wecom.http_error", url=_safe_url(url), reason=type(exc).__name__) from None
    if not isinstance(data, dict):
        raise ClusterbotError("wecom.http_error", url=_safe_url(url), reason="not JSON")
    log.debug("wecom %s %s errcode=%s", method, _safe_url(url), data.get("errcode", 0))
    return data


def check_fatal(errcode: int) -> None:
    if errcode in CREDENTIAL_ERRORS:
        raise ConfigError("wecom.credentials_rejected", errcode=errcode)
    if errcode == 60020:
        raise ConfigError("wecom.ip_not_trusted")


class WeComApi:
    """A thread-safe client for one app; share one per process (gettoken is throttled)."""

    def __init__(
        self,
        base_url: str,
        corp_id: str,
        secret: str,
        agent_id: int,
        http: httpx.Client | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        timeout_s: float = 10.0,
    ) -> None:
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.corp_id = corp_id
        self._secret = secret
        self.agent_id = agent_id
        self._http = http or httpx.Client(timeout=timeout_s, trust_env=False)
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._token: str | None = None
        self._token_expires_at = 0.0

    def close(self) -> None:
        self._http.close()

    def _url(self, path: str) -> str:
        return self.base_url + path

    def token(self, force: bool = False) -> str:
        """The access token, fetched when missing or expiring; a failed fetch (network, HTTP error, busy) is
        tried again after each of TOKEN_RETRY_DELAYS_S, a rejected secret or IP (ConfigError) is not."""
        with self._lock:
            if force or self._token is None or self._clock() >= self._token_expires_at:
                for delay in (*TOKEN_RETRY_DELAYS_S, None):
                    try:
                        data = self._fetch_token()
                        break
                    except ConfigError:
                        raise
                    except ClusterbotError as exc:
                        if delay is None:
                            raise
                        log.warning("wecom gettoken failed (%s); again in %.0f s", exc.key, delay)
                        self._sleep(delay)
                expires_in = float(data.get("expires_in", 7200))
                self._token = str(data["access_token"])
                self._token_expires_at = self._clock() + expires_in - min(300.0, expires_in / 10)
                log.info("wecom access token refreshed (valid %.0f s)", expires_in)
            return self._token

    def _fetch_token(self) -> dict[str, Any]:
        data = api_call(self._http, "GET", self._url("gettoken"),
                        params={"corpid": self.corp_id, "corpsecret": self._secret})
        errcode = int(data.get("errcode", 0))
        check_fatal(errcode)
        if errcode or not data.get("access_token"):
            raise WeComApiError(errcode, str(data.get("errmsg", "")))
        return data

    def call(self, method: str, path: str, params: dict[str, Any] | None = None, **kwargs: Any) -> dict[str, Any]:
        """An authenticated call: refresh the token once on 40014/42001, retry -1/45009 at most 3 times."""
        refreshed = False
        retries = 0
        while True:
            query = {**(params or {}), "access_token": self.token()}
            data = api_call(self._http, method, self._url(path), params=query, **kwargs)
            errcode = int(data.get("errcode", 0))
            if errcode == 0:
                return data
            if errcode in TOKEN_ERRORS and not refreshed:
                refreshed = True
                self.token(force=True)
                continue
            if errcode in RETRYABLE and retries < MAX_RETRIES:
                retries += 1
                log.warning("wecom %s busy (errcode %s), retry %s", path, errcode, retries)
                self._sleep(BACKOFF_S[errcode] * retries)
                continue
            check_fatal(errcode)
            raise WeComApiError(errcode, str(data.get("errmsg", "")))

    def _send(self, user: str, msgtype: str, body: dict[str, Any]) -> dict[str, Any]:
        payload = {
            "touser": user,
            "msgtype": msgtype,
            "agentid": self.agent_id,
            msgtype: body,
            # WeCom drops an identical request within the interval: a retried send after a timeout
            # does not reach the user twice.
            "enable_duplicate_check": 1,
            "duplicate_check_interval": 60,
        }
        return self.call("POST", "message/send", json=payload)

    def send_markdown(self, user: str, content: str) -> dict[str, Any]:
        return self._send(user, "markdown", {"content": content})

    def send_text(self, user: str, content: str) -> dict[str, Any]:
        return self._send(user, "text", {"content": content})

    def send_file(self, user: str, media_id: str) -> dict[str, Any]:
        return self._send(user, "file", {"media_id": media_id})

    def upload_media(self, path: Path, kind: str = "file") -> str:
        path = Path(path)
        content = path.read_bytes()
        data = self.call(
            "POST", "media/upload", params={"type": kind},
            files={"media": (path.name, content, "application/octet-stream")},
        )
        return str(data["media_id"])
