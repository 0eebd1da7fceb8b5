"""Score one answer against one turn's expectations. Pure functions over the Answer contract.

Every check yields a figure in [0, 1] or None when the turn does not ask for it; a turn passes
when every applicable check is perfect.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from pydantic import BaseModel, Field

from clusterbot.evals import numbers
from clusterbot.evals.schema import ExpectedNumber, Turn
from clusterbot.models import Answer

ClauseText = Callable[[str], str]


class TurnScore(BaseModel):
    status_ok: bool
    citation_precision: float | None = None
    citation_recall: float | None = None
    units: float | None = None
    numbers: float | None = None
    terms: float | None = None
    no_invented: bool = True
    cited: list[str] = Field(default_factory=list)
    wrong_citations: list[str] = Field(default_factory=list)
    missing_clauses: list[str] = Field(default_factory=list)
    missing_units: list[str] = Field(default_factory=list)
    missing_numbers: list[str] = Field(default_factory=list)
    missing_terms: list[str] = Field(default_factory=list)
    forbidden_found: list[str] = Field(default_factory=list)
    invented: list[str] = Field(default_factory=list)

    @property
    def passed(self) -> bool:
        figures = (self.citation_precision, self.citation_recall, self.units, self.numbers, self.terms)
        return self.status_ok and self.no_invented and all(f is None or f >= 1.0 for f in figures)

    def problems(self) -> list[str]:
        """Short labels of what went wrong, for reports."""
        out = []
        if not self.status_ok:
            out.append("status")
        for name, items in (("wrong_citation", self.wrong_citations), ("missing_clause", self.missing_clauses),
                            ("unit", self.missing_units), ("number", self.missing_numbers),
                            ("term", self.missing_terms), ("forbidden", self.forbidden_found),
                            ("invented", self.invented)):
            if items:
                out.append(f"{name}: {', '.join(items)}")
        return out


def covers(cited: str, gold: str) -> bool:
    """A citation supports a gold clause when it is the clause or one of its descendants."""
    return cited == gold or cited.startswith(gold + ".")


def score_citations(cited: list[str], gold: list[str], also_ok: list[str]) -> tuple[float | None, float | None,
                                                                                      list[str], list[str]]:
    """(precision, recall, wrong citations, gold clauses not cited)."""
    cited = list(dict.fromkeys(cited))
    wrong = [c for c in cited if not any(covers(c, g) for g in [*gold, *also_ok])]
    missing = [g for g in gold if not any(covers(c, g) for c in cited)]
    precision = None
    if cited:
        precision = (len(cited) - len(wrong)) / len(cited)
    elif gold:
        precision = 0.0  # answering a policy question without any citation supports nothing
    recall = (len(gold) - len(missing)) / len(gold) if gold else None
    return precision, recall, wrong, missing


def _compact(text: str) -> str:
    return re.sub(r"[\s*_`]", "", text or "").replace("(", "（").replace(")", "）").replace(",", "，").lower()


def score_units(answer: Answer, lead: list[str], support: list[str]) -> tuple[float | None, list[str]]:
    """Each expected unit named in the text and listed under the right role in a cited clause."""
    if not lead and not support:
        return None, []
    text = _compact(answer.answer)
    cited_lead = {u for c in answer.citations for u in c.lead_units}
    cited_support = {u for c in answer.citations for u in c.support_units}
    missing = [f"牵头:{u}" for u in lead if _compact(u) not in text or u not in cited_lead]
    missing += [f"配合:{u}" for u in support if _compact(u) not in text or u not in cited_support]
    total = len(lead) + len(support)
    return (total - len(missing)) / total, missing


def score_numbers(answer: Answer, expected: list[ExpectedNumber]) -> tuple[float | None, list[str]]:
    if not expected:
        return None, []
    printed = numbers.extract(answer.answer)
    missing = []
    for number in expected:
        if not any(numbers.matches(p, number.value, number.unit, number.tolerance()) for p in printed):
            missing.append(f"{number.label + '=' if number.label else ''}{number.value:g}{number.unit}")
    return (len(expected) - len(missing)) / len(expected), missing


def _has_term(text: str, term: str) -> bool:
    return any(_compact(alt) in text for alt in term.split("|") if alt)


def score_terms(answer: Answer, require: list[str], forbid: list[str]) -> tuple[float | None, list[str], list[str]]:
    if not require and not forbid:
        return None, [], []
    text = _compact(answer.answer)
    missing = [t for t in require if not _has_term(text, t)]
    found = [t for t in forbid if _has_term(text, t)]
    total = len(require) + len(forbid)
    return (total - len(missing) - len(found)) / total, missing, found


def grounding_sources(answer: Answer, clause_text: ClauseText) -> list[numbers.Quantity]:
    """Every quantity an answer may repeat: its facts, its cited clauses, the question itself."""
    sources: list[numbers.Quantity] = []
    for fact in answer.facts:
        if isinstance(fact.value, int | float) and not isinstance(fact.value, bool):
            sources.append(numbers.Quantity(float(fact.value), numbers.canonical_unit(fact.unit), 6, str(fact.value)))
        elif isinstance(fact.value, str):
            sources.extend(numbers.extract(fact.value))
        if fact.year is not None:
            sources.append(numbers.Quantity(float(fact.year), "年", 0, str(fact.year)))
        sources.extend(numbers.extract(fact.vintage or ""))
        sources.extend(numbers.extract(fact.name))
    for citation in answer.citations:
        for text in (clause_text(citation.clause_id), citation.quote, citation.title, citation.doc_title):
            sources.extend(numbers.extract(numbers.spell_out_tiers(text or "")))
    for text in (answer.question, *answer.suggestions):  # the user's words and example questions claim nothing
        sources.extend(numbers.extract(numbers.spell_out_tiers(text)))
    return sources


def invented_numbers(answer: Answer, clause_text: ClauseText) -> list[str]:
    """Numbers in the answer text found in none of its facts, cited clauses or the question."""
    sources = grounding_sources(answer, clause_text)
    return [p.text for p in numbers.extract(answer.answer)
            if not numbers.is_trivial(p) and not numbers.grounded(p, sources)]


def score_turn(answer: Answer, turn: Turn, clause_text: ClauseText) -> TurnScore:
    cited = [c.clause_id for c in answer.citations]
    precision, recall, wrong, missing_clauses = score_citations(cited, turn.clauses, turn.also_ok)
    if not turn.clauses and not cited:
        precision = None
    units, missing_units = score_units(answer, turn.lead_units, turn.support_units)
    nums, missing_numbers = score_numbers(answer, turn.numbers)
    terms, missing_terms, forbidden = score_terms(answer, turn.require, turn.forbid)
    invented = invented_numbers(answer, clause_text) if turn.check_invented else []
    return TurnScore(
        status_ok=answer.status == turn.status, citation_precision=precision, citation_recall=recall,
        units=units, numbers=nums, terms=terms, no_invented=not invented, cited=cited, wrong_citations=wrong,
        missing_clauses=missing_clauses, missing_units=missing_units, missing_numbers=missing_numbers,
        missing_terms=missing_terms, forbidden_found=forbidden, invented=invented,
    )
