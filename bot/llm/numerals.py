"""Numbers written in words: Chinese numerals (三十七点五, 一万二千亿, 二〇二七) and English number words
(seventy-three billion, three point five).

Strict parsers: a string that is not a well-formed numeral gives None, so idioms made of numeral
characters (千方百计 is never read; 一五一十 and 千千万万 are rejected) do not become quantities.
"""

from __future__ import annotations

import re

CN_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3, "四": 4, "肆": 4,
    "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}
CN_PLACES = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_MAGNITUDES = {"万": 10**4, "亿": 10**8}
CN_CHARS = "".join(CN_DIGITS) + "".join(CN_PLACES) + "".join(CN_MAGNITUDES)
# Traditional forms of the numeral characters, folded before parsing.
CN_FOLD = str.maketrans({"萬": "万", "億": "亿", "兩": "两", "點": "点", "貳": "贰", "陸": "陆"})


def _cn_section(text: str) -> int | None:
    """A number below 10 000: 三千零五, 十五, 一百一十, 两百. None when malformed."""
    if not text:
        return None
    total, digit, last_place = 0, None, 10**4
    zero_pending = False
    for i, ch in enumerate(text):
        if ch in CN_DIGITS:
            value = CN_DIGITS[ch]
            if value == 0:
                if digit is not None or i == len(text) - 1:
                    return None  # 一零 or a trailing 零
                zero_pending = True
                continue
            if digit is not None:
                return None  # two digits in a row: 一五
            digit = value
        elif ch in CN_PLACES:
            place = CN_PLACES[ch]
            if place >= last_place or (zero_pending and digit is None):
                return None
            if digit is None and i != 0:
                return None  # 十 without a digit is only valid first: 十五
            total += (digit if digit is not None else 1) * place
            digit, last_place, zero_pending = None, place, False
        else:
            return None
    if digit is not None:
        if last_place == 10 ** 4 or zero_pending or last_place == 10:
            total += digit
        else:
            return None  # 一百五 (colloquial 150) is not accepted: too easy to misread
    return total


def cn_integer(text: str) -> int | None:
    """三十七 → 37, 一万二千亿 → 1 200 000 000 000, 二〇二七 → 2027; None when malformed."""
    text = text.translate(CN_FOLD)
    if not text:
        return None
    if len(text) > 1 and all(ch in CN_DIGITS for ch in text):
        return int("".join(str(CN_DIGITS[ch]) for ch in text))  # digit by digit: 二〇二七
    if "亿" in text:
        high, _, low = text.rpartition("亿")
        high_value = cn_integer(high) if high else None
        low_value = _cn_below(low, 10**8) if low else 0
        if high_value is None or low_value is None or high_value == 0:
            return None
        return high_value * 10**8 + low_value
    return _cn_below(text, 10**8)


def _cn_below(text: str, limit: int) -> int | None:
    """A number below `limit` (10⁸) that may use 万, with an optional leading 零 (一亿零五)."""
    if text.startswith("零"):
        text = text[1:]
    if not text:
        return None
    if "万" in text:
        high, _, low = text.partition("万")
        high_value = _cn_section(high)
        if low.startswith("零"):
            low = low[1:]
            if not low:
                return None
        low_value = _cn_section(low) if low else 0
        if high_value is None or low_value is None or high_value == 0:
            return None
        value = high_value * 10**4 + low_value
    else:
        value = _cn_section(text)
    return value if value is not None and value < limit else None


def cn_number(text: str) -> tuple[float, int] | None:
    """A Chinese numeral with an optional 点 fraction: (value, decimals written)."""
    text = text.translate(CN_FOLD)
    whole, dot, frac = text.partition("点")
    value = 0 if whole in ("零", "〇") and dot else cn_integer(whole)
    if value is None:
        return None
    if not dot:
        return float(value), 0
    if not frac or any(ch not in CN_DIGITS or ch == "两" for ch in frac):
        return None
    return float(f"{value}." + "".join(str(CN_DIGITS[ch]) for ch in frac)), len(frac)


EN_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
           "ninety": 90}
EN_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
EN_WORDS = sorted([*EN_UNITS, *EN_TENS, "hundred", *EN_SCALES], key=len, reverse=True)
_EN_WORD = "|".join(EN_WORDS)
# A run of number words: "seventy-three billion", "one hundred and five", "a million", "three point five".
EN_RUN = re.compile(
    rf"\b(?:an?\s+(?=(?:hundred|{'|'.join(EN_SCALES)})\b))?(?:{_EN_WORD})"
    rf"(?:(?:\s+and\s+|[\s-]+)(?:{_EN_WORD}))*(?:\s+point(?:\s+(?:{'|'.join(EN_UNITS)}))+)?\b",
    re.IGNORECASE,
)


def en_number(text: str) -> tuple[float, float] | None:
    """English number words as (mantissa, scale): seventy-three billion → (73, 10⁹). None when malformed."""
    words = re.split(r"[\s-]+", text.lower().strip())
    if words and words[0] in ("a", "an"):
        words[0] = "one"
    decimals = ""
    if "point" in words:
        at = words.index("point")
        tail = words[at + 1:]
        if not tail or any(w not in EN_UNITS or EN_UNITS[w] > 9 for w in tail):
            return None
        decimals = "".join(str(EN_UNITS[w]) for w in tail)
        words = words[:at]
    words = [w for w in words if w != "and"]
    total, current, last_scale, last_step = 0, 0, 10**15, None
    for word in words:
        if word in EN_UNITS or word in EN_TENS:
            value = EN_UNITS[word] if word in EN_UNITS else EN_TENS[word]
            if last_step == "tens" and word in EN_UNITS and 0 < value < 10 and current % 10 == 0:
                current += value  # seventy-three
                last_step = "unit"
                continue
            if last_step in ("unit", "tens") or (current % 100 and last_step != "hundred"):
                return None  # two numbers in a row: "three four"
            current += value
            last_step = "tens" if word in EN_TENS else "unit"
        elif word == "hundred":
            if current == 0 or current >= 10 or last_step == "hundred":
                return None
            current *= 100
            last_step = "hundred"
        elif word in EN_SCALES:
            scale = EN_SCALES[word]
            if scale >= last_scale or current == 0:
                return None
            total += current * scale
            current, last_scale, last_step = 0, scale, "scale"
        else:
            return None
    value = total + current
    if decimals:
        if total:
            return None  # "one million point five" is not a way to write numbers
        return float(f"{current}.{decimals}"), 1.0
    if current == 0 and total and last_step == "scale":
        return value / last_scale, float(last_scale)  # the last scale word is the written magnitude
    return float(value), 1.0
