"""Set operations over the unit–task table: a unit ruled out, two lists compared, counts of units in a role,
and a unit's short stem in a list. Expected tasks are read from the corpus, never remembered."""

from __future__ import annotations

from tests.engine.asking import ask


def cited(answer) -> list[str]:
    return [c.clause_id for c in answer.citations]


def holds(task, unit: str) -> bool:
    return unit in task.lead_units or unit in task.support_units


def test_a_unit_ruled_out_takes_its_tasks_away(assistant, corpus):
    answer = ask(assistant, "商务厅参与的任务里，哪些是发改委不参与的")
    expected = [t.clause_id for t in corpus.tasks() if holds(t, "省商务厅") and not holds(t, "省发展改革委")]
    assert answer.status == "answered"
    assert cited(answer) == expected
    assert "不作为" in answer.answer


def test_a_unit_named_after_but_without_is_ruled_out(assistant, corpus):
    answer = ask(assistant, "能源局配合、但生态环境厅却没配合的任务有哪些")
    expected = [t.clause_id for t in corpus.tasks()
                if "省能源局" in t.support_units and "省生态环境厅" not in t.support_units]
    assert cited(answer) == expected == []
    assert "没有" in answer.answer


def test_two_units_compared_say_yes_or_no_first(assistant, corpus):
    same = ask(assistant, "能源局跟生态环境厅作为配合单位的任务相同吗")
    assert same.answer.startswith("是")
    differ = ask(assistant, "财政厅和人社厅配合的任务是否一致")
    finance = [t.clause_id for t in corpus.tasks() if "省财政厅" in t.support_units]
    hr = [t.clause_id for t in corpus.tasks() if "省人力资源社会保障厅" in t.support_units]
    assert differ.answer.startswith("不是" if finance != hr else "是")
    assert set(cited(differ)) == set(finance) | set(hr)


def test_respectively_after_a_count_asks_the_items_of_the_common_list(assistant, corpus):
    answer = ask(assistant, "科技厅和文旅厅共同参与了多少项，分别是哪些")
    expected = [t.clause_id for t in corpus.tasks() if holds(t, "省科技厅") and holds(t, "省文化和旅游厅")]
    assert cited(answer) == expected
    assert f"{len(expected)} 项" in answer.answer


def test_a_short_stem_in_a_list_of_units_names_the_unit(assistant, corpus):
    answer = ask(assistant, "发改委和文旅一起配合的有哪些任务")
    expected = [t.clause_id for t in corpus.tasks()
                if {"省发展改革委", "省文化和旅游厅"} <= set(t.support_units)]
    assert cited(answer) == expected


def test_tasks_picked_by_how_many_units_they_list(assistant, corpus):
    none = ask(assistant, "配合单位一栏是空的有哪几条")
    assert cited(none) == [t.clause_id for t in corpus.tasks() if not t.support_units]
    several = ask(assistant, "哪些条目由多家单位共同牵头")
    assert cited(several) == [t.clause_id for t in corpus.tasks() if len(t.lead_units) > 1]
    one = ask(assistant, "哪几条只有一家省直部门配合")
    assert cited(one) == [t.clause_id for t in corpus.tasks()
                          if len([x for x in t.support_units if x.startswith("省")]) == 1]
