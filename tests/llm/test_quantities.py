"""Reading quantities: numerals in every written form, their units, roles, signs and forecast years."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clusterbot.bot.llm.numerals import cn_integer, cn_number, en_number
from clusterbot.bot.llm.quantities import COUNT, RATE, VALUE, YEAR, extract_quantities

CN = "零一二三四五六七八九"
EN_SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
            "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def spell_section(n: int, leading: bool) -> str:
    """Below 10 000 in the written standard form: 三千零五, 一百一十, 十五 (leading) / 一十五 (inner)."""
    out, zero = "", False
    for place, char in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // place % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out += "零"
            zero = False
        if place == 10 and digit == 1 and not out and leading:
            out += "十"
        else:
            out += CN[digit] + char
    return out


def spell_chinese(n: int) -> str:
    """The standard Chinese numeral of a positive integer below 10¹⁶ (亿 groups of 万 groups)."""
    groups = [(n // 10**8, "亿"), (n % 10**8 // 10**4, "万"), (n % 10**4, "")]
    out, gap = "", False
    for group, char in groups:
        if group == 0:
            gap = bool(out)
            continue
        if group >= 10**4:  # 万亿: the 亿 group itself has a 万 group
            text = spell_chinese(group)
        else:
            text = spell_section(group, leading=not out)
            if out and (gap or group < 1000):
                text = "零" + text
        out += text + char
        gap = False
    return out


def spell_english(n: int) -> str:
    """English words of a positive integer below 10¹⁵: 1 205 → one thousand two hundred five."""
    def below_thousand(m: int) -> list[str]:
        words = []
        if m >= 100:
            words += [EN_SMALL[m // 100], "hundred"]
            m %= 100
        if m >= 20:
            words.append(EN_TENS[m // 10] + (f"-{EN_SMALL[m % 10]}" if m % 10 else ""))
        elif m:
            words.append(EN_SMALL[m])
        return words

    words: list[str] = []
    for scale, name in ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (10**3, "thousand")):
        if n >= scale:
            words += below_thousand(n // scale) + [name]
            n %= scale
    return " ".join(words + below_thousand(n))


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=10**16 - 1))
def test_chinese_numerals_round_trip(n):
    assert cn_integer(spell_chinese(n)) == n


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10**15 - 1))
def test_english_number_words_round_trip(n):
    mantissa, scale = en_number(spell_english(n))
    assert mantissa * scale == pytest.approx(n)


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=11, max_value=99_999), st.integers(min_value=0, max_value=99))
def test_a_chinese_amount_in_a_sentence_reads_back_in_yuan(whole, cents):
    decimals = "".join(CN[int(d)] for d in f"{cents:02d}")
    [quantity] = extract_quantities(f"该集群营业收入为{spell_chinese(whole)}点{decimals}亿元。")
    assert quantity.role == VALUE and quantity.currency == "cny"
    assert quantity.base == pytest.approx(float(f"{whole}.{cents:02d}") * 1e8)


@pytest.mark.parametrize(("text", "value"), [
    ("壹佰贰拾", 120), ("两千", 2000), ("一万零五", 10005), ("十万", 100000), ("三亿零五百万", 305000000),
    ("二〇二七", 2027), ("萬", None), ("一五一十", None), ("千千万万", None), ("万一", None), ("一零", 10),
])
def test_chinese_integers_strict(text, value):
    assert cn_integer(text) == value


def test_chinese_decimals_and_malformed_words():
    assert cn_number("零点零五") == (0.05, 2)
    assert cn_number("四十二点") is None
    assert en_number("three point one four") == (3.14, 1.0)
    assert en_number("three four") is None and en_number("million") is None


def read(text: str) -> list[tuple[str, float, str]]:
    return [(q.role, float(f"{q.base:.9g}"), q.currency) for q in extract_quantities(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("出口占比达百分之四十二", [(RATE, 0.42, "")]),
    ("研发强度四十二点五", [(VALUE, 42.5, "")]),
    ("约六成企业", [(RATE, 0.6, "")]),
    ("sixty-two billion yuan", [(VALUE, 62e9, "cny")]),
    ("2.4 million people", [(COUNT, 2.4e6, "")]),
    ("the cluster's IRR41.2% beat", [(RATE, 0.412, "")]),
    ("RMB310亿", [(VALUE, 310e8, "cny")]),
    ("US$4.1 billion", [(VALUE, 4.1e9, "usd")]),
    ("￥68万", [(VALUE, 68e4, "cny")]),
    ("6.1E2亿元", [(VALUE, 610e8, "cny")]),
    ("7.5×10^2万元", [(VALUE, 750e4, "cny")]),
    ("12,500万元", [(VALUE, 12500e4, "cny")]),
    ("45-60亿元", [(VALUE, 45e8, "cny"), (VALUE, 60e8, "cny")]),
    ("二至四成", [(RATE, 0.2, ""), (RATE, 0.4, "")]),
    ("规上企业一百二十六家", [(COUNT, 126, "")]),
])
def test_numerals_units_and_prefixes(text, expected):
    assert read(text) == expected


@pytest.mark.parametrize("text", ["FY2029 revenue", "二〇二九年", "2029年底", "by 2029,"])
def test_years_are_years_not_values(text):
    [quantity] = extract_quantities(text)
    assert quantity.role == YEAR and quantity.number == 2029


def test_a_year_sized_amount_is_still_an_amount():
    [quantity] = extract_quantities("营收2029亿元")
    assert quantity.role == VALUE and quantity.base == 2029e8


@pytest.mark.parametrize(("text", "signs"), [
    ("出口同比减少8.3%", [-1]),
    ("exports fell 8.3% last year", [-1]),
    ("a decline of 8.3%", [-1]),
    ("增速为-8.3%", [-1]),
    ("负增长8.3%", [-1]),
    ("8.3%的降幅", [-1]),
    ("出现8.3%的负增长", [-1]),
    ("an 8.3% contraction", [-1]),
    ("分别回落4.4%和2.1%", [-1, -1]),
    ("下滑2%-3%", [-1, -1]),
    ("由下降转为增长8.3%", [1]),
    ("出口增长8.3%，进口下降2.1%", [1, -1]),
    ("exports rose 8.3%", [1]),
])
def test_words_of_decline_make_rates_negative(text, signs):
    assert [1 if q.number > 0 else -1 for q in extract_quantities(text)] == signs


def test_a_level_after_a_fall_is_not_a_change():
    [level] = extract_quantities("营收降至61.5亿元")
    [english] = extract_quantities("revenue fell to 61.5 billion yuan")
    assert level.number == 61.5 and english.number == 61.5


@pytest.mark.parametrize(("text", "projected"), [
    ("照目前势头，有望在2028年跨过三百亿", [True]),
    ("On its recent trend it is projected to pass 30 billion yuan in 2028.", [True]),
    ("要在2030年前达标需年均增长9%，预计2028年前难以实现", [False, False]),
    ("预计2028年迈过门槛，早于2030年目标", [True, False]),
    ("2024年营收61.5亿元", [False]),
    ("照此增速，2028年就能跨过三百亿", [True]),
    ("该集群2028年前后可突破三百亿", [True]),
    ("It could reach 30 billion yuan in 2028.", [True]),
    ("到2030年要达到三百亿，需年均增长9%", [False]),
])
def test_forecast_years_are_marked(text, projected):
    assert [q.projected for q in extract_quantities(text) if q.role == YEAR] == projected


def test_numbering_dates_plans_and_idioms_are_not_quantities():
    text = ("根据三（一）2、4.2.3、2.table.5和第十二条，皖政办〔2023〕18号于2023年9月27日印发；"
            "“十四五”期间千方百计推进，二十大精神，一县一业，千万不要")
    assert [(q.role, q.number) for q in extract_quantities(text)] == [(YEAR, 2023)]


def test_invisible_characters_and_typography_do_not_split_or_hide_a_number():
    assert read("营收8\u200b3.6亿元") == [(VALUE, 83.6e8, "cny")]  # a zero-width space shows as 83.6
    assert read("缺口6.4×10¹亿元") == [(VALUE, 64e8, "cny")]
    assert read("合计31\u2009500亿元") == [(VALUE, 31500e8, "cny")]  # a thin space groups thousands
    assert read("分别为83，610亿元") == [(VALUE, 83.0, ""), (VALUE, 610e8, "cny")]  # a list, not 83 610
