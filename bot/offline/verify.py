"""The offline verify step: an answer must address the plan's metric and entity, and its numbers must be grounded.

It reuses the number grounding of LLM mode (bot/llm/grounding.py). A reply that fails becomes a decline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from clusterbot.bot.llm.grounding import Evidence, check_numbers
from clusterbot.bot.offline.plan import QuestionPlan
from clusterbot.bot.offline.reply import Reply
from clusterbot.bot.offline.slots import vocab

# Kinds whose first sentence names the entity asked about, and those that lead with the metric asked.
ENTITY_LEAD = ("profile", "gap", "compare", "race")
METRIC_LEAD = ("profile", "compare", "rank", "growth", "city_totals")
_MARKUP = re.compile(r"[*_`#>]")


def lead_sentence(text: str) -> str:
    """The answer's first line that says something (markup removed)."""
    for line in text.splitlines():
        line = _MARKUP.sub("", line).strip(" -")
        if line:
            return line
    return ""


def _metric_words(metric: str, names: dict[str, str]) -> list[str]:
    words = [str(w).lower() for w in vocab()["metrics"].get(metric, [])]
    if metric in names:
        words.append(names[metric].lower())
    return words


@lru_cache(maxsize=256)
def _text_evidence(text: str) -> Evidence:
    """The numbers printed in a clause, read once per text (clauses are long; answers cite the same few)."""
    evidence = Evidence()
    evidence.add_text(text)
    return evidence


def lead_problem(plan: QuestionPlan, text: str, metric_names: dict[str, str], entity: bool = True) -> str | None:
    """What the answer's lead sentence fails to name of the plan (the metric or the place asked), or None.

    Shared by the offline engine and LLM mode: an answer that leads with another indicator or another
    place answers a different question, however well its numbers are grounded.
    """
    if plan.kind is None:
        return None
    lead = lead_sentence(text).lower()
    if plan.kind in METRIC_LEAD and plan.metric and plan.metric != "revenue":
        if not any(w in lead for w in _metric_words(plan.metric, metric_names)):
            return metric_names.get(plan.metric, plan.metric)
    if entity and plan.kind in ENTITY_LEAD and plan.entities:
        names = {str(n).lower() for e in plan.entities for n in (e.name, e.short_name, e.county, e.city, e.matched) if n}
        if not any(n in lead for n in names):
            return plan.entities[0].name
    return None


def ungrounded(reply: Reply, question: str, sources: Sequence[str] = ()) -> str | None:
    """The first number of a composed reply that no fact, cited text or the question grounds, or None."""
    evidence = Evidence()
    for fact in reply.facts:
        if isinstance(fact.value, (int, float)):
            if fact.unit == "年":
                evidence.add_value(fact.value, "projected_year")
            else:
                evidence.add_value(fact.value, fact.name, fact.unit)
        if fact.year:
            evidence.add_value(fact.year, "projected_year")
    for text in [*sources, *reply.grounds]:
        evidence.merge(_text_evidence(text))
    evidence.add_text(question)
    problems = check_numbers(reply.text, evidence).problems
    return problems[0].item if problems else None


def verify(plan: QuestionPlan, reply: Reply, metric_names: dict[str, str], sources: Sequence[str] = ()) -> str | None:
    """None when the reply answers the plan; otherwise what it fails to address.

    `sources` are the full texts of the clauses the reply cites: a number printed in them is grounded.
    """
    if reply.status != "answered" or plan.kind is None:
        return None
    missed = lead_problem(plan, reply.text, metric_names)
    if missed is not None:
        return missed
    evidence = Evidence()
    for fact in reply.facts:
        if isinstance(fact.value, (int, float)):
            if fact.unit == "年":  # a year the answer may state as reached or projected
                evidence.add_value(fact.value, "projected_year")
            else:
                evidence.add_value(fact.value, fact.name, fact.unit)
        if fact.year:
            evidence.add_value(fact.year, "projected_year")
    for text in [*sources, *reply.grounds]:  # a citation's quote is part of its clause's text
        evidence.merge(_text_evidence(text))
    evidence.add_text(plan.text)  # what the asker wrote (a level, a year) may be repeated
    if plan.tier is not None:
        evidence.add_value(plan.tier, "tier", "亿元")
    if plan.list_size is not None:
        evidence.add_value(plan.list_size, "count")
    for year in (plan.base_year, *plan.years):
        if year is not None:
            evidence.add_value(year, "projected_year")
    problems = check_numbers(reply.text, evidence).problems
    return problems[0].item if problems else None
