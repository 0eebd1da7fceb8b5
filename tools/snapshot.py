"""An immutable, in-memory copy of one version of the store: what every tool reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from clusterbot.tools.models import EntityRef, Figure

if TYPE_CHECKING:
    import duckdb

PROVINCE = "全省"


@dataclass(frozen=True, slots=True)
class City:
    name: str
    short_name: str
    pinyin: str


@dataclass(frozen=True, slots=True)
class County:
    name: str
    city: str
    kind: str
    short_name: str
    pinyin: str


@dataclass(frozen=True, slots=True)
class Cluster:
    name: str
    county: str
    city: str
    short_name: str
    sector: str
    manufacturing: bool
    recognition_year: int | None
    invented: bool
    name_basis: str


@dataclass(frozen=True, slots=True)
class Metric:
    code: str
    name: str
    name_en: str
    unit: str
    decimals: int
    is_integer: bool
    scope: str
    min_value: float
    max_value: float
    definition: str


@dataclass(frozen=True, slots=True)
class Value:
    value: float
    unit: str
    source: str
    vintage: str

    @property
    def demo(self) -> bool:
        return self.source == "demo"


@dataclass(frozen=True, slots=True)
class Target:
    indicator: str
    year: int
    kind: str
    value: float | None
    comparator: str | None
    text: str
    clause_id: str
    source: str


@dataclass(frozen=True)
class Snapshot:
    path: Path
    identity: tuple[int, int, int]
    cities: dict[str, City]
    counties: dict[str, County]
    clusters: dict[str, Cluster]
    aliases: list[tuple[str, str, str, str]]  # (alias, alias kind, entity kind, entity name)
    metrics: dict[str, Metric]
    thresholds: dict[float, str]
    indicators: dict[str, tuple[str, str, int]]  # code -> (name, unit, sort)
    targets: list[Target]
    province_totals: dict[tuple[str, int], Value]
    # (cluster, metric) -> {year: Value}, values in force only
    current: dict[tuple[str, str], dict[int, Value]]
    row_count: int
    superseded_count: int
    data_vintage: str
    _extra: dict = field(default_factory=dict, repr=False)

    # lookups ---------------------------------------------------------------------------
    def series(self, cluster: str, metric: str) -> dict[int, Value]:
        """Year -> value in force, for one cluster and metric (empty when there is none)."""
        return self.current.get((cluster, metric), {})

    def value(self, cluster: str, metric: str, year: int) -> Value | None:
        return self.current.get((cluster, metric), {}).get(year)

    @cached_property
    def _years(self) -> dict[str, list[int]]:
        out: dict[str, set[int]] = {}
        for (_cluster, metric), by_year in self.current.items():
            out.setdefault(metric, set()).update(by_year)
        return {metric: sorted(years) for metric, years in out.items()}

    def years(self, metric: str = "revenue") -> list[int]:
        """Years with at least one value of the metric, ascending."""
        return self._years.get(metric, [])

    def latest_year(self, metric: str = "revenue") -> int | None:
        years = self.years(metric)
        return years[-1] if years else None

    @cached_property
    def clusters_by_county(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {name: [] for name in self.counties}
        for cluster in self.clusters.values():
            out.setdefault(cluster.county, []).append(cluster.name)
        return out

    def figure(self, cluster: str, metric: str, year: int) -> Figure | None:
        """A cluster's value with its provenance, or None (memoised: figures are immutable)."""
        memo = self._extra.setdefault("figures", {})
        key = (cluster, metric, year)
        if key not in memo:
            found = self.value(cluster, metric, year)
            memo[key] = None if found is None else self.make_figure(
                metric, found.value, year, cluster, "cluster", found.source, found.vintage, found.demo)
        return memo[key]

    def make_figure(self, metric: str, value: float, year: int, entity: str, entity_kind: str,
                    source: str, vintage: str, demo: bool) -> Figure:
        info = self.metrics.get(metric)
        name = info.name if info else self.indicators.get(metric, (metric, "", 0))[0]
        unit = info.unit if info else self.indicators.get(metric, ("", "", 0))[1]
        decimals = info.decimals if info else 2
        # values come from the store, already validated on import: skip re-validation (hot path)
        return Figure.model_construct(metric=metric, name=name, value=round(float(value), max(decimals, 2)),
                                      unit=unit, year=year, entity=entity, entity_kind=entity_kind, source=source,
                                      vintage=vintage, demo=demo)

    def ref(self, kind: str, name: str, matched: str = "", match_type: str = "name", exact: bool = True) -> EntityRef:
        memo = self._extra.setdefault("refs", {})
        key = (kind, name, matched, match_type, exact)
        if key not in memo:
            memo[key] = self._ref(kind, name, matched, match_type, exact)
        return memo[key]

    def _ref(self, kind: str, name: str, matched: str, match_type: str, exact: bool) -> EntityRef:
        if kind == "cluster":
            c = self.clusters[name]
            return EntityRef.model_construct(kind="cluster", name=name, county=c.county, city=c.city,
                                             short_name=c.short_name, matched=matched or name, match_type=match_type,
                                             exact=exact, invented=c.invented)
        if kind == "county":
            k = self.counties[name]
            return EntityRef.model_construct(kind="county", name=name, county=name, city=k.city,
                                             short_name=k.short_name, matched=matched or name,
                                             match_type=match_type, exact=exact, invented=False)
        city = self.cities[name]
        return EntityRef.model_construct(kind="city", name=name, county=None, city=name,
                                         short_name=city.short_name, matched=matched or name,
                                         match_type=match_type, exact=exact, invented=False)

    def tier(self, value: float | None) -> str | None:
        """Label of the highest revenue threshold reached (百亿级, 300亿级 …), or None."""
        if value is None:
            return None
        reached = [t for t in self.thresholds if value >= t]
        return self.thresholds[max(reached)] if reached else None

    @property
    def cache(self) -> dict:
        """Per-snapshot memo for derived structures (name index, aggregates)."""
        return self._extra


def load_snapshot(con: duckdb.DuckDBPyConnection, path: Path, identity: tuple[int, int, int]) -> Snapshot:
    """Read every table of one store version; parameterless constant SQL only."""
    cities = {r[0]: City(*r) for r in con.execute("SELECT name, short_name, pinyin FROM cities").fetchall()}
    counties = {
        r[0]: County(*r)
        for r in con.execute("SELECT name, city, kind, short_name, pinyin FROM counties ORDER BY name").fetchall()
    }
    clusters = {
        r[0]: Cluster(r[0], r[1], counties[r[1]].city, *r[2:])
        for r in con.execute(
            "SELECT name, county, short_name, sector, manufacturing, recognition_year, invented, name_basis "
            "FROM clusters ORDER BY name"
        ).fetchall()
    }
    aliases = [(r[0], r[1], "county", r[2]) for r in con.execute(
        "SELECT alias, kind, county FROM county_aliases").fetchall()]
    aliases += [(r[0], r[1], "cluster", r[2]) for r in con.execute(
        "SELECT alias, kind, cluster FROM cluster_aliases").fetchall()]
    metrics = {
        r[0]: Metric(*r)
        for r in con.execute(
            "SELECT code, name, name_en, unit, decimals, is_integer, scope, min_value, max_value, definition "
            "FROM metrics"
        ).fetchall()
    }
    thresholds = {float(r[0]): r[1] for r in con.execute(
        "SELECT value, label FROM thresholds ORDER BY value").fetchall()}
    indicators = {r[0]: (r[1], r[2], r[3]) for r in con.execute(
        "SELECT code, name, unit, sort FROM province_indicators").fetchall()}
    targets = [Target(*r) for r in con.execute(
        "SELECT indicator, year, kind, value, comparator, text, clause_id, source FROM province_targets "
        "ORDER BY year, indicator, clause_id").fetchall()]
    totals = {(r[0], r[1]): Value(r[2], r[3], r[4], "") for r in con.execute(
        "SELECT code, year, value, unit, source FROM province_totals").fetchall()}
    current: dict[tuple[str, str], dict[int, Value]] = {}
    for cluster, year, metric, value, unit, source, vintage in con.execute(
        "SELECT i.cluster, i.year, i.metric, i.value, i.unit, i.source, i.vintage FROM current_indicators i "
        "JOIN clusters c ON c.name = i.cluster ORDER BY i.year"
    ).fetchall():
        current.setdefault((cluster, metric), {})[year] = Value(value, unit, source, vintage)
    total, distinct = con.execute(
        "SELECT count(*), count(DISTINCT (cluster, year, metric)) FROM indicators").fetchall()[0]
    vintage_row = con.execute(
        "SELECT coalesce(max(id), 0), (SELECT max(vintage) FROM indicators) FROM imports").fetchall()[0]
    return Snapshot(
        path=path, identity=identity, cities=cities, counties=counties, clusters=clusters, aliases=aliases,
        metrics=metrics, thresholds=thresholds, indicators=indicators, targets=targets,
        province_totals=totals, current=current, row_count=total, superseded_count=total - distinct,
        data_vintage=f"import-{vintage_row[0]}:{vintage_row[1] or '-'}",
    )
