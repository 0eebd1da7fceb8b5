"""Any model failure ends in the offline answer with a note, without waiting for the model, and no secret leaks.

No test here times itself: a hanging model is shown to be given up on by the scripted server, which has
not finished its 30 s sleep when the answer comes back.
"""

from __future__ import annotations

import logging

from clusterbot.bot.core import Assistant
from clusterbot.messages import msg
from clusterbot.models import Question
from tests.llm.conftest import API_KEY
from tests.llm.scripted_server import ScriptedLLM, garbage, http_error, sleep, tool_calls

QUESTION = "天长市离百亿还有多远？"


def assert_offline_fallback(answer) -> None:
    assert answer.mode == "offline" and answer.status == "answered"
    assert answer.answer.startswith(msg("llm.fallback_unavailable"))
    assert "百亿" in answer.answer  # the offline engine's own answer follows the note


def llm_answer(settings, question: str = QUESTION):
    return Assistant(settings).answer(Question(text=question), mode="llm")


def test_timeout_falls_back_without_waiting_for_the_model(llm_settings):
    with ScriptedLLM([sleep(30)]) as llm:
        answer = llm_answer(llm_settings(llm, timeout=1.0, retries=0))
        assert llm.slept == 0  # the model never replied: the turn gave up on its own timeout
    assert_offline_fallback(answer)
    assert len(llm.requests) == 1


def test_retries_are_bounded_and_http_500_falls_back(llm_settings):
    with ScriptedLLM([http_error(500)], repeat_last=True) as llm:
        answer = llm_answer(llm_settings(llm, timeout=1.0, retries=1))
    assert_offline_fallback(answer)
    assert len(llm.requests) == 2  # the first try and one retry, no more


def test_garbage_json_falls_back(llm_settings):
    with ScriptedLLM([garbage()]) as llm:
        answer = llm_answer(llm_settings(llm, timeout=2.0))
    assert_offline_fallback(answer)


def test_a_reply_without_choices_falls_back(llm_settings):
    with ScriptedLLM([garbage(b'{"id": "x", "object": "chat.completion"}')]) as llm:
        answer = llm_answer(llm_settings(llm, timeout=2.0))
    assert_offline_fallback(answer)


def test_unknown_tool_name_falls_back_without_running_anything(llm_settings):
    with ScriptedLLM([tool_calls(("drop_all_tables", {"confirm": True}))]) as llm:
        answer = llm_answer(llm_settings(llm, timeout=2.0))
    assert_offline_fallback(answer)
    assert len(llm.requests) == 1
    assert all(call.name != "drop_all_tables" for call in answer.tool_calls)


def test_endless_tool_calls_stop_at_the_step_limit(llm_settings):
    with ScriptedLLM([tool_calls(("resolve", {"name": "天长"}))], repeat_last=True) as llm:
        answer = llm_answer(llm_settings(llm, timeout=5.0))
    from clusterbot.bot.llm.turn import MAX_STEPS

    assert_offline_fallback(answer)
    assert len(llm.requests) == MAX_STEPS


def test_connection_refused_falls_back(llm_settings):
    server = ScriptedLLM([])
    settings = llm_settings(server, timeout=1.0)  # never started: nothing listens on the port
    server.__exit__(None, None, None)
    answer = llm_answer(settings)
    assert_offline_fallback(answer)


def test_the_api_key_is_never_logged_or_stored(llm_settings, caplog):
    caplog.set_level(logging.DEBUG)
    with ScriptedLLM([http_error(500)], repeat_last=True) as llm:
        settings = llm_settings(llm, timeout=1.0, retries=1)
        answer = llm_answer(settings)
    assert_offline_fallback(answer)
    assert llm.headers[0]["authorization"] == f"Bearer {API_KEY}"  # it was used ...
    assert any(r.name == "clusterbot.llm" for r in caplog.records)
    assert API_KEY not in caplog.text  # ... but never logged
    for path in settings.data_dir.rglob("*"):
        if path.is_file():
            assert API_KEY.encode() not in path.read_bytes(), path
