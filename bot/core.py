"""answer(question) -> Answer: the one core every channel calls.

Checks the input, keeps the conversation (by channel + thread) in the state store, runs the
offline engine or the LLM agent, and writes the exchange to the audit log.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import time
import unicodedata
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from clusterbot.config import Settings
from clusterbot.errors import ClusterbotError
from clusterbot.models import Answer, Question
from clusterbot.state import StateStore, state_for
from clusterbot.templates import render

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from clusterbot.tools.briefing.model import Briefing

logger = logging.getLogger("clusterbot.core")
RESET_COMMANDS = {"重新开始", "/reset", "reset", "重置", "清空对话"}
BRIEF_PATTERNS = (
    re.compile(r"^\s*(?:生成|给我|做一份|出一份)?\s*(?P<target>[^\s，,。？?]{2,20}?)\s*的?\s*简报\s*[。.!！?？]?\s*$"),
    re.compile(r"^\s*简报\s*[:：]?\s*(?P<target>\S{2,20})\s*$"),
    re.compile(r"^\s*brief(?:ing)?\s+(?:for\s+|on\s+)?(?P<target>.{2,40}?)\s*$", re.IGNORECASE),
)


def parse_brief_request(text: str) -> str | None:
    """The target of a briefing request ("简报 天长市", "生成天长市简报"), or None."""
    for pattern in BRIEF_PATTERNS:
        match = pattern.match(text or "")
        if match:
            return match.group("target").strip()
    return None


def clean_question(text: str) -> str:
    """Normalise width (全角 digits), drop control characters, collapse whitespace."""
    text = unicodedata.normalize("NFKC", text or "")
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    return re.sub(r"\s+", " ", text).strip()


class Engine(Protocol):
    """What answers a question offline: the deterministic engine, or a stand-in a test injects."""

    def answer(self, question: Question, conversation: dict) -> tuple[Answer, dict]: ...


class Assistant:
    """Holds what answering needs; cheap to call, safe to share between worker threads.

    `engine` (the offline engine) and `chat_model` (a LangChain chat model for LLM mode) are
    injected by callers that need another one, tests above all; by default the shared offline
    engine of the data directory and a model built from the settings are used.
    """

    def __init__(self, settings: Settings, state: StateStore | None = None, *, engine: Engine | None = None,
                 chat_model: BaseChatModel | None = None) -> None:
        self.settings = settings
        self.state = state or state_for(settings)
        self._engine = engine
        self._engine_injected = engine is not None
        self.chat_model = chat_model

    @property
    def engine(self) -> Any:
        if self._engine is None:
            from clusterbot.bot.offline.engine import OfflineEngine

            self._engine = OfflineEngine.shared(self.settings)
        return self._engine

    def warm_up(self) -> None:
        """Load the corpus, the indicator snapshot and the search models so the first question is fast."""
        from clusterbot.bot.bootstrap import ensure_ready
        from clusterbot.messages import catalog
        from clusterbot.retrieval.search import warm_up
        from clusterbot.tools.store import snapshot

        ensure_ready(self.settings)
        catalog()
        self.engine.corpus()
        snapshot(self.settings)
        warm_up(self.settings)

    def reset(self, question: Question) -> None:
        self.state.reset_conversation(question.conversation_key)

    def answer(self, question: Question, mode: str | None = None, log: bool = True) -> Answer:
        started = time.perf_counter()
        text = clean_question(question.text)
        question = question.model_copy(update={"text": text})
        if not text:
            result = Answer(question=text, answer=render("empty_question"), status="no_data", intent="empty")
        elif len(text) > self.settings.max_question_chars:
            result = Answer(
                question=text[:200],
                answer=render("too_long", limit=self.settings.max_question_chars, length=len(text)),
                status="error",
                intent="too_long",
            )
        elif text in RESET_COMMANDS:
            self.reset(question)
            result = Answer(question=text, answer=render("reset_done"), status="answered", intent="reset")
        else:
            try:
                result = self._dispatch(question, mode or self.settings.mode)
            except ClusterbotError as exc:  # a tool refused the input: say why, as an answer
                result = Answer(question=text, answer=exc.message, status="no_data", intent="refused")
            except Exception:  # never let one question take a channel down; the log keeps the trace
                logger.exception("answering failed")
                result = Answer(question=text, answer=render("internal_error"), status="error", intent="error")
        result.latency_ms = round((time.perf_counter() - started) * 1000, 2)
        if log:
            result.exchange_id = self.state.log_exchange(question, result, data_vintage=result.data_vintage)
        return result

    def _dispatch(self, question: Question, mode: str) -> Answer:
        # One turn at a time per conversation, on every worker: a concurrent turn waits, none is lost.
        # One data vintage per answer: a store published meanwhile is used from the next question on.
        with self._pinned_data(), self.state.conversation_turn(question.conversation_key) as turn:
            conversation = turn.state or {}
            engine = self._turn_engine()
            if mode == "llm" and (self.chat_model is not None or self.settings.llm_configured):
                from clusterbot.bot.llm.agent import answer_with_llm

                result, turn.state = answer_with_llm(self.settings, question, conversation, engine,
                                                     chat_model=self.chat_model)
            else:
                result, turn.state = engine.answer(question, conversation)
        return result

    def _turn_engine(self) -> Any:
        """The offline engine, or with `parser = llm` one whose typed query the model writes (its own per turn)."""
        if self.settings.parser != "llm" or self._engine_injected:
            return self.engine
        from clusterbot.bot.llm.query_engine import engine_for_turn

        return engine_for_turn(self.settings, self.chat_model)

    def _pinned_data(self) -> AbstractContextManager[Any]:
        from clusterbot.tools.store import pinned_snapshot, store_path

        if not store_path(Path(self.settings.data_dir)).is_file():
            return nullcontext()  # not built yet: the engine builds it on first use
        return pinned_snapshot(self.settings)

    def brief(self, target: str, out_dir: Path | None, *, formats: Iterable[str] = ("md", "docx"),
              year: int | None = None, kind: str | None = None, today: dt.date | None = None,
              masthead: dict[str, str | None] | None = None,
              progress: Callable[[str], None] | None = None) -> Briefing:
        """The one briefing dispatch of every channel (Slack, WeCom, push, CLI): files in out_dir
        (None: the data directory's briefings/); `kind` pins county/cluster/city/province when given.

        Raises ClusterbotError (unknown or ambiguous target, a year without data) for the channel
        to say in its own words.
        """
        from clusterbot.tools.briefing import make_briefing

        return make_briefing(self.settings, target, year=year, formats=tuple(formats),
                             out_dir=Path(out_dir) if out_dir else None, kind=kind, progress=progress, today=today,
                             masthead=masthead)
