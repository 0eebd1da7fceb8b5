"""The targets clause and its indicator table read as text, and target figures asked in spoken words: a row by its
place in the table and its neighbours, the table's year columns, a term's wording in a target year, a figure still
to be reached asked with 要 and a verb of reaching, spoken words for the total scale, a count of clusters above a
tier asked in English, and a task named right before 这条里. Wordings written for these tests; expected values come
from the corpus.
"""

from __future__ import annotations

import pytest

from tests.engine.asking import ask


def rows(corpus):
    return corpus.indicator_rows()


def cited(answer) -> list[str]:
    return [c.clause_id for c in answer.citations]


@pytest.mark.parametrize(("wording", "n"), [("指标表中排在第二位的指标叫什么", 2), ("主要指标里第5项各年是多少", 5),
                                            ("What does row 3 of the indicator table show?", 3)])
def test_a_row_asked_by_its_place_gives_that_row_with_its_figures(assistant, corpus, wording, n):
    row = rows(corpus)[n - 1]
    answer = ask(assistant, wording)
    assert answer.status == "answered" and cited(answer) == [row.clause_id]
    assert row.table_row.indicator in answer.answer
    numeric = [v for v in row.table_row.values.values() if not isinstance(v, str)]
    assert all(f"{v:g}" in answer.answer for v in numeric)


def test_neighbours_of_a_row_follow_its_place_and_the_table_ends(assistant, corpus):
    table = rows(corpus)
    thread = "neighbours"
    ask(assistant, "指标表的第三行是什么指标", thread)
    after = ask(assistant, "再往下一项呢", thread)
    assert cited(after) == [table[3].clause_id]
    before = ask(assistant, "上一项呢", thread)
    assert cited(before) == [table[2].clause_id]
    final = ask(assistant, "最后一项呢", thread)
    assert cited(final) == [table[-1].clause_id]
    beyond = ask(assistant, "下一项呢", thread)
    assert beyond.status == "no_data" and str(len(table)) in beyond.answer


def test_a_year_asked_right_after_a_row_gives_that_rows_figure(assistant, corpus):
    row = rows(corpus)[5]
    thread = "row-then-year"
    ask(assistant, "主要指标表排第六的指标是哪个", thread)
    answer = ask(assistant, "那2025年定到多少", thread)
    assert cited(answer) == [row.clause_id]
    assert f"{row.table_row.values['2025']:g}" in answer.answer
    later = ask(assistant, "第八项呢", thread)  # a target asked in between keeps the row to count from
    assert cited(later) == [rows(corpus)[7].clause_id]


@pytest.mark.parametrize(("wording", "present"), [("指标表里能不能查到2030年这一栏", False),
                                                  ("主要指标表有没有2025年的数值", True),
                                                  ("Is there a 2030 column in the indicator table?", False)])
def test_whether_the_table_has_a_years_column(assistant, corpus, wording, present):
    table = corpus.clause(rows(corpus)[0].parent_id)
    answer = ask(assistant, wording)
    assert answer.status == "answered" and cited(answer) == [table.clause_id]
    assert answer.answer.startswith(("有", "Yes") if present else ("没有", "No"))
    assert all(year in answer.answer for year in rows(corpus)[0].table_row.values)


def test_a_term_asked_for_a_target_year_quotes_that_years_target(assistant, corpus):
    paragraph = next(p for p in corpus.clause("2").text.split("\n") if "2030" in p)
    answer = ask(assistant, "按文件，到2030年“五个一”机制得做成啥样")
    assert answer.status == "answered" and cited(answer) == ["2"]
    quoted = answer.citations[0].quote
    assert "五个一" in quoted and quoted in paragraph


@pytest.mark.parametrize("wording", ["2025年集群营收总规模得冲到多少", "2025年的百亿级集群要几个",
                                     "2025年全部集群的营收盘子要突破多少"])
def test_a_figure_still_to_reach_in_a_year_the_data_holds_is_its_target(assistant, wording):
    answer = ask(assistant, wording)
    assert answer.status == "answered" and "2" in cited(answer)
    assert "目标" in answer.answer


@pytest.mark.parametrize("word", ["总盘子", "体量"])
def test_spoken_words_for_the_total_scale_read_as_the_revenue_total(assistant, corpus, word):
    revenue = next(r for r in rows(corpus) if "营业收入" == r.table_row.indicator[-4:])
    answer = ask(assistant, f"2027年集群营收的{word}定了多少")
    assert answer.status == "answered" and revenue.clause_id in cited(answer)
    assert f"{revenue.table_row.values['2027']:g}" in answer.answer.replace(" ", "")


def test_an_english_count_above_a_tier_is_the_count_target_not_revenue(assistant, corpus):
    count = next(r for r in rows(corpus) if "百亿级集群个数" in r.table_row.indicator)
    answer = ask(assistant, "For 2025, how many clusters earning 10 billion yuan or more does the plan call for?")
    assert answer.status == "answered" and count.clause_id in cited(answer)
    assert f"{count.table_row.values['2025']:g}" in answer.answer


def test_a_task_named_before_this_clause_is_the_one_pointed_at(assistant, corpus):
    task = next(t for t in corpus.tasks() if "班列" in t.text)
    answer = ask(assistant, f"{task.title}这条里讲了开什么班列")
    assert answer.status == "answered" and cited(answer) == [task.clause_id]
    assert "班列" in answer.answer


def test_a_figure_asked_from_the_table_cites_its_row_only(assistant, corpus):
    row = next(r for r in rows(corpus) if "高新技术" in r.table_row.indicator)
    answer = ask(assistant, "依照主要指标表，高新技术企业2023年多少个")
    assert answer.status == "answered" and cited(answer) == [row.clause_id]
    assert f"{row.table_row.values['2023']:g}" in answer.answer


def test_two_digit_years_listed_with_one_year_word_are_all_read(assistant, corpus):
    from clusterbot.bot.offline.normalize import normalize
    from clusterbot.bot.offline.slots import extract

    assert extract(normalize("研发强度在23、25、27这三年各是多少")).years == [2023, 2025, 2027]
    assert extract(normalize("23和25年的高企数")).years == [2023, 2025]
    row = next(r for r in rows(corpus) if "覆盖率" in r.table_row.indicator)
    answer = ask(assistant, "五个一覆盖率23、25、27三年各是多少")
    assert all(f"{v:g}" in answer.answer for v in row.table_row.values.values())
