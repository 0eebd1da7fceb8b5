"""What a briefing holds before it is written out: tool outputs, grouped by section.

Every number here is a field of a tool output (Figure, Rank, ClusterGap, ProgressItem …),
copied as is; the writers only format them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from clusterbot.tools.models import EntityRef, Figure
from clusterbot.tools.profile import Rank
from clusterbot.tools.progress import ProgressItem

TargetKind = Literal["county", "cluster", "city", "province"]


class ClusterRow(BaseModel):
    """One line of the cluster table."""

    cluster: EntityRef
    revenue: list[Figure] = Field(description="Revenue of the last five years with data, oldest first")
    growth: float | None = Field(default=None, description="Revenue growth on the previous year (profile)")
    recent_cagr: float | None = Field(default=None, description="Compound growth of the last 3 years (gap_to_target)")
    recent_cagr_from_year: int | None = None
    gap_latest: Figure | None = Field(default=None, description="Latest revenue gap_to_target works from")
    rank_province: Rank | None = None
    rank_city: Rank | None = None
    tier: str | None = None
    latest: dict[str, Figure] = Field(default_factory=dict, description="Latest figure of every metric")
    previous: dict[str, Figure] = Field(default_factory=dict, description="The year before, every metric")

    def revenue_in(self, year: int) -> Figure | None:
        return next((f for f in self.revenue if f.year == year), None)


class RequiredGrowth(BaseModel):
    target_year: int
    required_cagr: float | None
    target_year_passed: bool


class GapRow(BaseModel):
    """A cluster below a tier: how far, how fast it must grow, when it gets there at its pace."""

    cluster: EntityRef
    threshold: float
    threshold_label: str
    latest: Figure
    gap: float
    required: list[RequiredGrowth]
    recent_cagr: float | None
    recent_cagr_from_year: int | None
    projected_year: int | None


class Reason(BaseModel):
    key: str = Field(description="Message key under brief.reason.*")
    values: dict[str, str] = Field(default_factory=dict)


class TargetLine(BaseModel):
    """A policy target that applies, with the province's standing and the local one."""

    item: ProgressItem
    label: str = Field(description="Citation as readers know it, e.g. 《指导意见》二 or 主要指标表第2项")
    phrase: str = Field(default="", description="The target as quoted: the text's words or 指标达到 value")
    status: str = Field(default="", description="The standing in words: 已完成 / 尚未完成，差 9个 / 进度滞后 36.4 个百分点")
    local: list[Reason] = Field(default_factory=list, description="The local standing, as message keys and values")


class TaskPick(BaseModel):
    clause_id: str
    label: str
    title: str
    lead_units: list[str]
    support_units: list[str]
    reasons: list[Reason]


class Masthead(BaseModel):
    """版头 and 版记 of the briefing: from the options, else the config file, else the defaults."""

    title: str = Field(description="The 简报's name in the 版头, e.g. 县域特色产业集群发展简报")
    issue: str = Field(description="期号, e.g. 第1期")
    issuer: str = Field(description="编发单位; also the .docx author")
    date: dt.date
    report_to: str = Field(description="报")
    copy_to: str = Field(description="送")
    send_to: str = Field(description="发")


class Content(BaseModel):
    kind: TargetKind
    entity: EntityRef | None = Field(default=None, description="None for the province")
    name: str = Field(description="Full name, or 全省 for the province")
    year: int
    years: list[int] = Field(description="Years of the cluster table, oldest first")
    target_years: list[int]
    date: dt.date
    data_vintage: str
    doc_title: str
    doc_date: str
    demo: bool
    sources: list[str]
    vintages: list[str]
    total: Figure | None = Field(default=None, description="Revenue of the county, city or cluster (profile)")
    total_growth: float | None = None
    ranks: list[Rank] = Field(default_factory=list, description="Rank of the county or city itself (profile)")
    clusters: list[ClusterRow]
    gaps: list[GapRow]
    targets: list[TargetLine]
    progress: list[ProgressItem] = Field(default_factory=list, description="Province briefing: table indicators")
    tasks: list[TaskPick]
    distribution: list[Figure] = Field(default_factory=list, description="Every cluster's revenue (rank tool)")
    counties_total: int | None = None
    counties_without_100: list[str] = Field(default_factory=list)
    province_totals: list[Figure] = Field(default_factory=list, description="Province briefing: total revenue by year")
    labels: dict[str, str] = Field(default_factory=dict, description="Clause id -> citation label")
    points: list[Reason] = Field(default_factory=list, description="要点: three to five findings, as message keys")
    masthead: Masthead | None = None

    def target_groups(self) -> list[list[TargetLine]]:
        """The target lines by indicator, in the order of their first line (one sentence per indicator)."""
        groups: dict[str, list[TargetLine]] = {}
        for line in self.targets:
            groups.setdefault(line.item.indicator, []).append(line)
        return list(groups.values())


@dataclass
class Briefing:
    """What make_briefing returns: the written documents, a chat summary and the title."""

    files: list[Path]
    summary: str
    title: str
    charts: list[Path] = field(default_factory=list)
    markdown: str = ""
    notes: list[str] = field(default_factory=list)


INVENTED_MARK = "〔示例名称〕"  # the mark `ask` puts on names invented for the demo set (EntityRef.invented)


def display_name(ref: EntityRef) -> str:
    """A cluster's short name as the briefing writes it, marked when the demo set invented it."""
    return (ref.short_name or ref.name) + (INVENTED_MARK if ref.invented else "")
