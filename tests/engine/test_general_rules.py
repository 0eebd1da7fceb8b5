"""General rules of the offline engine, asked in wordings that no evaluation set uses."""

from __future__ import annotations

import re
import shutil

import pytest

from clusterbot.bot.core import Assistant
from clusterbot.models import Question


@pytest.fixture(scope="module")
def assistant(template_data_dir, tmp_path_factory):
    """One assistant for the module, on its own copy of the template (its audit log must not leak into others)."""
    from clusterbot.config import load_settings

    data_dir = tmp_path_factory.mktemp("rules") / "data"
    shutil.copytree(template_data_dir, data_dir)
    return Assistant(load_settings(data_dir=data_dir))


def ask(assistant, text, thread=None):
    return assistant.answer(Question(text=text, channel="test", user="u1", thread=thread or text))


def cited(answer) -> set[str]:
    return {c.clause_id for c in answer.citations}


@pytest.mark.parametrize("text", ["新能源汽车板块涨停了，集群里哪只股票值得买入？", "Which stocks in the auto parts cluster should I buy?"])
def test_investment_advice_is_out_of_scope_even_with_an_industry_word(assistant, text):
    answer = ask(assistant, text)
    assert answer.status == "out_of_scope" and not answer.citations and not answer.facts


def test_another_provinces_policy_is_out_of_scope_but_a_task_naming_it_is_not(assistant):
    other = ask(assistant, "浙江省的块状经济集群有哪些奖补政策？")
    assert other.status == "out_of_scope" and "安徽" in other.answer
    task = ask(assistant, "承接浙江的产业转移这项任务谁牵头？")
    assert task.status == "answered" and cited(task) == {"3.1.1"} and "各市、县人民政府" in task.answer


def test_an_indicator_the_store_does_not_hold_gets_no_number(assistant):
    answer = ask(assistant, "天长仪器仪表集群去年的从业人员和工业增加值各是多少？")
    assert answer.status == "no_data" and not answer.facts
    assert "从业人员" in answer.answer and "工业增加值" in answer.answer and "营业收入" in answer.answer
    assert not re.search(r"\d", answer.answer.split("可以这样问")[0])


def test_an_indicator_never_reported_for_a_cluster_gets_no_number(assistant):
    answer = ask(assistant, "歙县文化旅游集群有多少家高新技术企业？")
    assert answer.status == "no_data" and "高新技术企业" in answer.answer and not answer.facts
    reported = ask(assistant, "天长仪器仪表集群有多少家高新技术企业？", thread="other")
    assert reported.status == "answered" and "高新技术企业数 25家" in reported.answer


def test_lead_only_lists_leave_out_supported_tasks(assistant):
    both = ask(assistant, "省科技厅负责哪些任务？")
    only = ask(assistant, "只看省科技厅牵头的，配合的不用列")
    assert only.status == both.status == "answered"
    assert cited(only) < cited(both) and "配合单位参与" not in only.answer and "配合单位参与" in both.answer


def test_english_number_words_set_how_many_are_listed(assistant):
    answer = ask(assistant, "List the four counties with the highest cluster revenue")
    assert answer.intent == "rank"
    assert len(re.findall(r"^\d\. ", answer.answer, re.M)) == 4


def test_counties_compared_by_their_largest_clusters(assistant):
    answer = ask(assistant, "天长和宁国，两地最大的集群谁的营收更高？")
    assert answer.intent == "compare"
    names = re.findall(r"\*\*(.+?)\*\*", answer.answer)
    assert len(names) == 2 and all("集群" in n for n in names)
    assert names[0].startswith("天长市") and names[1].startswith("宁国市")


def test_a_sector_shared_by_clusters_is_narrowed_by_the_counties_named(assistant):
    answer = ask(assistant, "来安县和绩溪县的汽车零部件集群对比一下")
    assert answer.status == "answered" and answer.intent == "compare"
    assert "来安县汽车零部件" in answer.answer and "绩溪县汽车零部件" in answer.answer
    assert "蒙城县" not in answer.answer and "长丰县" not in answer.answer


def test_a_name_ruled_out_with_buduo_is_not_compared(assistant):
    answer = ask(assistant, "天长的仪器仪表，不是电线电缆那个，离百亿还差多少？")
    assert answer.intent == "gap" and "仪器仪表" in answer.answer and "电线电缆" not in answer.answer


def test_a_clause_located_by_part_item_and_article(assistant):
    answer = ask(assistant, "麻烦把第三部分主要任务当中第（二）项的第1条原文发我")
    assert answer.status == "answered" and cited(answer) == {"3.2.1"}


def test_a_growth_question_names_the_year_before_and_the_change(assistant):
    answer = ask(assistant, "天长仪器仪表集群营收比上年增长了多少？")
    assert re.search(r"比 2024 年（[\d.]+ 亿元）增长 [\d.]+%，增加 [\d.]+ 亿元", answer.answer)
    plain = ask(assistant, "天长仪器仪表集群情况", thread="plain")
    assert "比 2024 年" not in plain.answer


def test_a_written_out_tier_range_is_the_300_500_indicator(assistant):
    answer = ask(assistant, "三百至五百亿级的集群，2025年目标是几个？")
    assert answer.status == "answered" and "300—500亿级集群10个左右" in answer.answer


def test_a_short_form_is_explained_by_the_sentence_that_introduces_it(assistant):
    ask(assistant, "2025年300到500亿级集群目标几个？", thread="short")
    answer = ask(assistant, "集群这个简称指的是什么？", thread="short")  # a new question, not a follow-up
    assert answer.status == "answered" and "以下简称“集群”" in answer.answer and cited(answer) == {"0"}


@pytest.mark.parametrize("text", ["top 120 clusters by revenue", "120 clusters lowest", "前0名的集群", "营收前500的县"])
def test_list_sizes_outside_the_tools_limits_are_clamped_not_errors(assistant, text):
    answer = ask(assistant, text)
    assert answer.status == "answered" and answer.intent == "rank"
    listed = len(re.findall(r"^\d+\. ", answer.answer, re.M))
    assert 1 <= listed <= 100


def test_a_base_year_is_what_the_year_asked_about_is_compared_with(assistant):
    answer = ask(assistant, "天长仪器仪表集群2024年营收比2021年增长了多少？")
    found = re.search(r"2024 年营业收入 ([\d.]+) 亿元，比 2021 年（([\d.]+) 亿元）\*\*增加 ([\d.]+) 亿元\*\*", answer.answer)
    assert found is not None
    later, earlier, delta = (float(g) for g in found.groups())
    assert round(later - earlier, 1) == delta
    english = ask(assistant, "Tianchang instrument cluster revenue growth between 2022 and 2024")
    assert "2024" in english.answer and "on 2022" in english.answer


def test_pronouns_and_ordinals_point_back_at_the_last_answer(assistant):
    ask(assistant, "宁国市先进高分子材料集群的情况", thread="it")
    gap = ask(assistant, "它离500亿还差多少？", thread="it")
    assert gap.intent == "gap" and "宁国市先进高分子材料" in gap.answer and "500亿级" in gap.answer
    ask(assistant, "营收前五的集群有哪些？", thread="first")
    first = ask(assistant, "第一名同比增长了多少？", thread="first")
    assert first.intent == "profile" and first.answer.startswith("**长丰县汽车零部件") and "比 2024 年" in first.answer
    ask(assistant, "合肥市的集群情况", thread="among")
    among = ask(assistant, "其中哪个县营收最高？", thread="among")
    # the scope (合肥市) carries; the county with the largest total of its clusters is named
    assert among.status == "answered" and "合肥市" in among.answer and "**长丰县**" in among.answer


def test_a_target_question_after_one_on_the_same_indicator_continues_it(assistant):
    ask(assistant, "2023年百亿级集群有多少个？", thread="target")
    answer = ask(assistant, "2027年要多少个？还差多少？", thread="target")
    assert answer.status == "answered" and "45" in answer.answer and "距目标差 22" in answer.answer


def test_who_leads_after_a_definition_is_about_the_defined_task(assistant):
    ask(assistant, "什么是五个一？", thread="define")
    answer = ask(assistant, "这个由谁来牵头？", thread="define")
    assert answer.intent == "who_leads" and cited(answer) == {"4.1"} and "各市、县人民政府" in answer.answer


def test_support_only_unit_lists(assistant):
    answer = ask(assistant, "省财政厅作为配合单位参与了哪些任务？")
    assert answer.intent == "unit_tasks" and "牵头" not in answer.answer.split("\n")[0]
    assert answer.answer.startswith("**省财政厅**作为配合单位参与")


def test_which_year_questions_are_target_questions(assistant):
    answer = ask(assistant, "千亿级集群要到哪一年达到3个？")
    assert answer.intent == "province" and "2030" in answer.answer


def test_english_industry_words_find_the_cluster(assistant):
    answer = ask(assistant, "What is the revenue of the Wuwei wire and cable cluster?")
    assert answer.answer.startswith("**无为市电线电缆")


def test_a_county_asked_for_its_clusters_gets_its_profile(assistant):
    answer = ask(assistant, "宁国市有哪几个集群？")
    assert answer.intent == "profile" and "共 2 个集群" in answer.answer


def test_nth_place_lists_down_to_that_place(assistant):
    answer = ask(assistant, "2024年营收排第三的集群是哪个？")
    assert answer.intent == "rank" and len(re.findall(r"^\d\. ", answer.answer, re.M)) == 3


def test_weather_with_a_city_name_is_out_of_scope(assistant):
    assert ask(assistant, "后天黄山下雪吗？").status == "out_of_scope"


def test_a_gap_question_right_after_a_place_stays_with_that_place(assistant):
    ask(assistant, "霍邱多少", thread="place")
    gap = ask(assistant, "离百亿还差多少", thread="place")
    assert gap.intent == "gap" and gap.answer.startswith("**霍邱县**尚无百亿级集群，距百亿级")
    other = ask(assistant, "明光呢", thread="place")
    assert other.intent == "gap" and other.answer.startswith("**明光市**尚无百亿级集群，距百亿级")


def test_a_level_of_the_askers_own_is_computed_and_said_not_to_be_a_tier(assistant):
    answer = ask(assistant, "天长离120亿还差多少？")
    assert answer.status == "answered" and "还差 **25.8 亿元**" in answer.answer
    assert "不是《指导意见》设定的规模档位" in answer.answer and not answer.citations
    count = ask(assistant, "营收过200亿的集群有几个？")
    counted = next(f.value for f in count.facts if f.name == "集群个数")
    assert "200 亿元及以上的集群共" in count.answer and f"**{int(counted)} 个**" in count.answer
    assert not any(f.value == 200 and f.name == "规模档位" for f in count.facts)


def test_a_city_asked_which_counties_have_a_tier_lists_those_that_do(assistant):
    have = ask(assistant, "宣城哪些县有百亿集群？")
    assert have.intent == "gap" and "宣城市营业收入达到 100 亿元及以上的集群" in have.answer
    assert "广德市" in have.answer and "泾县" not in have.answer
    lack = ask(assistant, "宣城哪些县还没培育出百亿集群？")
    assert "泾县" in lack.answer and "广德市电子电路" not in lack.answer


def test_the_two_just_listed_are_compared(assistant):
    ask(assistant, "进出口总额前两名的集群", thread="two")
    answer = ask(assistant, "这两个差多少？", thread="two")
    assert answer.intent == "compare" and "进出口总额" in answer.answer and re.search(r"多 [\d.]+ 亿元", answer.answer)


def test_bi_with_a_new_place_compares_with_the_last_one(assistant):
    ask(assistant, "宁国市营收多少", thread="bi")
    answer = ask(assistant, "比广德多多少？", thread="bi")
    assert answer.intent == "compare" and "宁国市" in answer.answer and "广德市" in answer.answer


def test_an_indicator_change_on_the_year_before(assistant):
    answer = ask(assistant, "天长仪器仪表规上企业比去年多几家？")
    # the lead names the cluster and the indicator asked, then the change
    assert re.match(r"\*\*天长市[^*]+\*\* 规上企业数：(2025 年 \d+家，比 2024 年（\d+家）(增加|下降) \d+家|.*持平)",
                    answer.answer)


def test_a_place_in_the_ranking_is_answered_by_the_profile(assistant):
    answer = ask(assistant, "无为电线电缆全省排第几？")
    assert answer.intent == "profile" and "全省集群中第 4 位" in answer.answer


def test_opinions_are_out_of_scope(assistant):
    assert ask(assistant, "你怎么看这份指导意见？").status == "out_of_scope"
    assert ask(assistant, "What do you think of the guidance?").status == "out_of_scope"


def test_what_a_unit_has_to_do(assistant):
    answer = ask(assistant, "能源局要干啥？")
    assert answer.intent == "unit_tasks" and "省能源局" in answer.answer


def test_a_terse_follow_up_with_a_tail(assistant):
    ask(assistant, "天长仪器仪表集群营收多少", thread="tail")
    answer = ask(assistant, "天长电线电缆呢 比去年", thread="tail")
    assert answer.answer.startswith("**天长市电线电缆") and "比 2024 年" in answer.answer


def test_a_question_answered_with_no_data_still_sets_the_topic(assistant):
    first = ask(assistant, "石台县集群营收多少", thread="none")
    assert first.status == "no_data"
    answer = ask(assistant, "那天长呢", thread="none")
    assert answer.status == "answered" and answer.answer.startswith("**天长市**")


def test_two_self_contained_questions_in_one_line_are_both_answered(assistant):
    answer = ask(assistant, "宁国市营收多少 数字化改造谁牵头")
    assert answer.status == "answered" and "**宁国市**" in answer.answer and "推动数字化改造" in answer.answer
    assert answer.answer.count("数据：示例数据") == 1 and {"3.2.1"} <= cited(answer)


def test_a_second_half_that_leans_on_the_first_keeps_the_line_one_question(assistant):
    gap = ask(assistant, "天长营收多少？离百亿还差多少？")
    assert gap.intent == "gap" and gap.answer.startswith("**天长市**尚无百亿级集群，距百亿级")
    role = ask(assistant, "场景创新是哪条？省数据资源局在里面做什么？")
    assert "省数据资源局" in role.answer and cited(role) == {"3.2.2"}


def test_a_misspelt_place_at_the_start_is_read_as_meant_not_answered_as_the_province(assistant):
    answer = ask(assistant, "宁过离百亿还差多少")  # 过 sounds like 国: read as 宁国市, and said so
    assert answer.status == "answered" and "按“宁国市”理解" in answer.answer and answer.intent == "gap"
    province = ask(assistant, "全省离2025年百亿级集群目标还差多少")
    assert province.status == "answered" and province.intent == "province"
