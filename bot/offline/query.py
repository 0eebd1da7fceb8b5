"""A question read as composable parts: one schema for the rule parser and for a language model.

`Query{lang, parts, assumptions}`; each `Part` names what it is about (scope), what is measured
(measure), when (time) and the operation asked (op) with its parameters. Slots a part leaves out
are inherited from the part before it; every default the reader fills in is written into
`assumptions` and shown to the asker.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

ScopeKind = Literal["entities", "province", "city", "county", "filter", "none"]
MeasureKind = Literal["indicator", "policy", "unknown"]
TimeKind = Literal["year", "window", "series", "latest", "target_year"]
Op = Literal[
    "value", "series", "change", "cagr", "yearly_changes", "gap", "required_rate", "project", "crossing_year",
    "crossed_year", "rank", "argmax", "argmin", "count", "aggregate", "compare", "city_rank", "combined", "overtake",
]
OPS: tuple[str, ...] = Op.__args__  # type: ignore[attr-defined]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EntityName(Strict):
    kind: Literal["county", "cluster", "city"]
    name: str
    matched: str = ""
    exact: bool = True


class Scope(Strict):
    """What a part is about: named places or clusters, the province, or the clusters of one city/county."""

    kind: ScopeKind = "none"
    entities: list[EntityName] = Field(default_factory=list)
    within: str | None = Field(default=None, description="A city or county whose clusters are ranked or counted")
    sector: str | None = None
    tier: float | None = Field(default=None, description="Only clusters at or above this level (亿元)")


class Measure(Strict):
    kind: MeasureKind = "indicator"
    metric: str = "revenue"
    growth: bool = Field(default=False, description="Ranked or compared by growth rather than size")
    word: str | None = Field(default=None, description="The asked-for word nothing holds (Unknown)")


class Time(Strict):
    kind: TimeKind = "latest"
    year: int | None = None
    start: int | None = None
    end: int | None = None


class Part(Strict):
    span: str = ""
    op: Op
    scope: Scope = Field(default_factory=Scope)
    measure: Measure = Field(default_factory=Measure)
    time: Time = Field(default_factory=Time)
    rate: float | None = Field(default=None, description="A growth rate the asker states, as a fraction")
    level: float | None = Field(default=None, description="A level (亿元) to reach or to count above")
    n: int | None = Field(default=None, ge=1, le=100)
    ascending: bool = False
    list_names: bool = Field(default=False, description="A count that also names its members")
    members: Literal["clusters", "counties"] = Field(default="clusters", description="What is counted or ranked")
    share: bool = Field(default=False, description="Also the share of the province's total")
    largest: bool = Field(default=False, description="A county stands for its largest cluster")
    newly: bool = Field(default=False, description="A count of those that reached the level that year, not before")
    pace_from: int | None = Field(default=None, description="Project at the subject's own compound pace since this year")
    ratio: bool = Field(default=False, description="A comparison asked as a multiple (是…的几倍)")
    check: float | None = Field(default=None, description="An amount a total is asked to have reached (够1200家了没)")
    upper: float | None = Field(default=None, description="An upper bound (inclusive) for a count between two levels; "
                                                          "equal to level for an exact value (一项都没有: 0)")


class Query(Strict):
    lang: Literal["zh", "en"] = "zh"
    parts: list[Part] = Field(default_factory=list)
    assumptions: list[str] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list, description="Asked-for things neither source holds")
