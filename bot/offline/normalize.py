"""Question text into one canonical form: simplified characters, half-width, Arabic numbers."""

from __future__ import annotations

import re
import unicodedata

from clusterbot.bot.offline.script import to_simplified

_CN_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "壹": 1, "幺": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3, "四": 4, "肆": 4,
    "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}
_CN_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_CHARS = "零〇一壹幺二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟"
# Only numerals that quantify something are rewritten, so names such as 五河县 or 六安市 stay whole.
_CN_NUMBER = re.compile(
    rf"(?<=[前后第])[{_CN_CHARS}]+|[{_CN_CHARS}]+(?=\s*(?:亿|万|年|个|家|名|位|强|倍|%|成|大|项))"
    rf"|[{_CN_CHARS}]+(?=\s*(?:到|至|—|–|-|～|~)\s*[{_CN_CHARS}\d]+\s*亿)"  # 三百到五百亿: the first end of a range
)
# A bare 百/千 before 亿 is a tier name (百亿级, 千亿级), not a number to rewrite.
_TIER_WORDS = re.compile(r"(?<![零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖\d])([百千])亿")
_ORDINAL_TEN = re.compile(r"(?<=[前后第])十(?![一二三四五六七八九百千万亿\d])")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")


def cn_to_int(text: str) -> int | None:
    """一百 → 100, 壹佰 → 100, 三百 → 300, 一千 → 1000, 十五 → 15, 二〇二七 → 2027."""
    if not text:
        return None
    if all(ch in _CN_DIGITS for ch in text):  # digit by digit: 二〇二七
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))
    total, current = 0, 0
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            total += (current or 1) * _CN_UNITS[ch]
            current = 0
        else:
            return None
    return total + current


def _replace_cn_numbers(text: str) -> str:
    def repl(match: re.Match[str]) -> str:
        token = match.group(0)
        if token in ("百", "千", "佰", "仟", "十"):
            return token
        value = cn_to_int(token)
        if value is None:
            return token
        glued = match.start() > 0 and match.string[match.start() - 1].isdigit()
        return f" {value}" if glued else str(value)  # 27三年: a count after a number stays apart from it

    text = _ORDINAL_TEN.sub("10", text)  # 前十, 第十: a count or a place, where a bare 十 is otherwise kept
    protected = _TIER_WORDS.sub(lambda m: {"百": "\x01", "千": "\x02"}[m.group(1)] + "亿", text)
    converted = _CN_NUMBER.sub(repl, protected)
    return converted.replace("\x01", "百").replace("\x02", "千")


# Words whose Chinese numerals are part of a name, not a quantity.
_KEEP_NUMERALS = ("五个一", "三改联动", "一群一策", "一企一策", "一产业一研究院", "一带一路", "二十大", "二十届",
                  "二中", "三中", "新三样", "一批", "专精特新", "十四五", "一条", "一个")


_SCALED_YI = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*([百千])亿")  # 1.5百亿 → 150亿, 3千亿 → 3000亿


def _scale_yi(match: re.Match[str]) -> str:
    value = float(match.group(1)) * (100 if match.group(2) == "百" else 1000)
    return f"{value:g}亿"


# 百分之十 → 10%, 百分之8 → 8%, 百分之十二点五 → 12.5%: a percentage written out in words
_PERCENT_WORDS = re.compile(rf"百分之\s*([{_CN_CHARS}\d]+)(?:点([{_CN_CHARS}\d]+))?")


def _percent(match: re.Match[str]) -> str:
    whole = match.group(1)
    value = int(whole) if whole.isdigit() else cn_to_int(whole)
    if value is None:
        return match.group(0)
    frac = match.group(2)
    if frac:
        digits = frac if frac.isdigit() else "".join(str(_CN_DIGITS.get(ch, "")) for ch in frac)
        return f"{value}.{digits}%"
    return f"{value}%"


_POSSESSIVE = re.compile(r"([A-Za-z])['’]s\b")  # Wuwei's → Wuwei, before the quotes go
_QUOTES = str.maketrans("", "", "“”‘’\"'「」『』《》〈〉")
_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])")  # 1,000亿 → 1000亿 (thousands separators)


def normalize(text: str) -> str:
    """NFKC (full-width digits and letters), simplified characters, Chinese numerals as digits, no quotes."""
    text = _POSSESSIVE.sub(r"\1", unicodedata.normalize("NFKC", text)).translate(_QUOTES)
    text = _GROUPED.sub(lambda m: m.group(0).replace(",", ""), to_simplified(text))
    text = _PERCENT_WORDS.sub(_percent, text)
    shielded = text
    for i, word in enumerate(_KEEP_NUMERALS):
        shielded = shielded.replace(word, f"\x10{i}\x11")
    shielded = _replace_cn_numbers(shielded)
    for i, word in enumerate(_KEEP_NUMERALS):
        shielded = shielded.replace(f"\x10{i}\x11", word)
    return _SCALED_YI.sub(_scale_yi, shielded).strip()


def language(text: str) -> str:
    """'en' when the question is written in Latin letters, Chinese characters at most in brackets or quotes (a
    term given in the original beside its translation)."""
    bare = re.sub(r"[（(](?!\s*(?:万亿元|亿元|万元|元|个|家|项|年|万亿|亿)\s*[)）])[^）)]*[)）]|[“\"「『][^”\"」』]*[”\"」』]", " ",
                  text)  # a unit of measure in brackets (亿元) is no term given in the original
    if _CJK.search(bare) or (_CJK.search(text) and len(re.findall(r"[A-Za-z]{2,}", bare)) < 3):
        return "zh"
    return "en" if _LATIN.search(text) else "zh"
