"""The "正在查询…" message, posted only when an answer is slow to come."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future


class DelayedInterim:
    """Posts the interim message after `delay` seconds unless the answer is ready first.

    `result()` is what delivery asks for: None when the interim never went out (post the answer
    as a new message), else the ts of the interim message to replace. Fast answers cost no extra
    Slack call, which keeps a burst of questions from competing with their own acknowledgements.
    """

    def __init__(self, post: Callable[[], str | None], delay: float) -> None:
        self._post = post
        self._lock = threading.Lock()
        self._state = "waiting"  # waiting -> posting | cancelled
        self._future: Future = Future()
        self._timer = threading.Timer(delay, self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _fire(self) -> None:
        with self._lock:
            if self._state != "waiting":
                return
            self._state = "posting"
        try:
            self._future.set_result(self._post())
        except Exception:  # the interim is a courtesy; its failure must not block the answer
            self._future.set_result(None)

    def result(self, timeout: float | None = None) -> str | None:
        with self._lock:
            if self._state == "waiting":
                self._state = "cancelled"
                self._timer.cancel()
                return None
        return self._future.result(timeout=timeout)
