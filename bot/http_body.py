"""Reading request bodies within bounds: size, time, how many at once, and a client that hangs up.

The endpoints are reachable by anyone who finds them, before any signature is checked. So:

- the declared size is checked before reading, the read size while reading (`MAX_BODY_BYTES`);
- the whole body must arrive within `BODY_TIMEOUT_S` (a client trickling a byte a second is cut off);
- at most `MAX_CONCURRENT_BODIES` bodies are read at once per process; one more gets a 503 at once instead
  of holding memory and a connection;
- a client that hangs up mid-body (`ClientDisconnect`) costs one short log line at most, and at most one
  line a minute for all of them (the count of the others is in the next line).

Header-only checks (timestamps, signature format) run before `read_body`, in each channel.
"""

from __future__ import annotations

import asyncio
import logging
import time

from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response

log = logging.getLogger("clusterbot.http")

MAX_BODY_BYTES = 1024 * 1024  # Slack and WeCom bodies are a few kilobytes
BODY_TIMEOUT_S = 10.0
MAX_CONCURRENT_BODIES = 64
QUIET_LOG_EVERY_S = 60.0


class BodyRefused(Exception):
    """The body was not read: `status` to answer (413, 408, 503, or 400 for a client that left). Already
    noted in the log (rate-limited): callers answer `response()` without logging again."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason

    def response(self, headers: dict[str, str] | None = None) -> Response:
        extra = {"Retry-After": "1"} if self.status == 503 else {}
        return Response(status_code=self.status, headers={**extra, **(headers or {})})


def _refuse(status: int, reason: str) -> BodyRefused:
    _refusals[reason].note(_NOTES[reason])
    return BodyRefused(status, reason)


class _QuietLog:
    """One line per `every_s` for a kind of noise any client can cause; the others are counted."""

    def __init__(self, every_s: float = QUIET_LOG_EVERY_S) -> None:
        self.every_s = every_s
        self._last = float("-inf")
        self._skipped = 0

    def note(self, text: str) -> None:
        now = time.monotonic()
        if now - self._last < self.every_s:
            self._skipped += 1
            return
        skipped, self._skipped, self._last = self._skipped, 0, now
        log.info("%s%s", text, f" (and {skipped} more since the last note)" if skipped else "")


_disconnects = _QuietLog()
_refusals = {reason: _QuietLog() for reason in ("too-large", "busy", "body-timeout")}
_NOTES = {"too-large": "http: a body over the size limit was refused",
          "busy": "http: a body was refused, too many are being read at once",
          "body-timeout": "http: a body did not arrive in time"}
_slots: dict[int, asyncio.Semaphore] = {}  # per event loop


def _semaphore() -> asyncio.Semaphore:
    loop = asyncio.get_running_loop()
    slots = _slots.get(id(loop))
    if slots is None:
        slots = _slots[id(loop)] = asyncio.Semaphore(MAX_CONCURRENT_BODIES)
    return slots


async def read_body(request: Request, max_bytes: int = MAX_BODY_BYTES, timeout_s: float | None = None) -> bytes:
    """The body, or BodyRefused. `timeout_s` defaults to BODY_TIMEOUT_S."""
    timeout_s = BODY_TIMEOUT_S if timeout_s is None else timeout_s
    declared = request.headers.get("content-length", "")
    if declared and (not declared.isascii() or not declared.isdigit() or int(declared) > max_bytes):
        raise _refuse(413, "too-large")
    slots = _semaphore()
    if slots.locked():
        raise _refuse(503, "busy")
    async with slots:
        try:
            body = await asyncio.wait_for(_collect(request, max_bytes), timeout_s)
        except TimeoutError:
            raise _refuse(408, "body-timeout") from None
        except ClientDisconnect:
            _disconnects.note("http: a client hung up before sending its whole body")
            raise BodyRefused(400, "client-gone") from None
    request._body = body  # what request.body() returns from now on (Bolt's adapter reads it again)
    return body


async def _collect(request: Request, max_bytes: int) -> bytes:
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > max_bytes:
            raise _refuse(413, "too-large")
    return bytes(body)
