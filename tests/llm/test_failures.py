"""Any model failure ends in the offline answer with a note, within a time bound, and no secret leaks."""

from __future__ import annotations

import logging
import time

import pytest

from clusterbot.bot.core import Assistant
from clusterbot.messages import msg
from clusterbot.models import Question
from tests.llm.conftest import API_KEY
from tests.llm.scripted_server import ScriptedLLM, garbage, http_error, sleep, tool_calls

QUESTION = "天长市离百亿还有多远？"


@pytest.fixture(autouse=True)
def _warm_imports():
    """Import the LLM stack before timing, so the bound measures the turn and not a cold import."""
    import langchain_core.messages  # noqa: F401
    import langchain_core.tools  # noqa: F401
    import langchain_openai  # noqa: F401


def assert_offline_fallback(answer) -> None:
    assert answer.mode == "offline" and answer.status == "answered"
    assert answer.answer.startswith(msg("llm.fallback_unavailable"))
    assert "百亿" in answer.answer  # the offline engine's own answer follows the note


def timed_answer(settings, question: str = QUESTION):
    assistant = Assistant(settings)
    assistant.answer(Question(text=question, thread="warm-up"), mode="offline", log=False)
    started = time.monotonic()
    answer = assistant.answer(Question(text=question), mode="llm")
    return answer, time.monotonic() - started


def test_timeout_falls_back_within_the_bound(llm_settings):
    with ScriptedLLM([sleep(30)]) as llm:
        answer, elapsed = timed_answer(llm_settings(llm, timeout=1.0, retries=0))
    assert_offline_fallback(answer)
    assert len(llm.requests) == 1
    assert elapsed < 1.0 * 3 + 2.0  # the turn budget, plus the offline answer


def test_retries_are_bounded_and_http_500_falls_back(llm_settings):
    with ScriptedLLM([http_error(500)], repeat_last=True) as llm:
        answer, elapsed = timed_answer(llm_settings(llm, timeout=1.0, retries=1))
    assert_offline_fallback(answer)
    assert len(llm.requests) == 2  # the first try and one retry, no more
    assert elapsed < 1.0 * 3 + 2.0


def test_garbage_json_falls_back(llm_settings):
    with ScriptedLLM([garbage()]) as llm:
        answer, _ = timed_answer(llm_settings(llm, timeout=2.0))
    assert_offline_fallback(answer)


def test_a_reply_without_choices_falls_back(llm_settings):
    with ScriptedLLM([garbage(b'{"id": "x", "object": "chat.completion"}')]) as llm:
        answer, _ = timed_answer(llm_settings(llm, timeout=2.0))
    assert_offline_fallback(answer)


def test_unknown_tool_name_falls_back_without_running_anything(llm_settings):
    with ScriptedLLM([tool_calls(("drop_all_tables", {"confirm": True}))]) as llm:
        answer, _ = timed_answer(llm_settings(llm, timeout=2.0))
    assert_offline_fallback(answer)
    assert len(llm.requests) == 1
    assert all(call.name != "drop_all_tables" for call in answer.tool_calls)


def test_endless_tool_calls_stop_at_the_step_limit(llm_settings):
    with ScriptedLLM([tool_calls(("resolve", {"name": "天长"}))], repeat_last=True) as llm:
        answer, _ = timed_answer(llm_settings(llm, timeout=5.0))
    from clusterbot.bot.llm.turn import MAX_STEPS

    assert_offline_fallback(answer)
    assert len(llm.requests) == MAX_STEPS


def test_connection_refused_falls_back(llm_settings):
    server = ScriptedLLM([])
    settings = llm_settings(server, timeout=1.0)  # never started: nothing listens on the port
    server.__exit__(None, None, None)
    answer, elapsed = timed_answer(settings)
    assert_offline_fallback(answer)
    assert elapsed < 1.0 * 3 + 2.0


def test_the_api_key_is_never_logged_or_stored(llm_settings, caplog):
    caplog.set_level(logging.DEBUG)
    with ScriptedLLM([http_error(500)], repeat_last=True) as llm:
        settings = llm_settings(llm, timeout=1.0, retries=1)
        answer, _ = timed_answer(settings)
    assert_offline_fallback(answer)
    assert llm.headers[0]["authorization"] == f"Bearer {API_KEY}"  # it was used ...
    assert any(r.name == "clusterbot.llm" for r in caplog.records)
    assert API_KEY not in caplog.text  # ... but never logged
    for path in settings.data_dir.rglob("*"):
        if path.is_file():
            assert API_KEY.encode() not in path.read_bytes(), path
