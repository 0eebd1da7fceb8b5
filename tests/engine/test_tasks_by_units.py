"""Tasks found by what a question says of their units: a unit with no part, role words of speech, the one task a
unit holds asked in full, tasks with their units asked next, and both units of the last turns together.

Expected tasks are computed from the corpus, so each rule is checked against the text itself."""

from __future__ import annotations

import shutil
import uuid

import pytest

from clusterbot.bot.core import Assistant
from tests.engine.asking import ask


@pytest.fixture(scope="module")
def assistant(template_data_dir, tmp_path_factory):
    from clusterbot.config import load_settings

    data_dir = tmp_path_factory.mktemp("tasks_by_units") / "data"
    shutil.copytree(template_data_dir, data_dir)
    return Assistant(load_settings(data_dir=data_dir))


@pytest.fixture(scope="module")
def tasks(assistant):
    return assistant.engine.corpus().tasks()


def cited(answer) -> list[str]:
    return [c.clause_id for c in answer.citations]


@pytest.mark.parametrize(("text", "unit"), [("哪些任务里看不到商务厅的身影，牵头配合都没它", "省商务厅"),
                                            ("省能源局跟哪几项工作没关系", "省能源局"),
                                            ("List the tasks the forestry bureau is not involved in", "省林业局")])
def test_a_unit_with_no_part_gives_the_tasks_it_is_absent_from(assistant, tasks, text, unit):
    answer = ask(assistant, text)
    absent = [t.clause_id for t in tasks if unit not in t.lead_units and unit not in t.support_units]
    assert answer.status == "answered" and cited(answer) == absent


def test_a_unit_ruled_out_in_one_role_keeps_the_tasks_of_the_other(assistant, tasks):
    answer = ask(assistant, "工信厅不牵头的有哪些任务")
    assert cited(answer) == [t.clause_id for t in tasks if "省工业和信息化厅" not in t.lead_units]


def test_spoken_role_words_read_as_lead_and_support(assistant, tasks):
    answer = ask(assistant, "发改委领头、商务厅帮衬的任务是哪个")
    both = [t.clause_id for t in tasks if "省发展改革委" in t.lead_units and "省商务厅" in t.support_units]
    assert both and cited(answer) == both


def test_the_one_task_a_unit_leads_is_given_in_full_when_its_text_is_asked(assistant, tasks):
    led = [t for t in tasks if t.lead_units == ["省科技厅"]]
    assert len(led) == 1
    answer = ask(assistant, "科技厅牵头那一项把原文给我")
    assert cited(answer)[:1] == [led[0].clause_id] and led[0].text[:20] in answer.answer.replace(" ", "")


def test_tasks_then_who_holds_them_lists_each_task_with_its_units(assistant, tasks):
    answer = ask(assistant, "教育厅配合了哪些工作？这些工作分别由谁牵头？")
    held = [t for t in tasks if "省教育厅" in t.support_units]
    assert cited(answer) == [t.clause_id for t in held]
    assert all(unit in answer.answer for t in held for unit in t.lead_units)


def test_two_units_together_then_who_leads(assistant, tasks):
    answer = ask(assistant, "农业农村厅和文旅厅一起出现在哪一条？牵头的是谁？")
    shared = [t for t in tasks if {"省农业农村厅", "省文化和旅游厅"} <= {*t.lead_units, *t.support_units}]
    assert cited(answer) == [t.clause_id for t in shared]


def test_both_units_of_the_last_turns_are_combined(assistant, tasks):
    thread = uuid.uuid4().hex
    ask(assistant, "生态环境厅配合哪些任务", thread)
    ask(assistant, "那能源局呢", thread)
    answer = ask(assistant, "这两家都配合的有哪些", thread)
    shared = [t.clause_id for t in tasks if {"省生态环境厅", "省能源局"} <= set(t.support_units)]
    assert shared and cited(answer) == shared
