"""With a WeCom timestamp window over a day, dedupe keys outlive it from the first prune at start.

Before, the store pruned keys older than its one-day default at start, before the callback's first claim
raised the TTL: a replay 30 h later, still inside a 48 h window, was answered again."""

from __future__ import annotations

import time

import httpx

from clusterbot.bot.server import build_app
from clusterbot.config import load_settings
from clusterbot.state import StateStore
from tests.loopback import serve_asgi as serve

WINDOW_S = 48 * 3600


def test_a_key_claimed_30_hours_ago_survives_the_prune_at_start(wecom_env, ready_data_dir):
    then = time.time() - 30 * 3600
    old = StateStore(ready_data_dir / "state.sqlite3", clock=lambda: then)
    assert old.claim("wecom:msg:replayed", "wecom", ttl_s=2 * WINDOW_S)
    old.close()

    app = build_app(load_settings(wecom_timestamp_window_s=WINDOW_S), ["wecom"])
    with serve(app) as base:  # the lifespan prunes the store here
        assert httpx.get(base + "/healthz", trust_env=False).status_code == 200
        assert not app.state.state_store.claim("wecom:msg:replayed", "wecom", ttl_s=2 * WINDOW_S)
