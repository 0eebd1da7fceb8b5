"""Readings of everyday phrasings: same-sounding place slips, stated rates to a year, changes, 老大, indicators
named inside task titles, English measures the store lacks. Expected figures come from the demo CSV."""

from __future__ import annotations

import csv
import re
from collections import defaultdict

import pytest

from tests.engine.asking import ask
from tests.paths import REPO_ROOT


@pytest.fixture(scope="module")
def series():
    """(cluster name fragment, metric) lookups straight from the demo CSV: cluster -> metric -> year -> value."""
    values: dict[str, dict[str, dict[int, float]]] = defaultdict(lambda: defaultdict(dict))
    with (REPO_ROOT / "data" / "demo" / "indicators_demo.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            values[row["cluster"]][row["metric"]][int(row["year"])] = float(row["value"])

    def find(fragment: str, metric: str = "revenue") -> dict[int, float]:
        (name,) = [n for n in values if fragment in n]
        return values[name][metric]
    return find


def numbers(text: str) -> list[float]:
    return [float(x) for x in re.findall(r"\d+(?:\.\d+)?", text.replace(",", ""))]


def test_a_same_sounding_slip_outweighs_a_place_that_only_shares_the_suffix(assistant):
    answer = ask(assistant, "槐远县集群去年营收多少")  # 槐 sounds as 怀 (怀远县); 定远县 only shares 远县
    assert answer.status == "answered" and "怀远县" in answer.answer and "定远" not in answer.answer


def test_a_stated_rate_up_to_a_year_projects_the_value(assistant, series):
    revenue = series("潜山市刷业")
    expected = round(revenue[2025] * 1.09 ** 4, 1)
    answer = ask(assistant, "假如潜山刷业每年涨9%，到2029年营收能有多少")
    assert answer.status == "answered" and expected in numbers(answer.answer)


def test_a_change_between_two_years_asked_as_变化了多少(assistant, series):
    revenue = series("濉溪县铝基")
    answer = ask(assistant, "濉溪铝基2021年到2025年营收变化了多少")
    assert answer.status == "answered" and round(abs(revenue[2025] - revenue[2021]), 1) in numbers(answer.answer)


def test_老大_asks_for_the_largest(assistant, series):
    answer = ask(assistant, "汽车零部件这块营收老大是哪个县")
    assert answer.status == "answered" and "长丰县" in answer.answer.splitlines()[0]


def test_an_indicator_named_alone_is_asked_and_inside_a_task_title_is_not(assistant):
    ranked = ask(assistant, "芜湖哪个集群群主企业最多")
    assert ranked.status == "answered" and "群主企业" in ranked.answer.splitlines()[0]
    task = ask(assistant, "引育群主企业这项工作由哪个单位牵头")
    assert task.status == "answered" and "省" in task.answer and not any(f.source.startswith("demo") for f in task.facts)


def test_an_english_measure_the_store_lacks_is_declined(assistant):
    answer = ask(assistant, "How many trademarks did the Tianchang cluster register in 2024?")
    assert answer.status == "no_data" and not any(f.source.startswith("demo") for f in answer.facts)


def test_every_year_since_a_year_is_a_series(assistant, series):
    revenue = series("怀远县")
    answer = ask(assistant, "怀远集群2020年以来每年营收都是多少")
    assert answer.status == "answered" and all(round(revenue[y], 1) in numbers(answer.answer) for y in range(2020, 2026))


def test_a_county_and_a_piece_of_one_clusters_name_is_that_cluster(assistant, series):
    aluminium = series("濉溪县铝基")
    answer = ask(assistant, "濉溪那个铝基的集群去年营收多少")
    assert answer.status == "answered" and "濉溪县铝基金属材料" in answer.answer
    assert round(aluminium[2025], 1) in numbers(answer.answer)
    county = ask(assistant, "濉溪的集群营收一共多少")  # the county's own: no cluster's name follows
    assert county.status == "answered" and "铝基" not in county.answer.splitlines()[0]


def test_the_top_few_of_an_indicator_are_ranked_not_read_as_policy_items(assistant):
    answer = ask(assistant, "专精特新企业数排前四的是哪几个集群")
    assert answer.status == "answered" and answer.answer.count("\n1. ") + answer.answer.count("\n4. ") == 2
    assert "专精特新" in answer.answer.splitlines()[0]


def test_a_total_asked_against_an_amount_says_yes_or_no_first(assistant):
    with (REPO_ROOT / "data" / "demo" / "indicators_demo.csv").open(encoding="utf-8") as f:
        total = sum(float(r["value"]) for r in csv.DictReader(f)
                    if r["metric"] == "high_tech_enterprises" and r["year"] == "2025")
    answer = ask(assistant, "全省集群的高新技术企业加起来突破2500家了吗")
    first = answer.answer.splitlines()[0]
    verdict = "**是**" if total >= 2500 else f"**还没有**：离 2500 家还差 {2500 - total:g} 家"
    assert answer.status == "answered" and first.startswith(verdict)


def test_two_years_named_one_by_one_get_a_value_each(assistant, series):
    firms = series("潜山市刷业", "enterprises_above_scale")
    answer = ask(assistant, "潜山刷业2020年与2023年规上企业数分别是多少")
    assert answer.status == "answered" and {firms[2020], firms[2023]} <= set(numbers(answer.answer))


def test_two_levels_named_one_by_one_get_a_count_each(assistant):
    with (REPO_ROOT / "data" / "demo" / "indicators_demo.csv").open(encoding="utf-8") as f:
        latest = [float(r["value"]) for r in csv.DictReader(f) if r["metric"] == "revenue" and r["year"] == "2025"]
    answer = ask(assistant, "营收100亿以上和1000亿以上的集群各有几个")
    found = numbers(answer.answer)
    assert answer.status == "answered"
    assert sum(v >= 100 for v in latest) in found and sum(v >= 1000 for v in latest) in found


def test_a_comparison_asked_as_a_multiple_gives_the_ratio(assistant, series):
    a, b = series("无为市电线电缆")[2025], series("界首市资源循环")[2025]
    answer = ask(assistant, "无为电缆营收是界首资源循环的多少倍")
    assert answer.status == "answered" and round(a / b, 2) in numbers(answer.answer) and "倍" in answer.answer


def test_the_change_between_two_years_of_a_target_indicator(assistant):
    answer = ask(assistant, "千亿级集群的目标，2030年比2027年多几个")
    assert answer.status == "answered" and "增加 **2个**" in answer.answer  # 1 (2027) → 3 (2030) in 二


def test_a_projection_at_the_subjects_own_recent_pace(assistant, series):
    revenue = series("潜山市刷业")
    rate = (revenue[2025] / revenue[2020]) ** (1 / 5) - 1
    expected = round(revenue[2025] * (1 + rate) ** 5, 1)
    answer = ask(assistant, "潜山刷业按近五年的平均增长，2030年营收多少")
    assert answer.status == "answered" and "2020—2025" in answer.answer
    assert any(abs(n - expected) <= 0.2 for n in numbers(answer.answer))


def test_the_smaller_of_the_clusters_just_listed(assistant, series):
    thread = "size-referent"
    ask(assistant, "濉溪县有哪几个集群", thread)
    answer = ask(assistant, "那个小的去年营收多少", thread)
    small = min(("濉溪县铝基", "濉溪县酒类"), key=lambda f: series(f)[2025])
    assert answer.status == "answered" and small in answer.answer.replace("金属材料", "").replace("食品", "")


def test_an_ordinal_after_a_countys_profile_points_at_its_clusters(assistant, series):
    thread = "profile-ordinal"
    ask(assistant, "宁国市的集群情况介绍一下", thread)
    answer = ask(assistant, "第二个集群2023年营收多少", thread)
    assert answer.status == "answered" and "宁国市电子元器件" in answer.answer
    assert round(series("宁国市电子元器件")[2023], 1) in numbers(answer.answer)


def test_a_sectors_total_and_its_share_carry_the_sector(assistant):
    with (REPO_ROOT / "data" / "reference" / "clusters.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    sector_of = {r["cluster"]: r.get("sector") or r.get("category") for r in rows}
    with (REPO_ROOT / "data" / "demo" / "indicators_demo.csv").open(encoding="utf-8") as f:
        latest = {r["cluster"]: float(r["value"]) for r in csv.DictReader(f)
                  if r["metric"] == "revenue" and r["year"] == "2025"}
    sector = next(s for s in sector_of.values() if s)
    total = round(sum(v for c, v in latest.items() if sector_of.get(c) == sector), 1)
    share = round(total / sum(latest.values()) * 100, 1)
    answer = ask(assistant, f"{sector}类的集群去年营收加起来多少，在全部集群里占多少")
    assert answer.status == "answered" and total in numbers(answer.answer) and share in numbers(answer.answer)


def test_three_places_each_get_their_figure(assistant):
    answer = ask(assistant, "宣城、池州、黄山三个市的集群营收分别多少")
    assert answer.status == "answered" and all(c in answer.answer for c in ("宣城市", "池州市", "黄山市"))


def test_whether_a_county_has_a_cluster_at_a_tier_is_answered_first(assistant):
    none = ask(assistant, "霍邱县眼下有没有一个过百亿的集群")
    assert none.status == "answered" and none.answer.startswith("**没有**，霍邱县")
    some = ask(assistant, "肥西县有没有千亿级集群")
    assert some.status == "answered" and some.answer.startswith("**没有**，肥西县")
