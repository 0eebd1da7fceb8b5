"""Which policy targets of 二、工作目标 a briefing cites, and where the place stands against each.

The targets and their status come from province_progress; the local standing from the
cluster rows (profile) and counties_below. Nothing is recomputed here.
"""

from __future__ import annotations

from clusterbot.retrieval.corpus import Corpus
from clusterbot.tools.briefing import numbers
from clusterbot.tools.briefing.model import ClusterRow, Reason, TargetKind, TargetLine
from clusterbot.tools.progress import ProgressItem
from clusterbot.tools.rank import CountiesBelowOutput

TEXT_CLAUSE = "2"
# targets that say something about one county, city or cluster (the rest are province totals)
LOCAL_INDICATORS = ("counties_with_100", "clusters_100", "mfg_rd_intensity", "five_one_coverage",
                    "leading_enterprises")


def clause_label(corpus: Corpus, clause_id: str) -> str:
    clause = corpus.clause(clause_id)
    if clause is None:
        return clause_id
    return f"{clause.label}、{clause.title}" if clause.clause_id == TEXT_CLAUSE else clause.label


def table_progress(items: list[ProgressItem]) -> list[ProgressItem]:
    """The indicator-table rows (2.table.N), in table order then target year."""
    rows = [i for i in items if i.clause_id.startswith(TEXT_CLAUSE + ".table.")]
    return sorted(rows, key=lambda i: (int(i.clause_id.rsplit(".", 1)[1]), i.target_year))


def _dedupe(items: list[ProgressItem]) -> list[ProgressItem]:
    """One line per indicator and year; the wording of the text (clause 2) wins over the table row."""
    chosen: dict[tuple[str, int], ProgressItem] = {}
    for item in items:
        key = (item.indicator, item.target_year)
        if key not in chosen or item.clause_id == TEXT_CLAUSE:
            chosen[key] = item
    return list(chosen.values())


def _short(row: ClusterRow) -> str:
    return row.cluster.short_name or row.cluster.name


def _per_cluster(rows: list[ClusterRow], metric: str, key: str) -> list[Reason]:
    out = []
    for row in rows:
        fig = row.latest.get(metric)
        if fig is not None:
            out.append(Reason(key=key, values={"cluster": _short(row), "value": numbers.figure(fig),
                                               "unit": fig.unit, "year": str(fig.year)}))
    return out


def _local(indicator: str, kind: TargetKind, rows: list[ClusterRow], below: CountiesBelowOutput | None) -> list[Reason]:
    if indicator == "counties_with_100":
        if kind == "city" and below is not None:
            return [Reason(key="brief.local.city_counties", values={
                "total": str(below.total_counties), "without": str(len(below.items))})]
        reached = [r for r in rows if r.tier]
        if reached:
            return [Reason(key="brief.local.has_100", values={"clusters": "、".join(_short(r) for r in reached)})]
        return _per_cluster(rows[:1], "revenue", "brief.local.largest_below")
    if indicator == "clusters_100":
        reached = [r for r in rows if r.tier]
        return [Reason(key="brief.local.count_100", values={"count": str(len(reached)), "total": str(len(rows))})]
    if indicator == "mfg_rd_intensity":
        return _per_cluster(rows, "rd_intensity", "brief.local.rd")
    if indicator == "five_one_coverage":
        return _per_cluster(rows, "five_one_count", "brief.local.five_one")
    if indicator == "leading_enterprises":
        return _per_cluster(rows, "leading_enterprises", "brief.local.leading")
    return []


def applicable_targets(kind: TargetKind, items: list[ProgressItem], rows: list[ClusterRow],
                       below: CountiesBelowOutput | None, corpus: Corpus) -> list[TargetLine]:
    """The targets to cite: for the province those stated in the text of 二 (the table has its own
    section); for a county, city or cluster those about clusters, with the local standing."""
    if kind == "province":
        chosen = [i for i in items if i.clause_id == TEXT_CLAUSE]
        return [TargetLine(item=i, label=clause_label(corpus, i.clause_id)) for i in chosen]
    out = []
    for item in _dedupe(items):
        if item.indicator not in LOCAL_INDICATORS:
            continue
        if item.indicator == "mfg_rd_intensity" and item.target_value is None:
            continue  # 持续增长 says nothing about one cluster
        local = _local(item.indicator, kind, rows, below)
        if local:
            out.append(TargetLine(item=item, label=clause_label(corpus, item.clause_id), local=local))
    order = {code: n for n, code in enumerate(LOCAL_INDICATORS)}
    return sorted(out, key=lambda t: (order[t.item.indicator], t.item.target_year))
