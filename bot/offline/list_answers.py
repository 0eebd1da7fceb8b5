"""Answers that list clusters or counties from the indicator store: rankings, tiers reached or not, growth."""

from __future__ import annotations

from clusterbot.bot.offline.answer_facts import asked_level, count, derived, render_answer, target_citation
from clusterbot.bot.offline.reply import Reply
from clusterbot.bot.offline.understand import Understanding
from clusterbot.messages import msg
from clusterbot.models import Fact


def _no_list_data(ctx, u: Understanding, city, metric: str) -> Reply:
    """Nothing to list for the province or the city in the year asked."""
    return ctx.not_answerable(u, "no_data", msg("engine.no_data_year", u.lang, entity=city.name if city else "全省",
                                                 year=u.slots.year or "—", metric=metric, years="—"))


def _city_of(u: Understanding):
    return next((e for e in u.entities if e.kind == "city"), None)


def rank(ctx, u: Understanding) -> Reply:
    county = next((e for e in u.entities if e.kind == "county"), None)
    if county is not None and not _city_of(u):
        return _county_clusters(ctx, u, county)
    city = _city_of(u)
    level = "county" if u.has("COUNTY_LEVEL") or (u.has("COUNTY_WORD") and not u.has("CLUSTER_WORD")) else "cluster"
    n = u.slots.top_n or (10 if not city else 20)
    args = {"metric": u.slots.metric or "revenue", "n": n, "order": "asc" if u.slots.ascending else "desc",
            "level": level}
    if u.slots.year:
        args["year"] = u.slots.year
    if city:
        args["city"] = city.name
    if u.slots.sector:
        args["sector"] = u.slots.sector
    out = ctx.call("rank", **args)
    if out.status != "ok" or not out.items:
        return _no_list_data(ctx, u, city, args["metric"])
    u.carried["referents"] = [item.entity.model_dump() for item in out.items[:10]]  # for "第一名…", "它…"
    facts = [item.figure.to_fact() for item in out.items]
    total = None
    if city and u.has("TOTAL"):  # "合计多少, 哪个县最大": the city's total, then the ranking
        total = next((f for f in ctx.call("profile", entity=city.name).latest if f.metric == args["metric"]), None)
        if total is not None:
            facts.append(total.to_fact())
    facts += [count("列出个数", len(out.items), out.year, out.demo), count("参与排名个数", out.total, out.year, out.demo)]
    text = render_answer("rank", u, out=out, city=city.name if city else None, sector=u.slots.sector, level=level,
                         total=total,
              ascending=u.slots.ascending)
    return Reply("answered", text, facts=facts)


def without_threshold(ctx, u: Understanding, city=None) -> Reply:
    city = city or _city_of(u)
    threshold = asked_level(u)
    args = {"threshold": threshold}
    if u.slots.year and u.slots.year <= 2025:
        args["year"] = u.slots.year
    if city:
        args["city"] = city.name
    out = ctx.call("counties_below", **args)
    if out.status != "ok":
        return _no_list_data(ctx, u, city, "营业收入")
    facts = [i.best.revenue.to_fact() for i in out.items if i.best and i.best.revenue]
    facts += [derived("差额", threshold - i.best.revenue.value, "亿元", i.best.cluster.name, out.year, out.demo)
              for i in out.items if i.best and i.best.revenue]
    facts += [count("未达到的县（市）个数", len(out.items), out.year, out.demo),
              count("县（市）总数", out.total_counties, out.year, out.demo)]
    text = render_answer("without_threshold", u, out=out, city=city.name if city else None, threshold=threshold)
    citation = target_citation(ctx, u, 100.0, 2030) if threshold == 100.0 else None
    return Reply("answered", text, citations=[citation] if citation else [], facts=facts)


def above_threshold(ctx, u: Understanding, city=None) -> Reply:
    """Clusters at or above a tier in a year, in the province or in one city's counties."""
    city = city or _city_of(u)
    threshold = asked_level(u)
    args = {"metric": "revenue", "n": 100, "order": "desc"}
    if u.slots.year:
        args["year"] = u.slots.year
    if city:
        args["city"] = city.name
    out = ctx.call("rank", **args)
    if out.status != "ok":
        return _no_list_data(ctx, u, city, "营业收入")
    items = [i for i in out.items if i.figure.value >= threshold]
    facts = [i.figure.to_fact() for i in items] + [count("达到的集群个数", len(items), out.year, out.demo)]
    facts.append(Fact(name="所问数额", value=threshold, unit="亿元", entity=city.name if city else "全省", source="question"))
    text = render_answer("above_threshold", u, items=items, year=out.year, threshold=threshold, city=city.name if city else None)
    return Reply("answered", text, facts=facts)


def crossed(ctx, u: Understanding) -> Reply:
    threshold = asked_level(u)
    args = {"threshold": threshold}
    if u.slots.year:
        args["year"] = u.slots.year
    out = ctx.call("crossings", **args)
    facts = [f.to_fact() for c in out.items for f in (c.previous, c.current)]
    facts.append(count("新突破集群个数", len(out.items), out.year, out.demo))
    text = render_answer("crossed", u, out=out, threshold=threshold)
    return Reply("answered", text, facts=facts)


def growth(ctx, u: Understanding) -> Reply:
    """Fastest or slowest growing clusters, or those that shrank, year on year."""
    declining = u.has("DECLINE")
    args = {"metric": u.slots.metric or "revenue", "n": 100 if declining else (u.slots.top_n or (1 if u.has("WHICH_ONE") and not u.has("LIST") else 5)),
            "order": "asc" if (declining or u.slots.ascending or u.has("SLOWEST")) else "desc"}
    if u.slots.year:
        args["year"] = u.slots.year
    city = _city_of(u)
    if city:
        args["city"] = city.name
    if u.slots.sector:
        args["sector"] = u.slots.sector
    if u.slots.years:
        args["year"] = max(u.slots.years)  # "跟2024年比，2025年…": growth into the later year
    out = ctx.call("growth", **args)
    items = [i for i in out.items if i.growth < 0] if declining else out.items
    if out.status not in ("ok",) and not items:
        return _no_list_data(ctx, u, city, args["metric"])
    facts = []
    for i in items:
        facts += [i.previous.to_fact(), i.current.to_fact(),
                  derived("同比增长", i.growth * 100, "%", i.entity.name, i.current.year, out.demo)]
    facts.append(count("列出个数", len(items), out.year, out.demo))
    from clusterbot.tools.store import snapshot

    info = snapshot(ctx.settings).metrics.get(args["metric"])
    names = {"metric_name": info.name if info else "营业收入", "metric_name_en": info.name_en if info else "revenue"}
    text = render_answer("growth", u, items=items, year=out.year, declining=declining, ascending=args["order"] == "asc",
                         **names,
              city=city.name if city else None)
    return Reply("answered", text, facts=facts)


def _county_clusters(ctx, u: Understanding, county) -> Reply:
    """A county's own clusters by revenue: the ranking asked inside one county."""
    if u.slots.metric not in (None, "revenue"):
        return ctx.not_answerable(u, "no_data", msg("engine.county_rank_revenue_only", u.lang, county=county.name))
    args = {"entity": county.name}
    if u.slots.year:
        args["year"] = u.slots.year
    out = ctx.call("profile", **args)
    clusters = sorted((c for c in out.clusters if c.revenue), key=lambda c: c.revenue.value,
                      reverse=not u.slots.ascending)
    if not clusters:
        return ctx.not_answerable(u, "no_data", msg("engine.no_cluster", u.lang, county=county.name))
    facts = [c.revenue.to_fact() for c in clusters] + [count("集群个数", len(clusters), out.year, out.demo,
                                                             entity=county.name)]
    text = render_answer("county_clusters", u, county=county.name, clusters=clusters, year=out.year,
                         first=u.slots.top_n == 1, ascending=u.slots.ascending)
    return Reply("answered", text, facts=facts)
