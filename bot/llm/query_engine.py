"""The offline engine with the model as its question reader (`parser = llm`).

Only the step that turns a question into a typed query changes: the model writes the `Query`, checked against
the store (bot/llm/query_checks.py), and the offline executor, composer and verifier answer it as they answer
the rule parser's — every number of the reply comes from the executor, none from the model. A query that is
missing or fails a check is read by the rule parser instead, and the answer's `parser` metadata says which
parser read the question and, when the model's query was not used, why.

One instance per turn (it keeps the turn's outcome); building one costs nothing, since the store, the
corpus and the names are cached by the data directory, not by the engine.
"""

from __future__ import annotations

import logging
from typing import Any

from clusterbot.bot.llm.query_checks import Asked
from clusterbot.bot.llm.query_parser import Parsed, QueryReader, context_for
from clusterbot.bot.offline.engine import OfflineEngine
from clusterbot.bot.offline.execute import OPERATIONS
from clusterbot.bot.offline.followups import POLICY_INTENTS
from clusterbot.bot.offline.parse import Reading
from clusterbot.bot.offline.reply import Reply
from clusterbot.bot.offline.turn_context import TurnContext
from clusterbot.bot.offline.understand import Understanding
from clusterbot.config import Settings
from clusterbot.models import Answer, ParserInfo, Question

log = logging.getLogger("clusterbot.llm.query")

MAX_MODEL_READS = 2  # per turn: the question, and once more if the engine reads a corrected wording


class ModelParsedEngine(OfflineEngine):
    def __init__(self, settings: Settings, chat_model: Any = None, configured: bool = True) -> None:
        super().__init__(settings)
        self.reader = QueryReader(settings, chat_model) if configured else None
        self.previous: dict[str, Any] | None = None
        self.outcome: Parsed | None = None
        self.model_used = False
        self._readings: dict[str, Parsed] = {}
        self._from_model: list[Reading] = []

    def answer(self, question: Question, conversation: dict[str, Any]) -> tuple[Answer, dict[str, Any]]:
        self.previous = conversation.get("parts")
        self.outcome, self.model_used = None, False
        self._readings, self._from_model = {}, []
        answer, conversation = super().answer(question, conversation)
        return answer.model_copy(update={"parser": self.info()}), conversation

    def info(self) -> ParserInfo:
        if self.model_used:
            return ParserInfo(used="llm")
        if self.reader is None:
            return ParserInfo(fallback="not_configured")
        if self.outcome is None:  # no query needed: a policy question, help, a bare follow-up
            return ParserInfo(fallback="not_asked")
        if self.outcome.query is not None:  # a valid query the composer could not answer: the kind path did
            return ParserInfo(fallback="not_composed")
        return ParserInfo(fallback=self.outcome.reason, detail=self.outcome.detail or None)

    def parse_query(self, u: Understanding, data_years: tuple[int, int] | None) -> Reading | None:
        rules = super().parse_query(u, data_years)
        if self.reader is None or data_years is None or u.intent in POLICY_INTENTS:
            return rules  # the typed query holds data operations; the policy readers answer the text
        parsed = self._readings.get(u.text)
        if parsed is None:
            if len(self._readings) >= MAX_MODEL_READS:
                return rules
            parsed = self._readings[u.text] = self._read(u, data_years)
        self.outcome = parsed
        if parsed.query is None:
            log.info("model query not used (%s%s); rule parser", parsed.reason,
                     f": {parsed.detail}" if parsed.detail else "")
            return rules
        run = [p for p in parsed.query.parts if p.op in OPERATIONS]
        # a part the executor has no operation for is a clause for the kind path, in the asker's own words
        rest = [p.span for p in parsed.query.parts if p.op not in OPERATIONS and p.span]
        reading = Reading(parsed.query.model_copy(update={"parts": run}), rest)
        self._from_model.append(reading)
        return reading

    def _read(self, u: Understanding, data_years: tuple[int, int]) -> Parsed:
        from clusterbot.tools.store import snapshot

        snap = snapshot(self.settings)
        previous = self.previous if u.followup or not u.entities else None
        context = context_for(snap, data_years, list(u.entities), previous)
        assert self.reader is not None
        return self.reader.read(u.raw or u.text, context, Asked(u.raw, u.text), snap, data_years, set(OPERATIONS))

    def _composed(self, ctx: TurnContext, u: Understanding, reading: Reading) -> Reply | None:
        reply = super()._composed(ctx, u, reading)
        if reply is not None and reply.status == "answered" and any(reading is r for r in self._from_model):
            self.model_used = True
        return reply


def engine_for_turn(settings: Settings, chat_model: Any = None) -> ModelParsedEngine:
    """The engine of one turn with `parser = llm`: the model reads when an endpoint (or a model) is there."""
    return ModelParsedEngine(settings, chat_model, configured=chat_model is not None or settings.llm_configured)
