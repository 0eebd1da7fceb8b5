"""The policy readers (bot/offline/policy_parts.py), asked in wordings written for these tests.

Expected clauses and units are read from the corpus itself, so a rule is checked against the
unit–task table, not against a remembered answer.
"""

from __future__ import annotations

import shutil

import pytest

from clusterbot.bot.core import Assistant
from clusterbot.models import Question


@pytest.fixture(scope="module")
def assistant(template_data_dir, tmp_path_factory):
    from clusterbot.config import load_settings

    data_dir = tmp_path_factory.mktemp("policy_parts") / "data"
    shutil.copytree(template_data_dir, data_dir)
    return Assistant(load_settings(data_dir=data_dir))


@pytest.fixture(scope="module")
def tasks(assistant):
    return assistant.engine.corpus().tasks()


def ask(assistant, text, thread=None):
    return assistant.answer(Question(text=text, channel="test", user="u1", thread=thread or text))


def cited(answer) -> list[str]:
    return [c.clause_id for c in answer.citations]


def ids(clauses) -> list[str]:
    return [c.clause_id for c in clauses]


# 1. unit task lists by the role asked, and set operations over units

def test_a_lead_question_lists_and_cites_only_the_tasks_led(assistant, tasks):
    answer = ask(assistant, "省商务厅作为牵头单位的工作都有哪些呀")
    assert answer.status == "answered"
    assert cited(answer) == ids(t for t in tasks if "省商务厅" in t.lead_units)
    assert "配合单位参与" not in answer.answer


def test_a_support_question_lists_and_cites_only_the_tasks_supported(assistant, tasks):
    answer = ask(assistant, "能源局有哪些需要它配合的事项")
    assert cited(answer) == ids(t for t in tasks if "省能源局" in t.support_units)
    assert "牵头 " not in answer.answer


def test_two_units_both_supporting(assistant, tasks):
    answer = ask(assistant, "工信厅与农业农村厅均为配合单位的条目有哪些")
    both = [t for t in tasks if {"省工业和信息化厅", "省农业农村厅"} <= set(t.support_units)]
    assert both and cited(answer) == ids(both)


def test_one_unit_leading_and_another_supporting(assistant, tasks):
    answer = ask(assistant, "由工信厅牵头而农业农村厅配合的任务")
    picked = [t for t in tasks if "省工业和信息化厅" in t.lead_units and "省农业农村厅" in t.support_units]
    assert picked and cited(answer) == ids(picked)


def test_two_units_in_any_role_in_english(assistant, tasks):
    answer = ask(assistant, "Which tasks have both the education department and the finance department on them, in any role?")
    def takes_part(t, unit):
        return unit in t.lead_units or unit in t.support_units
    picked = [t for t in tasks if takes_part(t, "省教育厅") and takes_part(t, "省财政厅")]
    assert answer.lang == "en" and cited(answer) == ids(picked)


def test_either_unit(assistant, tasks):
    answer = ask(assistant, "外办或者民政厅参与的任务有哪些")
    picked = [t for t in tasks if {"省外办", "省民政厅"} & set(t.lead_units + t.support_units)]
    assert cited(answer) == ids(picked)


def test_a_ruled_out_role_is_not_the_role_asked(assistant, tasks):
    answer = ask(assistant, "Show the tasks in which the local governments are only a supporting unit, not the lead one")
    assert cited(answer) == ids(t for t in tasks if "各市、县人民政府" in t.support_units)


def test_the_task_with_most_supporting_units_and_how_many(assistant, tasks):
    answer = ask(assistant, "配合单位最多的任务是哪一项，一共几个单位")
    most = max(len(t.support_units) for t in tasks)
    assert cited(answer) == ids(t for t in tasks if len(t.support_units) == most)
    assert str(most) in answer.answer


# 2. follow-ups by referents

def test_ordinals_index_the_list_just_shown(assistant, tasks):
    thread = "ordinals"
    first = ask(assistant, "发改委牵头哪些工作", thread)
    led = cited(first)
    third = ask(assistant, "第3项说了什么", thread)
    assert cited(third) == [led[2]]


def test_next_steps_through_the_text_in_order(assistant):
    thread = "next"
    ask(assistant, "三（一）2 写了什么", thread)
    assert cited(ask(assistant, "下一条呢", thread)) == ["3.1.3"]
    after = ask(assistant, "再下一条由谁牵头", thread)
    assert cited(after) == ["3.2.1"] and "省工业和信息化厅" in after.answer


def test_who_supports_the_one_task_just_listed(assistant, tasks):
    thread = "one-task"
    ask(assistant, "外办牵头什么", thread)  # leads nothing: asks nothing to refer to
    ask(assistant, "省商务厅牵头的是哪一项", thread)
    [led] = [t for t in tasks if "省商务厅" in t.lead_units]
    supporters = ask(assistant, "配合它的都有谁", thread)
    assert cited(supporters) == [led.clause_id]
    assert all(unit in supporters.answer for unit in led.support_units)
    text = ask(assistant, "原文发我看看", thread)
    assert cited(text) == [led.clause_id] and led.text[:20] in text.answer


def test_a_reference_with_nothing_to_resolve_is_asked_back(assistant):
    answer = ask(assistant, "这一条是谁负责牵头的", "fresh-thread")
    assert answer.status == "no_data" and not answer.citations


def test_this_one_after_a_list_of_several_is_asked_back(assistant):
    thread = "several"
    ask(assistant, "省财政厅配合哪些任务", thread)
    answer = ask(assistant, "这条原文是什么", thread)
    assert answer.status == "no_data" and "第二项" in answer.answer


# 3. open vocabulary

def test_a_one_character_typo_of_a_unit_is_read_and_said(assistant, tasks):
    answer = ask(assistant, "省生态环境听配合哪些任务")
    assert "按“省生态环境厅”理解" in answer.answer
    assert cited(answer) == ids(t for t in tasks if "省生态环境厅" in t.support_units)


def test_a_one_character_typo_of_a_policy_term_is_read_and_said(assistant):
    answer = ask(assistant, "海外苍是在哪一条提到的")
    assert "按“海外仓”理解" in answer.answer


def test_a_real_word_next_to_a_term_is_not_a_typo(assistant):
    from clusterbot.bot.offline.corpus_words import correct_typos

    corpus = assistant.engine.corpus()
    for text in ("高新技术产业怎么样", "龙头企业要做什么", "省财政厅配合什么", "千亿集群有几个"):
        assert correct_typos(text, corpus)[1] == [], text


def test_words_of_the_policy_text_do_not_block_a_target_question(assistant):
    answer = ask(assistant, "2025年要培育多少家产业链供应链配套伙伴企业")
    assert answer.status == "answered" and "1000" in answer.answer


# 4. yes/no

def test_yes_no_on_a_role_says_no_first_then_the_fact(assistant, tasks):
    [task] = [t for t in tasks if t.title == "推动绿色转型"]
    answer = ask(assistant, "推动绿色转型这项是不是由生态环境厅牵头")
    assert answer.answer.startswith("不是") and cited(answer) == [task.clause_id]
    assert task.lead_units[0] in answer.answer


def test_involved_after_a_task_says_yes(assistant):
    thread = "involved"
    ask(assistant, "节能降碳由谁牵头", thread)
    answer = ask(assistant, "Is the energy administration involved?", thread)
    assert answer.answer.startswith("Yes") and cited(answer) == ["3.3.1"]


def test_a_mention_is_quoted_with_its_clause(assistant):
    answer = ask(assistant, "文件里有没有讲到跨境电商")
    assert answer.status == "answered" and cited(answer) == ["3.4.2"] and "跨境电商" in answer.answer


def test_a_close_variant_counts_as_a_mention(assistant):
    answer = ask(assistant, "文件提到中欧班列没有")
    assert answer.status == "answered" and cited(answer) == ["3.4.1"]


def test_a_phrase_the_text_lacks_is_not_mentioned(assistant):
    answer = ask(assistant, "意见里有没有提到飞行汽车")
    assert answer.status == "no_data" and "原文没有提到" in answer.answer and not answer.citations


# 5. terms used without a definition

def test_a_term_used_but_not_defined_says_so(assistant):
    answer = ask(assistant, "徽动全球是个什么说法")
    assert "原文未对“徽动全球”下定义" in answer.answer and cited(answer) == ["3.4.1"]


def test_a_term_the_text_defines_is_quoted_as_a_definition(assistant):
    answer = ask(assistant, "五个一具体指什么")
    assert "未对" not in answer.answer and cited(answer) == ["4.1"] and "即" in answer.answer


# 6. numbers stated inside a clause

def test_a_number_per_cluster_comes_from_its_sentence(assistant):
    answer = ask(assistant, "示范培育的集群每批要培育多长时间")
    assert cited(answer) == ["4.2"] and "3年" in answer.answer.replace(" ", "")


# 7. declines for what the record lacks

@pytest.mark.parametrize("text", ["这份文件的发文字号是多少", "这个意见什么时候失效", "搭建产业创新平台的联系人电话给我一个",
                                  "省科技厅厅长叫什么", "集群遴选的打分权重是多少"])
def test_fields_the_record_lacks_are_declined_without_citations(assistant, text):
    answer = ask(assistant, text)
    assert answer.status == "no_data" and not answer.citations


def test_a_lacking_piece_is_named_and_the_other_answered(assistant):
    answer = ask(assistant, "绿色转型谁牵头？给多少奖补？")
    assert answer.status == "answered" and cited(answer) == ["3.3.2"] and "没有规定" in answer.answer


def test_a_local_official_stays_out_of_scope(assistant):
    assert ask(assistant, "天长市长是谁").status == "out_of_scope"


def test_a_near_miss_of_a_term_is_not_read_when_the_question_stands_as_typed(assistant):
    answer = ask(assistant, "浙江省对企业转出有什么扶持")
    assert answer.status == "out_of_scope" and "理解" not in answer.answer


def test_a_count_of_where_things_stand_is_not_the_stated_number(assistant):
    answer = ask(assistant, "每个集群都要有群主企业，目前还有几个集群没有")
    assert "按原文" not in answer.answer


def test_what_is_asks_about_the_words_right_before_it(assistant):
    answer = ask(assistant, "制造业集群的研发投入强度2025年的目标是什么")
    assert "未对" not in answer.answer and answer.status == "answered"


def test_an_ordinal_inside_a_unit_list_question_picks_from_that_list(assistant, tasks):
    answer = ask(assistant, "商务厅配合的第二项讲了什么")
    supported = [t for t in tasks if "省商务厅" in t.support_units]
    assert cited(answer) == [supported[1].clause_id]


def test_english_unit_names_in_either_order(assistant, tasks):
    answer = ask(assistant, "What is the natural resources department required to do?")
    assert cited(answer) == ids(t for t in tasks if "省自然资源厅" in t.lead_units + t.support_units)


def test_which_agencies_support_it_asks_for_the_units_of_the_task(assistant):
    thread = "agencies"
    ask(assistant, "Who leads the brand building task?", thread)
    answer = ask(assistant, "Which agencies support it?", thread)
    assert cited(answer) == ["3.1.2"] and "省市场监管局" in answer.answer


def test_the_indicator_table_is_counted_and_listed(assistant):
    rows = assistant.engine.corpus().indicator_rows()
    answer = ask(assistant, "指标表总共有多少个指标，都叫什么", "table")
    assert cited(answer) == ["2.table"] and f"{len(rows)} 个指标" in answer.answer
    assert all(r.title in answer.answer for r in rows)
    second = ask(assistant, "第二项呢", "table")
    assert cited(second) == [rows[1].clause_id]


def test_the_unit_with_most_tasks_in_a_role(assistant, tasks):
    answer = ask(assistant, "哪个单位配合的任务最多")
    units = {u for t in tasks for u in t.support_units}
    counts = {u: sum(u in t.support_units for t in tasks) for u in units}
    top = max(counts, key=lambda u: counts[u])
    assert top in answer.answer and cited(answer) == ids(t for t in tasks if top in t.support_units)


def test_ordinals_in_chinese_numerals_and_yes_no_on_a_role_without_a_task(assistant):
    thread = "cn-ordinal"
    ask(assistant, "三（三）有哪些任务", thread)
    assert cited(ask(assistant, "第二条谁牵头", thread)) == ["3.3.2"]
    answer = ask(assistant, "民政厅是不是牵头单位")
    supported = [t.clause_id for t in assistant.engine.corpus().tasks() if "省民政厅" in t.support_units]
    assert answer.answer.startswith("不是") and cited(answer) == supported  # the role it does hold


def test_a_start_date_the_record_lacks_is_declined(assistant):
    answer = ask(assistant, "这份意见从哪天开始施行")
    assert answer.status == "no_data" and not answer.citations


def test_a_units_role_in_a_named_task(assistant):
    answer = ask(assistant, "农业农村厅在场景创新这项任务中担任什么角色")
    assert cited(answer) == ["3.2.2"] and "配合单位" in answer.answer.split("\n")[0]
    assert not answer.answer.startswith(("是", "不是"))


def test_asking_what_a_mentioned_thing_is_is_not_a_mention_question(assistant):
    answer = ask(assistant, "文件里提到的一企一策是什么？")
    assert not answer.answer.startswith("提到了") and cited(answer) == ["3.3.1"]


def test_another_unit_after_a_role_list_keeps_the_role(assistant, tasks):
    thread = "keep-role"
    ask(assistant, "文旅厅配合哪些任务", thread)
    answer = ask(assistant, "那商务厅呢", thread)
    assert cited(answer) == ids(t for t in tasks if "省商务厅" in t.support_units)


def test_a_number_for_each_county_asked_in_english(assistant):
    answer = ask(assistant, "By 2030 how many billion-level clusters must every county have?")
    assert cited(answer) == ["2"] and "1 个" in answer.answer


@pytest.mark.parametrize("text", ["What's the reference number of the guidance?", "Who should I phone about the green task?",
                                  "Is this policy still in force?"])
def test_fields_the_record_lacks_are_declined_in_english(assistant, text):
    answer = ask(assistant, text)
    assert answer.status == "no_data" and not answer.citations and answer.lang == "en"
