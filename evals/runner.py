"""Run question sets through the one answer() core (and the clause search) and collect scored turns.

Each case gets a fresh thread on channel `eval`, so the turns of a conversation share their
follow-up state and cases never leak into each other. Exchanges are not written to the audit log.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable

from pydantic import BaseModel, Field

from clusterbot.config import Settings
from clusterbot.evals.loader import LoadedSet
from clusterbot.evals.schema import Case, Turn
from clusterbot.evals.scoring import TurnScore, covers, score_turn
from clusterbot.models import Answer, Citation, Question

Progress = Callable[[int, int, str], None]
MODES = ("offline", "llm", "retrieval")


class RetrievalScore(BaseModel):
    k: int
    got: list[str]
    rank: int | None  # 1-based rank of the first hit that covers a gold clause
    recall: float  # share of gold clauses covered within the top k

    @property
    def reciprocal_rank(self) -> float:
        return 1.0 / self.rank if self.rank else 0.0


class TurnResult(BaseModel):
    set_name: str
    case_id: str
    key: str
    turn: int
    q: str
    intent: str
    tags: list[str]
    expected: Turn
    status: str = ""
    answer: str = ""
    citations: list[Citation] = Field(default_factory=list)
    engine_intent: str | None = None
    parser_used: str | None = None  # with the model parser asked for: llm, or rules and why (parser_fallback)
    parser_fallback: str | None = None
    latency_ms: float = 0.0
    score: TurnScore | None = None
    retrieval: RetrievalScore | None = None
    crash: str | None = None

    @property
    def passed(self) -> bool:
        if self.score is None:  # retrieval-only run: the search result is the verdict
            return self.retrieval is None or self.retrieval.rank is not None
        return self.crash is None and self.score.passed


def normalise_tag(tag: str) -> str:
    """One spelling per tag: the sets write both `multi-turn` and `multi_turn`, `English` and `english`."""
    return tag.strip().lower().replace("-", "_").replace(" ", "_")


def select(cases: list[Case], tags: list[str] | None) -> list[Case]:
    if not tags:
        return list(cases)
    wanted = {normalise_tag(t) for t in tags}
    return [c for c in cases if wanted & {normalise_tag(t) for t in c.tags} or normalise_tag(c.intent) in wanted]


def _retrieval(settings: Settings, turn: Turn, k: int) -> RetrievalScore | None:
    from clusterbot.retrieval.search import search

    if not turn.clauses:
        return None
    got = [hit.clause_id for hit in search(settings, turn.q, k=k)]
    rank = next((i + 1 for i, c in enumerate(got) if any(covers(c, g) for g in turn.clauses)), None)
    found = sum(1 for g in turn.clauses if any(covers(c, g) for c in got))
    return RetrievalScore(k=k, got=got, rank=rank, recall=found / len(turn.clauses))


class Runner:
    def __init__(self, settings: Settings, mode: str = "offline", retrieval: bool = True) -> None:
        from clusterbot.bot.core import Assistant
        from clusterbot.retrieval.corpus import load_corpus

        self.settings = settings
        self.mode = mode
        self.with_retrieval = retrieval
        self.assistant = Assistant(settings) if mode != "retrieval" else None
        self.corpus = load_corpus(settings)
        self.run_id = uuid.uuid4().hex[:8]
        if self.assistant is not None:  # load the engine, its indexes and the search models before anything is timed
            self.assistant.warm_up()
            self.assistant.answer(Question(text="help", channel="eval", user="eval", thread=f"warmup:{self.run_id}"),
                                  mode=mode, log=False)

    def clause_text(self, clause_id: str) -> str:
        clause = self.corpus.clause(clause_id)
        return clause.text if clause is not None else ""

    def run(self, sets: list[LoadedSet], tags: list[str] | None = None,
            progress: Progress | None = None) -> list[TurnResult]:
        work = [(s, c) for s in sets for c in select(s.data.cases, tags)]
        results: list[TurnResult] = []
        for done, (loaded, case) in enumerate(work, start=1):
            results.extend(self.run_case(loaded, case))
            if progress:
                progress(done, len(work), case.id)
        return results

    def run_case(self, loaded: LoadedSet, case: Case) -> list[TurnResult]:
        thread = f"{loaded.name}:{case.id}:{self.run_id}"
        steps = case.steps()
        out = []
        for index, turn in enumerate(steps):
            key = case.id if len(steps) == 1 else f"{case.id}#{index + 1}"
            result = TurnResult(set_name=loaded.name, case_id=case.id, key=key, turn=index + 1, q=turn.q,
                                intent=turn.intent or case.intent,
                                tags=sorted({normalise_tag(t) for t in case.tags}), expected=turn)
            if self.with_retrieval and index == 0:
                result.retrieval = _retrieval(self.settings, turn, loaded.data.retrieval_k)
            if self.assistant is not None:
                self._answer(result, turn, thread)
            out.append(result)
        return out

    def _answer(self, result: TurnResult, turn: Turn, thread: str) -> None:
        question = Question(text=turn.q, channel="eval", user="eval", thread=thread)
        started = time.perf_counter()
        try:
            answer = self.assistant.answer(question, mode=self.mode, log=False)
        except Exception as exc:  # a crashing engine is a failed case, not a failed run
            answer = Answer(question=turn.q, answer="", status="error")
            result.crash = f"{type(exc).__name__}: {str(exc)[:300]}"
        result.latency_ms = round((time.perf_counter() - started) * 1000, 2)
        result.status = answer.status
        result.answer = answer.answer
        result.citations = answer.citations
        result.engine_intent = answer.intent
        if answer.parser is not None:
            result.parser_used, result.parser_fallback = answer.parser.used, answer.parser.fallback
        result.score = score_turn(answer, turn, self.clause_text)
