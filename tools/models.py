"""Models shared by every tool: entity references and numbers with their provenance."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from clusterbot.models import Fact

EntityKind = Literal["county", "cluster", "city"]
MatchType = Literal["name", "short", "pinyin", "former", "alias", "nickname", "fuzzy"]
LookupStatus = Literal["ok", "ambiguous", "not_found", "no_data"]


class EntityRef(BaseModel):
    """A county (县/县级市), a cluster (集群) or a prefecture city (市) of Anhui."""

    model_config = ConfigDict(frozen=True)

    kind: EntityKind
    name: str = Field(description="Official full name, e.g. 天长市 or 潜山市刷业(制刷)特色产业集群(基地)")
    county: str | None = Field(default=None, description="County of a cluster, or the county itself")
    city: str | None = Field(default=None, description="Prefecture city, e.g. 滁州市")
    short_name: str = Field(default="", description="Short label for answers, e.g. 天长 or 潜山刷业")
    matched: str = Field(default="", description="The alias that matched the query")
    match_type: MatchType = "name"
    exact: bool = Field(default=True, description="False for a typo suggestion that must be confirmed")
    invented: bool = Field(default=False, description="Cluster name invented for the demo set, not an official name")


class Figure(BaseModel):
    """One number with its provenance: which metric, for which entity, which year, from which source."""

    model_config = ConfigDict(frozen=True)  # shared between outputs of one data version

    metric: str = Field(description="Metric code from the metric dictionary, e.g. revenue")
    name: str = Field(description="Chinese metric name, e.g. 营业收入")
    value: float
    unit: str
    year: int
    entity: str = Field(description="Full name of the cluster, county, city or 全省")
    entity_kind: Literal["county", "cluster", "city", "province"] = "cluster"
    source: str
    vintage: str = ""
    demo: bool = Field(description="True when the value comes from the demo set (示例数据，非官方统计)")

    def to_fact(self) -> Fact:
        """The answer-contract Fact for this figure."""
        return Fact(
            name=self.name, value=self.value, unit=self.unit, year=self.year, entity=self.entity,
            source=self.source, demo=self.demo, vintage=self.vintage or None,
        )


class EntityLookup(BaseModel):
    """Common head of every entity tool's output: what the entity text resolved to."""

    status: LookupStatus = "ok"
    entity: EntityRef | None = None
    candidates: list[EntityRef] = Field(default_factory=list,
                                        description="Possible entities when the name was ambiguous or inexact")
    demo: bool = Field(default=False, description="True when any number in the output is demo data")
