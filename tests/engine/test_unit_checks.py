"""How a question names units: same-sounding slips of the role words, and departments the guidance never lists."""

from __future__ import annotations

import pytest

from clusterbot.bot.offline.unit_checks import fix_role_slips, unknown_department
from tests.engine.asking import ask


@pytest.mark.parametrize(("typed", "meant"), [
    ("科技厅陪合了哪几项", "科技厅配合了哪几项"),
    ("数据局配和的工作", "数据局配合的工作"),
])
def test_role_word_slips_are_read_as_the_role(typed, meant):
    assert fix_role_slips(typed) == meant


def test_real_words_and_text_without_units_stay_as_typed():
    assert fix_role_slips("评估排在前头的县，哪个部门管") == "评估排在前头的县，哪个部门管"
    assert fix_role_slips("他陪合作伙伴去了") == "他陪合作伙伴去了"


@pytest.mark.parametrize("text", ["水利厅负责哪些工作", "卫健局参与了什么任务", "交通厅有没有牵头"])
def test_a_department_the_guidance_never_lists_is_named(text):
    assert unknown_department(text, []) == text[:3]


@pytest.mark.parametrize("text", ["文旅厅负责哪些工作", "哪个局牵头绿色转型", "市监局配合什么", "这个厅的任务",
                                  "在园区布局新平台的任务谁牵头", "优化产业格局的工作由谁负责"])
def test_listed_departments_and_pointing_words_are_not_unknown(text):
    assert unknown_department(text, []) is None


def test_a_named_listed_unit_is_answered_not_declined():
    assert unknown_department("水利厅和科技厅一起牵头什么", ["省科技厅"]) is None


def test_asking_an_unlisted_department_tasks_declines_with_its_name(assistant):
    answer = ask(assistant, "水利厅在这份指导意见里要配合哪些事")
    assert answer.status == "no_data"
    assert "水利厅" in answer.answer
    assert not answer.citations


def test_a_slipped_role_word_still_intersects_lead_and_support(assistant, corpus):
    answer = ask(assistant, "由发改委牵头并且科技厅陪合的有哪些任务")
    want = {t.clause_id for t in corpus.tasks()
            if "省发展改革委" in t.lead_units and "省科技厅" in t.support_units}
    assert want
    assert {c.clause_id for c in answer.citations} == want
