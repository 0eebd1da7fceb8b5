"""WeCom group robot (群机器人) push: markdown and files through the robot's webhook.

A robot accepts 20 messages per minute; sends beyond that wait in line (never dropped), counted
in the state store so consecutive `clusterbot push` runs share the window. The webhook key is
the credential: it appears in no log line and no error message.
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from clusterbot.bot.wecom.api import api_call
from clusterbot.bot.wecom.render import ROBOT_LIMIT_BYTES, split_message
from clusterbot.errors import ClusterbotError, InputError
from clusterbot.state import StateStore

log = logging.getLogger("clusterbot.wecom")

PER_MINUTE = 20
OVER_LIMIT = 45009
MAX_OVER_LIMIT_RETRIES = 3
KEY_RE = re.compile(r"^[A-Za-z0-9-]{8,128}$")


def mask_key(text: str, key: str | None = None) -> str:
    """`text` with any webhook key replaced by ***."""
    text = re.sub(r"(key=)[^&\s]+", r"\1***", text)
    return text.replace(key, "***") if key else text


def parse_webhook(url_or_key: str, api_base: str) -> tuple[str, str]:
    """(send URL without the key, key) from a full webhook URL or a bare key."""
    value = (url_or_key or "").strip()
    if KEY_RE.match(value):
        base = api_base if api_base.endswith("/") else api_base + "/"
        return base + "webhook/send", value
    url = httpx.URL(value) if value.startswith(("http://", "https://")) else None
    key = url.params.get("key", "") if url else ""
    if not url or not KEY_RE.match(key) or not url.path.endswith("/webhook/send"):
        raise InputError("wecom.webhook_invalid", url=mask_key(value, key or None)[:120])
    return str(url.copy_with(query=None)), key


class RobotWebhook:
    def __init__(
        self,
        url_or_key: str,
        api_base: str,
        state: StateStore,
        http: httpx.Client | None = None,
        sleep: Callable[[float], None] = time.sleep,
        per_minute: int = PER_MINUTE,
        max_wait_s: float = 600.0,
        timeout_s: float = 15.0,
    ) -> None:
        self.send_url, self._key = parse_webhook(url_or_key, api_base)
        self.upload_url = self.send_url[: -len("send")] + "upload_media"
        self._state = state
        self._http = http or httpx.Client(timeout=timeout_s, trust_env=False)
        self._sleep = sleep
        self.per_minute = per_minute
        self.max_wait_s = max_wait_s
        self.bucket = "wecom-robot:" + hashlib.sha256(self._key.encode()).hexdigest()[:16]
        self.waited_s = 0.0

    def close(self) -> None:
        self._http.close()

    def _wait_turn(self) -> None:
        """Block until the robot's one-minute window has room; give up only after max_wait_s."""
        waited = 0.0
        while not self._state.allow(self.bucket, self.per_minute, 60.0):
            if waited >= self.max_wait_s:
                raise ClusterbotError("wecom.webhook_busy", seconds=int(waited))
            self._sleep(1.0)
            waited += 1.0
        self.waited_s += waited

    def _post(self, url: str, params: dict[str, str], counted: bool = True, **kwargs: Any) -> dict[str, Any]:
        for attempt in range(MAX_OVER_LIMIT_RETRIES + 1):
            if counted:
                self._wait_turn()
            try:
                data = api_call(self._http, "POST", url, params={**params, "key": self._key}, **kwargs)
            except ClusterbotError as exc:
                raise ClusterbotError("wecom.api_error", errcode="HTTP", errmsg=mask_key(exc.message, self._key)) \
                    from None
            errcode = int(data.get("errcode", 0))
            if errcode == OVER_LIMIT and attempt < MAX_OVER_LIMIT_RETRIES:
                log.warning("wecom robot over its limit, waiting a minute")
                self._sleep(60.0)
                continue
            if errcode:
                errmsg = mask_key(str(data.get("errmsg", "")), self._key)[:200]
                raise ClusterbotError("wecom.api_error", errcode=errcode, errmsg=errmsg)
            return data
        raise ClusterbotError("wecom.webhook_busy", seconds=int(60 * MAX_OVER_LIMIT_RETRIES))

    def send_markdown(self, content: str) -> int:
        """Send `content`, split into numbered parts of at most 4096 bytes; returns the message count."""
        parts = split_message(content, ROBOT_LIMIT_BYTES)
        for part in parts:
            self._post(self.send_url, {}, json={"msgtype": "markdown", "markdown": {"content": part}})
        return len(parts)

    def upload_file(self, path: Path) -> str:
        """Upload a file (kept 3 days by WeCom) and return its media_id; uploads are not messages."""
        path = Path(path)
        data = self._post(
            self.upload_url, {"type": "file"}, counted=False,
            files={"media": (path.name, path.read_bytes(), "application/octet-stream")},
        )
        return str(data["media_id"])

    def send_file(self, media_id: str) -> None:
        self._post(self.send_url, {}, json={"msgtype": "file", "file": {"media_id": media_id}})
