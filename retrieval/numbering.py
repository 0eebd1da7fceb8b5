"""Recognising the numbering Chinese policy documents use: 一、 （一） 1. 第X章 第X条."""

from __future__ import annotations

import re
from dataclasses import dataclass

from clusterbot.lazy_regex import LazyPattern

CN = "零〇一二三四五六七八九十百两"
_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

SECTION = LazyPattern(rf"^(?P<num>[{CN}]+)\s*[、.．]\s*(?P<rest>.*)$")
SUBSECTION = LazyPattern(rf"^[（(]\s*(?P<num>[{CN}]+)\s*[）)]\s*(?P<rest>.*)$")
ITEM = LazyPattern(r"^(?P<num>\d{1,2})\s*[.．、](?!\d)\s*(?P<rest>.*)$")
CHAPTER = LazyPattern(rf"^第\s*(?P<num>[{CN}\d]+)\s*章\s*(?P<rest>.*)$")
ARTICLE = LazyPattern(rf"^第\s*(?P<num>[{CN}\d]+)\s*条\s*(?P<rest>.*)$")
DATE = LazyPattern(r"^(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日$")
TERMINAL = tuple("。！？；：:;!?）)”」】")


def cn_to_int(text: str) -> int:
    """`十二` -> 12, `二十` -> 20, `一百零五` -> 105; arabic digits pass through."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    total, current = 0, 0
    for char in text:
        if char in _DIGITS:
            current = _DIGITS[char]
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char == "百":
            total += (current or 1) * 100
            current = 0
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + current


def int_to_cn(number: int) -> str:
    """12 -> `十二`; section and article numbers stay below 100 (larger ones keep arabic digits)."""
    digits = "零一二三四五六七八九"
    if not 0 < number < 100:
        return str(number)
    if number < 10:
        return digits[number]
    tens, ones = divmod(number, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


@dataclass
class Marker:
    kind: str  # section | subsection | item | chapter | article
    number: int
    rest: str


def marker(line: str) -> Marker | None:
    """The numbering a paragraph starts with, if any."""
    for kind, pattern in (("chapter", CHAPTER), ("article", ARTICLE), ("section", SECTION),
                          ("subsection", SUBSECTION), ("item", ITEM)):
        match = pattern.match(line)
        if match:
            try:
                number = cn_to_int(match.group("num"))
            except ValueError:
                continue
            if number == 0:
                continue
            return Marker(kind, number, match.group("rest").strip())
    return None


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(TERMINAL)


def split_title(rest: str, limit: int = 30) -> tuple[str, str]:
    """`推动数字化改造。加快…` -> (`推动数字化改造`, `加快…`); no title when the first sentence is long."""
    head, sep, tail = rest.partition("。")
    if sep and 0 < len(head) <= limit:
        return head.strip(), tail.strip()
    return "", rest.strip()


def short_title(text: str, limit: int = 24) -> str:
    """A short handle for an untitled article or paragraph: its first phrase."""
    first = re.split(r"[。；，：,;:]", text, maxsplit=1)[0].strip()
    return first if len(first) <= limit else first[:limit] + "…"
