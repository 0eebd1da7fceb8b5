"""The demo set matches every published aggregate and cluster figure it is calibrated to."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from clusterbot.tools.progress import AGGREGATES
from clusterbot.tools.store import snapshot

SHARED = Path(__file__).resolve().parents[2] / "data" / "public"  # the public facts, with their sources


@pytest.fixture
def snap(tool_settings):
    return snapshot(tool_settings)


def revenue(snap, year):
    return {c: snap.value(c, "revenue", year).value for c in snap.clusters}


def test_2023_revenue_tiers_and_leader(snap):
    values = revenue(snap, 2023)
    assert len(values) == 72
    assert round(sum(values.values()), 1) == 7916.1
    assert sum(v >= 100 for v in values.values()) == 23
    assert sum(v >= 500 for v in values.values()) == 2
    assert sum(300 <= v < 500 for v in values.values()) == 6
    assert sum(100 <= v < 300 for v in values.values()) == 15
    leader = max(values, key=values.get)
    assert leader == "长丰县汽车零部件特色产业集群(基地)" and values[leader] > 700


def test_2022_revenue_and_tiers(snap):
    values = revenue(snap, 2022)
    assert round(sum(values.values()), 1) == 7275.6
    assert sum(v >= 100 for v in values.values()) == 23


@pytest.mark.parametrize(("code", "year", "expected", "digits"), [
    ("enterprises_above_scale", 2023, 3692, 0), ("enterprises_above_scale", 2022, 3533, 0),
    ("high_tech_enterprises", 2023, 1849, 0), ("high_tech_enterprises", 2022, 1477, 0),
    ("specialized_enterprises", 2023, 986, 0), ("key_enterprises_100yi", 2023, 8, 0),
])
def test_enterprise_counts(snap, code, year, expected, digits):
    assert round(sum(snap.value(c, code, year).value for c in snap.clusters if snap.value(c, code, year)), digits) \
        == expected


@pytest.mark.parametrize(("indicator", "expected"), [
    ("revenue_total", 0.79), ("clusters_100", 23), ("mfg_high_tech", 1849), ("mfg_rd_intensity", 1.79),
    ("mfg_specialized", 986), ("five_one_coverage", 20), ("trade_share", 4.4), ("key_enterprises_100yi", 8),
])
def test_indicator_table_2023_column_is_reproduced(snap, indicator, expected):
    value, _rows = AGGREGATES[indicator](snap, 2023)
    assert round(value, 2) == expected
    published = next(t.value for t in snap.targets if t.indicator == indicator and t.kind == "actual")
    assert round(value, 2) == published


def test_five_one_coverage_is_exact(snap):
    value, _ = AGGREGATES["five_one_coverage"](snap, 2023)
    assert value == pytest.approx(20.0)


def test_published_cluster_revenues_are_used(snap):
    """High-confidence revenue rows of cluster_facts.csv that name one of our clusters."""
    by_industry = {("阜南县", "柳木"): "阜南县柳木特色产业集群(基地)",
                   ("潜山市", "刷业(源潭)"): "潜山市刷业(制刷)特色产业集群(基地)",
                   ("长丰县", "汽车零部件"): "长丰县汽车零部件特色产业集群(基地)"}
    checked = 0
    with open(SHARED / "cluster_facts.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            key = (row["county"], row["cluster_or_industry"])
            if row["metric"] != "revenue_yiyuan" or row["confidence"] != "high" or key not in by_industry:
                continue
            ours = snap.value(by_industry[key], "revenue", int(row["year"])).value
            published = float(row["value"])
            if row["value_qualifier"] == ">":
                assert ours > published
            else:
                assert ours == published
            checked += 1
    assert checked == 3


def test_names_real_or_flagged_invented_and_coverage(snap):
    with open(SHARED / "clusters.csv", encoding="utf-8") as handle:
        real = {r["cluster_name"].replace("轻工/旅游", "轻工·旅游"): r["status"] for r in csv.DictReader(handle)}
    for cluster in snap.clusters.values():
        if cluster.invented:
            assert cluster.name_basis == "invented"
        else:
            assert real.get(cluster.name) in ("confirmed_72", "likely_72")
    named = {n for n, s in real.items() if s in ("confirmed_72", "likely_72")}
    assert named <= set(snap.clusters)
    assert sum(not c.invented for c in snap.clusters.values()) == len(named)
    for city in ("滁州市", "阜阳市"):
        counties = [c for c in snap.counties.values() if c.city == city]
        assert all(snap.clusters_by_county[c.name] for c in counties)


def test_every_value_is_demo_with_all_years(snap):
    for (_cluster, _metric), series in snap.current.items():
        assert all(v.source == "demo" and v.demo for v in series.values())
    assert snap.years("revenue") == list(range(2019, 2026))


def test_tianchang_and_ningguo_are_interesting(snap):
    tianchang = [c for c in snap.clusters_by_county["天长市"]]
    latest = {c: snap.value(c, "revenue", 2025).value for c in tianchang}
    assert max(latest.values()) < 100  # below 百亿
    assert any(snap.value(c, "revenue", 2025).value < snap.value(c, "revenue", 2022).value for c in tianchang)
    ningguo = {c: snap.value(c, "revenue", 2025).value for c in snap.clusters_by_county["宁国市"]}
    assert any(300 <= v < 500 for v in ningguo.values()) and any(v < 100 for v in ningguo.values())
