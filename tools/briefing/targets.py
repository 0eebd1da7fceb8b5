"""Which policy targets of 二、工作目标 a briefing cites, and where the place stands against each.

The targets and their status come from province_progress; the local standing from the
cluster rows (profile) and counties_below. Nothing is recomputed here.
"""

from __future__ import annotations

import re

from clusterbot.messages import msg
from clusterbot.retrieval.corpus import Corpus
from clusterbot.tools.briefing import numbers
from clusterbot.tools.briefing.model import ClusterRow, Reason, TargetKind, TargetLine, display_name
from clusterbot.tools.progress import ProgressItem
from clusterbot.tools.rank import CountiesBelowOutput

TEXT_CLAUSE = "2"
# targets that say something about one county, city or cluster (the rest are province totals)
LOCAL_INDICATORS = ("counties_with_100", "clusters_100", "mfg_rd_intensity", "five_one_coverage",
                    "leading_enterprises")


TABLE_PREFIX = TEXT_CLAUSE + ".table."
QUALITATIVE_END = re.compile(r"(全面建立|全覆盖|持续增长|持续提高)$")
PERCENT_POINTS = "%"


def clause_label(corpus: Corpus, clause_id: str) -> str:
    """The citation as readers know it: 《指导意见》三（二）1, or 主要指标表第4项 for a row of the table."""
    if clause_id.startswith(TABLE_PREFIX):
        return msg("brief.cite.table", row=clause_id.rsplit(".", 1)[1])
    clause = corpus.clause(clause_id)
    return msg("brief.cite.clause", label=clause.label if clause is not None else clause_id)


def _gap_text(item: ProgressItem) -> str:
    """What is still missing, with its unit; a gap under 0.1 万亿元 is said in 亿元 (0.06万亿元 hides 568.5亿元)."""
    gap = item.gap or 0.0
    if item.unit == "万亿元" and gap < 0.1:
        return numbers.amount(gap * 10000, "亿元")
    if item.unit == PERCENT_POINTS:
        return msg("brief.points", value=numbers.number(gap, "%"))
    return numbers.amount(gap, item.unit)


def status_words(item: ProgressItem, year: int) -> str:
    """已完成 / 尚未完成，差 X / 进度滞后 Y 个百分点 / 保持增长 / 暂无数据 — never a bare code."""
    if item.status == "met":
        return msg("brief.status.met")
    if item.status in ("rising", "not_rising", "no_data"):
        return msg(f"brief.status.{item.status}")
    baseline = item.baseline
    if item.target_year > year and baseline is not None and item.target_value is not None and item.actual is not None \
            and baseline.year < year and item.target_value != baseline.value:
        done = (item.actual.value - baseline.value) / (item.target_value - baseline.value)
        elapsed = (year - baseline.year) / (item.target_year - baseline.year)
        lag = (elapsed - done) * 100
        if lag > 0:
            return msg("brief.status.behind", points=f"{lag:.1f}", gap=_gap_text(item))
        return msg("brief.status.on_track", gap=_gap_text(item))
    return msg("brief.status.short", gap=_gap_text(item))


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
    return display_name(row.cluster)


def _local(item: ProgressItem, kind: TargetKind, rows: list[ClusterRow],
           below: CountiesBelowOutput | None) -> list[Reason]:
    """Where the place itself stands on this indicator, said once (要点), with the status in words."""
    indicator = item.indicator
    base = {"target": quoted(target_phrase(item)), "year": str(item.target_year)}
    if indicator == "counties_with_100":
        if kind == "cluster":
            return []  # a county's target, said in the county's briefing
        if kind == "city" and below is not None:
            done = msg("brief.status.met") if not below.items else msg("brief.status.unfinished")
            return [Reason(key="brief.local.city_counties", values={
                **base, "total": str(below.total_counties), "without": str(len(below.items)), "status": done})]
        reached = [r for r in rows if r.tier]
        return [Reason(key="brief.local.has_100" if reached else "brief.local.no_100", values=base)]
    if indicator == "mfg_rd_intensity" and item.target_value is not None:
        values = [r.latest["rd_intensity"].value for r in rows if "rd_intensity" in r.latest]
        if not values:
            return []
        low = sum(1 for v in values if v < item.target_value)
        if kind == "cluster":
            status = msg("brief.status.met") if not low else msg("brief.status.unfinished")
            return [Reason(key="brief.local.rd_one", values={**base, "value": numbers.amount(values[0], "%"),
                                                              "target": f"{item.target_text}{item.unit}",
                                                              "status": status})]
        return [Reason(key="brief.local.rd_low" if low else "brief.local.rd_ok", values={
            **base, "clusters": str(len(values)), "below": str(low),
            "value": f"{item.target_text}{item.unit}"})]
    if indicator == "five_one_coverage" and item.target_value is not None:
        counts = [r.latest["five_one_count"].value for r in rows if "five_one_count" in r.latest]
        if not counts:
            return []
        share = 100 * sum(counts) / (5 * len(counts))
        gap = item.target_value - share
        status = msg("brief.status.met") if gap <= 0 else msg(
            "brief.status.short", gap=msg("brief.points", value=numbers.number(gap, "%")))
        return [Reason(key="brief.local.five_one", values={
            **base, "value": short_target(item), "built": numbers.number(sum(counts)), "possible": str(5 * len(counts)),
            "share": numbers.amount(share, "%"), "status": status})]
    if indicator == "leading_enterprises":
        counts = [r.latest["leading_enterprises"].value for r in rows if "leading_enterprises" in r.latest]
        if not counts:
            return []
        key = "brief.local.leading_one" if kind == "cluster" else "brief.local.leading"
        return [Reason(key=key, values={"count": numbers.number(sum(counts)), "clusters": str(len(counts))})]
    return []


def quoted(text: str) -> str:
    """A phrase that goes inside “…”: its own double quotes become single ones (“集群‘五个一’机制…”)."""
    return text.replace("“", "‘").replace("”", "’")


def target_phrase(item: ProgressItem) -> str:
    """The target as a reader quotes it: the text's own words, or the table's indicator 达到 value."""
    if item.clause_id == TEXT_CLAUSE:
        return item.target_text
    if item.target_value is None:
        return f"{item.name}{item.target_text}"
    return msg("brief.target_reach", name=item.name, value=item.target_text, unit=item.unit)


def applicable_targets(kind: TargetKind, items: list[ProgressItem], rows: list[ClusterRow],
                       below: CountiesBelowOutput | None, corpus: Corpus, year: int) -> list[TargetLine]:
    """The targets to cite, one line per indicator and year (the text's wording wins over the table's):
    for the province every one; for a county, city or cluster those about clusters, with the local
    standing on the first line of each indicator only (stated once, not under every target year)."""
    def line(item: ProgressItem, local: list[Reason]) -> TargetLine:
        return TargetLine(item=item, label=clause_label(corpus, item.clause_id), phrase=target_phrase(item),
                          status=status_words(item, year), local=local)

    if kind == "province":
        chosen = sorted(_dedupe(items), key=lambda i: (_table_row(i, items), _first_year(i, items), i.target_year))
        return [line(i, []) for i in chosen]
    out = []
    said: set[str] = set()
    order = {code: n for n, code in enumerate(LOCAL_INDICATORS)}
    for item in sorted(_dedupe(items), key=lambda i: (order.get(i.indicator, 99), i.target_year)):
        if item.indicator not in LOCAL_INDICATORS:
            continue
        if item.indicator == "mfg_rd_intensity" and item.target_value is None:
            continue  # 持续增长 says nothing about one cluster
        if item.indicator in said:
            out.append(line(item, []))
            continue
        local = _local(item, kind, rows, below)
        if local:  # an indicator the place itself has no standing on is the province's business
            out.append(line(item, local))
            said.add(item.indicator)
    return out


def _first_year(item: ProgressItem, items: list[ProgressItem]) -> int:
    return min(i.target_year for i in items if i.indicator == item.indicator)


def short_target(item: ProgressItem) -> str:
    """A target in few words after its year: 突破1万亿元, 35个, 10个左右, 持续增长."""
    if item.target_value is None:
        return item.target_text if len(item.target_text) <= 6 else msg("brief.target_qualitative")
    shown = f"{item.target_value:g}"
    if item.clause_id == TEXT_CLAUSE and shown not in item.target_text:  # 全面建立: the words are the target
        found = QUALITATIVE_END.search(item.target_text)
        if found:
            return found[0]
    value = msg("brief.target_value", value=shown, unit=item.unit)
    if item.comparator == ">":
        return msg("brief.target_over", value=value)
    if item.comparator == "~":
        return msg("brief.target_about", value=value)
    return value


def _table_row(item: ProgressItem, items: list[ProgressItem]) -> int:
    """The item's row in the indicator table (its own, or that of the same indicator), else after the table."""
    for candidate in [item, *items]:
        if candidate.indicator == item.indicator and candidate.clause_id.startswith(TABLE_PREFIX):
            return int(candidate.clause_id.rsplit(".", 1)[1])
    return 99
