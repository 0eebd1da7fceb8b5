"""Gather a briefing's content by calling the typed tools (tools.registry), never the data directly.

The only store reads outside the tools are reference lists (revenue tiers, target years) that the
tools themselves are parameterised with.
"""

from __future__ import annotations

import datetime as dt
import re

from clusterbot.config import Settings
from clusterbot.errors import InputError
from clusterbot.retrieval.corpus import load_corpus
from clusterbot.tools import registry
from clusterbot.tools.briefing.masthead import masthead
from clusterbot.tools.briefing.model import ClusterRow, Content, GapRow, RequiredGrowth, TargetKind
from clusterbot.tools.briefing.points import key_points
from clusterbot.tools.briefing.targets import applicable_targets, clause_label, table_progress
from clusterbot.tools.briefing.tasks import pick_tasks
from clusterbot.tools.models import EntityRef, Figure
from clusterbot.tools.profile import ClusterBrief, ProfileOutput
from clusterbot.tools.snapshot import PROVINCE
from clusterbot.tools.store import snapshot

TABLE_YEARS = 5
# how people name the whole province in a request
PROVINCE_WORDS = re.compile(r"^\s*(全省|安徽|安徽省|全安徽|province|anhui)\s*$", re.IGNORECASE)
KIND_OF = {"county": ["county"], "cluster": ["cluster"], "city": ["city"]}


def _candidates(refs: list[EntityRef]) -> str:
    return "、".join(r.name for r in refs)


def resolve_target(settings: Settings, target: str, kind: str | None = None) -> tuple[TargetKind, EntityRef | None]:
    """(kind, entity) of a briefing request; the province has no entity. Raises InputError otherwise."""
    if kind == "province" or (kind is None and PROVINCE_WORDS.match(target or "")):
        return "province", None
    text = (target or "").strip()
    if not text:
        raise InputError("brief.no_target")
    found = registry.call("resolve", {"name": text, "kinds": KIND_OF.get(kind or "")}, settings)
    if found.status == "ok":
        if not found.match.exact:
            raise InputError("brief.not_found_suggest", name=text, candidates=found.match.name)
        return found.match.kind, found.match
    if found.status == "ambiguous":
        raise InputError("brief.ambiguous", name=text, candidates=_candidates(found.candidates))
    if found.suggestions:
        raise InputError("brief.not_found_suggest", name=text, candidates=_candidates(found.suggestions))
    raise InputError("brief.not_found", name=text)


def _profile(settings: Settings, name: str, year: int | None) -> ProfileOutput:
    out = registry.call("profile", {"entity": name, "year": year}, settings)
    if out.status != "ok":
        raise InputError("brief.no_data", name=name, year=year or "")
    return out


def _member_briefs(settings: Settings, kind: str, entity: EntityRef | None, year: int | None) -> list[ClusterBrief]:
    """The clusters of the briefing with their latest revenue, growth and tier (profile tool)."""
    if kind in ("county", "city"):
        return _profile(settings, entity.name, year).clusters
    if kind == "cluster":
        county = _profile(settings, entity.county or "", year)
        return [b for b in county.clusters if b.cluster.name == entity.name]
    cities = sorted(snapshot(settings).cities)
    briefs = [b for city in cities for b in _profile(settings, city, year).clusters]
    return sorted(briefs, key=lambda b: -(b.revenue.value if b.revenue else -1))


def _cluster_row(settings: Settings, brief: ClusterBrief, year: int) -> ClusterRow:
    prof = _profile(settings, brief.cluster.name, year)
    revenue = [f for f in prof.history if f.metric == "revenue" and f.year > year - TABLE_YEARS]
    previous = {f.metric: f for f in prof.history if f.year == year - 1}
    gap = registry.call("gap_to_target", {"entity": brief.cluster.name, "as_of_year": year}, settings)
    ranks = {r.scope: r for r in prof.ranks}
    return ClusterRow(cluster=brief.cluster, revenue=revenue, growth=brief.growth, recent_cagr=gap.recent_cagr,
                      recent_cagr_from_year=gap.recent_cagr_from_year, gap_latest=gap.latest, rank_province=ranks.get("province"),
                      rank_city=ranks.get("city"), tier=brief.tier, latest={f.metric: f for f in prof.latest},
                      previous=previous)


def _gap_rows(settings: Settings, rows: list[ClusterRow], tiers: list[float], target_years: list[int],
              year: int) -> list[GapRow]:
    out = []
    for row in rows:
        latest = row.gap_latest  # the briefing year's value (gap_to_target as_of_year)
        if latest is None:
            continue
        above = [t for t in tiers if t > latest.value]
        if not above:
            continue
        threshold = min(above)
        required, last = [], None
        for target_year in target_years:
            last = registry.call("gap_to_target", {"entity": row.cluster.name, "threshold": threshold,
                                                   "target_year": target_year, "as_of_year": year}, settings)
            required.append(RequiredGrowth(target_year=target_year, required_cagr=last.required_cagr,
                                           target_year_passed=last.target_year_passed))
        out.append(GapRow(cluster=row.cluster, threshold=threshold, threshold_label=last.threshold_label,
                          latest=last.latest, gap=last.gap, required=required, recent_cagr=last.recent_cagr,
                          recent_cagr_from_year=last.recent_cagr_from_year, projected_year=last.projected_year))
    return out


def _distribution(settings: Settings, year: int) -> list[Figure]:
    ranked = registry.call("rank", {"metric": "revenue", "year": year, "n": 100}, settings)
    return [item.figure for item in ranked.items]


def _province_totals(settings: Settings, years: list[int], target_year: int) -> list[Figure]:
    out = []
    for year in years:
        found = registry.call("province_progress", {"year": year, "target_year": target_year,
                                                    "indicator": "revenue_total"}, settings)
        actual = next((i.actual for i in found.items if i.actual is not None), None)
        if actual is not None:
            out.append(actual)
    return out


def collect(settings: Settings, kind: TargetKind, entity: EntityRef | None, year: int | None,
            today: dt.date, options: dict[str, str | None] | None = None) -> Content:
    """Everything a briefing says, from the tools, for one county, cluster, city or the province."""
    snap = snapshot(settings)
    data_years = snap.years("revenue")
    if year is not None and year not in data_years:
        raise InputError("brief.bad_year", year=year, years=f"{data_years[0]}–{data_years[-1]}" if data_years else "—")
    year = year or (data_years[-1] if data_years else None)
    if year is None:
        raise InputError("brief.no_data", name=entity.name if entity else PROVINCE, year="")
    tiers = sorted(snap.thresholds)
    target_years = sorted({t.year for t in snap.targets if t.kind == "target"})
    corpus = load_corpus(settings)
    doc = corpus.document()

    total, total_growth, ranks = None, None, []
    if entity is not None:
        prof = _profile(settings, entity.name, year)
        total = next((f for f in prof.latest if f.metric == "revenue"), None)
        ranks = [] if kind == "cluster" else prof.ranks
        if kind != "cluster":
            grown = registry.call("growth", {"entity": entity.name}, settings)
            total_growth = next((i.growth for i in grown.items if i.current.year == year), None)

    rows = [_cluster_row(settings, b, year) for b in _member_briefs(settings, kind, entity, year)]
    gaps = _gap_rows(settings, rows, tiers, target_years, year)
    progress = registry.call("province_progress", {"year": year}, settings)
    below = None
    if kind in ("city", "province"):
        below = registry.call("counties_below", {"year": year, "city": entity.name if entity else None}, settings)
    targets = applicable_targets(kind, progress.items, rows, below, corpus, year)
    tasks = pick_tasks(kind, rows, gaps, progress.items, corpus, below)

    years = [y for y in data_years if year - TABLE_YEARS < y <= year]
    figures = [f for r in rows for f in r.revenue] + ([total] if total else [])
    sources = sorted({f.source for f in figures if f.source})
    vintages = sorted({f.vintage for f in figures if f.vintage})
    content = Content(
        kind=kind, entity=entity, name=entity.name if entity else PROVINCE, year=year,
        years=years, target_years=target_years, date=today,
        data_vintage=snap.data_vintage, doc_title=doc.meta.title, doc_date=doc.meta.date,
        demo=any(f.demo for f in figures) or progress.demo, sources=sources, vintages=vintages,
        total=total, total_growth=total_growth, ranks=ranks, clusters=rows, gaps=gaps, targets=targets,
        progress=table_progress(progress.items) if kind == "province" else [], tasks=tasks,
        distribution=_distribution(settings, year),
        counties_total=below.total_counties if below else None,
        counties_without_100=[i.county.name for i in below.items] if below else [],
        province_totals=_province_totals(settings, years, target_years[0]) if kind == "province" else [],
        labels={i.clause_id: clause_label(corpus, i.clause_id) for i in progress.items},
        masthead=masthead(settings, kind, entity, today, options),
    )
    content.points = key_points(content)
    return content
