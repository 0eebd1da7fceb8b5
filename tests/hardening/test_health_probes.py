"""/healthz under many probes: one check at a time, shared; an open LLM breaker reported; no paths in the body."""

from __future__ import annotations

import asyncio
import threading

import httpx

from clusterbot.bot.health import HealthCache
from clusterbot.bot.llm.breaker import breaker_for
from clusterbot.bot.server import build_app
from clusterbot.config import load_settings
from tests.hardening.conftest import channel_env
from tests.slack.harness import serve_asgi
from tests.slack.mock_slack import MockSlack


def test_concurrent_probes_share_one_check(settings, monkeypatch):
    calls: list[int] = []
    release = threading.Event()

    def slow_problems(_settings, _state):
        calls.append(1)
        release.wait(10)  # held until every probe has arrived
        return {"state": "database disk image is malformed at /secret/path/state.sqlite3"}

    monkeypatch.setattr("clusterbot.bot.health.problems", slow_problems)
    cache = HealthCache(settings, None)

    async def probe_all() -> list[dict[str, str]]:
        probes = [asyncio.ensure_future(cache.problems()) for _ in range(64)]
        await asyncio.sleep(0)
        while not calls:
            await asyncio.sleep(0.01)
        release.set()
        return await asyncio.gather(*probes)

    results = asyncio.run(probe_all())
    assert len(calls) == 1  # 64 probes, one check
    assert all(result == {"state": "unavailable"} for result in results)

    async def again() -> dict[str, str]:
        return await cache.problems()

    assert asyncio.run(again()) == {"state": "unavailable"} and len(calls) == 1  # reused while fresh


def test_an_open_breaker_is_reported_without_naming_the_endpoint(ready_data_dir, monkeypatch):
    mock = MockSlack()
    try:
        channel_env(monkeypatch, mock.base_url, "http://127.0.0.1:9/")
        settings = load_settings(llm_breaker_timeouts=1, llm_breaker_cooldown_s=600)
        app = build_app(settings, ["slack"])
        with serve_asgi(app) as base:
            assert httpx.get(base + "/healthz", trust_env=False).json()["status"] == "ok"
            breaker = breaker_for(settings)
            assert breaker.allow()
            breaker.record(True)
            try:
                body = httpx.get(base + "/healthz", trust_env=False)
                assert body.status_code == 200
                assert body.json()["status"] == "degraded" and body.json()["llm"] == "paused"
                assert "127.0.0.1" not in body.text and "http" not in body.text
            finally:
                breaker.record(False)
    finally:
        mock.close()
