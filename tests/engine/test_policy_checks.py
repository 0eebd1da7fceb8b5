"""Yes/no and field questions about the policy, in wordings written for these tests.

A question that asks to confirm a figure, whether a task lists units in a role, or one field of the
document's record gets that answer first, decided from the text or the record, not a neighbouring one.
"""

from __future__ import annotations

from clusterbot.bot.offline import confirm
from tests.engine.asking import ask


def test_a_stated_figure_is_confirmed_or_denied_from_the_answers_figures():
    assert confirm.verdict("那个指标定的是35个吧", "**目标：35个**（表：35个）") is True
    assert confirm.verdict("目标是不是40家", "目标：2400家") is False
    assert confirm.verdict("目标定为5%吗？", "目标：持续提高") is None  # no figure in that unit to decide
    assert confirm.verdict("2027年达到2%了吗", "目标：2%") is None  # reaching a level is another question


def test_a_wrong_target_figure_is_denied_before_the_target(assistant):
    answer = ask(assistant, "2030年千亿级集群的目标定的是5个吧")
    assert answer.status == "answered" and answer.answer.startswith("不是")
    right = ask(assistant, "2030年千亿级集群的目标定的是3个吧")
    assert right.answer.startswith("是")


def test_whether_a_task_lists_units_in_a_role(assistant, corpus):
    bare = next(t for t in corpus.tasks() if t.lead_units and not t.support_units)
    full = next(t for t in corpus.tasks() if t.support_units)
    no = ask(assistant, f"{bare.title}这条列没列配合单位")
    yes = ask(assistant, f"{full.title}有没有写配合单位")
    assert no.answer.startswith("没有") and [c.clause_id for c in no.citations] == [bare.clause_id]
    assert yes.answer.startswith("有") and all(u in yes.answer for u in full.support_units)


def test_a_unit_that_leads_nothing_is_shown_in_the_role_it_has(assistant, corpus):
    unit = "省财政厅"
    supported = [t.clause_id for t in corpus.tasks() if unit in t.support_units]
    assert supported and not any(unit in t.lead_units for t in corpus.tasks())
    answer = ask(assistant, "Does the provincial finance department lead anything at all?")
    assert answer.answer.startswith("No")
    assert [c.clause_id for c in answer.citations] == supported


def test_one_field_of_the_record_is_answered_alone_and_nothing_is_cited(assistant, corpus):
    meta = corpus.document().meta
    when = ask(assistant, "这个文件是哪一天印发的")
    assert meta.date in when.answer and "抄送" not in when.answer and not when.citations
    copied = ask(assistant, "该文件抄送给了哪些机关")
    assert meta.cc.split("，")[0] in copied.answer and "主送" not in copied.answer
    title = ask(assistant, "What is the full title of the guidance?")
    assert meta.title in title.answer


def test_the_sentence_quoted_is_the_one_matching_the_year_asked(assistant, corpus):
    answer = ask(assistant, "2030年前是不是要求每个县都培育出百亿级集群")
    assert "2030" in answer.answer and "2025" not in answer.answer


def test_a_year_with_no_figure_for_an_indicator_quotes_how_the_text_words_it(assistant, corpus):
    target = corpus.clause("2")
    paragraph = next(p for p in target.text.split("\n") if "2030" in p)
    assert "百亿级" in paragraph
    answer = ask(assistant, "百亿级集群的个数，2030年的目标是怎么定的")
    assert answer.status == "answered" and "2030" in answer.answer and "每个县" in answer.answer
    unrelated = ask(assistant, "2030年研发投入强度要达到多少")
    assert unrelated.status == "no_data"  # the 2030 paragraph shares a word or two with it, not the indicator


def test_a_line_of_two_questions_answers_the_one_it_can_and_names_the_other(assistant):
    answer = ask(assistant, "2025年百亿级集群目标多少个？另外文件给集群企业的电价补贴标准怎么定？")
    assert answer.status == "answered" and "35" in answer.answer
    assert "未作回答" in answer.answer and "电价" in answer.answer.split("未作回答")[-1]


def test_a_target_worded_without_a_figure_is_shown_with_its_base(assistant, corpus):
    row = next(r for r in corpus.indicator_rows() if "进出口" in r.title)
    answer = ask(assistant, "2027年进出口总额占全省比重要达到什么水平")
    assert answer.status == "answered" and "2023" in answer.answer
    assert row.table_row is not None and any(str(v) in answer.answer for v in row.table_row.values.values())
