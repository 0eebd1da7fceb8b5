"""The completeness check: what a question states that its data answer never uses.

A place named, a year, a growth rate or a level the asker gives, an indicator asked for — each must show in
an answer built from the indicator store; an answer that leaves one out answers another question (the
latest year for "2022年和2025年", the recent pace for "每年涨8%", one place of two) and is declined instead.
"""

from __future__ import annotations

import re
from collections import defaultdict

from clusterbot.bot.offline.phrases import stated_rate
from clusterbot.bot.offline.reply import Reply
from clusterbot.bot.offline.slots import find_keyword, vocab
from clusterbot.bot.offline.understand import Understanding

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_LEVEL = re.compile(r"(?<![\d.点])(\d+(?:\.\d+)?)\s*(万亿|亿)")
_NOTE = ("数据：", "Data:")
_QUOTES = str.maketrans("", "", "“”\"")


def store_answer(reply: Reply) -> bool:
    """Whether the reply states figures read from the indicator store."""
    return any(f.source not in ("computed", "question", "thresholds") and not f.source.startswith("policy:")
               for f in reply.facts)


def _numbers(text: str) -> list[float]:
    return [float(x) for x in _NUMBER.findall(text.replace(",", ""))]


def _places(q: Understanding, body: str) -> list[str]:
    """Places named and absent; a word that matched several clusters (an industry) is not a place named."""
    groups: dict[str, list] = defaultdict(list)
    for e in q.entities:
        groups[str(e.matched or e.name)].append(e)
    missing = []
    for word, found in groups.items():
        if len(found) > 1:
            continue
        e = found[0]
        names = {word, *(str(n) for n in (e.name, getattr(e, "short_name", None), e.county, e.city) if n)}
        if not any(n.lower() in body for n in names):
            missing.append(word)
    return missing


def _years(q: Understanding, numbers: list[float]) -> list[str]:
    """Years asked and absent; a year inside the span the answer covers (2026 of 2025—2027) is used."""
    shown = [int(n) for n in numbers if n == int(n) and 2000 <= n <= 2100]
    lo, hi = (min(shown), max(shown)) if shown else (0, 0)
    return [f"{y}年" for y in q.slots.years if y not in shown and not lo < y < hi]


def unused(q: Understanding, reply: Reply, metric_names: dict[str, str]) -> list[str]:
    """What the question (read on its own, `q`) states that the answer leaves out; [] when all is used or the
    answer is not built from the store (policy text, arithmetic on the asker's own figures)."""
    if reply.status != "answered" or not store_answer(reply):
        return []
    body = "\n".join(line for line in reply.text.splitlines() if not line.startswith(_NOTE)).translate(_QUOTES)
    lowered, numbers = body.lower(), _numbers(body)
    left = [] if q.units else _places(q, lowered)
    left += _years(q, numbers)
    rate = stated_rate(q.text)
    if rate is not None and not any(abs(abs(rate) * 100 - n) < 0.051 for n in numbers):
        left.append(f"{abs(rate) * 100:g}%")
    for m in _LEVEL.finditer(q.text):
        level = float(m.group(1)) * (10000 if m.group(2) == "万亿" else 1)
        if not any(abs(level - n) < 0.051 or abs(level / 10000 - n) < 1e-6 for n in numbers):
            left.append(m.group(0))
    for metric in find_keyword(q.text, vocab()["metrics"]):
        words = [str(w).lower() for w in vocab()["metrics"][metric]] + [metric_names.get(metric, metric).lower()]
        if metric != "revenue" and not any(w in lowered for w in words):
            left.append(metric_names.get(metric, metric))
    return list(dict.fromkeys(left))


# Words that join two things asked side by side (营收和利润, 税、营收): what stands on each side is asked on its own.
_JOINED = re.compile(r"^\s*(?:和|与|及|以及|还有|跟|、|，|,|；|;|and|as well as|plus)\s*", re.IGNORECASE)


def absent_measures(q: Understanding) -> tuple[list[str], bool]:
    """The quantities the question asks that the store does not hold, and whether one of them is the measure
    asked of a held indicator ("单位营收能耗", "营收利润率": the held word only qualifies it) rather than a
    second thing asked beside it ("营收和净利润分别多少")."""
    absent = list(q.slots.absent_metrics)
    if not absent or not q.slots.metric:
        return absent, bool(absent)
    lowered = q.text.lower()
    held = [w.lower() for w in vocab()["metrics"].get(q.slots.metric, []) if w.lower() in lowered]
    words = [w.lower() for key in absent for w in vocab()["absent_metrics"].get(key, []) if w.lower() in lowered]
    for a in words:
        for h in held:
            at_a, at_h = lowered.find(a), lowered.find(h)
            between = lowered[at_h + len(h):at_a] if at_h < at_a else lowered[at_a + len(a):at_h]
            if len(between) <= 2 and not _JOINED.match(between) and not re.search(r"[，,、；;和与及]", between):
                return absent, True
    return absent, False


def foreign_comparison(text: str) -> bool:
    """Whether the question compares a figure with another province's ("浙江的营收跟安徽比"): its other side is
    nothing the sources hold, whatever could answer the Anhui side."""
    from clusterbot.bot.offline.lexicon import hit
    from clusterbot.bot.offline.registry import has

    return bool(has(text, "OTHER_PROVINCE") and (hit("COMPARE", text) or re.search(r"比(?:怎么样|如何|咋样)", text))
                and re.search(r"营收|收入|规模|产值|总量|GDP|revenue|output", text, re.IGNORECASE))
