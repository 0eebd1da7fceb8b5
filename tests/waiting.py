"""Waiting for the event that matters, with a bounded timeout, instead of sleeping and then counting.

A sleep is too short on a loaded machine and lets a slow regression pass on a quiet one; these wait
exactly as long as the condition takes and fail loudly when the bound is reached.

`settled` is the event a negative check needs ("no second answer", "nothing answered"): every
delivery the app accepted is finished. A channel claims its dedupe key before it acks, as pending,
and marks it done or failed only after the answer was posted; the Slack bot also counts its queued
and running work (`queue_depth`). So once no key is pending or sending and no work is queued, any
answer the app was going to post has been posted.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

T = TypeVar("T")

UNFINISHED = ("pending", "sending")


class _Deliveries(Protocol):
    def pending_deliveries(self, channel: str, status: str = "pending") -> list[tuple[str, dict[str, Any]]]: ...


class _Queue(Protocol):
    @property
    def queue_depth(self) -> int: ...


def wait_until(predicate: Callable[[], T], timeout: float = 30.0, interval: float = 0.01,
               what: str = "the condition") -> T:
    """The predicate's first truthy value; AssertionError when `timeout` seconds pass without one."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} not met within {timeout} s")
        time.sleep(interval)


def unfinished(state: _Deliveries, channel: str) -> list[str]:
    """Keys of the deliveries of `channel` that are accepted but not yet done or failed."""
    return [key for status in UNFINISHED for key, _ in state.pending_deliveries(channel, status)]


def settled(state: _Deliveries, channel: str, *queues: _Queue, timeout: float = 30.0) -> None:
    """Return once every accepted delivery of `channel` is finished and every queue is empty."""
    wait_until(lambda: not unfinished(state, channel) and all(q.queue_depth == 0 for q in queues),
               timeout=timeout, what=f"every {channel} delivery finished")


def settled_store(data_dir, *channels: str, timeout: float = 30.0) -> None:
    """`settled` for an app whose objects the test cannot reach (a subprocess, a fixture's app): its state file."""
    from clusterbot.state import open_state

    state = open_state(data_dir)
    try:
        for channel in channels:
            settled(state, channel, timeout=timeout)
    finally:
        state.close()
