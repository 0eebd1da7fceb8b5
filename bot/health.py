"""What /healthz checks: each store a request depends on can be read, cheaply enough to poll.

The state database gets its own health check (SQLite's quick_check through a fresh read-only connection),
the indicator store is read through its per-file snapshot cache, and the policy index manifest must list at
least one document.

The endpoint is unauthenticated, so its body names a store and says it is unavailable, never a path or a
driver's error text (those go to the log, once per change). Probes share one check: while one runs, others
wait for it instead of starting their own; a result is reused for `FRESH_S`, and for up to `STALE_S` a
probe gets the last result at once while a fresh one is computed behind it. An open LLM circuit breaker is
reported too (the bot still answers, offline).
"""

from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path

from clusterbot.config import Settings
from clusterbot.state import StateStore

log = logging.getLogger("clusterbot.health")

FRESH_S = 2.0
STALE_S = 30.0
UNAVAILABLE = "unavailable"


def state_problem(state: StateStore | None) -> str | None:
    return None if state is None else state.health()


def indicator_problem(settings: Settings) -> str | None:
    from clusterbot.tools.store import snapshot, store_path

    path = store_path(Path(settings.data_dir))
    if not path.is_file():  # never rebuilt from here: a probe must stay cheap
        return f"{path.name} is missing"
    try:
        snapshot(settings)
    except Exception as exc:  # any failure to read is the answer to "is it healthy"
        return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
    return None


def index_problem(settings: Settings) -> str | None:
    from clusterbot.retrieval.docstore import DocStore

    store = DocStore(settings)
    if not store.manifest_path.is_file():
        return f"{store.manifest_path.name} is missing"
    if not store.read_manifest().documents:
        return f"{store.manifest_path.name} is unreadable or lists no documents"
    return None


def problems(settings: Settings, state: StateStore | None) -> dict[str, str]:
    """{store name: what is wrong, in detail for the log}; empty when every store reads."""
    found = {"state": state_problem(state), "indicators": indicator_problem(settings),
             "policy_index": index_problem(settings)}
    return {name: problem for name, problem in found.items() if problem}


def llm_paused(settings: Settings) -> bool:
    from clusterbot.bot.llm.breaker import is_open

    return is_open(settings)


class HealthCache:
    """One health check at a time for every probe of a process, its result shared."""

    def __init__(self, settings: Settings, state: StateStore | None, fresh_s: float = FRESH_S,
                 stale_s: float = STALE_S) -> None:
        self.settings = settings
        self.state = state
        self.fresh_s = fresh_s
        self.stale_s = stale_s
        self._result: dict[str, str] | None = None
        self._at = float("-inf")
        self._running: asyncio.Task | None = None
        self._logged: dict[str, str] = {}

    def forget(self) -> None:
        """The next probe runs the checks and waits for them (tests; a store known to have changed)."""
        self._result, self._at = None, float("-inf")

    async def problems(self) -> dict[str, str]:
        """{store name: "unavailable"} of the stores that do not read."""
        age = time.monotonic() - self._at
        if self._result is not None and age < self.fresh_s:
            return self._result
        if self._running is None:
            self._running = asyncio.ensure_future(self._check())
        if self._result is not None and age < self.stale_s:
            return self._result  # the refresh runs behind this probe
        return await asyncio.shield(self._running)

    async def _check(self) -> dict[str, str]:
        from starlette.concurrency import run_in_threadpool

        try:
            found = await run_in_threadpool(problems, self.settings, self.state)
        finally:
            self._running = None
        for name, detail in found.items():
            if self._logged.get(name) != detail:
                log.warning("health: %s unavailable (%s)", name, detail)
        for name in set(self._logged) - set(found):
            log.warning("health: %s reads again", name)
        self._logged = dict(found)
        self._result = {name: UNAVAILABLE for name in found}
        self._at = time.monotonic()
        return self._result
