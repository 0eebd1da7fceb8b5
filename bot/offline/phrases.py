"""Phrases the rule reader reads inside a clause: a stated rate, a window of years, a superlative, an indicator's
level, names blanked out, the side that passes in "A超过B", and the words a tier or an indicator is named by."""

from __future__ import annotations

import re
from typing import Any

from clusterbot.bot.offline.lexicon import hit
from clusterbot.bot.offline.query import Time

EN_COUNT = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def stated_rate(text: str) -> float | None:
    m = hit("RATE", text)
    if not m:
        return None
    value = next(v for k, v in m.groupdict().items() if k.startswith("rate") and v)
    rate = float(value) / 100
    return -rate if re.search(r"(下降|减少|降|跌|缩水|decline|shrink|fall)", text[max(0, m.start() - 4):m.end() + 2]) \
        else rate


def window(text: str, latest: int) -> tuple[int, int] | None:
    """(start, end) of a window of years the clause names, or None."""
    m = hit("WINDOW", text)
    if not m:
        return None
    g = {k: v for k, v in m.groupdict().items() if v}
    if "n" in g or "n2" in g:
        raw = g.get("n") or g.get("n2") or "3"
        n = int(raw) if raw.isdigit() else EN_COUNT.get(raw.lower(), 3)
        if not 1 <= n <= 20:
            return None
        return latest - n, latest
    if "since" in g or "since2" in g:
        return int(g.get("since") or g["since2"]), latest
    if "from" in g:
        return int(g["from"]), int(g.get("to") or latest)
    start, end = int(g.get("a") or g["a2"]), int(g.get("b") or g["b2"])
    return (start, end) if start < end else None


def superlative_asked(text: str) -> tuple[bool, bool] | None:
    """(ascending, growth) of a superlative the clause asks, or None."""
    m = hit("SUPERLATIVE", text)
    if not m:
        return None
    if m.group("fall") or m.group("fall2") or m.group("fall3"):  # "降得最狠": the lowest growth
        return True, True
    word = (m.group("dir") or m.group("top") or m.group("en") or m.group("than") or m.group("enc") or "").lower()
    ascending = word in ("慢", "小", "少", "低", "弱", "差", "垫底", "倒数第一", "slowest", "smallest", "lowest", "least",
                         "slower", "smaller", "lower")
    growth = bool(hit("GROWTH", text)) and not re.search(r"最(大|小|多|少)(?!.{0,3}(增|涨))", text)
    return ascending, growth


NAME_MARK = "\ue000"


def masked(text: str, entities: list[Any]) -> str:
    """The clause with every named place or cluster blanked out: operation words are read around names, never
    inside them (能 in 智能装备 is not "can", 到 in a name is not a target)."""
    for surface in sorted({e.matched for e in entities if getattr(e, "matched", "")}, key=len, reverse=True):
        text = text.replace(surface, NAME_MARK)
    return text


def passer_first(text: str, places: list[Any]) -> list[Any]:
    """The two sides of "A哪年超过B" with the one that passes first: the one named last before 超过, or the one
    right after 被 ("B会被A超过")."""
    lowered = text.lower()
    m = hit("OVERTAKE", lowered)
    if m is None:
        return places

    def mentions(e: Any) -> list[int]:
        words = {w.lower() for w in (e.matched, getattr(e, "short_name", ""), getattr(e, "county", "")) if w}
        words |= {w[:-1] for w in words if len(w) >= 3 and w.endswith(("县", "市"))}
        return [i for w in words for i in range(len(lowered)) if lowered.startswith(w, i)]

    by = lowered.rfind("被", 0, m.start())
    if by >= 0:
        passer = [e for e in places if any(by < i <= by + 3 for i in mentions(e))]
    else:
        passer = [e for e in places if any(i < m.start() for i in mentions(e))
                  and max(i for i in mentions(e) if i < m.start()) == max(
                      (i for o in places for i in mentions(o) if i < m.start()), default=-1)]
    if not passer:  # only the one passed is found by name (an English question): it goes second
        passed = [e for e in places if any(i > m.start() for i in mentions(e))]
        passer = [e for e in places if e not in passed] if len(passed) == 1 else []
    return passer + [e for e in places if e not in passer] if len(passer) == 1 else places


METRIC_LEVEL = re.compile(r"(?:超过|高于|大于|多于|以上|不低于|不少于|达到|过了?|more than|greater than|above|over|at least)\s*(?P<v>\d+(?:\.\d+)?)\s*"
                          r"(?:%|家|个|项|\s(?:[a-z-]+\s)?(?:enterprises|firms|companies))(?!级)"
                          r"|(?P<v2>\d+(?:\.\d+)?)\s*(?:%|家|个|项)\s*(?:以上|及以上|或以上|or more)", re.I)


def tier_word(level: float) -> str:
    """How the level is named in a question: 百亿级集群, 500亿级集群, 千亿级集群."""
    named = {100.0: "百亿级", 1000.0: "千亿级"}.get(level, f"{level:g}亿级")
    return f"{named}集群"


def metric_word(code: str) -> str:
    """The name officials use for an indicator code (the first keyword of the vocabulary)."""
    from clusterbot.bot.offline.slots import vocab

    words = vocab()["metrics"].get(code) or [code]
    return str(words[0])


COURTESY = re.compile(r"谢谢|多谢|麻烦(?:你|您)?|请问|您好|你好|辛苦了?|打扰了?|thanks?(?: you)?|please|hello|hi", re.I)


# Two levels that bound what is counted or listed (200亿到300亿之间, between 20 and 30 billion)
_BETWEEN = re.compile(r"(?P<a>\d+(?:\.\d+)?)\s*(?:亿元?|家|个|项|%)?\s*(?:到|至|—|-|~|～)\s*(?P<b>\d+(?:\.\d+)?)\s*"
                      r"(?P<u>亿元?|家|个|项|%)\s*(?:之间|以内|范围内?|区间)"
                      r"|介于\s*(?P<a3>\d+(?:\.\d+)?)\s*(?:亿元?|家|个|项|%)?\s*(?:和|与|到|至)\s*(?P<b3>\d+(?:\.\d+)?)"
                      r"|between\s+(?P<a2>\d+(?:\.\d+)?)\s*(?:billion)?\s+and\s+(?P<b2>\d+(?:\.\d+)?)\s*(?P<u2>billion)?",
                      re.IGNORECASE)
# None of an indicator (一项都没建, 为零), or all of a count stated (五项全部建起来)
_NONE_OF = re.compile(r"[一1](?:项|个|家)(?:都|也)(?:还)?(?:没|么|未|不)|(?:为|是|等于)\s*(?:零|0)(?![\d.])|没有[一1](?:项|个|家)"
                      r"|\bnone of\b|\bzero\b")
_ALL_OF = re.compile(r"(?P<n>[2-9]|\d{2,})\s*(?:项|个)\s*(?:全部|全都|都|全)|全部\s*(?P<n2>\d+)\s*(?:项|个)")


def bounds(text: str) -> tuple[float, float] | None:
    """(lowest, highest) of a count or list bounded both ways, in the unit written (billions read as 亿元 × 10)."""
    m = _BETWEEN.search(text)
    if m is not None:
        if m.group("a") is not None:
            lo, hi = float(m.group("a")), float(m.group("b"))
        elif m.group("a3") is not None:
            lo, hi = float(m.group("a3")), float(m.group("b3"))
        else:
            scale = 10.0 if m.group("u2") else 1.0
            lo, hi = float(m.group("a2")) * scale, float(m.group("b2")) * scale
        return (lo, hi) if lo <= hi else (hi, lo)
    if _NONE_OF.search(text):
        return 0.0, 0.0
    m = _ALL_OF.search(text)
    if m is not None:
        n = float(m.group("n") or m.group("n2"))
        return n, n
    return None


# "保持2025年的增速": a year's own rate named as the rate to go on at
KEPT_RATE = re.compile(r"(?:保持|按|照|以|维持|延续)\s*(20\d\d)\s*年?\s*的?\s*(?:同比)?\s*(?:增速|增长率|速度|增幅|涨幅)")


def stated_amount(slots: Any) -> float | None:
    """The one amount (亿元) a clause states, a tier or any other level."""
    if slots.threshold is not None:
        return slots.threshold
    amounts = [a for a in slots.amounts_yi if a > 0]
    return amounts[-1] if amounts else None


def within_one(places: list[Any]) -> bool:
    """Exactly one city or county named, and no cluster."""
    return len(places) == 1 and places[0].kind in ("city", "county")


def time_of(years: list[int], span: tuple[int, int] | None, latest: int) -> Time:
    if span:
        return Time(kind="window", start=span[0], end=span[1])
    if years:
        return Time(kind="year", year=years[-1])
    return Time(kind="latest", year=latest)
