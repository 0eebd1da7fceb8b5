"""Answers by prefecture city: clusters counted per city (all, or those at a level), or a figure added up per city."""

from __future__ import annotations

from clusterbot.bot.offline.answer_facts import count, render_answer
from clusterbot.bot.offline.reply import Reply
from clusterbot.bot.offline.understand import Understanding
from clusterbot.messages import msg

ALL = 100  # the rank tool's limit, more than the clusters of the province


def city_totals(ctx, u: Understanding) -> Reply:
    counting = u.has("CLUSTER_COUNT") or (u.slots.threshold is not None and u.has("COUNT"))
    return _counts(ctx, u) if counting else _sums(ctx, u)


def _counts(ctx, u: Understanding) -> Reply:
    """Clusters per city, or those with revenue at or above the level asked."""
    threshold = u.slots.threshold
    args = {"metric": "revenue", "n": ALL, "order": "desc"}
    if u.slots.year:
        args["year"] = u.slots.year
    out = ctx.call("rank", **args)
    if out.status != "ok":
        return _no_data(ctx, u)
    counts: dict[str, int] = {}
    for item in out.items:
        if item.entity.city:
            counts.setdefault(item.entity.city, 0)
            if threshold is None or item.figure.value >= threshold:
                counts[item.entity.city] += 1
    rows = sorted(counts.items(), key=lambda kv: (kv[1] if u.slots.ascending else -kv[1], kv[0]))
    facts = [count("集群个数", n, out.year, out.demo, entity=city) for city, n in rows]
    text = render_answer("city_counts", u, rows=rows, year=out.year, threshold=threshold,
              best=rows[0] if rows and u.slots.top_n == 1 else None, ascending=u.slots.ascending)
    return Reply("answered", text, facts=facts)


def _sums(ctx, u: Understanding) -> Reply:
    """A figure added up over each city's clusters, largest first."""
    args = {"metric": u.slots.metric or "revenue", "n": u.slots.top_n or ALL, "level": "city",
            "order": "asc" if u.slots.ascending else "desc"}
    if u.slots.year:
        args["year"] = u.slots.year
    out = ctx.call("rank", **args)
    if out.status != "ok" or not out.items:
        return _no_data(ctx, u)
    facts = [item.figure.to_fact() for item in out.items]
    text = render_answer("city_sums", u, out=out)
    return Reply("answered", text, facts=facts)


def _no_data(ctx, u: Understanding) -> Reply:
    return ctx.not_answerable(u, "no_data", msg("engine.no_data_year", u.lang, entity="全省", year=u.slots.year or "—",
                                                 metric="营业收入", years="—"))
