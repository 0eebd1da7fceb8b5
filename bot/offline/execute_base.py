"""What every operation of the executor shares: the Result it returns, the Subject it reads (a place, a
cluster or the whole province) and the facts it records."""


from dataclasses import dataclass, field
from typing import Any

from clusterbot.bot.offline.query import EntityName, Part
from clusterbot.models import Fact
from clusterbot.tools.aggregate import group_value, member_clusters, provenance
from clusterbot.tools.snapshot import PROVINCE, Snapshot


@dataclass
class Result:
    op: str
    values: dict[str, Any] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
    assumptions: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # what the data does not hold, named for the asker
    vintage: str | None = None
    named: list[tuple[str, str]] = field(default_factory=list)  # what the answer lists, in order (for 它/第二个)

    @property
    def answered(self) -> bool:
        return not self.missing


class Subject:
    """A place, a cluster or a group of clusters, with its figures by year."""

    def __init__(self, snap: Snapshot, kind: str, name: str, clusters: list[str]) -> None:
        self.snap, self.kind, self.name, self.clusters = snap, kind, name, clusters
        info = snap.clusters.get(name)
        self.invented = bool(info and info.invented)

    def value(self, metric: str, year: int) -> float | None:
        found = group_value(self.snap, self.clusters, metric, year)
        return None if found is None else found[0]

    def fact(self, metric: str, year: int, role: str = "") -> Fact | None:
        found = group_value(self.snap, self.clusters, metric, year)
        if found is None:
            return None
        value, rows = found
        source, vintage, demo = provenance(rows)
        info = self.snap.metrics.get(metric)
        name = info.name if info else metric
        return Fact(name=f"{name}{role}", value=round(value, max(info.decimals if info else 1, 1)),
                    unit=info.unit if info else "", year=year, entity=self.name, source=source, demo=demo,
                    vintage=vintage or None)

    def series(self, metric: str) -> dict[int, float]:
        years = sorted({y for c in self.clusters for y in self.snap.series(c, metric)})
        out = {}
        for year in years:
            v = self.value(metric, year)
            if v is not None:
                out[year] = v
        return out


def num(fact: Fact) -> float:
    """A fact's value as a number (facts built here always hold numbers)."""
    return float(fact.value)


def subject(snap: Snapshot, e: EntityName) -> Subject:
    ref = snap.ref(e.kind, e.name)
    return Subject(snap, e.kind, e.name, member_clusters(snap, ref))


def subject_of(snap: Snapshot, part: Part) -> Subject:
    """The part's one subject: its first entity, or all the province's clusters together."""
    if part.scope.kind == "province":
        return Subject(snap, "province", PROVINCE, sorted(snap.clusters))
    return subject(snap, part.scope.entities[0])


def largest_cluster(s: Subject, metric: str, year: int) -> Subject:
    """A county's (or city's) largest cluster by the metric that year, as 二、工作目标 judges a place against a tier;
    a cluster stands for itself."""
    if s.kind == "cluster" or s.kind == "province" or not s.clusters:
        return s
    best = max(s.clusters, key=lambda c: v.value if (v := s.snap.value(c, metric, year)) is not None else -1)
    return Subject(s.snap, "cluster", best, [best])


def computed(name: str, value: float, unit: str, entity: str, year: int | None, demo: bool, digits: int = 1) -> Fact:
    return Fact(name=name, value=round(value, digits), unit=unit, year=year, entity=entity, source="computed",
                demo=demo)


def unit_of(snap: Snapshot, metric: str) -> tuple[str, str]:
    info = snap.metrics.get(metric)
    return (info.name, info.unit) if info else (metric, "")


def scope_clusters(snap: Snapshot, part: Part) -> list[str]:
    scope = part.scope
    names = list(snap.clusters)
    if scope.kind == "city" and scope.within:
        names = [c for c in names if snap.clusters[c].city == scope.within]
    elif scope.kind == "county" and scope.within:
        names = [c for c in names if snap.clusters[c].county == scope.within]
    elif scope.kind == "filter" and scope.entities:
        names = [e.name for e in scope.entities if e.name in snap.clusters]
    if scope.sector:
        names = [c for c in names if snap.clusters[c].sector == scope.sector]
    return sorted(names)


def year_of(part: Part, latest: int) -> int:
    return part.time.year if part.time.kind == "year" and part.time.year else latest
