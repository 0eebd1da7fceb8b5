"""The circuit breaker: after N timeouts the LLM is skipped for a cool-down, then tried again."""

from __future__ import annotations

import threading

import pytest

from clusterbot.bot.core import Assistant
from clusterbot.bot.llm.breaker import CircuitBreaker
from clusterbot.messages import msg
from clusterbot.models import Question
from tests.llm.scripted_server import ScriptedLLM, final, sleep, tool_calls

QUESTION = "天长市离百亿还有多远？"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_opens_after_n_timeouts_in_a_row_and_a_reply_resets_the_count():
    clock = Clock()
    breaker = CircuitBreaker(threshold=3, cooldown_s=30, clock=clock)
    for outcome in (True, True, False, True, True):  # a reply in between: never three in a row
        assert breaker.allow()
        breaker.record(outcome)
    assert not breaker.open
    assert breaker.allow()
    breaker.record(True)
    assert breaker.open and not breaker.allow() and breaker.retry_in() == 30


def test_after_the_cool_down_one_trial_goes_through_and_decides():
    clock = Clock()
    breaker = CircuitBreaker(threshold=1, cooldown_s=10, clock=clock)
    breaker.allow()
    breaker.record(True)
    clock.now += 9.9
    assert not breaker.allow()
    clock.now += 0.2
    assert breaker.allow()  # the trial
    assert not breaker.allow()  # others stay offline while it runs
    breaker.record(True)  # the trial timed out: a new cool-down
    assert not breaker.allow() and breaker.retry_in() == pytest.approx(10)
    clock.now += 10
    assert breaker.allow()
    breaker.record(False)  # the trial got a reply
    assert not breaker.open and breaker.allow() and breaker.allow()


def test_a_trial_without_a_verdict_releases_the_slot():
    clock = Clock()
    breaker = CircuitBreaker(threshold=1, cooldown_s=5, clock=clock)
    breaker.allow()
    breaker.record(True)
    clock.now += 5
    assert breaker.allow()
    breaker.record(None)  # e.g. a bug outside the model call
    assert breaker.open and breaker.allow()


def test_threads_share_one_state_and_only_one_trial_runs():
    clock = Clock()
    breaker = CircuitBreaker(threshold=50, cooldown_s=5, clock=clock)
    start = threading.Barrier(10)

    def time_out_five_times() -> None:
        start.wait()
        for _ in range(5):
            if breaker.allow():
                breaker.record(True)

    threads = [threading.Thread(target=time_out_five_times) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=5)
    assert breaker.open  # exactly 50 timeouts were counted, none lost to a race
    clock.now += 5
    granted: list[bool] = []
    start = threading.Barrier(10)

    def try_once() -> None:
        start.wait()
        granted.append(breaker.allow())

    threads = [threading.Thread(target=try_once) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=5)
    assert sorted(granted) == [False] * 9 + [True]


def test_zero_disables_the_breaker():
    breaker = CircuitBreaker(threshold=0, cooldown_s=60)
    for _ in range(5):
        assert breaker.allow()
        breaker.record(True)
    assert not breaker.open


def test_a_hanging_endpoint_is_skipped_for_the_cool_down_then_tried_again(llm_settings, tianchang_gap, monkeypatch):
    """The breaker runs on a fake clock, so its window is not a race with a loaded machine."""
    grounded = (f"天长市最大集群{tianchang_gap.latest.year}年营业收入{tianchang_gap.latest.value}亿元，"
                f"距百亿级还差{tianchang_gap.gap}亿元（示例数据）。")
    script = [sleep(30), sleep(30), tool_calls(("gap_to_target", {"entity": "天长市"})), final(grounded, ["2"])]
    clock = Clock()
    breaker = CircuitBreaker(threshold=2, cooldown_s=60, clock=clock)
    monkeypatch.setattr("clusterbot.bot.llm.agent.breaker_for", lambda settings, chat_model=None: breaker)
    with ScriptedLLM(script) as llm:
        settings = llm_settings(llm, timeout=1.0, retries=0, llm_breaker_timeouts=2, llm_breaker_cooldown_s=60)
        assistant = Assistant(settings)

        def ask():
            return assistant.answer(Question(text=QUESTION), mode="llm")

        for _ in range(2):  # two timeouts: the model never replied to either
            assert ask().answer.startswith(msg("llm.fallback_unavailable"))
        assert len(llm.requests) == 2 and llm.slept == 0 and breaker.open

        for _ in range(3):  # open: the offline answer, and the endpoint is not called
            answer = ask()
            assert answer.mode == "offline" and answer.answer.startswith(msg("llm.fallback_paused"))
            assert "百亿" in answer.answer
        assert len(llm.requests) == 2

        clock.now += 60  # the cool-down passes on the breaker's clock
        answer = ask()  # the trial after the cool-down reaches the model, which answers now
        assert answer.mode == "llm" and answer.answer.startswith(grounded)
        assert len(llm.requests) == 4 and not breaker.open


def test_one_breaker_per_endpoint_and_per_injected_model(settings):
    from clusterbot.bot.llm.breaker import breaker_for

    first = settings.model_copy(update={"llm_base_url": "http://127.0.0.1:9/v1", "llm_model": "m"})
    other = settings.model_copy(update={"llm_base_url": "http://127.0.0.1:10/v1", "llm_model": "m"})
    assert breaker_for(first) is breaker_for(first.model_copy())
    assert breaker_for(first) is not breaker_for(other)

    class Model:
        pass

    one, two = Model(), Model()
    assert breaker_for(first, one) is breaker_for(first, one)
    assert breaker_for(first, one) is not breaker_for(first, two) and breaker_for(first, one) is not breaker_for(first)
