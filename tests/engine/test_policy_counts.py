"""How many, and which part: counts asked of what a policy answer lists, parts named by a word of their heading,
the last item of a heading, and whether a task just shown lists units in a role. Wordings written for these tests;
expected figures come from the corpus.
"""

from __future__ import annotations

import shutil
import uuid

import pytest

from clusterbot.bot.core import Assistant
from clusterbot.evals import numbers
from clusterbot.models import Question


@pytest.fixture(scope="module")
def assistant(template_data_dir, tmp_path_factory):
    from clusterbot.config import load_settings

    data_dir = tmp_path_factory.mktemp("policy_counts") / "data"
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


def counts(answer) -> set[float]:
    return {q.value for q in numbers.extract(answer.answer) if q.kind == "count"}


def titled(corpus, words: str):
    return next(c for c in corpus.clauses() if words in c.title)


def test_a_count_of_units_in_a_role_opens_with_the_number(assistant, corpus):
    task = titled(corpus, "场景创新")
    (answer,) = talk(assistant, f"{task.label}的配合部门加起来是几家？")
    assert answer.status == "answered" and cited(answer) == [task.clause_id]
    assert answer.answer.split("\n")[0].count(str(len(task.support_units))) == 1
    assert float(len(task.support_units)) in counts(answer)


def test_a_count_of_lead_units_counts_the_lead_role_only(assistant, corpus):
    task = next(t for t in corpus.tasks() if len(t.lead_units) > 1)
    (answer,) = talk(assistant, f"{task.label}列出的牵头单位有多少个")
    assert float(len(task.lead_units)) in counts(answer)


def test_tasks_counted_under_a_heading_of_headings_are_its_tasks(assistant, corpus):
    main = titled(corpus, "主要任务")
    tasks = [t for t in corpus.tasks() if t.clause_id.startswith(main.clause_id + ".")]
    (answer,) = talk(assistant, f"{main.title}这一部分底下总共几项具体任务？")
    assert cited(answer) == [main.clause_id]
    assert float(len(tasks)) in counts(answer)


def test_counting_the_parts_of_a_heading_adds_no_task_count(assistant, corpus):
    main = titled(corpus, "主要任务")
    tasks = [t for t in corpus.tasks() if t.clause_id.startswith(main.clause_id + ".")]
    (answer,) = talk(assistant, f"{main.title}分成几个行动")
    assert float(len(main.children)) in counts(answer)
    assert float(len(tasks)) not in counts(answer)


def test_a_top_part_is_named_by_its_heading_without_the_verb(assistant, corpus):
    part = titled(corpus, "完善工作机制")
    (answer,) = talk(assistant, "全文最后讲落实工作机制的部分分了几条")
    assert answer.status == "answered"
    assert cited(answer)[0] == part.clause_id
    assert float(len(part.children)) in counts(answer)


def test_an_area_named_by_a_word_of_one_heading_lists_its_items(assistant, corpus):
    green = titled(corpus, "绿色转型升级行动")
    first, second = talk(assistant, "绿色那一块里头都安排了什么任务", "其中第一项由谁负责牵头")
    assert cited(first)[0] == green.clause_id
    item = corpus.clause(green.children[0])
    assert cited(second) == [item.clause_id]
    assert item.lead_units[0] in second.answer


def test_a_word_held_by_several_headings_names_no_area(corpus):
    from clusterbot.bot.offline.referents import heading_by_topic

    assert heading_by_topic(corpus, "实施那一块里有哪些任务") is None
    assert heading_by_topic(corpus, "开放平台那块讲了啥") is None  # a task's word, not a heading's


def test_the_last_of_a_heading_shown_alone_is_its_last_part(assistant, corpus):
    main = titled(corpus, "主要任务")
    last = corpus.clause(main.children[-1])
    _, answer, lead, support = talk(assistant, f"{main.title}包括哪几个行动", "排在最后的那个行动是什么内容",
                                    "它下面第二条是哪个单位牵头的", "那配合单位有哪些")
    assert cited(answer)[0] == last.clause_id
    task = corpus.clause(last.children[1])
    assert cited(lead) == [task.clause_id] and task.lead_units[0] in lead.answer
    assert cited(support) == [task.clause_id]
    assert all(u in support.answer for u in task.support_units)


@pytest.mark.parametrize("asked", ["这条里面有没有写配合单位", "这一项列了配合的单位没有"])
def test_whether_a_task_shown_lists_a_role_is_answered_yes_or_no(assistant, corpus, asked):
    lone = next(t for t in corpus.tasks() if not t.support_units)
    _, answer = talk(assistant, f"{lone.label}是谁牵头的", asked)
    assert answer.status == "answered" and cited(answer) == [lone.clause_id]
    assert answer.answer.startswith("没有")
    helped = next(t for t in corpus.tasks() if t.support_units)
    _, answer = talk(assistant, f"{helped.label}是谁牵头的", asked)
    assert answer.answer.startswith("有") and helped.support_units[0] in answer.answer
