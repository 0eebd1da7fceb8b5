"""The HTTP client of LLM mode: each model call ends within its timeout and reads at most a few megabytes.

httpx's timeouts apply per socket operation: an endpoint that sends one byte a second never times out, and
a 200 MB completion is buffered whole before anything looks at its size. Here every socket read and write of
a call shares one budget, started when the request is sent and sized by the call's own timeout:

- each read waits at most what is left of the budget, and a read after it is spent raises a timeout (so
  headers and body trickled byte by byte end on time, and the circuit breaker counts them as timeouts);
- the bytes read are counted, and the call fails once they pass `MAX_RESPONSE_BYTES`, before they pile up;
- compressed responses are not asked for and are refused (a small gzip body can inflate past any cap).

Sync only, like the agent: the budget lives in a thread-local set by the transport for the request in flight.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpcore
import httpx

MAX_RESPONSE_BYTES = 2 * 1024 * 1024  # a completion is a few kilobytes; tool-call JSON rarely 100 KB
_local = threading.local()


class CallBudgetExceeded(httpcore.ReadTimeout):
    """The call used up its time or its bytes (a timeout for httpx, openai and the breaker)."""


class _Budget:
    def __init__(self, seconds: float, max_bytes: int) -> None:
        turn_end = getattr(_local, "turn_end", None)
        self.end = min(time.monotonic() + seconds, turn_end if turn_end is not None else float("inf"))
        self.bytes_left = max_bytes

    def wait(self, requested: float | None) -> float:
        remaining = self.end - time.monotonic()
        if remaining <= 0:
            raise CallBudgetExceeded("the model call used up its time")
        return remaining if requested is None else min(requested, remaining)

    def spend(self, count: int) -> None:
        self.bytes_left -= count
        if self.bytes_left < 0:
            raise CallBudgetExceeded("the model's response is larger than allowed")


@contextmanager
def turn_deadline(end: float) -> Iterator[None]:
    """Every call made by this thread inside the block also ends by `end` (time.monotonic()): a retry the
    client starts after the turn's time is up fails at once instead of taking a whole timeout more."""
    previous = getattr(_local, "turn_end", None)
    _local.turn_end = end
    try:
        yield
    finally:
        _local.turn_end = previous


def _budget() -> _Budget | None:
    return getattr(_local, "budget", None)


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        budget = _budget()
        if budget is None:
            return self._inner.read(max_bytes, timeout)
        data = self._inner.read(max_bytes, budget.wait(timeout))
        budget.spend(len(data))
        return data

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        budget = _budget()
        self._inner.write(buffer, budget.wait(timeout) if budget is not None else timeout)

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        budget = _budget()
        wait = budget.wait(timeout) if budget is not None else timeout
        return _Stream(self._inner.start_tls(ssl_context, server_hostname, wait))

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _Backend(httpcore.NetworkBackend):
    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Any = None) -> httpcore.NetworkStream:
        budget = _budget()
        wait = budget.wait(timeout) if budget is not None else timeout
        return _Stream(self._inner.connect_tcp(host, port, wait, local_address, socket_options))

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Any = None) -> httpcore.NetworkStream:
        return _Stream(self._inner.connect_unix_socket(path, timeout, socket_options))

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class BoundedTransport(httpx.HTTPTransport):
    """An HTTPTransport whose calls end within their read timeout and `max_bytes` read."""

    def __init__(self, max_bytes: int = MAX_RESPONSE_BYTES, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.max_bytes = max_bytes
        # httpx builds the pool without a backend argument; its own default backend is swapped for ours
        # (tests/llm/test_stream_budget.py fails if an upgrade stops using it).
        self._pool._network_backend = _Backend()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        timeouts = request.extensions.get("timeout") or {}
        seconds = timeouts.get("read") or timeouts.get("pool") or 60.0
        request.headers["Accept-Encoding"] = "identity"
        _local.budget = _Budget(float(seconds), self.max_bytes)
        response = super().handle_request(request)
        encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
        if encoding not in ("", "identity"):
            response.close()
            raise httpx.DecodingError(f"compressed response refused ({encoding[:20]})", request=request)
        return response


def bounded_client(timeout: float, max_bytes: int = MAX_RESPONSE_BYTES) -> httpx.Client:
    """The httpx client ChatOpenAI uses: `timeout` per call, bounded as a whole by the transport."""
    return httpx.Client(transport=BoundedTransport(max_bytes=max_bytes), timeout=timeout)
