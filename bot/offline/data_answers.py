"""Answers about named places from the indicator store: gaps, profiles, comparisons (lists: list_answers)."""

from __future__ import annotations

import re

from clusterbot.bot.offline.answer_facts import (
    asked_level,
    count,
    derived,
    entity_problem,
    render_answer,
    target_citation,
    tier_fact,
)
from clusterbot.bot.offline.reply import Reply
from clusterbot.bot.offline.understand import Understanding
from clusterbot.messages import msg
from clusterbot.models import Fact
from clusterbot.tools.policy_targets import POLICY_YEARS, TIERS

LAST_DEADLINE = 2050  # the latest year a required growth rate is computed for


def _policy_year(ctx, u: Understanding, default: int) -> tuple[int | None, Reply | None]:
    years = [y for y in u.slots.years if y > 2024] or u.slots.years
    if not years:
        return default, None
    year = years[-1]
    # a later year of the asker's own ("到2028年破百亿") is a deadline like the policy's: its growth is computed
    if year not in POLICY_YEARS and not min(POLICY_YEARS) < year <= LAST_DEADLINE:
        reply = ctx.not_answerable(u, "no_data", msg("engine.target_year_unsupported", u.lang, year=year))
        reply.facts = [Fact(name="政策目标年份", value=y, unit="年", year=y, entity="全省", source="policy:2")
                       for y in POLICY_YEARS]
        return None, reply
    return year, None


def gap(ctx, u: Understanding) -> Reply:
    entity = u.entities[0]
    threshold = asked_level(u)
    target_year, problem = _policy_year(ctx, u, 2030)
    if problem:
        return problem
    out = ctx.call("gap_to_target", entity=entity.name, threshold=threshold, target_year=target_year)
    problem = entity_problem(ctx, u, out, entity.matched or entity.name)
    if problem:
        return problem
    if out.status == "no_data" or out.latest is None:
        if entity.kind == "county" and not out.clusters:
            return ctx.not_answerable(u, "no_data", msg("engine.no_cluster", u.lang, county=entity.name))
        return ctx.not_answerable(u, "no_data", msg("engine.no_revenue", u.lang, entity=entity.name))
    demo = out.demo
    basis = out.basis
    facts = [out.latest.to_fact()]
    name = basis.name if basis else entity.name
    if not out.already_met:
        facts.append(derived("差额", out.gap, "亿元", name, out.latest_year, demo))
    if out.required_cagr is not None and not out.target_year_passed:
        facts.append(derived("所需年均增速", out.required_cagr * 100, "%", name, target_year, demo))
    if out.recent_cagr is not None:
        facts.append(derived("近三年年均增速", out.recent_cagr * 100, "%", name, out.latest_year, demo))
        facts.append(derived("增速起算年份", out.recent_cagr_from_year, "年", name, None, demo))
        if out.projected_year and not out.already_met:
            facts.append(derived("按近年增速预计达到年份", out.projected_year, "年", name, None, demo))
    clusters = []
    for c in out.clusters:
        if c.latest is not None:
            facts.append(c.latest.to_fact())
            if not c.already_met and c.gap is not None:
                facts.append(derived("差额", c.gap, "亿元", c.cluster.name, c.latest_year, demo))
        clusters.append(c)
    text = render_answer("gap", u, g=out, verdict=_verdict(u, out, target_year), cluster_name=name, county=entity.name if entity.kind == "county" else None,
              clusters=clusters, threshold=threshold, target_year=target_year, policy_tier=threshold in TIERS)
    if threshold not in TIERS:  # the level asked and the policy's tiers, both named in the note
        facts.append(Fact(name="所问数额", value=threshold, unit="亿元", entity=name, source="question"))
        facts += [Fact(name="规模档位", value=t, unit="亿元", entity="全省", source="thresholds") for t in TIERS]
    # a level of the asker's own (150亿) is no target of the policy: nothing to cite for it
    citation = target_citation(ctx, u, threshold, target_year) \
        if threshold in TIERS and target_year in POLICY_YEARS else None
    return Reply("answered", text, citations=[citation] if citation else [], facts=facts)


def _verdict(u: Understanding, out, target_year: int | None) -> str | None:
    """The yes or no a question of reaching asks for ("能破百亿吗", "够不够", "算不算"), said first: met
    already, on pace by the year asked (at the recent pace), or short of it; None when nothing yes/no is asked."""
    from clusterbot.bot.offline.lexicon import hit

    if not hit("YES_NO", u.text):
        return None
    if out.already_met:
        return "met"
    # "过百亿了吗" asks about now; a year or a modal of the future ("2029年能破百亿不", "会不会") asks about the pace
    future = bool(u.slots.years) or re.search(r"能|会|可以|有望|有希望|来得及|赶得上|\bcan\b|\bwill\b|\bcould\b", u.text,
                                              re.IGNORECASE)
    if not future or out.target_year_passed or out.recent_cagr is None:
        return "not_met"
    return "on_pace" if out.projected_year and target_year and out.projected_year <= target_year else "short"


def finish(ctx, u: Understanding, reply: Reply) -> Reply:
    """Append the data note (source, vintage, 示例数据) to an answer that used indicator data."""
    data_facts = [f for f in reply.facts if f.source != "computed" and not f.source.startswith("policy:")]
    if reply.status != "answered" or not data_facts:
        return reply
    demo = any(f.demo for f in reply.facts)
    vintages = sorted({f.vintage for f in data_facts if f.vintage})
    sources = sorted({f.source for f in data_facts if f.source and f.source != "demo"})
    vintage = vintages[-1] if vintages else None
    note = render_answer("data_note", u, demo=demo, sources=sources, vintage=vintage)
    reply.text = f"{reply.text}\n\n{note}"
    reply.data_vintage = vintage
    return reply


def _profile(ctx, u: Understanding, entity):
    args = {"entity": entity.name}
    if u.slots.year:
        args["year"] = u.slots.year
    return ctx.call("profile", **args)


def _no_year(ctx, u: Understanding, out) -> Reply:
    """The asked year is outside the data: say which years there are, with those years as facts."""
    years = sorted({f.year for f in out.history})
    first, last = years[0], years[-1]
    reply = ctx.not_answerable(u, "no_data", msg("engine.no_data_year", u.lang, entity=out.entity.name,
                                                  year=u.slots.year, metric="数据", years=f"{first}—{last}"))
    reply.facts = [Fact(name="数据年份", value=y, unit="年", year=y, entity=out.entity.name, source="computed",
                        demo=out.demo) for y in (first, last)]
    if u.slots.year is not None:
        reply.facts.append(Fact(name="所问年份", value=u.slots.year, unit="年", year=u.slots.year,
                                entity=out.entity.name, source="question"))
    return reply


def _metric_missing(ctx, u: Understanding, out, metric: str) -> Reply:
    """The asked indicator is not reported for this entity in any year: say so, give no number."""
    from clusterbot.tools.store import snapshot

    info = snapshot(ctx.settings).metrics.get(metric)
    label = (info.name_en if u.lang == "en" else info.name) if info else metric
    return ctx.not_answerable(u, "no_data", msg("engine.metric_missing", u.lang, entity=out.entity.name, metric=label))


def _metric_change(out, now, base_year: int) -> dict | None:
    """An indicator (not revenue) against an earlier year of the same entity, when a change is asked."""
    before = next((f for f in out.history if f.metric == now.metric and f.year == base_year), None)
    if before is None:
        return None
    unit = "个百分点" if now.unit == "%" else now.unit
    return {"now": now, "before": before, "delta": round(now.value - before.value, 4), "unit": unit}


def profile(ctx, u: Understanding) -> Reply:
    groups: dict[str, list] = {}
    for e in u.entities:
        groups.setdefault(e.matched or e.name, []).append(e)
    first_alias, first = next(iter(groups.items()))
    if len(first) > 1:
        names = "、".join(e.name for e in first[:5])
        return ctx.not_answerable(u, "no_data", msg("engine.ambiguous", u.lang, name=first_alias, candidates=names))
    out = _profile(ctx, u, first[0])
    problem = entity_problem(ctx, u, out, first_alias)
    if problem:
        return problem
    if out.status == "no_data" or not out.latest:
        return ctx.not_answerable(u, "no_data", msg("engine.no_data_year", u.lang, entity=first[0].name,
                                                     year=u.slots.year or "—", metric="营业收入", years="—"))
    if u.slots.year and out.year != u.slots.year:
        return _no_year(ctx, u, out)
    asked = u.slots.metric
    if asked and asked != "revenue" and out.entity.kind == "cluster" and not any(f.metric == asked for f in out.history):
        return _metric_missing(ctx, u, out, asked)
    facts = [f.to_fact() for f in out.latest]
    if out.entity.kind != "city":
        facts += tier_fact(out.tier, out.entity.name, out.year, out.demo)
    for c in out.clusters:
        if c.revenue is not None:
            facts.append(c.revenue.to_fact())
        if c.growth is not None:
            facts.append(derived("同比增长", c.growth * 100, "%", c.cluster.name, out.year, out.demo))
    latest = {f.metric: f for f in out.latest}
    revenue = latest.get("revenue")
    growth = None
    previous = None
    base_year = u.slots.base_year if u.slots.base_year and u.slots.base_year < out.year else out.year - 1
    if revenue is not None:
        previous = next((f for f in out.history if f.metric == "revenue" and f.year == base_year), None)
        if previous is not None and previous.value > 0:
            growth = revenue.value / previous.value - 1
            facts.append(previous.to_fact())
            # the answer states a decline as a positive "下降 x%", so both signs are facts
            name = "同比增长" if base_year == out.year - 1 else f"比{base_year}年增长"
            facts.append(derived(name, growth * 100, "%", out.entity.name, out.year, out.demo))
            facts.append(derived("增减幅度", abs(growth) * 100, "%", out.entity.name, out.year, out.demo))
            facts.append(derived("增减额", abs(revenue.value - previous.value), revenue.unit, out.entity.name,
                                  out.year, out.demo))
    change = None
    asked_change = u.has("CHANGE_ASKED")
    if asked_change and asked and asked != "revenue" and asked in latest:
        change = _metric_change(out, latest[asked], base_year)
        if change is not None:
            facts += [change["before"].to_fact(), derived(f"{latest[asked].name}增减", abs(change["delta"]),
                                                           change["unit"], out.entity.name, out.year, out.demo, digits=2)]
    if not asked_change:
        previous = None  # the year before is named only when the asker wants the change
    for r in out.ranks:
        facts.append(Fact(name="排名", value=r.position, unit="位", year=r.year, entity=out.entity.name,
                          source="computed", demo=out.demo))
        facts.append(Fact(name="参与排名数", value=r.total, unit="个", year=r.year, entity=out.entity.name,
                          source="computed", demo=out.demo))
    # the asked indicator leads the answer, so its first sentence answers the question
    lead = latest.get(asked) if asked and asked != "revenue" else None
    text = render_answer("profile", u, p=out, e=out.entity, latest=latest, revenue=revenue, growth=growth, previous=previous,
              change=change, asked=lead)
    return Reply("answered", text, facts=facts)




def compare(ctx, u: Understanding) -> Reply:
    picked, seen = [], set()
    for e in u.entities:
        if e.name not in seen:
            seen.add(e.name)
            picked.append(e)
    outs = []
    for entity in picked[:2]:
        out = _profile(ctx, u, entity)
        problem = entity_problem(ctx, u, out, entity.matched or entity.name)
        if problem:
            return problem
        if not out.latest:
            return ctx.not_answerable(u, "no_data", msg("engine.no_data_year", u.lang, entity=entity.name,
                                                         year=u.slots.year or "—", metric="营业收入", years="—"))
        if u.slots.year and out.year != u.slots.year:
            return _no_year(ctx, u, out)
        outs.append(out)
    metric = u.slots.metric or "revenue"
    if u.has("GROWTH") or u.has("CHANGE_ASKED"):  # compared by how fast they grew, not by size
        return _compare_growth(u, outs, metric)
    largest = metric == "revenue" and u.has("LARGEST_CLUSTER")
    rows = []
    facts = []
    for out in outs:
        fig = next((f for f in out.latest if f.metric == metric), None)
        biggest = max((c for c in out.clusters if c.revenue), key=lambda c: c.revenue.value, default=None)
        if largest and out.entity.kind != "cluster" and biggest is not None:
            # asked about each side's largest cluster: a county is compared by it, as 二、工作目标 judges it
            facts.append(biggest.revenue.to_fact())
            facts += tier_fact(biggest.tier, biggest.cluster.name, out.year, out.demo)
            rows.append({"entity": biggest.cluster, "figure": biggest.revenue, "clusters": 1, "tier": biggest.tier})
            continue
        if fig is not None:
            facts.append(fig.to_fact())
        rows.append({"entity": out.entity, "figure": fig, "clusters": len(out.clusters), "tier": out.tier})
        if out.entity.kind != "cluster":
            facts.append(count("集群个数", len(out.clusters), out.year, out.demo, entity=out.entity.name))
        facts += tier_fact(out.tier, out.entity.name, out.year, out.demo)
    diff = None
    if all(r["figure"] is not None for r in rows):
        diff = rows[0]["figure"].value - rows[1]["figure"].value
        facts.append(derived("差值", abs(diff), rows[0]["figure"].unit, f"{rows[0]['entity'].name}−{rows[1]['entity'].name}",
                              rows[0]["figure"].year, any(o.demo for o in outs)))
    text = render_answer("compare", u, rows=rows, diff=diff)
    return Reply("answered", text, facts=facts)


def _compare_growth(u: Understanding, outs: list, metric: str) -> Reply:
    """Two entities by the growth of one indicator over the year before (or the base year asked)."""
    rows, facts = [], []
    for out in outs:
        now = next((f for f in out.latest if f.metric == metric), None)
        base_year = u.slots.base_year if u.slots.base_year and u.slots.base_year < out.year else out.year - 1
        before = next((f for f in out.history if f.metric == metric and f.year == base_year), None)
        growth = now.value / before.value - 1 if now and before and before.value > 0 else None
        rows.append({"entity": out.entity, "now": now, "before": before, "growth": growth})
        if growth is not None and now is not None and before is not None:
            facts += [now.to_fact(), before.to_fact(),
                      derived(f"{now.name}增长", growth * 100, "%", out.entity.name, now.year, out.demo)]
    known = [r for r in rows if r["growth"] is not None]
    faster = max(known, key=lambda r: r["growth"]) if len(known) == 2 else None
    tie = faster is not None and round(known[0]["growth"], 3) == round(known[1]["growth"], 3)
    text = render_answer("compare_growth", u, rows=rows, faster=faster, tie=tie)
    return Reply("answered", text, facts=facts)
