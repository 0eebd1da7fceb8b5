"""A model call ends within its timeout however slowly the endpoint sends, and reads a bounded number of bytes.

Hostile OpenAI-compatible endpoints on loopback: one that trickles its body a byte at a time, one that
trickles its status line and headers, one that sends 200 MB, one that sends gzip. Every question still gets the
offline answer, and a trickle counts as a timeout for the circuit breaker.
"""

from __future__ import annotations

import threading

import httpx
import pytest

from clusterbot.bot.core import Assistant
from clusterbot.bot.llm.breaker import breaker_for
from clusterbot.bot.llm.transport import MAX_RESPONSE_BYTES, BoundedTransport, CallBudgetExceeded, _Backend
from clusterbot.messages import msg
from clusterbot.models import Question
from tests.llm.scripted_server import ScriptedLLM, final, flood, gzipped, trickle

QUESTION = "天长市离百亿还有多远？"
# Far beyond any turn budget here: a test that hangs shows the bound does not hold, not a slow machine.
NEVER_S = 60.0


def ask_in_thread(settings) -> object:
    box: dict[str, object] = {}
    worker = threading.Thread(target=lambda: box.setdefault(
        "answer", Assistant(settings).answer(Question(text=QUESTION), mode="llm")), daemon=True)
    worker.start()
    worker.join(NEVER_S)
    assert not worker.is_alive(), "the LLM turn did not end"
    return box["answer"]


@pytest.mark.parametrize("headers_too", [False, True])
def test_a_trickling_endpoint_times_out_and_opens_the_breaker(llm_settings, headers_too):
    # 4000 bytes at 20 a second would take 200 s; the call's budget is 1 s.
    with ScriptedLLM([trickle(interval=0.05, total=4000, headers_too=headers_too)]) as llm:
        settings = llm_settings(llm, timeout=1.0, retries=0, llm_breaker_timeouts=1, llm_breaker_cooldown_s=600)
        answer = ask_in_thread(settings)
        assert answer.mode == "offline" and answer.answer.startswith(msg("llm.fallback_unavailable"))
        assert breaker_for(settings).open  # counted as a timeout, not as a reply
        answer = ask_in_thread(settings)
        assert answer.answer.startswith(msg("llm.fallback_paused"))
        assert len(llm.requests) == 1


def wait_for(predicate, seconds: float = NEVER_S) -> bool:
    done = threading.Event()
    for _ in range(int(seconds * 20)):
        if predicate():
            return True
        done.wait(0.05)
    return predicate()


def test_a_huge_response_is_cut_before_it_is_buffered(llm_settings):
    with ScriptedLLM([flood(200 * 1024 * 1024)]) as llm:
        answer = ask_in_thread(llm_settings(llm, timeout=20.0, retries=0))
        assert answer.mode == "offline" and answer.answer.startswith(msg("llm.fallback_unavailable"))
        assert wait_for(lambda: len(llm.sent) == 1)
    # The client stopped reading at the cap: what the server got out is the cap plus socket buffers.
    assert llm.sent[0] < MAX_RESPONSE_BYTES + 16 * 1024 * 1024


def test_a_compressed_response_is_refused(llm_settings, tianchang_gap):
    with ScriptedLLM([gzipped(final(f"还差{tianchang_gap.gap}亿元", ["2"]))]) as llm:
        answer = ask_in_thread(llm_settings(llm, timeout=5.0, retries=0))
    assert answer.answer.startswith(msg("llm.fallback_unavailable"))
    assert llm.headers[0]["accept-encoding"] == "identity"


def test_the_transport_really_uses_the_bounded_backend():
    transport = BoundedTransport(max_bytes=10)
    assert isinstance(transport._pool._network_backend, _Backend)
    with ScriptedLLM([final("x", [])]) as llm, httpx.Client(transport=transport, timeout=5) as client:
        with pytest.raises(httpx.ReadTimeout) as raised:
            client.post(llm.base_url + "/chat/completions", json={"model": "m", "messages": []})
    assert isinstance(raised.value.__context__ or raised.value.__cause__, CallBudgetExceeded)
