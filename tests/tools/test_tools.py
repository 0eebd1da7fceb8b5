"""The typed tools on the demo store: resolution, profile, gap, progress, rankings, registry."""

from __future__ import annotations

import pytest

from clusterbot.tools.entities import ResolveInput, find_mentions, resolve
from clusterbot.tools.gap import GapInput, gap_to_target
from clusterbot.tools.profile import ProfileInput, profile
from clusterbot.tools.progress import ProgressInput, province_progress
from clusterbot.tools.rank import (
    CountiesBelowInput,
    CrossingInput,
    GrowthInput,
    RankInput,
    counties_below,
    crossings,
    growth,
    rank,
)
from clusterbot.tools.registry import all_tools, call

QS = "潜山市刷业(制刷)特色产业集群(基地)"


@pytest.mark.parametrize(("query", "kind", "name", "match_type"), [
    ("天长市", "county", "天长市", "name"), ("天长", "county", "天长市", "short"),
    ("Tianchang", "county", "天长市", "pinyin"), ("tian chang", "county", "天长市", "pinyin"),
    ("潛山市", "county", "潜山市", "name"), ("潜山县", "county", "潜山市", "former"),
    ("寧國", "county", "宁国市", "short"), ("刷业", "cluster", QS, "nickname"),
    ("潜山市刷业集群", "cluster", QS, "alias"), ("滁州", "city", "滁州市", "short"),
    ("Chuzhou", "city", "滁州市", "pinyin"), ("和县", "county", "和县", "name"),
])
def test_resolve_exact(tool_settings, query, kind, name, match_type):
    out = resolve(ResolveInput(name=query), tool_settings)
    assert out.status == "ok" and (out.match.kind, out.match.name) == (kind, name) and out.match.exact
    assert out.match.match_type == match_type or (match_type in ("alias", "nickname")
                                                  and out.match.match_type in ("alias", "nickname"))


def test_resolve_ambiguous_and_typos(tool_settings):
    out = resolve(ResolveInput(name="汽车零部件"), tool_settings)
    assert out.status == "ambiguous" and out.match is None and len(out.candidates) == 4
    typo = resolve(ResolveInput(name="天常市"), tool_settings)
    assert typo.status == "not_found" and typo.match is None
    assert typo.suggestions[0].name == "天长市" and not typo.suggestions[0].exact
    assert resolve(ResolveInput(name="Tianchnag"), tool_settings).suggestions[0].name == "天长市"
    assert resolve(ResolveInput(name="火星县"), tool_settings).suggestions == []


def test_find_mentions_in_questions(tool_settings):
    assert [m.name for m in find_mentions("天长市离百亿目标还有多远？", tool_settings)] == ["天长市"]
    assert [m.name for m in find_mentions("那宁国呢？", tool_settings)] == ["宁国市"]
    assert find_mentions("推进县域特色产业集群和县域经济", tool_settings) == []
    assert [m.name for m in find_mentions("Tianchang and Ningguo", tool_settings)] == ["天长市", "宁国市"]


def test_gap_of_tianchang_follows_2_with_all_clusters(tool_settings):
    out = gap_to_target(GapInput(entity="天长市"), tool_settings)
    assert out.status == "ok" and out.clause_id == "2" and out.threshold_label == "百亿级" and out.demo
    assert out.basis.name.startswith("天长市智能测控") and out.latest.value == 94.2 and out.latest_year == 2025
    assert out.gap == pytest.approx(5.8) and not out.already_met and out.target_year == 2030
    assert out.required_cagr == pytest.approx((100 / 94.2) ** (1 / 5) - 1)
    assert out.recent_cagr == pytest.approx((94.2 / 81.3) ** (1 / 3) - 1) and out.recent_cagr_from_year == 2022
    assert out.projected_year == 2027
    assert [c.cluster.short_name for c in out.clusters] == ["天长仪器仪表", "天长电线电缆"]
    assert out.clusters[1].recent_cagr < 0 and out.clusters[1].projected_year is None
    assert out.latest.source == "demo" and out.latest.to_fact().demo


def test_gap_as_of_an_earlier_year_ignores_later_figures(tool_settings):
    latest = gap_to_target(GapInput(entity="天长市"), tool_settings)
    earlier = gap_to_target(GapInput(entity="天长市", as_of_year=2024), tool_settings)
    assert earlier.status == "ok" and earlier.latest_year == 2024 and earlier.latest.year == 2024
    assert latest.latest_year == 2025 and latest.basis == earlier.basis  # a 2025 figure exists and is not used
    assert earlier.latest.value != 94.2 and earlier.recent_cagr_from_year == 2021
    assert earlier.gap == pytest.approx(100 - earlier.latest.value)
    assert earlier.required_cagr == pytest.approx((100 / earlier.latest.value) ** (1 / 6) - 1)
    assert all(c.latest_year == 2024 for c in earlier.clusters)
    before_data = gap_to_target(GapInput(entity="天长市", as_of_year=1990), tool_settings)
    assert before_data.status == "no_data" and before_data.latest is None


def test_gap_of_ningguo_met_and_next_tier(tool_settings):
    met = gap_to_target(GapInput(entity="宁国"), tool_settings)
    assert met.already_met and met.gap == 0 and met.required_cagr == 0 and met.projected_year == met.latest_year
    tier = gap_to_target(GapInput(entity="宁国", threshold=500, target_year=2025), tool_settings)
    assert not tier.already_met and tier.target_year_passed and tier.required_cagr is None
    assert tier.threshold_label == "500亿级" and tier.projected_year == 2029


def test_gap_edge_cases(tool_settings):
    assert gap_to_target(GapInput(entity="汽车零部件"), tool_settings).status == "ambiguous"
    assert gap_to_target(GapInput(entity="滁州"), tool_settings).status == "not_found"  # a city is not a county
    none = gap_to_target(GapInput(entity="石台县"), tool_settings)
    assert none.status == "no_data" and none.clusters == []


def test_profile_cluster_county_city(tool_settings):
    cluster = profile(ProfileInput(entity="刷业"), tool_settings)
    assert cluster.status == "ok" and cluster.tier == "百亿级" and cluster.year == 2025 and cluster.demo
    assert {r.scope for r in cluster.ranks} == {"province", "city"}
    assert {f.year for f in cluster.history if f.metric == "revenue"} == set(range(2019, 2026))
    assert all(f.source == "demo" and f.demo and f.entity == QS for f in cluster.latest)
    county = profile(ProfileInput(entity="天长", year=2023), tool_settings)
    revenue = next(f for f in county.latest if f.metric == "revenue")
    assert county.year == 2023 and revenue.value == pytest.approx(86.9 + 58.3) and revenue.entity_kind == "county"
    assert len(county.clusters) == 2 and county.ranks[1].total == 6
    city = profile(ProfileInput(entity="滁州市"), tool_settings)
    assert city.entity.kind == "city" and len(city.clusters) == 8 and city.ranks[0].among == "cities"


def test_province_progress_statuses_and_clauses(tool_settings):
    out = province_progress(ProgressInput(year=2025, target_year=2025), tool_settings)
    by = {(i.indicator, i.clause_id): i for i in out.items}
    assert by[("key_enterprises_100yi", "2.table.8")].status == "met"
    assert by[("clusters_100", "2.table.2")].status == "off_track"
    assert by[("clusters_100", "2.table.2")].gap == 35 - 26
    trade = by[("trade_share", "2.table.7")]
    assert trade.target_value is None and trade.target_text == "持续提高" and trade.gap is None
    assert trade.status == "rising" and trade.previous.value < trade.actual.value
    assert by[("national_share_clusters", "2")].status == "no_data"
    assert by[("mfg_high_tech", "2")].baseline.value == 1849 and not by[("mfg_high_tech", "2")].baseline.demo
    assert out.demo
    at_base = province_progress(ProgressInput(year=2023, target_year=2025, indicator="clusters_100"), tool_settings)
    assert {i.status for i in at_base.items} == {"on_track"} and at_base.items[0].expected == 23
    later = province_progress(ProgressInput(year=2024, indicator="mfg_high_tech"), tool_settings)
    item = next(i for i in later.items if i.target_year == 2025 and i.clause_id == "2.table.3")
    assert item.expected == pytest.approx(1849 + (2400 - 1849) / 2)
    assert item.status == ("on_track" if item.actual.value >= item.expected else "off_track")


def test_rank_and_filters(tool_settings):
    top = rank(RankInput(n=3, year=2023), tool_settings)
    assert [i.position for i in top.items] == [1, 2, 3] and top.total == 72
    assert top.items[0].entity.name.startswith("长丰县") and top.items[0].figure.value == 742.3
    bottom = rank(RankInput(n=2, order="asc", city="滁州", level="county"), tool_settings)
    assert bottom.items[0].figure.value <= bottom.items[1].figure.value and bottom.total == 6
    sector = rank(RankInput(metric="rd_intensity", sector="机械", n=50), tool_settings)
    from clusterbot.tools.store import snapshot

    snap = snapshot(tool_settings)
    machinery = [c for c in snap.clusters.values() if c.sector == "机械" and c.manufacturing]
    assert sector.total == len(machinery) and {i.entity.name for i in sector.items} == {c.name for c in machinery}
    assert all(i.figure.unit == "%" for i in sector.items)
    assert rank(RankInput(metric="bogus"), tool_settings).status == "unknown_metric"
    assert rank(RankInput(city="火星"), tool_settings).status == "unknown_city"
    below = counties_below(CountiesBelowInput(), tool_settings)
    assert below.total_counties == 59 and below.items[0].county.name == "天长市"
    assert all(i.best is None or i.best.revenue.value < 100 for i in below.items)
    assert below.items[-1].best is None  # counties without any cluster come last
    chuzhou = counties_below(CountiesBelowInput(city="滁州", year=2023), tool_settings)
    assert {i.county.name for i in chuzhou.items} <= {"天长市", "明光市", "来安县", "全椒县", "定远县", "凤阳县"}
    up = crossings(CrossingInput(year=2023, direction="both"), tool_settings)
    assert {(c.cluster.short_name, c.direction) for c in up.items} == {("郎溪智能装备", "up"), ("和县化工新材料", "down")}
    assert "潜山刷业" in {c.cluster.short_name for c in crossings(CrossingInput(year=2024), tool_settings).items}
    slow = growth(GrowthInput(order="asc", n=3), tool_settings)
    assert all(i.growth < 0 for i in slow.items)
    own = growth(GrowthInput(entity="天长市"), tool_settings)
    assert [i.current.year for i in own.items] == list(range(2020, 2026)) and own.entity.name == "天长市"


def test_registry_lists_every_tool_with_models_and_schema(tool_settings):
    tools = all_tools()
    assert {"resolve", "profile", "gap_to_target", "province_progress", "rank", "counties_below", "crossings",
            "growth"} <= set(tools)
    for spec in tools.values():
        schema = spec.json_schema()
        assert schema["description"] and schema["parameters"]["type"] == "object"
    out = call("gap_to_target", {"entity": "天长"}, tool_settings)
    assert out.basis.short_name == "天长仪器仪表"
