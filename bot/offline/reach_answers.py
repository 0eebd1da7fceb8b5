"""Answers about reaching a revenue level: which of two gets there first, and who is closest below it."""

from __future__ import annotations

import re

from clusterbot.bot.offline.answer_facts import asked_level, count, derived, entity_problem, render_answer
from clusterbot.bot.offline.reply import Reply
from clusterbot.bot.offline.understand import Understanding
from clusterbot.messages import msg
from clusterbot.models import Fact
from clusterbot.tools.policy_targets import DEFAULT_TARGET_YEAR, TIERS

DEFAULT_NEAREST = 5


def _gap(ctx, u: Understanding, entity, threshold: float):
    """The gap_to_target output of one entity with a latest figure, or the decline that says why not."""
    out = ctx.call("gap_to_target", entity=entity.name, threshold=threshold, target_year=DEFAULT_TARGET_YEAR)
    problem = entity_problem(ctx, u, out, entity.matched or entity.name)
    if problem:
        return out, problem
    if out.latest is None:
        return out, ctx.not_answerable(u, "no_data", msg("engine.no_revenue", u.lang, entity=entity.name))
    return out, None


def race(ctx, u: Understanding) -> Reply:
    """Two places or clusters and one level: each one's figure, pace and projected year, and which is first."""
    threshold = asked_level(u)
    rows, facts = [], []
    for entity in u.entities[:2]:
        out, problem = _gap(ctx, u, entity, threshold)
        if problem is not None:
            return problem
        name = out.basis.name if out.basis else entity.name
        facts.append(out.latest.to_fact())
        if not out.already_met:
            facts.append(derived("差额", out.gap, "亿元", name, out.latest_year, out.demo))
        if out.recent_cagr is not None:
            facts.append(derived("近三年年均增速", out.recent_cagr * 100, "%", name, out.latest_year, out.demo))
            facts.append(derived("增速起算年份", out.recent_cagr_from_year, "年", name, None, out.demo))
        year = out.latest_year if out.already_met else out.projected_year
        if year is not None:
            facts.append(derived("达到年份", year, "年", name, None, out.demo, digits=0))
        rows.append({"entity": entity, "basis": name, "g": out, "year": year})
    reached = [r for r in rows if r["year"] is not None]
    first = min(reached, key=lambda r: r["year"]) if reached else None
    tie = len(reached) == 2 and reached[0]["year"] == reached[1]["year"]
    facts.append(_level_fact(threshold, "全省"))
    text = render_answer("race", u, rows=rows, threshold=threshold, first=first, tie=tie)
    return Reply("answered", text, facts=facts)


def nearest(ctx, u: Understanding) -> Reply:
    """The clusters closest below a level, smallest gap first."""
    threshold = asked_level(u)
    args = {"metric": "revenue", "n": 100, "order": "desc"}
    if u.slots.year:
        args["year"] = u.slots.year
    out = ctx.call("rank", **args)
    below = [i for i in out.items if i.figure.value < threshold]
    # "离500亿最近的是哪个": one asked for, not a list
    singular = re.search(r"哪个|哪一个|哪家|哪一家|谁|\bwhich (?:one|cluster)\b", u.text, re.I) \
        and not re.search(r"哪些|哪几|几个|多少个|前\s*\d|\bwhich clusters\b", u.text, re.I)
    size = u.slots.top_n if u.slots.top_n and u.slots.top_n > 1 else 1 if singular else DEFAULT_NEAREST
    items = below[:size]  # the rank is by revenue, largest first: the first below the level are the closest
    if out.status != "ok" or not items:
        return ctx.not_answerable(u, "no_data", msg("engine.no_data_year", u.lang, entity="全省",
                                                     year=u.slots.year or "—", metric="营业收入", years="—"))
    facts = [i.figure.to_fact() for i in items]
    facts += [derived("差额", threshold - i.figure.value, "亿元", i.entity.name, out.year, out.demo) for i in items]
    facts.append(count("列出个数", len(items), out.year, out.demo))
    facts.append(Fact(name="所问数额", value=threshold, unit="亿元", entity="全省", source="question"))
    text = render_answer("nearest", u, items=items, threshold=threshold, year=out.year, defaulted=size == DEFAULT_NEAREST
              and not u.slots.top_n)
    return Reply("answered", text, facts=facts)


def history(ctx, u: Understanding) -> Reply:
    """One entity's series of an indicator, every year the data holds."""
    entity = u.entities[0]
    out = ctx.call("profile", entity=entity.name)
    problem = entity_problem(ctx, u, out, entity.matched or entity.name)
    if problem:
        return problem
    metric = u.slots.metric or "revenue"
    series = sorted((f for f in out.history if f.metric == metric), key=lambda f: f.year)
    if not series:
        return ctx.not_answerable(u, "no_data", msg("engine.no_history", u.lang, entity=entity.name, metric=metric))
    rows = []
    for before, now in zip([None, *series], series, strict=False):
        change = now.value / before.value - 1 if before is not None and before.value > 0 else None
        rows.append({"figure": now, "change": change})
    facts = [f.to_fact() for f in series]
    facts += [derived("同比增长", r["change"] * 100, "%", out.entity.name, r["figure"].year, out.demo)
              for r in rows if r["change"] is not None]
    text = render_answer("history", u, e=out.entity, rows=rows, metric_name=series[0].name, unit=series[0].unit)
    return Reply("answered", text, facts=facts)


def pace(ctx, u: Understanding) -> Reply:
    """When a level is reached at a growth rate the asker chooses: the latest year's, or the recent average."""
    from clusterbot.tools.growth import crossing_year

    entity = u.entities[0]
    threshold = asked_level(u)
    out, problem = _gap(ctx, u, entity, threshold)
    if problem is not None:
        return problem
    basis = out.basis.name if out.basis else entity.name
    latest_rate = u.has("PACE_LATEST")
    if latest_rate:
        series = ctx.call("profile", entity=basis).history
        before = next((f for f in series if f.metric == "revenue" and f.year == out.latest_year - 1), None)
        rate = out.latest.value / before.value - 1 if before is not None and before.value > 0 else None
        since = out.latest_year - 1
        year = crossing_year(out.latest.value, out.latest_year, threshold, rate)
    else:
        rate, since, year = out.recent_cagr, out.recent_cagr_from_year, out.projected_year
    facts = [out.latest.to_fact(), _level_fact(threshold, basis)]
    if not out.already_met:
        facts.append(derived("差额", out.gap, "亿元", basis, out.latest_year, out.demo))
    if rate is not None:
        facts.append(derived("所用增速", rate * 100, "%", basis, out.latest_year, out.demo))
        if rate < 0:  # the answer words a fall as 下降 x%
            facts.append(derived("年均降幅", -rate * 100, "%", basis, out.latest_year, out.demo))
        facts.append(derived("增速起算年份", since, "年", basis, None, out.demo))
    if year is not None:
        facts.append(derived("预计达到年份", year, "年", basis, None, out.demo, digits=0))
    text = render_answer("pace", u, entity=entity, basis=basis, g=out, rate=rate, since=since, year=year, threshold=threshold,
              latest_rate=latest_rate, stated=u.has("PACE_LATEST") or u.has("PACE_RECENT"))
    return Reply("answered", text, facts=facts)


def _level_fact(threshold: float, entity: str) -> Fact:
    """The level asked, named in the answer: a tier of the policy or an amount of the asker's own."""
    source = "thresholds" if threshold in TIERS else "question"
    return Fact(name="所问数额", value=threshold, unit="亿元", entity=entity, source=source)
