"""What /healthz checks: each store a request depends on can be read, cheaply enough to poll.

The state database gets SQLite's quick_check through a fresh read-only connection (at most every
few seconds), the indicator store is read through its per-file snapshot cache, and the policy index
manifest must list at least one document.
"""

from __future__ import annotations

from pathlib import Path

from clusterbot.config import Settings
from clusterbot.state import StateStore


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
    """{store name: what is wrong}; empty when every store reads."""
    found = {"state": state_problem(state), "indicators": indicator_problem(settings),
             "policy_index": index_problem(settings)}
    return {name: problem for name, problem in found.items() if problem}
