"""Attacks on the grounding check: numbers in words, glued units, exponents, and numbers used with the
wrong meaning (a year for a value, a forecast year, a flipped sign, another unit or currency)."""

from __future__ import annotations

import pytest

from clusterbot.bot.llm.grounding import Evidence, check_numbers

# Shaped like a gap_to_target output; the numbers are made up for these tests.
GAP = {
    "unit": "亿元", "threshold": 300.0, "target_year": 2030, "latest_year": 2024,
    "latest": {"metric": "revenue", "name": "营业收入", "value": 226.4, "unit": "亿元", "year": 2024},
    "gap": 73.6, "required_cagr": 0.0472, "recent_cagr": -0.0318, "recent_cagr_from_year": 2021,
    "projected_year": 2029,
    "peers": [{"metric": "rd_intensity", "value": 3.71, "unit": "%", "year": 2024},
              {"metric": "high_tech_enterprises", "value": 860.0, "unit": "家", "year": 2024}],
}


def evidence(*trees) -> Evidence:
    ev = Evidence()
    for tree in trees:
        ev.add_tree(tree)
    return ev


def problems(text: str, *trees) -> list[str]:
    return [p.item for p in check_numbers(text, evidence(*(trees or (GAP,)))).problems]


@pytest.mark.parametrize("text", [
    "研发投入强度为百分之三十七",  # the evidence has 3.71 %, not 37 %
    "缺口为七十三点九亿元",
    "revenue of seventy-three billion yuan",
    "CAGR37.5% over the period",
    "营收达RMB860亿",  # 860 is a count of enterprises, not an amount
])
def test_numbers_not_written_as_digits_are_checked(text):
    assert problems(text), text


@pytest.mark.parametrize("text", [
    "研发投入强度约百分之三点七",
    "缺口为七十三点六亿元",
    "a gap of RMB7.36 billion",
    "eight hundred and sixty high-tech enterprises",
    "CAGR4.7% is required",
    "高新技术企业八百六十家",
    "营收二百二十六点四亿元",
])
def test_the_same_forms_pass_when_they_state_the_evidence(text):
    assert problems(text) == [], text


def test_an_exponent_is_read_as_its_value():
    assert problems("还差7.36e1亿元") == []
    assert problems("还差7.36e2亿元") == ["7.36e2亿元"]


def test_a_year_never_grounds_an_amount_and_an_amount_never_grounds_a_year():
    assert problems("营收2030亿元") == ["2030亿元"]
    assert problems("2024年营收226.4亿元") == []
    assert problems("规上企业达到2026年") == ["2026年"]  # no tool returned the year 2026


def test_a_forecast_year_must_be_the_tools_projected_year():
    assert problems("按近三年增速，预计2029年跨过300亿元") == []
    assert problems("按近三年增速，预计2030年跨过300亿元") == ["2030年"]  # 2030 is the target year
    assert problems("At the recent pace it is expected to pass 30 billion yuan in 2024.") == ["2024"]
    assert problems("到2030年需年均增长4.7%") == []  # a requirement, not a forecast
    assert problems("该集群2030年就能迈过300亿元") == ["2030年"]  # a forecast without a forecast word


def test_no_forecast_year_when_the_tool_has_none():
    never = {**GAP, "projected_year": None}
    assert problems("有望于2030年突破300亿元", never) == ["2030年"]


def test_a_flipped_sign_fails():
    assert problems("近三年年均增长3.2%") == ["3.2%"]
    assert problems("revenue grew 3.2% a year") == ["3.2%"]
    assert problems("近三年年均下降3.2%") == []
    assert problems("近三年年均增速-3.2%") == []
    assert problems("需年均下降4.7%") == ["4.7%"]


def test_values_keep_their_unit_and_currency():
    assert problems("营收226.4万元") == ["226.4万元"]  # 万元 is not 亿元
    assert problems("营收22640000000元") == []
    assert problems("营收US$22.64 billion") == ["22.64 billion"]  # no exchange rate was returned
    assert problems("营收226.4亿元，合22.64 billion yuan") == []
    assert problems("高新技术企业860亿元") == ["860亿元"]  # a count is not money


def test_a_rate_never_grounds_a_value_nor_a_value_a_rate():
    assert problems("研发投入强度3.71亿元") == ["3.71亿元"]
    assert problems("缺口占73.6%") == ["73.6%"]


def test_ranges_check_both_ends():
    assert problems("缺口在73.6-300亿元之间") == []
    assert problems("缺口在70-73.6亿元之间") == ["70"]
