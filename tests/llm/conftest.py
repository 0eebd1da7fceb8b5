"""LLM-mode fixtures: settings pointing at a scripted local server, and a way to ask through the core."""

from __future__ import annotations

import pytest

API_KEY = "sk-test-3f9c1d-never-log-me"


@pytest.fixture
def llm_settings(settings, monkeypatch):
    """`llm_settings(server, timeout=5.0, retries=0, **other_settings)`: the environment a deployment would
    set, then load."""
    from clusterbot.config import load_settings

    def make(server, timeout: float = 5.0, retries: int = 0, **other):
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", API_KEY)
        monkeypatch.setenv("CLUSTERBOT_LLM_MODEL", "scripted-model")
        return load_settings(data_dir=settings.data_dir, llm_timeout_s=timeout, llm_max_retries=retries, **other)

    return make


@pytest.fixture
def tianchang_gap(settings):
    """The real gap_to_target output for 天长市, which scripted answers quote."""
    from clusterbot.tools.registry import call

    return call("gap_to_target", {"entity": "天长市"}, settings)
