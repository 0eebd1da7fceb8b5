"""A circuit breaker for the LLM endpoint: after N timeouts in a row, skip the model for a cool-down.

A hanging endpoint costs every question the whole turn budget before the offline answer goes out.
Once `threshold` turns in a row have timed out, the breaker opens: for `cooldown_s` seconds every
question is answered by the offline engine at once, without calling the model. Then one question
is let through as a trial (the others keep going offline while it runs); a reply closes the breaker,
another timeout opens it for a new cool-down. Any reply, even an HTTP error, proves the endpoint is
not hanging and resets the count.

One breaker per endpoint and model, per process, shared by all answer threads.
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable
from typing import Any

from clusterbot.config import Settings


class CircuitBreaker:
    def __init__(self, threshold: int, cooldown_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.threshold = threshold
        self.cooldown_s = cooldown_s
        self._clock = clock
        self._lock = threading.Lock()
        self._timeouts = 0
        self._opened_at: float | None = None
        self._trial_running = False

    def allow(self) -> bool:
        """True when this question may call the model; a True must be followed by one `record()`."""
        if self.threshold <= 0:
            return True
        with self._lock:
            if self._opened_at is None:
                return True
            if self._clock() - self._opened_at < self.cooldown_s or self._trial_running:
                return False
            self._trial_running = True
            return True

    def record(self, timed_out: bool | None) -> None:
        """The outcome of an allowed call: True a timeout, False any reply, None no verdict (e.g. a bug)."""
        if self.threshold <= 0:
            return
        with self._lock:
            trial, self._trial_running = self._trial_running, False
            if timed_out is None:
                return
            if not timed_out:
                self._timeouts, self._opened_at = 0, None
                return
            self._timeouts += 1
            if trial or self._timeouts >= self.threshold:
                self._opened_at = self._clock()

    @property
    def open(self) -> bool:
        with self._lock:
            return self._opened_at is not None

    def retry_in(self) -> float:
        """Seconds until a trial call is allowed (0 when closed)."""
        with self._lock:
            if self._opened_at is None:
                return 0.0
            return max(0.0, self.cooldown_s - (self._clock() - self._opened_at))


_breakers: dict[tuple, CircuitBreaker] = {}
_registry_lock = threading.Lock()


def breaker_for(settings: Settings, chat_model: Any = None) -> CircuitBreaker:
    """The process-wide breaker of the configured endpoint and model, or of an injected chat model."""
    key: tuple = (settings.llm_base_url, settings.llm_model, settings.llm_breaker_timeouts,
                  settings.llm_breaker_cooldown_s)
    if chat_model is not None:
        key = ("injected", id(chat_model), *key[2:])
    with _registry_lock:
        breaker = _breakers.get(key)
        if breaker is None:
            breaker = CircuitBreaker(settings.llm_breaker_timeouts, settings.llm_breaker_cooldown_s)
            if chat_model is not None:
                try:  # the entry goes with the model, so a later object with the same id starts closed
                    weakref.finalize(chat_model, _forget, key)
                except TypeError:
                    return breaker  # not weakly referable: a breaker of this turn only
            _breakers[key] = breaker
        return breaker


def _forget(key: tuple) -> None:
    with _registry_lock:
        _breakers.pop(key, None)


def is_open(settings: Settings) -> bool:
    """Whether the breaker of the configured endpoint is open (what /healthz reports; no endpoint named)."""
    key = (settings.llm_base_url, settings.llm_model, settings.llm_breaker_timeouts, settings.llm_breaker_cooldown_s)
    with _registry_lock:
        breaker = _breakers.get(key)
    return breaker is not None and breaker.open
