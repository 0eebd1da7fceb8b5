"""The composable reader: questions read as parts, executed over the store and checked against the CSV itself.

Expected figures come from the demo CSV through plain arithmetic here, not from the engine's tools.
"""

from __future__ import annotations

import csv
import re
import shutil
from collections import defaultdict

import pytest

from clusterbot.bot.core import Assistant
from clusterbot.bot.offline.normalize import normalize
from clusterbot.bot.offline.parse import clauses, read_clause
from clusterbot.bot.offline.phrases import window
from clusterbot.bot.offline.slots import extract
from clusterbot.models import Question
from tests.paths import REPO_ROOT

YEARS = (2019, 2025)


@pytest.fixture(scope="module")
def assistant(template_data_dir, tmp_path_factory):
    from clusterbot.config import load_settings

    data_dir = tmp_path_factory.mktemp("parts") / "data"
    shutil.copytree(template_data_dir, data_dir)
    return Assistant(load_settings(data_dir=data_dir))


@pytest.fixture(scope="module")
def csv_rows():
    """(cluster, metric) -> {year: value}, and cluster -> county, read straight from the demo CSV."""
    values: dict[tuple[str, str], dict[int, float]] = defaultdict(dict)
    county_of: dict[str, str] = {}
    with (REPO_ROOT / "data" / "demo" / "indicators_demo.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            values[(row["cluster"], row["metric"])][int(row["year"])] = float(row["value"])
            county_of[row["cluster"]] = row["county"]
    cities = {}
    with (REPO_ROOT / "data" / "reference" / "counties.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            cities[row["county"]] = row["city"]
    return values, county_of, cities


def ask(assistant, text, thread=None):
    return assistant.answer(Question(text=text, channel="test", user="u1", thread=thread or text))


def numbers(text: str) -> list[float]:
    return [float(n) for n in re.findall(r"(?<![\d.])\d+(?:\.\d+)?", text)]


def county_total(rows, county: str, year: int) -> float:
    values, county_of, _ = rows
    return sum(v[year] for (c, m), v in values.items() if m == "revenue" and county_of[c] == county and year in v)


def part_of(text: str):
    """The one part a single clause asks (parser only; entities left out: scope-free clauses)."""
    normal = normalize(text)
    return read_clause(normal, [], extract(normal), None, YEARS)


@pytest.mark.parametrize("text, start, end", [
    ("近四年", 2021, 2025), ("过去两年", 2023, 2025), ("2020年以来", 2020, 2025), ("自2021年起", 2021, 2025),
    ("2020—2023年", 2020, 2023), ("since 2021", 2021, 2025), ("over the past five years", 2020, 2025),
])
def test_windows_of_years(text, start, end):
    assert window(normalize(text), 2025) == (start, end)


def test_a_clause_that_only_asks_continues_the_one_before():
    assert clauses("全省有几个集群，分别是哪些") == ["全省有几个集群", "分别是哪些"]


@pytest.mark.parametrize("text, op", [
    ("安徽各地市的集群营收加总以后谁排第一", "city_rank"),
    ("全省这些集群营收合计是多少", "aggregate"),
    ("目前全省营收在三百亿以上的集群有几个", "count"),
])
def test_scope_free_clauses_name_their_operation(text, op):
    part = part_of(text)
    assert part is not None and part.op == op


def test_target_and_gap_words_stay_with_the_target_answers():
    assert part_of("全省集群营收到2027年的目标是多少") is None
    assert part_of("全省集群总规模离一万亿还差多少") is None


def test_a_stated_rate_is_used_not_the_recent_pace(assistant, csv_rows):
    values, _, _ = csv_rows
    name = "颍上县清洁能源新材料特色产业集群(基地)"
    latest = values[(name, "revenue")][2025]
    year, v = 2025, latest
    while v < 500:
        year, v = year + 1, v * 1.07
    answer = ask(assistant, "颍上清洁能源新材料一年长百分之七的话，哪一年够得着500亿")
    assert answer.status == "answered" and f"**{year} 年**" in answer.answer and "7%" in answer.answer


def test_a_projection_to_a_year_at_a_stated_rate(assistant, csv_rows):
    values, _, _ = csv_rows
    latest = values[("天长市智能测控装置(仪器仪表)特色产业集群(基地)", "revenue")][2025]
    answer = ask(assistant, "天长仪器仪表假设年均增长5%，到2028年营收多少")
    assert answer.status == "answered" and round(latest * 1.05 ** 3, 1) in numbers(answer.answer)


def test_average_growth_over_a_window(assistant, csv_rows):
    expected = round(((county_total(csv_rows, "宁国市", 2025) / county_total(csv_rows, "宁国市", 2021)) ** 0.25 - 1) * 100, 1)
    answer = ask(assistant, "宁国这四年来营收平均一年增长百分之几，近4年算")
    assert answer.status == "answered" and expected in numbers(answer.answer) and "2021—2025" in answer.answer


def test_every_year_of_a_window(assistant, csv_rows):
    values, _, _ = csv_rows
    series = values[("界首市资源循环利用特色产业集群(基地)", "revenue")]
    answer = ask(assistant, "界首资源循环利用2020到2023年营收分别是多少")
    shown = numbers(answer.answer)
    assert all(round(series[y], 1) in shown for y in range(2020, 2024))
    assert "2019 年" not in answer.answer and "2024 年" not in answer.answer


def test_the_year_a_level_was_first_reached(assistant, csv_rows):
    values, _, _ = csv_rows
    series = values[("长丰县汽车零部件特色产业集群(基地)", "revenue")]
    first = min(y for y, v in series.items() if v >= 500)
    answer = ask(assistant, "长丰汽车零部件营收是哪一年站上500亿的")
    assert answer.status == "answered" and f"**{first} 年**" in answer.answer


def test_the_largest_inside_a_city_by_growth_and_the_scope_carries(assistant, csv_rows):
    values, county_of, cities = csv_rows

    def fastest(city):
        rates = {c: v[2025] / v[2024] - 1 for (c, m), v in values.items()
                 if m == "revenue" and cities[county_of[c]] == city and 2024 in v and 2025 in v}
        return max(rates, key=lambda c: rates[c])

    first = ask(assistant, "芜湖下面哪个集群涨得最快", thread="scope")
    assert first.status == "answered" and f"**{fastest('芜湖市')}**" in first.answer and "同比" in first.answer
    then = ask(assistant, "那六安呢", thread="scope")
    assert then.status == "answered" and f"**{fastest('六安市')}**" in then.answer


def test_an_ordinal_picks_one_of_the_listed(assistant):
    ask(assistant, "马鞍山营收前三的集群", thread="ordinal")
    listed = ask(assistant, "马鞍山营收前三的集群", thread="ordinal-ref")
    names = re.findall(r"^\d\. (.+?)：", listed.answer, re.M)
    second = ask(assistant, "第二个近三年年均增长多少", thread="ordinal")
    assert second.status == "answered" and names[1] in second.answer and names[0] not in second.answer


def test_province_actuals_are_not_targets(assistant, csv_rows):
    values, _, _ = csv_rows
    total = round(sum(v[2025] for (c, m), v in values.items() if m == "revenue" and 2025 in v), 1)
    count = sum(1 for (c, m), v in values.items() if m == "revenue" and v.get(2025, 0) >= 300)
    answer = ask(assistant, "全省集群营收眼下实际是多少")
    assert total in numbers(answer.answer) and "非政策目标" in answer.answer
    counted = ask(assistant, "全省营收三百亿以上的集群有几个，都是哪些")
    assert f"**{count} 个**" in counted.answer and len(re.findall(r"^- ", counted.answer, re.M)) == count


def test_cities_ranked_by_their_total(assistant, csv_rows):
    values, county_of, cities = csv_rows
    totals: dict[str, float] = defaultdict(float)
    for (c, m), v in values.items():
        if m == "revenue" and 2025 in v:
            totals[cities[county_of[c]]] += v[2025]
    top = sorted(totals, key=lambda k: -totals[k])[:3]
    answer = ask(assistant, "各地市集群营收加总排个名，前三名")
    assert re.findall(r"^\d+\. (.+?)：", answer.answer, re.M) == top


def test_two_questions_in_one_line_are_both_answered(assistant, csv_rows):
    total = round(county_total(csv_rows, "郎溪县", 2025), 1)
    answer = ask(assistant, "郎溪集群营收合计多少 离300亿还差多少")
    assert total in numbers(answer.answer) and "300亿级" in answer.answer


def test_an_unheld_quantity_is_declined_by_name_not_answered_with_a_profile(assistant):
    answer = ask(assistant, "广德电子电路一年用多少度电")
    assert answer.status == "no_data" and "度电" in answer.answer and "营业收入 **" not in answer.answer


def test_a_place_with_one_wrong_character_is_read_and_said(assistant):
    answer = ask(assistant, "灵壁县集群营收多少")
    assert answer.status == "answered" and answer.answer.startswith("按“灵璧县”理解")
    slip = ask(assistant, "郎西县集群营收多少")  # 西 sounds as 溪: 郎溪县, though 肥西 is one character off too
    assert slip.status == "answered" and slip.answer.startswith("按“郎溪县”理解")
    tie = ask(assistant, "郎东县集群营收多少")  # one character from 郎溪 and from 肥东 alike, neither by sound
    assert tie.status == "no_data" and not tie.answer.startswith("按“")


def test_thousands_separators_are_one_number():
    assert "1000亿" in normalize("the 1,000亿 tier") and "12500" in normalize("12,500 亿元")
    assert normalize("2021,2022") == "2021,2022"


def test_operation_words_are_not_read_inside_a_name(assistant, csv_rows):
    values, _, _ = csv_rows
    name = "郎溪县绿色智能装备特色产业集群(基地)"
    series = values[(name, "revenue")]
    first = min(y for y in series if series[y] >= 100)
    # 能 of 智能 is not "can": the question asks when the level was crossed, in the past
    answer = ask(assistant, "郎溪的智能装备集群是在哪一年迈过百亿的")
    assert answer.status == "answered" and f"**{first} 年**" in answer.answer


def test_a_decline_is_said_in_words_not_as_negative_growth(assistant, csv_rows):
    values, _, _ = csv_rows
    falling = [(c, v) for (c, m), v in values.items() if m == "revenue" and v[2025] < v[2022]]
    assert falling
    cluster, series = falling[0]
    rate = round(abs((series[2025] / series[2022]) ** (1 / 3) - 1) * 100, 1)
    county = cluster.split("县")[0].split("市")[0]
    sector = cluster.removeprefix(county).lstrip("县市").split("特色")[0]
    answer = ask(assistant, f"{county}{sector}集群2022年到2025年平均每年增长多少")
    assert answer.status == "answered" and "下降" in answer.answer and rate in numbers(answer.answer)
    assert "-" not in answer.answer.split("数据：")[0]


def cluster_revenue(rows, cluster: str, year: int) -> float:
    return rows[0][(cluster, "revenue")][year]


def test_a_change_between_the_two_ends_of_a_window(assistant, csv_rows):
    values, _, _ = csv_rows
    rev = values[("宁国市电子元器件特色产业集群(基地)", "revenue")]
    answer = ask(assistant, "宁国电子元器件集群2020年至2024年营收一共增加了多少")
    assert answer.status == "answered" and round(rev[2024] - rev[2020], 1) in numbers(answer.answer)


def test_courtesy_words_do_not_block_an_answer(assistant, csv_rows):
    value = cluster_revenue(csv_rows, "桐城市节能环保特色产业集群(基地)", 2022)
    answer = ask(assistant, "您好，麻烦查下桐城节能环保集群2022年营业收入多少，多谢")
    assert answer.status == "answered" and value in numbers(answer.answer)


def test_the_province_average_growth_over_a_window(assistant, csv_rows):
    values, _, _ = csv_rows
    total = {y: sum(v[y] for (c, m), v in values.items() if m == "revenue" and y in v) for y in (2021, 2025)}
    expected = round(((total[2025] / total[2021]) ** 0.25 - 1) * 100, 1)
    answer = ask(assistant, "全省集群营收这四年平均每年增长百分之多少，近4年")
    assert answer.status == "answered" and expected in numbers(answer.answer)


def test_the_fastest_grower_of_a_sector(assistant, csv_rows):
    values, _, _ = csv_rows
    sectors = {}
    with (REPO_ROOT / "data" / "reference" / "clusters.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            sectors[row["cluster"]] = row["sector"]
    members = [c for c, s in sectors.items() if s == "材料" and (c, "revenue") in values]
    best = max(members, key=lambda c: values[(c, "revenue")][2025])
    answer = ask(assistant, "材料类的集群里头，哪个营收规模最大")
    assert answer.status == "answered" and best in answer.answer


def test_an_ordinal_after_a_ranking_goes_further_down_it(assistant, csv_rows):
    values, _, cities = csv_rows
    _, county_of, _ = csv_rows
    members = [c for (c, m) in values if m == "revenue" and cities.get(county_of[c]) == "宣城市"]
    ranked = sorted(members, key=lambda c: values[(c, "revenue")][2025], reverse=True)
    thread = "ordinal-ranking"
    ask(assistant, "宣城哪个集群营收最高", thread)
    second = ask(assistant, "那第二名呢", thread)
    assert second.status == "answered" and ranked[1] in second.answer
    it = ask(assistant, "它2023年营收多少", thread)
    assert it.status == "answered" and values[(ranked[1], "revenue")][2023] in numbers(it.answer)


def test_two_named_before_added_up(assistant, csv_rows):
    values, county_of, _ = csv_rows
    members = sorted(c for (c, m) in values if m == "revenue" and county_of[c] == "天长市")
    total = round(sum(values[(c, "revenue")][2025] for c in members), 1)
    thread = "two-added"
    ask(assistant, "天长市的两个集群各是什么", thread)
    answer = ask(assistant, "这两个集群合起来多少", thread)
    assert answer.status == "answered" and total in numbers(answer.answer)


def test_a_rate_in_points_is_a_stated_rate(assistant, csv_rows):
    latest = cluster_revenue(csv_rows, "天长市智能测控装置(仪器仪表)特色产业集群(基地)", 2025)
    year, v = 2025, latest
    while v < 100:
        year, v = year + 1, v * 1.03
    answer = ask(assistant, "天长仪器仪表每年增长3个点的话哪年能破百亿")
    assert answer.status == "answered" and f"**{year} 年**" in answer.answer


def test_a_level_holds_for_the_next_clause(assistant, csv_rows):
    values, _, _ = csv_rows
    count = {y: sum(1 for (c, m), v in values.items() if m == "revenue" and v.get(y, 0) >= 500) for y in (2025, 2022)}
    answer = ask(assistant, "五百亿以上的集群眼下几个？2022年那会儿几个？")
    assert answer.status == "answered"
    assert f"**{count[2025]} 个**" in answer.answer and f"**{count[2022]} 个**" in answer.answer


def test_a_place_typed_with_a_character_that_sounds_the_same(assistant):
    read = ask(assistant, "灵壁有几个集群")  # 壁 for 璧: same sound
    assert read.status == "answered" and "灵璧县" in read.answer and "按“灵璧县”理解" in read.answer
    assert "和县" not in ask(assistant, "低效用地和闲置厂房的政策怎么说").answer.split("\n")[0]


def test_clusters_newly_past_a_level_in_a_year(assistant, csv_rows):
    values, _, _ = csv_rows
    newly = sorted(c for (c, m), v in values.items() if m == "revenue" and v[2024] >= 100 > v[2023])
    answer = ask(assistant, "2024年刚刚新晋百亿的集群是哪些")
    assert answer.status == "answered" and f"**{len(newly)} 个**" in answer.answer
    assert all(c in answer.answer for c in newly)


def test_a_count_by_another_indicator_level(assistant, csv_rows):
    values, _, _ = csv_rows
    n = sum(1 for (c, m), v in values.items() if m == "rd_intensity" and v.get(2025, 0) >= 2.5)
    answer = ask(assistant, "研发投入强度在2.5%以上的集群一共几个")
    assert answer.status == "answered" and f"**{n} 个**" in answer.answer


def test_among_those_listed(assistant, csv_rows):
    values, county_of, cities = csv_rows
    members = [c for (c, m), v in values.items() if m == "revenue" and cities.get(county_of[c]) == "合肥市"
               and v[2025] >= 100]
    fastest = max(members, key=lambda c: values[(c, "revenue")][2025] / values[(c, "revenue")][2024])
    thread = "among-listed"
    ask(assistant, "合肥有几个百亿集群", thread)
    answer = ask(assistant, "这些里面去年增速最高的是哪一个", thread)
    assert answer.status == "answered" and fastest in answer.answer


def test_a_county_without_the_tier_says_so_first(assistant):
    answer = ask(assistant, "明光有没有百亿集群")
    assert answer.status == "answered" and "尚无百亿级集群" in answer.answer


def test_years_written_out_one_by_one_are_a_series(assistant, csv_rows):
    values, _, _ = csv_rows
    series = values[("太和县生物医药特色产业集群(基地)", "revenue")]
    answer = ask(assistant, "太和医药2021、2022、2023这几年营收分别多少")
    shown = numbers(answer.answer)
    assert answer.status == "answered" and all(round(series[y], 1) in shown for y in (2021, 2022, 2023))


def test_a_remark_after_the_question_is_not_what_is_asked(assistant, csv_rows):
    values, _, _ = csv_rows
    series = values[("长丰县汽车零部件特色产业集群(基地)", "revenue")]
    rate = round((series[2021] / series[2020] - 1) * 100, 1)
    answer = ask(assistant, "长丰汽车零部件2021年增速多少我印象中那年不太好")
    assert answer.status == "answered" and rate in numbers(answer.answer)


def test_the_province_change_since_a_year_in_a_second_clause(assistant, csv_rows):
    values, _, _ = csv_rows
    total = {y: sum(v[y] for (c, m), v in values.items() if m == "high_tech_enterprises" and y in v)
             for y in (2020, 2025)}
    answer = ask(assistant, "全省集群高新技术企业2025年总共多少家？和2020年比多了多少家？")
    assert answer.status == "answered" and round(total[2025] - total[2020]) in numbers(answer.answer)


def test_an_ordinal_points_into_an_earlier_list(assistant, csv_rows):
    values, county_of, _ = csv_rows
    members = sorted((c for (c, m) in values if m == "revenue" and county_of[c] == "肥西县"),
                     key=lambda c: -values[(c, "revenue")][2025])
    assert len(members) >= 2
    thread = "earlier-list"
    ask(assistant, "肥西县都有哪些集群", thread)
    ask(assistant, "最大的那个离千亿还差多少", thread)
    answer = ask(assistant, "那第二个集群2024年营收呢", thread)
    assert answer.status == "answered" and members[1] in answer.answer
    assert values[(members[1], "revenue")][2024] in numbers(answer.answer)


def test_one_nearest_when_one_is_asked(assistant, csv_rows):
    values, _, _ = csv_rows
    below = sorted(((v[2025], c) for (c, m), v in values.items() if m == "revenue" and v[2025] < 300), reverse=True)
    answer = ask(assistant, "哪个集群离三百亿最近")
    assert answer.status == "answered" and below[0][1] in answer.answer and below[1][1] not in answer.answer


def test_the_province_projected_and_checked_against_a_level(assistant, csv_rows):
    values, _, _ = csv_rows
    total = sum(v[2025] for (c, m), v in values.items() if m == "revenue")
    at_2028 = round(total * 1.06 ** 3, 1)
    answer = ask(assistant, "假如全省集群营收一年涨6%，2028年有多大规模？够得上两万亿吗？")
    assert answer.status == "answered" and at_2028 in numbers(answer.answer)
    assert ("达不到" if at_2028 < 20000 else "**能**") in answer.answer


def test_two_years_of_the_province_side_by_side(assistant, csv_rows):
    values, _, _ = csv_rows
    total = {y: round(sum(v[y] for (c, m), v in values.items() if m == "revenue"), 1) for y in (2021, 2024)}
    answer = ask(assistant, "全省集群营收2021年和2024年分别多少")
    assert answer.status == "answered" and total[2021] in numbers(answer.answer) and total[2024] in numbers(answer.answer)


def test_a_province_indicator_asked_as_it_stands_gets_the_actual_beside_the_target(assistant):
    answered = ask(assistant, "全省集群的研发投入强度2025年到多少了")
    assert answered.status == "answered" and "实际" in answered.answer
    target_only = ask(assistant, "2025年集群研发投入强度的目标是多少")
    assert target_only.status == "answered" and "实际" not in target_only.answer


def test_a_question_word_before_县_is_no_one_character_county(assistant):
    answer = ask(assistant, "全省还有哪些县没有百亿级集群")
    assert answer.status == "answered" and "理解（问题中写作" not in answer.answer
