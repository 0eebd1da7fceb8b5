"""Targets asked without the word 目标: how big something is to be made by a target year, how many are to be built,
whether a figure was set at all, and an indicator named by the words its table row ends with. Wordings written
for these tests; expected values come from the indicator table.
"""

from __future__ import annotations

import pytest

from tests.engine.asking import ask


@pytest.fixture(scope="module")
def corpus(assistant):
    return assistant.engine.corpus()


def row(corpus, words: str):
    return next(r for r in corpus.indicator_rows() if words in r.title)


def cited(answer) -> list[str]:
    return [c.clause_id for c in answer.citations]


@pytest.mark.parametrize("year", [2025, 2027])
def test_how_big_a_total_is_to_be_made_by_a_year_is_its_target(assistant, corpus, year):
    revenue = row(corpus, "营业收入")
    answer = ask(assistant, f"集群总营收在{year}年要冲到多大的规模")
    assert answer.status == "answered" and str(year) in answer.answer
    assert revenue.table_row is not None
    assert f"{revenue.table_row.values[str(year)]:g}" in answer.answer.replace(" ", "")


def test_how_many_are_to_be_built_by_a_year_is_its_target(assistant):
    answer = ask(assistant, "2025年单项冠军和小巨人这类企业要搞出来多少家")
    assert answer.status == "answered" and "1200" in answer.answer


def test_whether_a_figure_was_set_for_a_year_gives_the_wording_the_table_uses(assistant, corpus):
    trade = row(corpus, "进出口")
    answer = ask(assistant, "2027年进出口总额占比定下具体数字了吗")
    assert answer.status == "answered" and "持续提高" in answer.answer
    assert any(c.startswith("2") for c in cited(answer)) and trade.clause_id in cited(answer)


def test_an_indicator_named_by_the_end_of_its_row_name(assistant, corpus):
    coverage = row(corpus, "覆盖率")
    assert coverage.table_row is not None
    answer = ask(assistant, "2025年覆盖率要到多少")
    assert answer.status == "answered" and coverage.clause_id in cited(answer)
    assert f"{coverage.table_row.values['2025']:g}%" in answer.answer.replace(" ", "")
