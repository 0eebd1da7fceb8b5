"""LLM mode: a tool-calling agent over any OpenAI-compatible endpoint, checked before it is believed.

answer_with_llm runs one turn (tools → final answer), checks the answer's numbers and citations
against what the tools returned, allows one repair round, and otherwise — or on any model failure
(timeout, HTTP error, garbage, unknown tool) — returns the offline engine's answer with a note.
Only this module imports LangChain, and only core's LLM branch imports this module.
"""

from __future__ import annotations

import logging
from typing import Any

from clusterbot.bot.llm.breaker import breaker_for
from clusterbot.bot.llm.compose import compose, verify
from clusterbot.bot.llm.framing import fence
from clusterbot.bot.llm.toolbox import Toolbox
from clusterbot.bot.llm.transport import bounded_client, turn_deadline
from clusterbot.bot.llm.turn import Deadline, LLMFailure, Turn
from clusterbot.bot.offline.normalize import language
from clusterbot.config import Settings
from clusterbot.messages import msg
from clusterbot.models import Answer, Question, ToolCall
from clusterbot.templates import read_prompt

log = logging.getLogger("clusterbot.llm")

SYSTEM_PROMPT = "llm/system.md"
REPAIR_PROMPT = "llm/repair.md"
HISTORY_TURNS = 3
# The whole turn (every model call with the client's retries, tool call, the repair round, and the offline
# answer when the model fails) ends within this many timeouts; the offline answer keeps a reserve of it.
TURN_BUDGET_TIMEOUTS = 3
OFFLINE_RESERVE_S = 1.0


def build_chat_model(settings: Settings):
    """ChatOpenAI against settings.llm_base_url (Chat Completions, which every compatible server speaks)."""
    from langchain_openai import ChatOpenAI
    from pydantic import SecretStr

    return ChatOpenAI(
        base_url=settings.llm_base_url,
        api_key=SecretStr(settings.secret("OPENAI_API_KEY")),
        model=settings.llm_model or "",
        timeout=settings.llm_timeout_s,
        max_retries=settings.llm_max_retries,
        temperature=0,
        use_responses_api=False,
        # Each call bounded as a whole (time and bytes), not per socket read: bot/llm/transport.py.
        http_client=bounded_client(settings.llm_timeout_s),
    )


def initial_messages(question: Question, conversation: dict[str, Any]) -> list:
    from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

    messages: list = [SystemMessage(content=read_prompt(SYSTEM_PROMPT))]
    for earlier_question, earlier_answer in conversation.get("llm_history", [])[-HISTORY_TURNS:]:
        messages.append(HumanMessage(content=fence("question", earlier_question)))
        messages.append(AIMessage(content=earlier_answer))
    messages.append(HumanMessage(content=fence("question", question.text)))
    return messages


def answer_with_llm(settings: Settings, question: Question, conversation: dict[str, Any], offline,
                    chat_model: Any = None) -> tuple[Answer, dict[str, Any]]:
    """The LLM's answer when it passes the grounding check, else the offline answer with a note.

    `chat_model` replaces the configured ChatOpenAI (any LangChain chat model with bind_tools).
    While the circuit breaker is open (the endpoint timed out again and again) the model is not called.
    """
    breaker = breaker_for(settings, chat_model)
    if not breaker.allow():
        log.info("llm paused by the circuit breaker for %.0f s more; offline answer", breaker.retry_in())
        return _fallback(question, conversation, offline, "llm.fallback_paused", [])
    timed_out: bool | None = None
    try:
        result = _run(settings, question, conversation, offline, chat_model)
        timed_out = False
        return result
    except LLMFailure as exc:
        timed_out = exc.timed_out
        log.warning("llm unavailable (%s); offline answer", exc.reason)
        return _fallback(question, conversation, offline, "llm.fallback_unavailable", exc.calls)
    finally:
        breaker.record(timed_out)


def _run(settings: Settings, question: Question, conversation: dict[str, Any], offline,
         chat_model: Any) -> tuple[Answer, dict[str, Any]]:
    lang = language(question.text)
    corpus = offline.corpus()
    toolbox = Toolbox(settings, corpus.default_doc_id)
    model = chat_model if chat_model is not None else build_chat_model(settings)
    budget = settings.llm_timeout_s * TURN_BUDGET_TIMEOUTS
    deadline = Deadline(budget - min(OFFLINE_RESERVE_S, budget / 6))
    try:
        # Every HTTP call of the turn, the client's own retries included, ends by the turn's deadline.
        with turn_deadline(deadline.end):
            turn = Turn(model, toolbox, initial_messages(question, conversation), deadline,
                        settings.llm_timeout_s, settings.llm_max_retries)
            final = turn.run()
            verdict = verify(final, toolbox, corpus, question)
            if not verdict.ok:
                log.info("llm answer failed the check (%s); repair round", _summary(verdict.problem_dicts()))
                final = turn.repair(read_prompt(REPAIR_PROMPT), verdict.problem_dicts())
                verdict = verify(final, toolbox, corpus, question)
    except LLMFailure as exc:
        exc.calls = list(toolbox.calls)
        log.info("llm turn ended after %d tool calls", len(toolbox.calls))
        raise
    if not verdict.ok:
        log.warning("llm answer failed the check again (%s); offline answer", _summary(verdict.problem_dicts()))
        return _fallback(question, conversation, offline, "llm.fallback_unverified", toolbox.calls)
    # The offline engine's plan of the question: an answer leading with another indicator or place is refused.
    plan_check = getattr(offline, "lead_problem", None)
    missed = plan_check(question, conversation, final.answer) if plan_check is not None else None
    if missed is not None:
        log.warning("llm answer does not lead with what was asked (%s); offline answer", missed)
        return _fallback(question, conversation, offline, "llm.fallback_unverified", toolbox.calls)
    answer = compose(final, verdict, toolbox, corpus, question, lang)
    history = [*conversation.get("llm_history", []), [question.text, final.answer]][-HISTORY_TURNS:]
    return answer, {**conversation, "llm_history": history}


def _fallback(question: Question, conversation: dict[str, Any], offline, note_key: str,
              llm_calls: list[ToolCall]) -> tuple[Answer, dict[str, Any]]:
    answer, conversation = offline.answer(question, conversation)
    note = msg(note_key, answer.lang)
    # The audit log keeps what the model called too, before the offline engine's own calls.
    answer = answer.model_copy(update={"answer": f"{note}\n\n{answer.answer}",
                                       "tool_calls": [*llm_calls, *answer.tool_calls]})
    return answer, conversation


def _summary(problems: list[dict[str, str]]) -> str:
    return ", ".join(f"{p['kind']}:{p['item']}" for p in problems[:5])
