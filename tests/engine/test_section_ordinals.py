"""An ordinal counted inside a section the question names by its heading, and a unit asked right after one
task's units (its part in that task)."""

from __future__ import annotations

from clusterbot.models import Question


def ask(assistant, text: str, thread: str):
    return assistant.answer(Question(text=text, channel="test", user="u1", thread=thread))


def cited(answer) -> list[str]:
    return [c.clause_id for c in answer.citations]


def test_the_nth_article_of_a_heading_over_headings_is_its_nth_task(assistant, corpus):
    tasks = [t.clause_id for t in corpus.tasks() if t.clause_id.startswith("3.")]
    answer = ask(assistant, "主要任务这一部分的第三条写的什么", "sec-1")
    assert cited(answer) == [tasks[2]]
    after = ask(assistant, "第一条呢", "sec-1")
    assert cited(after) == [tasks[0]]


def test_the_nth_item_of_a_section_whose_items_are_tasks(assistant, corpus):
    fourth = [c.clause_id for c in corpus.children("4")]
    answer = ask(assistant, "完善工作机制里的第二条由哪个单位牵头", "sec-2")
    assert cited(answer) == [fourth[1]]
    assert corpus.clause(fourth[1]).lead_units[0] in answer.answer


def test_a_unit_asked_after_one_task_gets_its_part_in_that_task(assistant, corpus):
    task = next(t for t in corpus.tasks() if len(t.support_units) >= 2 and t.lead_units[0].startswith("省"))
    ask(assistant, f"{task.title}谁牵头", "sec-3")
    unit = task.support_units[0]
    answer = ask(assistant, f"那{unit}呢", "sec-3")
    assert cited(answer) == [task.clause_id]
    assert f"{unit}是{task.title}" in answer.answer and "配合单位" in answer.answer
