"""First use of a data directory: create the store and build the policy index if needed."""

from __future__ import annotations

from clusterbot.config import Settings


def ensure_ready(settings: Settings, progress=None) -> None:
    """Idempotent and cheap when everything is already in place."""
    from clusterbot.retrieval.index import ensure_index
    from clusterbot.tools.store import ensure_store

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    ensure_store(settings, progress=progress)
    ensure_index(settings, progress=progress)
