"""Taking over work from workers that died: with a shared store, each worker reruns its channels'
recovery hooks every half lease, so a delivery whose lease ran out is answered by exactly one worker."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from clusterbot.state_base import StateStore

log = logging.getLogger("clusterbot.state")


async def sweep_expired_leases(state: StateStore, hooks: list[Callable[[], Awaitable[None]]]) -> None:
    """Run until cancelled; a failing hook (the database is away) is logged and tried again next time."""
    while True:
        await asyncio.sleep(max(0.5, state.lease_s / 2))
        for hook in hooks:
            try:
                await hook()
            except Exception as exc:  # keep sweeping: the next round may find the database back
                log.warning("state: taking over expired work failed: %s", type(exc).__name__)


def start_sweeper(state: StateStore | None, hooks: list[Callable[[], Awaitable[None]]]) -> asyncio.Task | None:
    """The sweeping task for a shared store (None for the embedded one: no other worker can die)."""
    if state is None or not state.shared or not hooks:
        return None
    return asyncio.get_running_loop().create_task(sweep_expired_leases(state, hooks), name="state-sweeper")
