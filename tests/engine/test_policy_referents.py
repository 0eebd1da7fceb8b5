"""Follow-ups by referent and questions that describe their own task, in wordings written for these tests.

Expected clauses and units come from the corpus, so each rule is checked against the text itself.
"""

from __future__ import annotations

import shutil
import uuid

import pytest

from clusterbot.bot.core import Assistant
from clusterbot.models import Question


@pytest.fixture(scope="module")
def assistant(template_data_dir, tmp_path_factory):
    from clusterbot.config import load_settings

    data_dir = tmp_path_factory.mktemp("policy_referents") / "data"
    shutil.copytree(template_data_dir, data_dir)
    return Assistant(load_settings(data_dir=data_dir))


@pytest.fixture(scope="module")
def corpus(assistant):
    return assistant.engine.corpus()


def talk(assistant, *turns):
    thread = uuid.uuid4().hex
    return [assistant.answer(Question(text=t, channel="test", user="u1", thread=thread)) for t in turns]


def cited(answer) -> list[str]:
    return [c.clause_id for c in answer.citations]


def task_with(corpus, words: str):
    return next(t for t in corpus.tasks() if words in t.text)


def test_a_demonstrative_after_its_own_description_is_not_a_follow_up(assistant, corpus):
    (answer,) = talk(assistant, "集群企业搞节能降碳改造，这项工作由哪个部门牵头")
    task = task_with(corpus, "节能降碳改造")
    assert answer.status == "answered"
    assert cited(answer) == [task.clause_id]
    assert task.lead_units[0] in answer.answer


def test_a_unit_named_with_its_role_before_the_demonstrative_picks_from_what_was_shown(assistant, corpus):
    led = [t for t in corpus.tasks() if "省商务厅" in t.lead_units]
    *_, answer = talk(assistant, "商务厅负责哪些任务", "商务厅牵头的那条具体写了啥")
    assert cited(answer) == [led[0].clause_id]


def test_a_decline_keeps_what_the_turn_before_showed(assistant, corpus):
    task = task_with(corpus, "数字农业工厂")
    first, declined, inside = talk(assistant, f"{task.title}由谁牵头", "这条的联系电话是多少", "这条里对种养殖有啥要求")
    assert declined.status == "no_data"
    assert cited(inside) == [task.clause_id]
    assert "种养殖" in inside.answer


def test_an_ordinal_after_a_heading_counts_its_items_and_inside_them(assistant, corpus):
    section = next(c for c in corpus.clauses() if c.kind == "section" and len(c.children) == 4 and not c.text)
    action = corpus.clause(section.children[3])
    listing, fourth, inner = talk(assistant, f"{section.title}下面分了哪几块", "第四个是什么", "它下面第二条由谁牵头")
    assert cited(fourth)[0] == action.clause_id
    second = corpus.clause(action.children[1])
    assert cited(inner) == [second.clause_id]
    assert second.lead_units[0] in inner.answer


def test_these_two_compares_the_units_of_the_last_two_tasks_shown(assistant, corpus):
    a, b = corpus.tasks()[0], corpus.tasks()[1]
    *_, answer = talk(assistant, f"{a.title}谁牵头", f"那{b.title}呢", "这两条的配合单位差在哪")
    assert cited(answer) == [a.clause_id, b.clause_id]
    only_b = [u for u in b.support_units if u not in a.support_units]
    assert only_b and all(u in answer.answer for u in only_b)


def test_it_after_one_task_is_its_lead_unit_and_other_asks_for_the_rest(assistant, corpus):
    task = next(t for t in corpus.tasks() if len(t.lead_units) == 1
                and sum(t.lead_units[0] in o.lead_units for o in corpus.tasks()) > 1)
    unit = task.lead_units[0]
    *_, answer = talk(assistant, f"{task.title}谁牵头", "这件事还有哪些单位配合", "它其他还牵头了什么")
    assert cited(answer) == [t.clause_id for t in corpus.tasks() if unit in t.lead_units]


def test_asking_for_more_when_the_unit_holds_no_other_says_so(assistant, corpus):
    counts = {}
    for t in corpus.tasks():
        for unit in t.lead_units:
            counts.setdefault(unit, []).append(t)
    unit, (task,) = next((u, ts) for u, ts in counts.items() if len(ts) == 1 and u.startswith("省"))
    *_, answer = talk(assistant, f"{task.title}是谁牵头的", "它牵头的别的还有吗")
    assert "没有其他" in answer.answer
    assert not answer.answer.startswith("是")


def test_a_unit_role_in_the_clause_just_shown(assistant, corpus):
    task = next(t for t in corpus.tasks() if t.support_units and t.support_units[0].startswith("省"))
    *_, answer = talk(assistant, f"{task.title}谁牵头", f"{task.support_units[0]}在这条里算什么角色")
    assert cited(answer) == [task.clause_id]
    assert "配合单位" in answer.answer


def test_whether_a_topic_is_in_the_clause_just_shown(assistant, corpus):
    task = task_with(corpus, "数字化车间")
    *_, yes, no = talk(assistant, f"{task.title}谁牵头", "那数字化车间也是这条里提的吗", "那海外仓也在这条里吗")
    assert yes.answer.startswith("是") and "数字化车间" in yes.answer
    assert no.answer.startswith("不是") and cited(no) == [task.clause_id]


def test_a_role_word_inside_the_pointer_is_not_the_role_asked(assistant, corpus):
    task = next(t for t in corpus.tasks() if len(t.lead_units) == 1
                and any(t.lead_units[0] in o.support_units for o in corpus.tasks()))
    unit = task.lead_units[0]
    *_, answer = talk(assistant, f"{task.title}谁牵头", "Which other tasks does that lead unit take part in?")
    held = [t.clause_id for t in corpus.tasks() if unit in t.lead_units or unit in t.support_units]
    assert sorted(cited(answer)) == sorted(held)


def test_who_leads_a_task_described_in_the_texts_own_words(assistant, corpus):
    task = task_with(corpus, "供热改造")
    (answer,) = talk(assistant, "那个搞供热改造和灵活性改造的活儿谁牵头，配合的又有哪些")
    assert cited(answer) == [task.clause_id]
    assert all(unit in answer.answer for unit in task.lead_units + task.support_units)


def test_a_second_piece_asking_about_a_unit_is_answered_for_the_same_task(assistant, corpus):
    task = task_with(corpus, "绿色数据中心")
    outsider = next(u for u in corpus.units() if u.startswith("省") and u not in task.lead_units + task.support_units)
    (answer,) = talk(assistant, f"培育绿色数据中心归哪个单位牵头？配合单位里有没有{outsider}")
    assert cited(answer) == [task.clause_id]
    assert f"{outsider}不是" in answer.answer
