"""Verify the model's final answer and turn it into the Answer contract.

`verify` runs the grounding check against what this turn's tools returned; `compose` builds the
citations from the corpus (the clause as the document prints it, not as the model quoted it) and
the facts from the tool Figures the answer's numbers stand for.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from clusterbot.bot.llm.claims import Lexicon, snapshot_lexicon
from clusterbot.bot.llm.grounding import (
    ClauseKey,
    Evidence,
    Problem,
    check_citations,
    check_numbers,
)
from clusterbot.bot.llm.quantities import prepare
from clusterbot.bot.llm.toolbox import FinalAnswer, Toolbox
from clusterbot.bot.llm.unsafe_text import check_text
from clusterbot.bot.offline.reply import cite
from clusterbot.errors import ClusterbotError
from clusterbot.models import Answer, Fact, Question
from clusterbot.templates import render


@dataclass
class Verdict:
    problems: list[Problem] = field(default_factory=list)
    clauses: list = field(default_factory=list)
    matched_values: list[float] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem_dicts(self) -> list[dict[str, str]]:
        return [p.as_dict() for p in self.problems]


def _clause_key(clause, default_doc_id: str) -> ClauseKey:
    return (clause.doc_id or default_doc_id, clause.clause_id)


def verify(final: FinalAnswer, toolbox: Toolbox, corpus, question: Question) -> Verdict:
    """Numbers from tool outputs or cited clauses; citations that exist and were retrieved this turn;
    an answer no longer than the configured cap."""
    verdict = Verdict()
    limit = toolbox.settings.llm_max_answer_chars
    if len(final.answer) > limit:
        # Not read any further: a long answer is rejected before its numbers cost anything.
        verdict.problems = [Problem("too_long", str(limit))]
        return verdict
    cited: list[tuple[str, ClauseKey | None]] = []
    evidence = Evidence()
    evidence.merge(toolbox.evidence)
    seen: set[ClauseKey] = set()
    for reference in final.clause_ids:
        clause = corpus.clause(str(reference))
        key = _clause_key(clause, toolbox.default_doc_id) if clause is not None else None
        cited.append((str(reference), key))
        if clause is not None and key in toolbox.retrieved and key not in seen:
            seen.add(key)
            verdict.clauses.append(clause)
            evidence.add_text(" ".join((clause.title, clause.text)))
    if final.status != "answered":
        # A refusal may repeat the question's own year or figure ("政策没有为2026年设定目标").
        evidence.add_text(question.text)
    lexicon, topic = _names(toolbox, question)
    numbers = check_numbers(final.answer, evidence, lexicon, topic)
    verdict.matched_values = numbers.matched_values
    verdict.problems = check_text(final.answer) + numbers.problems + check_citations(
        cited, toolbox.retrieved, require=final.status == "answered")
    return verdict


def _names(toolbox: Toolbox, question: Question) -> tuple[Lexicon | None, frozenset[str]]:
    """Every entity name of the data, and the entities the question names (the answer's topic until it
    names one itself)."""
    from clusterbot.tools.store import snapshot

    try:
        lexicon = snapshot_lexicon(snapshot(toolbox.settings))
    except ClusterbotError:
        return None, frozenset()  # no data store: the turn's own names only
    named = [names for _s, _e, names in lexicon.mentions(prepare(question.text))]
    return lexicon, frozenset().union(*named) if named else frozenset()


def facts_for(toolbox: Toolbox, matched_values: list[float]) -> list[Fact]:
    """The Figures whose value the answer states, once each."""
    wanted = {round(abs(v), 9) for v in matched_values}
    facts: list[Fact] = []
    seen: set[tuple] = set()
    for figure in toolbox.figures():
        key = (figure.entity, figure.metric, figure.year)
        if round(abs(figure.value), 9) in wanted and key not in seen:
            seen.add(key)
            facts.append(figure.to_fact())
    return facts


def compose(final: FinalAnswer, verdict: Verdict, toolbox: Toolbox, corpus, question: Question,
            lang: str) -> Answer:
    facts = facts_for(toolbox, verdict.matched_values) if final.status == "answered" else []
    text = final.answer.strip()
    vintage = None
    if facts:
        demo = any(f.demo for f in facts)
        vintages = sorted({f.vintage for f in facts if f.vintage})
        sources = sorted({f.source for f in facts if f.source and f.source != "demo"})
        vintage = vintages[-1] if vintages else None
        note = render(f"answer/data_note.{lang}", demo=demo, sources=sources, vintage=vintage)
        text = f"{text}\n\n{note}"
    return Answer(
        question=question.text,
        answer=text,
        status=final.status,
        citations=[cite(corpus, clause) for clause in verdict.clauses],
        facts=facts,
        mode="llm",
        tool_calls=list(toolbox.calls),
        intent="llm",
        lang=lang,
        data_vintage=vintage,
    )
