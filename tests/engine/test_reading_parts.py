"""Readings composed from parts: an unheld measure in a follow-up, year-by-year values asked in English, a county
named with the initials of its cluster's industry, a verb of reaching before a level, rates written 年增N%, counties
counted, yes/no on the province's targets, a province total projected to a stated amount, a county judged by its
largest cluster, the others beside the top of two or three, and the year one side passes the other. Expected
figures come from the demo CSV."""

from __future__ import annotations

import csv
import math
import re
from collections import defaultdict

import pytest

from tests.engine.asking import ask
from tests.paths import REPO_ROOT


@pytest.fixture(scope="module")
def table():
    """cluster -> (county, metric -> year -> value), straight from the demo CSV."""
    values: dict[str, dict[str, dict[int, float]]] = defaultdict(lambda: defaultdict(dict))
    county: dict[str, str] = {}
    with (REPO_ROOT / "data" / "demo" / "indicators_demo.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            values[row["cluster"]][row["metric"]][int(row["year"])] = float(row["value"])
            county[row["cluster"]] = row["county"]
    return values, county


def revenue(table, fragment: str) -> dict[int, float]:
    values, _ = table
    (name,) = [n for n in values if fragment in n]
    return values[name]["revenue"]


def first_year_at(value: float, rate: float, level: float, year: int) -> int:
    n = 0
    while value * (1 + rate) ** n < level:
        n += 1
    return year + n


def test_a_follow_up_asking_a_measure_nothing_holds_declines_instead_of_the_last_figures(assistant):
    first = ask(assistant, "广德电子电路集群的营收是多少", thread="unheld")
    assert first.status == "answered"
    again = ask(assistant, "那它交了多少税", thread="unheld")
    assert again.status == "no_data" and "税" in again.answer and "461.2" not in again.answer


def test_every_year_asked_in_english_lists_the_values_not_only_the_changes(assistant, table):
    series = revenue(table, "广德市电子电路")
    answer = ask(assistant, "Give me Guangde's electronic circuit cluster revenue for every year from 2021 to 2023.")
    assert answer.status == "answered"
    for year in (2021, 2022, 2023):
        assert f"{series[year]:g}" in answer.answer


def test_a_county_with_the_initials_of_its_clusters_industry_is_that_cluster(assistant, table):
    answer = ask(assistant, "肥西农机2024年营业收入")
    assert answer.status == "answered" and "现代农业装备" in answer.answer
    assert f"{revenue(table, '肥西县现代农业装备')[2024]:g}" in answer.answer


def test_a_verb_of_reaching_before_a_level_and_a_rate_written_with_year(assistant, table):
    value = revenue(table, "舒城县电子信息")[2025]
    answer = ask(assistant, "舒城光电要是年增6%，啥时候能冲进500亿级")
    assert answer.status == "answered"
    assert str(first_year_at(value, 0.06, 500, 2025)) in answer.answer


def test_counties_are_counted_when_the_question_counts_counties(assistant, table):
    values, county = table
    counties = {county[c] for c, m in values.items() if m["revenue"].get(2025, 0) >= 300}
    answer = ask(assistant, "有300亿以上集群的县一共有几个")
    assert answer.status == "answered" and f"{len(counties)} 个县" in answer.answer


def test_a_yes_no_question_on_a_province_target_is_answered_yes_or_no_first(assistant, table):
    values, _ = table
    over_1000 = sum(1 for m in values.values() if m["revenue"].get(2025, 0) >= 1000)
    answer = ask(assistant, "2027年要有一个千亿级集群，这个目标现在实现没有")
    assert answer.status == "answered"
    assert answer.answer.startswith("**是**" if over_1000 >= 1 else "**否**")


def test_a_province_total_projected_to_an_amount_and_checked_against_the_target(assistant, table):
    values, _ = table
    total = sum(m["revenue"][2025] for m in values.values() if 2025 in m["revenue"])
    answer = ask(assistant, "全省集群营收按年增长6%，哪一年能突破2万亿元")
    assert answer.status == "answered" and str(first_year_at(total, 0.06, 20000, 2025)) in answer.answer
    checked = ask(assistant, "假设全省集群营收年增长8%，2027年能不能完成1.4万亿元的目标")
    assert checked.status == "answered" and "2" in [c.clause_id for c in checked.citations]
    assert f"{total * 1.08 ** 2:.1f}" in checked.answer


def test_a_county_reaches_a_tier_by_its_largest_cluster(assistant, table):
    largest = revenue(table, "霍邱县铁基")[2025]
    answer = ask(assistant, "霍邱按每年增长8%算，哪年能有百亿级集群")
    assert answer.status == "answered" and "铁基新材料" in answer.answer
    assert str(first_year_at(largest, 0.08, 100, 2025)) in answer.answer


def test_which_of_a_countys_two_clusters_is_higher_shows_both(assistant, table):
    values, _ = table
    firms = {n: m["enterprises_above_scale"][2025] for n, m in values.items() if n.startswith("当涂县")}
    answer = ask(assistant, "当涂两个集群哪个规上企业多一点")
    assert answer.status == "answered"
    assert all(f"{v:g}" in answer.answer for v in firms.values())


@pytest.mark.parametrize("question", ["按各自近三年年均增速，宁国高分子哪年能超过广德电子电路",
                                      "广德电子电路哪年会被宁国高分子超过（按近三年的年均增速）"])
def test_the_year_one_side_passes_the_other_at_its_own_pace(assistant, table, question):
    a, b = revenue(table, "宁国市先进高分子"), revenue(table, "广德市电子电路")
    ra, rb = ((s[2025] / s[2022]) ** (1 / 3) - 1 for s in (a, b))
    answer = ask(assistant, question)
    assert answer.status == "answered"
    if ra <= rb:
        assert "追不上" in answer.answer
    else:
        n = math.ceil(math.log(b[2025] / a[2025]) / math.log((1 + ra) / (1 + rb)))
        assert f"{2025 + n} 年" in answer.answer
    assert re.search(r"宁国市先进高分子.*超过广德|追不上", answer.answer.replace("\n", ""))


def test_an_english_industry_word_picks_the_named_countys_cluster(assistant, table):
    answer = ask(assistant, "How much did the Feidong photovoltaic cluster export and import in 2025?")
    assert answer.status == "answered" and "先进光伏" in answer.answer


def test_a_held_figure_is_answered_and_an_unheld_one_beside_it_named_missing(assistant, table):
    answer = ask(assistant, "来安汽车零部件集群去年营收和员工人数各是多少")
    assert answer.status == "answered" and f"{revenue(table, '来安县汽车零部件')[2025]:g}" in answer.answer
    assert "从业人员" in answer.answer and "没有" in answer.answer


def test_an_unheld_measure_qualified_by_a_held_one_is_declined(assistant):
    answer = ask(assistant, "长丰汽车零部件集群每亿元营收用电量多少")
    assert answer.status == "no_data" and "用电量" in answer.answer


def test_a_countys_gdp_is_a_figure_the_store_lacks_not_an_off_topic_question(assistant):
    answer = ask(assistant, "怀远县去年的GDP有多少")
    assert answer.status == "no_data" and "生产总值" in answer.answer


def test_spoken_filler_before_a_whole_question_is_no_follow_up(assistant, table):
    answer = ask(assistant, "嗯就是那个天长仪器仪表2023年营收多少来着")
    assert answer.status == "answered" and f"{revenue(table, '天长市智能测控')[2023]:g}" in answer.answer


def test_whether_the_clusters_total_passed_a_bare_unit_is_answered_no_first(assistant, table):
    values, _ = table
    total = sum(m["revenue"][2025] for m in values.values() if 2025 in m["revenue"])
    answer = ask(assistant, "72个集群合计营收过万亿了吗")
    assert answer.status == "answered" and answer.answer.startswith("**还没有**" if total < 10000 else "**")
    assert "2" in [c.clause_id for c in answer.citations]  # 1万亿 is the 2025 target of 二


def test_a_ranking_asked_of_one_named_place_gives_its_position(assistant):
    answer = ask(assistant, "Where does Tianchang rank among counties by revenue?")
    assert answer.status == "answered" and re.search(r"\b\d+ of 56 counties", answer.answer)


def test_a_count_of_a_handful_names_them(assistant, table):
    values, _ = table
    names = [n for n, m in values.items() if m["revenue"].get(2025, 0) >= 600]
    answer = ask(assistant, "How many clusters have at least 60 billion yuan of revenue?")
    assert answer.status == "answered" and 0 < len(names) <= 5 and all(n in answer.answer for n in names)


def test_a_band_between_two_levels_holds_its_lower_end_only(assistant, table):
    values, _ = table
    inside = [n for n, m in values.items() if 50 <= m["revenue"].get(2025, -1) < 80]
    answer = ask(assistant, "营收介于50亿和80亿之间的集群有多少个")
    assert answer.status == "answered" and f"**{len(inside)} 个**" in answer.answer


def test_none_of_an_indicator_counts_the_zeros(assistant, table):
    values, _ = table
    zeros = [n for n, m in values.items() if m["five_one_count"].get(2025) == 0]
    answer = ask(assistant, "“五个一”一个都没建的集群有几个")
    assert answer.status == "answered" and f"**{len(zeros)} 个**" in answer.answer
    assert all(n in answer.answer for n in zeros)


def test_a_province_target_asked_done_or_not_mid_line_gets_its_verdict(assistant):
    answer = ask(assistant, "2027年的千亿级集群目标完成没，还差几个")
    assert answer.status == "answered" and answer.answer.startswith(("**是**", "**否**"))




def test_the_next_one_after_a_top_list_goes_one_further_down(assistant):
    first = ask(assistant, "宣城营收前两名的集群是哪些", thread="next-one")
    assert first.status == "answered"
    more = ask(assistant, "再下一个呢", thread="next-one")
    assert more.status == "answered" and "3." in more.answer and "前" not in more.answer.split("\n")[0][:2]


def test_the_first_placed_one_points_at_the_top_of_the_list_shown(assistant):
    ask(assistant, "芜湖营收最高的三个集群是哪些", thread="first-placed")
    answer = ask(assistant, "排第一的那个离500亿还差多少", thread="first-placed")
    assert answer.status == "answered" and "无为市电线电缆" in answer.answer


def test_the_other_end_of_a_ranking_just_shown(assistant):
    ask(assistant, "Which cluster in Anqing had the highest revenue in 2025?", thread="other-end")
    answer = ask(assistant, "And the smallest?", thread="other-end")
    assert answer.status == "answered" and "smallest" in answer.answer and "安庆" in answer.answer


def test_two_places_asked_one_a_turn_are_compared_together(assistant):
    ask(assistant, "宿州的集群营收合计多少", thread="two-cities")
    ask(assistant, "那亳州呢", thread="two-cities")
    answer = ask(assistant, "两个市谁营收更多", thread="two-cities")
    assert answer.status == "answered" and "宿州市" in answer.answer and "亳州市" in answer.answer


def test_this_pace_after_a_stated_rate_is_that_rate(assistant, table):
    value = revenue(table, "宁国市电子元器件")[2025]
    ask(assistant, "要是每年涨10%，宁国电子元器件2028年营收多少", thread="this-pace")
    answer = ask(assistant, "那按这个速度，宁国电子元器件哪年到百亿", thread="this-pace")
    assert answer.status == "answered" and str(first_year_at(value, 0.10, 100, 2025)) in answer.answer


def test_a_place_named_with_its_own_tier_question_is_not_the_last_question_again(assistant, table):
    values, county = table
    largest = max(m["revenue"][2025] for n, m in values.items() if county[n] == "太和县")
    ask(assistant, "太和县集群营收合计多少", thread="own-tier")
    answer = ask(assistant, "那太和算不算有300亿级集群了", thread="own-tier")
    assert answer.status == "answered" and answer.answer.startswith("**有**" if largest >= 300 else "**没有**")


def test_the_year_a_level_of_the_askers_own_was_crossed(assistant, table):
    series = revenue(table, "太和县生物医药")
    year = min(y for y, v in series.items() if v >= 150)
    answer = ask(assistant, "太和生物医药是哪年过的150亿")
    assert answer.status == "answered" and f"{year} 年" in answer.answer


def test_more_than_a_number_of_enterprises_in_english_counts_clusters(assistant, table):
    values, _ = table
    over = [n for n, m in values.items() if m["high_tech_enterprises"].get(2025, 0) >= 130]
    answer = ask(assistant, "How many clusters had more than 130 high-tech enterprises in 2025?")
    assert answer.status == "answered" and f"**{len(over)}**" in answer.answer


def test_a_question_about_the_data_itself_is_answered_from_the_store(assistant):
    answer = ask(assistant, "这些数字是统计局的官方数据吗")
    assert answer.status == "answered" and "示例数据" in answer.answer and "2025" in answer.answer


def test_her_own_pace_to_the_level_just_named(assistant, table):
    series = revenue(table, "广德市电子电路")
    rate = (series[2025] / series[2022]) ** (1 / 3) - 1
    ask(assistant, "广德电子电路离500亿还差多少", thread="own-pace-level")
    answer = ask(assistant, "按它近三年的年均增速，哪一年能到？", thread="own-pace-level")
    assert answer.status == "answered" and str(first_year_at(series[2025], rate, 500, 2025)) in answer.answer


def test_visitors_are_a_figure_the_store_lacks(assistant):
    answer = ask(assistant, "黟县乡村旅游集群一年接待多少游客")
    assert answer.status == "no_data" and "游客" in answer.answer


def test_the_second_one_points_at_the_cluster_shown_beside_the_top(assistant, table):
    series = revenue(table, "当涂县新材料")
    ask(assistant, "当涂营收最大的集群是哪个", thread="second-beside")
    answer = ask(assistant, "那第二个集群的营收呢", thread="second-beside")
    assert answer.status == "answered" and "当涂县新材料" in answer.answer and f"{series[2025]:g}" in answer.answer


def test_the_difference_of_two_places_asked_a_turn_apart_on_the_measure_shown(assistant, table):
    values, county = table
    ask(assistant, "出口最多的集群是哪个", thread="two-apart")
    ask(assistant, "第二名呢", thread="two-apart")
    answer = ask(assistant, "这两个相差多少", thread="two-apart")
    top = sorted((m["exports"][2025] for m in values.values() if 2025 in m["exports"]), reverse=True)[:2]
    assert answer.status == "answered" and f"{top[0] - top[1]:.1f}".rstrip("0").rstrip(".") in answer.answer


def test_a_smaller_first_subject_is_said_to_be_less(assistant):
    answer = ask(assistant, "池州的集群营收比安庆多还是少，差多少")
    assert answer.status == "answered" and "池州市比它少" in answer.answer


def test_a_gap_asked_after_a_figure_of_a_year_keeps_its_own_deadline(assistant):
    ask(assistant, "广德电子电路2025年营收多少", thread="gap-deadline")
    answer = ask(assistant, "离500亿还差多少", thread="gap-deadline")
    assert answer.status == "answered" and "2030 年" in answer.answer


def test_a_district_named_beside_its_city_is_declined_by_name(assistant):
    answer = ask(assistant, "包河区的集群营收在合肥排第几")
    assert answer.status == "no_data" and "包河区" in answer.answer


def test_the_steepest_fall_is_the_lowest_growth_said_as_a_fall(assistant, table):
    values, _ = table
    rates = {n: m["revenue"][2025] / m["revenue"][2024] - 1 for n, m in values.items()
             if 2024 in m["revenue"] and 2025 in m["revenue"]}
    worst = min(rates, key=lambda n: rates[n])
    answer = ask(assistant, "去年哪个集群营收跌得最厉害")
    assert answer.status == "answered" and worst in answer.answer and "下降" in answer.answer


def test_keeping_the_latest_years_rate_projects_at_that_rate(assistant, table):
    series = revenue(table, "宁国市先进高分子")
    rate = series[2025] / series[2024] - 1
    answer = ask(assistant, "宁国高分子要是保持2025年的增速，哪年能到600亿")
    assert answer.status == "answered" and str(first_year_at(series[2025], rate, 600, 2025)) in answer.answer


def test_a_comparison_with_another_provinces_figures_is_not_answered_with_anhuis_alone(assistant):
    answer = ask(assistant, "江苏县域经济的营收跟安徽的集群比怎么样")
    assert answer.status == "out_of_scope"


def test_year_by_year_changes_show_each_years_figure(assistant, table):
    series = revenue(table, "宁国市先进高分子")
    answer = ask(assistant, "宁国高分子2021年以来营收每年的变化，按年列一下")
    assert answer.status == "answered" and all(f"{series[y]:g}" in answer.answer for y in (2022, 2023, 2024))


def test_cagr_written_inside_a_chinese_question(assistant, table):
    series = revenue(table, "广德市电子电路")
    rate = ((series[2025] / series[2022]) ** (1 / 3) - 1) * 100
    answer = ask(assistant, "广德电子电路近3年CAGR多少")
    assert answer.status == "answered" and f"{rate:.1f}".rstrip("0").rstrip(".") in answer.answer


def test_the_province_at_its_own_recent_pace_to_a_year(assistant, table):
    values, _ = table
    now = sum(m["revenue"][2025] for m in values.values() if 2025 in m["revenue"])
    then = sum(m["revenue"][2022] for m in values.values() if 2022 in m["revenue"])
    expected = now * (now / then) ** (3 / 3)  # three years at the 2022—2025 pace, to 2028
    answer = ask(assistant, "全省集群营收照近三年的年均增速推算，2028年大概多少")
    assert answer.status == "answered" and f"{expected:.0f}"[:3] in answer.answer.replace(",", "")


def test_the_latest_years_rate_carried_to_a_later_year(assistant, table):
    series = revenue(table, "当涂县高端装备")
    value = series[2025] * (series[2025] / series[2024]) ** 2
    answer = ask(assistant, "按2025年的增速，当涂高端装备2027年营收多少")
    assert answer.status == "answered" and f"{value:.1f}".rstrip("0").rstrip(".") in answer.answer


def test_the_deepest_fall_and_the_clusters_that_shrank(assistant, table):
    values, _ = table
    rates = {n: m["revenue"][2025] / m["revenue"][2024] - 1 for n, m in values.items()}
    worst = min(rates, key=lambda n: rates[n])
    deepest = ask(assistant, "营收降幅最大的集群是哪个")
    assert deepest.status == "answered" and worst in deepest.answer
    shrank = ask(assistant, "哪几个集群2025年营收比上年少了")
    assert shrank.status == "answered" and all(n in shrank.answer for n, r in rates.items() if r < 0)


def test_this_pace_after_a_years_change_is_that_years_rate(assistant, table):
    series = revenue(table, "桐城市节能环保")
    value = series[2025] * (series[2025] / series[2024]) ** 3
    ask(assistant, "桐城节能环保2025年营收比上一年增长了多少", thread="pace-after-change")
    answer = ask(assistant, "照这个速度，2028年能到多少", thread="pace-after-change")
    assert answer.status == "answered" and f"{value:.1f}".rstrip("0").rstrip(".") in answer.answer


def test_the_first_one_after_a_question_about_the_second_is_the_first_of_the_list(assistant, table):
    values, county = table
    ask(assistant, "宿州的集群按营收从高到低排一下", thread="first-after-second")
    ask(assistant, "第二个近三年年均增速多少", thread="first-after-second")
    answer = ask(assistant, "那第一个呢", thread="first-after-second")
    suzhou = sorted((n for n in values if county[n] in ("砀山县", "萧县", "灵璧县", "泗县", "埇桥区")),
                    key=lambda n: -values[n]["revenue"][2025])
    assert answer.status == "answered" and suzhou and suzhou[0] in answer.answer and "年均" in answer.answer
