"""QuestionPlan: what a question asks, read once, and which of its words that reading accounts for."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

from pydantic import BaseModel, Field

from clusterbot.bot.offline.slots import vocab
from clusterbot.lazy_regex import LazyPattern
from clusterbot.yamlfiles import read_yaml

_CONTENT_RUN = LazyPattern(r"[\u4e00-\u9fff]{2,}|[a-z][a-z-]{2,}")
_CLUSTER_SUFFIX = LazyPattern(r"(特色)?产业集群[（(]基地[)）]$|(特色)?产业集群$|集群$")
_NUMBERS = LazyPattern(r"\d+(?:\.\d+)?\s*(?:万亿|亿元|亿|年|%|个|家|名|位)?|第\s*\d+|前\s*\d+|top\s*\d+", re.IGNORECASE)


class QuestionPlan(BaseModel):
    """The typed reading of one question; handlers read this, never the raw text."""

    kind: str | None
    lang: str = "zh"
    text: str = Field(default="", description="The normalised question, used only as a search query")
    entities: list[Any] = Field(default_factory=list)  # tools.models.EntityRef
    units: list[str] = Field(default_factory=list)
    clause: str | None = None
    term: str | None = None
    tasks: list[str] = Field(default_factory=list)
    metric: str | None = None
    tier: float | None = None
    years: list[int] = Field(default_factory=list)
    base_year: int | None = None
    measure: str | None = Field(default=None, description="What a comparison or ranking is by (a metric code)")
    list_size: int | None = None
    ascending: bool = False
    sector: str | None = None
    cues: list[str] = Field(default_factory=list)
    accounted: list[str] = Field(default_factory=list, description="Words of the question the reading explains")
    unaccounted: list[str] = Field(default_factory=list, description="Content words nothing explains")
    followup: bool = False


@cache
def function_words() -> tuple[str, ...]:
    words = read_yaml(resources.files("clusterbot.bot.offline").joinpath("function_words.yaml"))["words"]
    return tuple(sorted({str(w).lower() for w in words}, key=len, reverse=True))


@cache
def _vocabulary_words() -> tuple[str, ...]:
    """Every keyword of vocab.yaml (metrics, sectors, tasks, terms, indicators, absent metrics, industries)."""
    v = vocab()
    words: set[str] = set()
    for table in ("metrics", "sectors", "tasks", "definitions", "indicators", "absent_metrics"):
        for key, keywords in v[table].items():
            words.add(str(key).lower())
            words.update(str(k).lower() for k in keywords)
    words.update(str(k).lower() for k in v["industry_synonyms"])
    words.update(str(k).lower() for k in v["english_industries"])
    return tuple(sorted(words, key=len, reverse=True))


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for start, end in spans:
        for i in range(max(0, start), min(len(chars), end)):
            chars[i] = " "
    return "".join(chars)


def _mask_words(text: str, words) -> tuple[str, list[str]]:
    found = []
    for word in words:
        if word and word in text:
            found.append(word)
            text = text.replace(word, " " * len(word))
    return text, found


def account(text: str, cues: dict[str, list], entities: list, units: list[str]) -> tuple[list[str], list[str]]:
    """(accounted, unaccounted): the words the reading explains, and the content runs nothing explains."""
    from clusterbot.retrieval.units import alias_table

    lowered = text.lower()
    names: set[str] = set()
    for e in entities:
        for name in (e.matched, e.name, getattr(e, "county", None)):
            if name:
                names.add(str(name).lower())
                names.add(re.sub(r"(县|市)$", "", str(name).lower()))
        if e.kind == "cluster":  # the industry in the cluster's own name (乡村旅游, 电线电缆)
            industry = _CLUSTER_SUFFIX.sub("", str(e.name).removeprefix(str(e.county or "")))
            names.update(part for part in re.split(r"[()（）]", industry.lower()) if len(part) >= 2)
    names.update(alias for alias, unit in alias_table().items() if unit in units and alias in lowered)
    # Longest first, names and vocabulary before cue phrases, so a short cue never splits a longer word.
    rest, accounted = _mask_words(lowered, sorted(names, key=len, reverse=True))
    rest, hit = _mask_words(rest, _vocabulary_words())
    accounted += hit
    spans = [span for found in cues.values() for span in found] + _lexicon_spans(lowered)
    accounted += [lowered[s:e] for s, e in spans]
    rest = _mask(rest, spans)
    rest = _NUMBERS.sub(lambda m: " " * len(m.group(0)), rest)
    rest, _ = _mask_words(rest, function_words())
    return accounted, _CONTENT_RUN.findall(rest)


def _lexicon_spans(text: str) -> list[tuple[int, int]]:
    """The courtesies around a question (谢谢, 麻烦您, 请问): they ask for nothing."""
    from clusterbot.bot.offline.phrases import COURTESY

    return [m.span() for m in COURTESY.finditer(text)]


_SEGMENT = LazyPattern(r"[，,。；;：:？?！!\s]+|(?=我记得|我印象中|印象中|我听说|听说|据说|我觉得|我感觉|好像是)")


def asked_content(text: str, entities: list, units: list[str], names: str = "") -> list[str]:
    """Unaccounted content in the parts of the line that ask (context such as 领导让我问 is left aside)."""
    from clusterbot.bot.offline.registry import cue_spans, has

    pieces = [p for p in _SEGMENT.split(text) if p.strip()]
    asking = [p for p in pieces if has(p, "ASKING")] or pieces
    named = [str(n).lower() for e in entities for n in (e.name, e.matched) if n]
    left: list[str] = []
    for piece in asking:
        _, runs = account(piece, cue_spans(piece), entities, units)
        # a run inside a named entity's full name (硅基 of 硅基新材料), or inside the name of any cluster in the
        # store, names a cluster even when the rest of the name was left out
        left += [r for r in runs if not any(r in n for n in named) and r not in names and _asked(piece.lower(), r)]
    return list(dict.fromkeys(left))


# What a question word asks for stands right before it, joined by a copula (X是多少, X都有哪些, X是什么).
_BEFORE_ASK = LazyPattern(r"^[\u4e00-\u9fff]{0,2}?\s*(?:的)?\s*(?:都|也|又|还|到底|究竟)?\s*(?:是|有|为|包括|包含|指|由)\s*(?:的)?\s*"
                         r"(?:多少|几|哪|什么|啥|谁|怎样|怎么样|如何)"
                         r"|^\s*(?:发|给|传|寄|拿|找)\s*(?:给)?\s*(?:我|一下|一份|过来)"  # X发我一份: X is what is wanted
                         r"|^\s*(?:在全省|在全市|在省内)?\s*(?:排在|排名|排|位列|居)")  # X排第几: ranked by X


# A level named right after a run (百亿级, 三百亿, 500亿): the run reaches it; a count of leading firms is a measure.
_LEVEL_AFTER = re.compile(r"^\s*(?:[百千]|[一二三四五六七八九两]百|\d+(?:\.\d+)?\s*)亿元?级?(?!\S{0,2}企业)")


@cache
def _measure_words() -> tuple[str, ...]:
    """Every word of vocab.yaml that names an indicator: a run glued to one changes what is measured."""
    v = vocab()
    words = {str(w).lower() for table in ("metrics", "indicators", "absent_metrics") for key, kws in v[table].items()
             for w in (key, *kws)}
    words.update(("增速", "增幅", "增长率", "增长", "同比", "降幅", "跌幅"))
    return tuple(sorted((w for w in words if len(w) >= 2), key=len, reverse=True))


def _asked(piece: str, run: str) -> bool:
    """Whether an unexplained run stands where the thing asked goes, so answering without it would answer
    another question: glued to an indicator word (出口 + 退税, 一季度 + 营收, 平均 + 增速), or named right
    before a copula and a question word (依据是什么, 批次名单都有哪些, 办法由谁定) or a request (X发我一份). Elsewhere it is context (who wants to
    know, a verb of reaching, a filler) and the reading of the rest stands."""
    at = piece.find(run)
    if at < 0:
        return True
    before, after = piece[:at], piece[at + len(run):]
    if any(_BEFORE_ASK.match(run[i:] + after) for i in range(1, len(run) + 1)):
        return True
    if _LEVEL_AFTER.match(after):  # 迈进百亿级, 冲上300亿: a verb of reaching a level, not a kind of measure
        return False
    return any(before.endswith(w) or after.startswith(w) for w in _measure_words())


def build_plan(u, names: str = "") -> QuestionPlan:
    """The plan of an Understanding (bot/offline/understand.py), after any follow-up has been resolved."""
    s = u.slots
    accounted, _ = account(u.text, u.cues, u.entities, u.units)
    return QuestionPlan(
        kind=u.intent, lang=u.lang, text=u.text, entities=list(u.entities), units=list(u.units), clause=s.clause_ref,
        term=s.term, tasks=list(s.tasks), metric=s.metric, tier=s.threshold, years=list(s.years),
        base_year=s.base_year, measure=s.metric or ("revenue" if u.intent in ("compare", "rank", "growth") else None),
        list_size=s.top_n, ascending=s.ascending, sector=s.sector, cues=sorted(u.cues), accounted=accounted,
        unaccounted=[] if u.followup or u.lang == "en" else asked_content(u.text, u.entities, u.units, names),
        followup=u.followup,
    )
