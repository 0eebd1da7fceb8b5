"""Amounts the text does not set, asked in other words: money asked with a dialect how-much, and the bar to count
as a kind of enterprise asked as a figure. Both are declined by name, never answered with a nearby target.
Wordings written for these tests.
"""

from __future__ import annotations

import pytest

from tests.engine.asking import ask


@pytest.mark.parametrize("text", ["每建一个中试基地，省里奖好多", "搞一个智能工厂能拿到好些钱"])
def test_money_asked_with_a_dialect_how_much_is_declined(assistant, text):
    answer = ask(assistant, text)
    assert answer.status == "no_data" and not answer.citations
    assert "金额" in answer.answer


def test_the_bar_to_count_as_an_enterprise_asked_as_a_figure_is_declined(assistant):
    answer = ask(assistant, "伙伴企业的入选门槛要多少营收")
    assert answer.status == "no_data" and not answer.citations
    assert "认定标准" in answer.answer


def test_a_target_count_of_that_enterprise_is_still_answered(assistant):
    answer = ask(assistant, "2025年发挥群主功能的龙头企业目标是多少家")
    assert answer.status == "answered" and "200" in answer.answer
