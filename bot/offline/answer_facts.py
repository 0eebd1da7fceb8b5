"""Pieces every answer about the indicator store uses: rendering, derived facts, the level asked, target citations."""

from __future__ import annotations

from clusterbot.bot.offline.reply import Reply, cite, quote_for
from clusterbot.bot.offline.understand import Understanding
from clusterbot.messages import msg
from clusterbot.models import Fact
from clusterbot.templates import render
from clusterbot.tools.policy_targets import POLICY_YEARS, TARGET_CLAUSE, TIERS

__all__ = ["POLICY_YEARS", "TARGET_CLAUSE", "TIERS"]


def render_answer(name: str, u: Understanding, **values) -> str:
    return render(f"answer/{name}.{u.lang}", **values)


def derived(name: str, value: float, unit: str, entity: str, year: int | None, demo: bool, digits: int = 1) -> Fact:
    """A number computed by a tool from data rows (a gap, a growth rate), rounded as the answer shows it."""
    return Fact(name=name, value=round(value, digits), unit=unit, year=year, entity=entity, source="computed",
                demo=demo)


def tier_fact(tier: str | None, entity: str, year: int | None, demo: bool) -> list[Fact]:
    """The tier a profile names (百亿级, 300亿级 …) as a fact: its threshold in 亿元."""
    if not tier:
        return []
    value = {"百亿级": 100, "千亿级": 1000}.get(tier)
    if value is None:
        digits = "".join(ch for ch in tier if ch.isdigit())
        value = int(digits) if digits else None
    if value is None:
        return []
    return [Fact(name="规模档位下限", value=value, unit="亿元", year=year, entity=entity, source="thresholds", demo=demo)]


def count(name: str, value: int, year: int | None, demo: bool, entity: str = "全省") -> Fact:
    """A count of rows a tool returned (how many counties, clusters), kept as a fact of the answer."""
    return Fact(name=name, value=value, unit="个", year=year, entity=entity, source="computed", demo=demo)


def target_citation(ctx, u: Understanding, threshold: float, target_year: int):
    clause = ctx.corpus.clause(TARGET_CLAUSE)
    if clause is None:
        return None
    if threshold == 100.0 and target_year == 2030:
        term = "每个县（市）至少培育形成"
    elif threshold == 1000.0:
        term = "千亿级集群达到" if target_year == 2030 else "千亿级集群"
    elif threshold in (300.0, 500.0):
        term = "500 亿级集群"
    else:
        term = f"到 {target_year} 年"
    year_sentences = [s for s in clause.text.split("\n") if f"{target_year}" in s]
    quote = quote_for(clause, term, limit=200)
    if year_sentences and term not in quote:
        quote = year_sentences[0][:200]
    return cite(ctx.corpus, clause, quote=quote)


def entity_problem(ctx, u: Understanding, head, name: str) -> Reply | None:
    """A reply for a name that did not resolve to exactly one entity, or None when it did."""
    if head.status == "ok":
        return None
    names = "、".join(c.name for c in head.candidates[:5])
    if head.status == "ambiguous":
        return ctx.not_answerable(u, "no_data", msg("engine.ambiguous", u.lang, name=name, candidates=names))
    if head.status == "not_found" and head.candidates:
        return ctx.not_answerable(u, "no_data", msg("engine.did_you_mean", u.lang, name=name, candidates=names))
    if head.status == "not_found":
        return ctx.not_answerable(u, "no_data", msg("engine.unknown_entity", u.lang, name=name))
    return None


def asked_level(u: Understanding) -> float:
    """The level asked: a tier of the policy, an amount of the asker's own (天长200亿还差多少), else 百亿."""
    if u.slots.threshold is not None:
        return float(u.slots.threshold)
    odd = [a for a in u.slots.amounts_yi if 0 < a < 10000]
    return odd[0] if odd else 100.0
