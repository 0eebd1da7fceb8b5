"""What the text says about a thing it names, and what it leaves out, in wordings written for these tests.

A question asking what counts as X, which items X stands for, or what a plan X contains is answered from
the sentence that says so, or declined by name — never answered with a sentence that only mentions X.
"""

from __future__ import annotations

from tests.engine.asking import ask


def test_criteria_of_a_thing_the_text_only_lists_are_declined_by_name(assistant, corpus):
    assert any("独角兽企业" in c.text for c in corpus.clauses())
    answer = ask(assistant, "独角兽企业要满足哪些条件才算")
    answer2 = ask(assistant, "算上市公司的门槛是什么")
    for a, term in ((answer, "独角兽企业"), (answer2, "上市公司")):
        assert a.status == "no_data" and term in a.answer and not a.citations


def test_criteria_the_text_does_describe_are_quoted_from_that_sentence(assistant, corpus):
    task = next(t for t in corpus.tasks() if "自主知识产权" in t.text)
    answer = ask(assistant, "群主（龙头）企业要达到什么标准")
    assert answer.status == "answered"
    assert [c.clause_id for c in answer.citations] == [task.clause_id]
    assert "自主知识产权" in answer.answer


def test_items_of_a_term_the_text_never_lists_are_said_to_be_unlisted_where_it_stands(assistant, corpus):
    answer = ask(assistant, "新三样具体指的是哪三样东西")
    assert answer.answer.startswith("原文没有列出“新三样”")
    assert [c.clause_id for c in answer.citations] == [next(c.clause_id for c in corpus.clauses() if "新三样" in c.text)]


def test_items_of_a_term_the_text_lists_are_answered_from_the_list(assistant, corpus):
    task = next(t for t in corpus.tasks() if "三改联动" in t.text)
    answer = ask(assistant, "三改联动包括哪三改")
    assert [c.clause_id for c in answer.citations] == [task.clause_id]
    assert "灵活性改造" in answer.answer


def test_contents_of_a_plan_the_text_only_refers_to_are_declined(assistant):
    answer = ask(assistant, "集群建设方案里面都写了哪些内容")
    assert answer.status == "no_data" and "集群建设方案" in answer.answer


def test_a_quoted_sentence_with_a_standard_in_it_is_still_located(assistant, corpus):
    task = next(t for t in corpus.tasks() if "联盟标准" in t.text)
    answer = ask(assistant, "制定高于国家标准的联盟标准出自哪一条")
    assert answer.status == "answered"
    assert task.clause_id in [c.clause_id for c in answer.citations]


def test_a_unit_stem_followed_by_a_word_is_not_read_as_a_mistyped_unit(assistant):
    answer = ask(assistant, "省财政补贴能拿多少万元")
    assert "按“省财政厅”理解" not in answer.answer
    assert answer.status == "no_data"


def test_a_mistyped_policy_term_is_read_as_that_term_even_when_the_typo_looked_off_topic(assistant, corpus):
    task = next(t for t in corpus.tasks() if "三改联动" in t.text)
    answer = ask(assistant, "三改连动包括哪三改")
    assert answer.status == "answered" and "三改联动" in answer.answer
    assert [c.clause_id for c in answer.citations] == [task.clause_id]


def test_one_of_a_kind_asked_reads_as_the_texts_each(assistant, corpus):
    clause = next(c for c in corpus.clauses() if "每批培育时间" in c.text)
    answer = ask(assistant, "示范培育一批集群得花几年")
    assert [c.clause_id for c in answer.citations] == [clause.clause_id] and "3年" in answer.answer


def test_which_ones_of_a_term_the_text_never_lists_are_declined(assistant):
    answer = ask(assistant, "新三样到底是哪三样")
    assert answer.status == "no_data" and "新三样" in answer.answer
