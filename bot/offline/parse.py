"""The rule reader: a normalised question into a Query of parts (bot/offline/query.py).

It reads what the kind registry cannot compose — a rate the asker states, a window of years, the
largest inside a city, the province's actual figures, the year a level was crossed, cities ranked by
their total, two places compared — and returns None for anything else, which the kind path answers.
A question of several clauses becomes several parts; a clause this reader does not know is kept as
text for the kind path (`Part`-less clauses), so every clause is answered or named as missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from clusterbot.bot.offline.amounts import checked_amount, each
from clusterbot.bot.offline.lexicon import hit
from clusterbot.bot.offline.phrases import (
    COURTESY,
    KEPT_RATE,
    METRIC_LEVEL,
    bounds,
    masked,
    metric_word,
    passer_first,
    stated_amount,
    stated_rate,
    superlative_asked,
    tier_word,
    time_of,
    window,
    within_one,
)
from clusterbot.bot.offline.query import EntityName, Measure, Part, Query, Scope, Time

_CLAUSE = re.compile(r"[，,；;？?。！!]+|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])")
LATEST_DATA_YEAR_FALLBACK = 2025
_BY_YEAR = re.compile(r"到\s*20\d\d\s*年?")


@dataclass
class Clause:
    """One clause of the question with what it was found to ask; `part` None = left to the kind path."""

    text: str
    part: Part | None = None
    entities: list[Any] = field(default_factory=list)


def _names(entities: list[Any]) -> list[EntityName]:
    return [EntityName(kind=e.kind, name=e.name, matched=e.matched or "", exact=bool(e.exact)) for e in entities]


def read_clause(text: str, entities: list[Any], slots: Any, metric: str | None, data_years: tuple[int, int]) -> Part | None:
    """The part one clause asks, when it is an operation this reader composes; None otherwise."""
    first_year, latest = data_years
    span_text, text = text, masked(text, entities)
    places = [e for e in entities if e.kind in ("county", "cluster", "city")]
    level = slots.threshold
    measure = Measure(metric=metric or "revenue")
    years = [y for y in slots.years if 2000 <= y <= 2100]
    span = window(text, latest)
    if len(years) >= 3 and sorted(years) == list(range(min(years), max(years) + 1)):
        span = (min(years), max(years))  # years written out one by one (2023、2024、2025这三年) are the window
    listed = bool(span) and len(years) >= 3 and span == (min(years), max(years))
    rate = stated_rate(text)
    superlative = superlative_asked(text)
    future = [y for y in years if y > latest]
    own = Scope(kind="entities", entities=_names(places)) if len(places) == 1 else \
        Scope(kind="province") if not places and hit("PROVINCE", text) else None
    kept = KEPT_RATE.search(text)  # "保持2025年的增速": that year's own rate, as the rate to go on at
    if kept and rate is None and own is not None and (level is not None or future) and int(kept.group(1)) == latest:
        return Part(span=span_text, op="project", scope=own, measure=measure, pace_from=latest - 1, level=level,
                    time=Time(kind="year", year=future[0]) if future else Time())
    if rate is None and span and own is not None and future and level is None and hit("OWN_PACE", text) \
            and first_year <= span[0] < latest:
        # "照近三年的年均增速走下去，2027年营收多少": the value that year at the subject's own pace of that window
        return Part(span=span_text, op="project", scope=own, measure=measure, pace_from=span[0],
                    time=Time(kind="year", year=future[0]))
    # with a rate of the asker's own, "到2030年" is the year projected to, not the policy's target year
    targets = hit("TARGET", _BY_YEAR.sub(" ", text) if rate is not None else text)
    checked = rate is not None and bool(slots.amounts_yi)  # "每年涨10%，2027年能否突破1.4万亿的目标": a projection
    two = len({e.name for e in places}) == 2 and level is None  # "两个差多少": a difference of two, not a gap
    if (targets and not checked) or hit("GAP", text) and not rate and not two:
        return None  # the policy's targets and the gap to a level are the kind path's (with their citation)
    from clusterbot.bot.offline.registry import has

    if len(places) == 1 and places[0].kind in ("city", "county") and has(text, "POSITION") and not superlative:
        return None  # "安庆在16个市中排第几": the place's own ranking, with its figures, is the kind path's profile
    outside = [y for y in [*years, *(span or ())] if not first_year <= y <= latest]
    if outside and rate is None:
        return None  # a year the data does not hold: the kind path says so (or answers with a target)
    # the year one place passes the other, each at a rate (stated, its latest year-on-year, or its own pace)
    if len(places) == 2 and len({e.name for e in places}) == 2 and hit("OVERTAKE", text) and hit("WHEN", text) \
            and level is None:
        own = span[0] if span else None if re.search(r"同比|去年|上年|last year|year-on-year", text) or \
            latest in years else latest - 3
        places = passer_first(span_text, places)
        return Part(span=span_text, op="overtake", scope=Scope(kind="entities", entities=_names(places)),
                    measure=measure, rate=rate, pace_from=None if rate is not None else own)
    # "集群…合计/一共" with no place named is about all the clusters, the province's
    province = bool(hit("PROVINCE", text)) or (not places and bool(re.search(r"集群|clusters", text))
                                               and bool(hit("SUM", text) or hit("SHARE", text)))
    # a rate the asker states, with a level or a year to project to (a place's, or the province's total)
    if rate is not None and not places and province and level is None and len(slots.amounts_yi) == 1:
        level = slots.amounts_yi[0]  # "哪年能到2万亿": a province total is a level far above any tier
    if rate is not None and not places and province and (level is not None or years) and not span:
        target_year = next((y for y in years if y > latest), None)
        if level is not None and (hit("WHEN", text) or target_year is None):
            return Part(span=span_text, op="project", scope=Scope(kind="province"), measure=measure, rate=rate,
                        level=level)
        if target_year is not None:  # its value that year, checked against a level the question states
            return Part(span=span_text, op="project", scope=Scope(kind="province"), measure=measure, rate=rate,
                        level=level, time=Time(kind="year", year=target_year))
    if rate is not None and places and len(places) == 1 and (level is not None or years) and not span:
        target_year = next((y for y in years if y > latest), None)
        if level is not None and (hit("WHEN", text) or target_year is None):
            return Part(span=span_text, op="project", scope=Scope(kind="entities", entities=_names(places)), measure=measure,
                        rate=rate, level=level)
        if target_year is not None:
            return Part(span=span_text, op="project", scope=Scope(kind="entities", entities=_names(places)), measure=measure,
                        rate=rate, level=level, time=Time(kind="year", year=target_year))
    # how much a figure changed between the two ends of a window (2019年到2025年增加了几家), not its average pace
    if span and places and len(places) == 1 and not level and rate is None and hit("CHANGE", text) \
            and not hit("AVERAGE_GROWTH", text) and not hit("YEARLY_CHANGES", text) and not superlative:
        return Part(span=span_text, op="change", scope=Scope(kind="entities", entities=_names(places)),
                    measure=measure, time=Time(kind="window", start=span[0], end=span[1]))
    # the province's average growth over a window (全省集群近五年年均增长)
    if span and province and not places and not level and rate is None and not superlative \
            and (hit("AVERAGE_GROWTH", text) or hit("YEARLY_CHANGES", text) or hit("GROWTH", text)) \
            and (metric or re.search(r"营收|收入|规模|revenue", text)):
        op = "yearly_changes" if hit("YEARLY_CHANGES", text) and not hit("AVERAGE_GROWTH", text) else "cagr"
        return Part(span=span_text, op=op, scope=Scope(kind="province"), measure=measure,
                    time=Time(kind="window", start=span[0], end=span[1]))
    # the change of every year of a window, or the average growth over it
    if span and places and not level and not hit("WHEN", text) \
            and not (listed and not hit("AVERAGE_GROWTH", text)) and not (hit("SUPERLATIVE", text) and hit("WHICH", text)) \
            and (hit("YEARLY_CHANGES", text) or hit("AVERAGE_GROWTH", text)
                                          or (hit("GROWTH", text) and not hit("SUPERLATIVE", text))):
        op = "yearly_changes" if hit("YEARLY_CHANGES", text) and not hit("AVERAGE_GROWTH", text) else "cagr"
        start, end = span
        return Part(span=span_text, op=op, scope=Scope(kind="entities", entities=_names(places)), measure=measure,
                    time=Time(kind="window", start=start, end=end))
    # every year's value over a window (or over every year of the data)
    if places and not level and rate is None and (hit("SERIES", text) or listed) and not hit("AVERAGE_GROWTH", text) \
            and not hit("YEARLY_CHANGES", text) and not hit("SUPERLATIVE", text):
        start, end = span if span else ((min(years), max(years)) if len(years) >= 2 else (None, None))
        return Part(span=span_text, op="series", scope=Scope(kind="entities", entities=_names(places)), measure=measure,
                    time=Time(kind="series", start=start, end=end))
    # the province's change between two years (全省…比2019年多了多少; 2023年和2025年各是多少)
    two_years = len(set(years)) == 2 and not span and not slots.base_year
    if province and not places and not level and rate is None and not hit("AVERAGE_GROWTH", text) \
            and (hit("CHANGE", text) and (span or slots.base_year) or two_years) and not superlative \
            and (metric or re.search(r"营收|收入|规模|revenue", text)):
        start, end = span if span else (min(years), max(years)) if two_years else \
            (slots.base_year, max(years) if years else latest)
        if start < end:
            return Part(span=span_text, op="change", scope=Scope(kind="province"), measure=measure,
                        time=Time(kind="window", start=start, end=end))
    # the change between two years (比2019年少了多少, 降幅)
    if places and len(places) == 1 and not level and rate is None and hit("CHANGE", text) and not span \
            and not hit("AVERAGE_GROWTH", text) and (years or slots.base_year):
        end = max(years) if years else latest
        start = slots.base_year or (min(years) if len(years) >= 2 else end - 1)
        if start < end:
            return Part(span=span_text, op="change", scope=Scope(kind="entities", entities=_names(places)),
                        measure=measure, time=Time(kind="window", start=start, end=end))
    # the values of named places in two or more years named one by one (2022年和2025年…分别是多少)
    if places and len(set(years)) >= 2 and not span and rate is None and not superlative and level is None \
            and re.search(r"分别|各|和|与|跟|、|respectively|\band\b", text) and not hit("CHANGE", text) \
            and not hit("GROWTH", text) and not hit("COMPARE", text) and not hit("SUM", text) \
            and all(first_year <= y <= latest for y in years):
        return Part(span=span_text, op="value", scope=Scope(kind="entities", entities=_names(places)),
                    measure=measure, time=Time(kind="year", year=sorted(set(years))[0]))
    # three or more places, each one's figure (芜湖、马鞍山、铜陵…各是多少)
    if len(places) >= 3 and len(set(years)) <= 1 and not span and rate is None and not superlative and level is None \
            and re.search(r"分别|各|respectively|\beach\b", text) and not hit("COMPARE", text) \
            and not hit("SUM", text) and not hit("GROWTH", text):
        return Part(span=span_text, op="value", scope=Scope(kind="entities", entities=_names(places)),
                    measure=measure, time=time_of(years, None, latest))
    # a place's total and its share of the province
    if places and len(places) == 1 and (places[0].kind in ("city", "county") or hit("SHARE", text)) and not level \
            and not superlative and (hit("SHARE", text) or hit("SUM", text)) and not span:
        return Part(span=span_text, op="aggregate", scope=Scope(kind="entities", entities=_names(places)),
                    measure=measure, time=time_of(years, None, latest), share=bool(hit("SHARE", text)),
                    check=checked_amount(text))
    # the year a level was crossed, when it already was (a level not yet reached is a projection: kind path)
    if level is not None and places and len(places) == 1 and hit("WHEN", text) and hit("CROSSED", text) \
            and not hit("FUTURE", text) and rate is None:
        return Part(span=span_text, op="crossed_year", scope=Scope(kind="entities", entities=_names(places)),
                    measure=measure, level=level)
    # the largest / fastest-growing of a sector (食品这一类集群) or of the clusters one word names (…电缆集群里)
    shared = len(places) > 1 and all(e.kind == "cluster" for e in places) \
        and (len({e.matched for e in places}) == 1 or len(places) > 2)  # one word naming several, or a list
    if superlative and hit("WHICH", text) and (shared or (not places and slots.sector)):
        ascending, growth = superlative
        scope = Scope(kind="province", sector=slots.sector) if slots.sector else \
            Scope(kind="filter", entities=_names(places))
        return Part(span=span_text, op="argmin" if ascending else "argmax", scope=scope,
                    measure=measure.model_copy(update={"growth": growth}), time=time_of(years, span, latest),
                    n=slots.top_n if (slots.top_n or 1) > 1 else None)
    within = [e for e in places if e.kind in ("city", "county")]
    # the largest / fastest-growing cluster inside one city or county
    if superlative and within and len(within) == 1 and hit("WHICH", text) and not hit("CITIES", text) \
            and not any(e.kind == "cluster" for e in places):
        ascending, growth = superlative
        scope_kind = "city" if within[0].kind == "city" else "county"
        members = "counties" if scope_kind == "city" and hit("COUNTIES", text) else "clusters"
        return Part(span=span_text, op="argmin" if ascending else "argmax", members=members,
                    scope=Scope(kind=scope_kind, within=within[0].name, sector=slots.sector),
                    measure=measure.model_copy(update={"growth": growth}),
                    time=time_of(years, span, latest), n=slots.top_n if (slots.top_n or 1) > 1 else None)
    # cities ranked by their total
    if hit("CITIES", text) and (hit("SUM", text) or hit("RANKING", text) or superlative) and not places \
            and not hit("COUNT", text) and not hit("TARGET", text) and (metric or re.search(
                r"营收|收入|规模|体量|revenue|income|总量|产值", text)):
        ascending = bool(superlative and superlative[0])
        n = slots.top_n if slots.top_n and slots.top_n > 1 else None
        growth = bool(superlative and superlative[1]) or bool(hit("GROWTH", text) and hit("RANKING", text))
        return Part(span=span_text, op="city_rank", scope=Scope(kind="province"),
                    measure=measure.model_copy(update={"growth": growth}),
                    time=time_of(years, None, latest), n=n, ascending=ascending)
    # a level of another indicator (研发投入强度超过3%, 高企100家以上)
    if metric and metric != "revenue":  # a revenue tier (百亿) is no level of another indicator
        m = METRIC_LEVEL.search(text)
        level = float(m.group("v") or m.group("v2")) if m else None
    between = bounds(text)  # 200亿到300亿之间, 一项都没有, 五项全部
    if between is not None and not places and not superlative \
            and (hit("COUNT", text) or hit("NAMES", text) or re.search(r"\bwhich\b", text, re.I)) \
            and not hit("CITIES", text) and not hit("WHEN", text):
        return Part(span=span_text, op="count", scope=Scope(kind="province", sector=slots.sector), measure=measure,
                    time=time_of(years, None, latest), level=between[0], upper=between[1],
                    list_names=bool(hit("NAMES", text) or re.search(r"\bwhich\b", text, re.I)) or between[0] == between[1])
    # a count of the clusters of one city or county (or of a sector) at or above a level
    newly = bool(hit("NEWLY", text))
    # (a city's count of clusters past a revenue tier is the kind path's, with its follow-ups)
    if level is not None and within_one(places) and (newly or (metric or "revenue") != "revenue") and (hit("COUNT", text) or hit("NAMES", text)) and not superlative \
            and not hit("WHEN", text) and not hit("CITIES", text) and not hit("NEGATED", text):
        place = places[0]
        return Part(span=span_text, op="count", scope=Scope(kind=place.kind, within=place.name, sector=slots.sector),
                    measure=measure, time=time_of(years, None, latest), level=level, newly=newly,
                    list_names=bool(hit("NAMES", text)) or newly)
    # the province's actual figures: a total, or a count of clusters at or above a level
    counting = hit("COUNT", text) and (level is not None or re.search(r"集群|clusters?", text))
    if not places and not hit("WHEN", text) and not superlative and (counting or newly and hit("NAMES", text)) \
            and not hit("RANKING", text) and not slots.top_n and (metric in (None, "revenue") or level is not None) \
            and not hit("CITIES", text) and (province or hit("COUNTIES", text) or level is not None):
        return Part(span=span_text, op="count", scope=Scope(kind="province", tier=level, sector=slots.sector),
                    measure=measure, time=time_of(years, None, latest), level=level, newly=newly,
                    list_names=bool(hit("NAMES", text)) or newly,
                    members="counties" if hit("COUNTIES", text) and not metric else "clusters")
    if province and not places and not hit("WHEN", text) and not superlative and not hit("RANKING", text) \
            and not slots.top_n:
        if (hit("SUM", text) or hit("ACTUAL", text) or hit("SHARE", text) or re.search(r"营收|收入|revenue", text)) \
                and level is None and not span and (metric or re.search(r"营收|收入|revenue|规模", text)):
            return Part(span=span_text, op="aggregate", scope=Scope(kind="province", sector=slots.sector),
                        measure=measure, time=time_of(years, None, latest), check=checked_amount(text),
                        share=bool(slots.sector and hit("SHARE", text)))
    # several named places or clusters added up (两个加起来, combined)
    if len(places) >= 2 and len({e.name for e in places}) == len(places) and hit("SUM", text) and not level \
            and not hit("COMPARE", text) \
            and not superlative and not span:
        return Part(span=span_text, op="combined", scope=Scope(kind="entities", entities=_names(places)),
                    measure=measure, time=time_of(years, None, latest))
    # two places compared
    if len(places) == 2 and hit("COMPARE", text) and not level and not hit("WHEN", text) \
            and len({e.name for e in places}) == 2:
        growth = bool(hit("GROWTH", text))
        largest = bool(re.search(r"最大(?:的)?集群|龙头集群|largest cluster|biggest cluster", text))
        return Part(span=span_text, op="compare", scope=Scope(kind="entities", entities=_names(places)), largest=largest,
                    ratio=bool(hit("RATIO", text)) and not growth,
                    measure=measure.model_copy(update={"growth": growth}), time=time_of(years, span, latest))
    return None


def clauses(text: str) -> list[str]:
    return [c.strip() for c in _CLAUSE.split(text) if c and c.strip()]


@dataclass
class Reading:
    """The parts this reader composes, and the clauses it leaves to the kind path (in question order)."""

    query: Query
    rest: list[str] = field(default_factory=list)
    focus: int | None = None  # the place in a ranking a follow-up asked for ("第二名呢"): what 它 then points at


def read(u: Any, find_entities, data_years: tuple[int, int] | None, extract) -> Reading | None:
    """A Reading when at least one clause asks an operation this reader composes, else None.

    `u` is the kind path's Understanding of the whole question (entities, slots, language);
    `extract(text)` gives a clause's own slots.
    """
    data_years = data_years or (2019, LATEST_DATA_YEAR_FALLBACK)
    text = u.text
    pieces = _merge_topics([p for p in (clauses(COURTESY.sub(" ", text)) or [text]) if p.strip()])
    whole = read_clause(text, u.entities, u.slots, u.slots.metric, data_years)
    pieces = [p for p in pieces if not _continuation(p)] or pieces
    if len(pieces) == 1 or whole is not None and whole.op == "compare":
        return Reading(Query(lang=u.lang, parts=each(whole, u.slots))) if whole else None
    parts: list[Clause] = []
    carried: list[Any] = list(u.entities) if u.followup else []
    years_before: list[int] = []
    metric_before: str | None = None
    level_before: float | None = None
    range_before = False
    province_before = False
    rate_before: float | None = None
    sector_before: str | None = None
    target_context = False
    for piece in pieces:
        found = find_entities(piece)
        slots = extract(piece)
        if not slots.years and years_before:  # a year named in an earlier clause holds for this one
            slots.years = list(years_before)
        years_before = slots.years or years_before
        entities = found or carried
        if slots.sector is None and sector_before and not entities:
            slots.sector = sector_before  # "食品类合计多少，比重呢": the next clause is still about that sector
        sector_before = slots.sector or sector_before
        if province_before and not found and not carried and not hit("PROVINCE", piece):
            piece = f"全省{piece}"  # "全省…一共多少家？比2019年多了多少家？": still the province
        if rate_before is not None and stated_rate(piece) is None and (slots.years or slots.threshold is not None):
            piece = f"按每年{rate_before * 100:g}%{piece}"  # "要是每年涨6%，2028年多少": the rate holds
        rate_before = stated_rate(piece) if stated_rate(piece) is not None else rate_before
        inherited = slots.threshold is None and level_before is not None and not found and not range_before
        if inherited:
            slots.threshold = level_before  # "300亿以上的有几个？2023年有几个？": the level holds for the next clause
        part = read_clause(piece, entities, slots, slots.metric or u.slots.metric, data_years)
        if part is not None and target_context and not hit("NOW", piece):
            part = None  # "…目标是多少个？其中五百亿级的有几个": still the targets, the kind path's
        # a clause left to the kind path keeps the subject named earlier (a later clause asking a gap with no place of its own)
        kept = piece if found or not carried else f"{carried[0].matched or carried[0].name}{piece}"
        if slots.metric is None and metric_before and metric_before != "revenue":  # "…高企多少家，目标完成没有"
            kept = f"{metric_word(metric_before)}{kept}"
        metric_before = slots.metric or metric_before
        if inherited and level_before is not None and part is None:
            kept = f"{tier_word(level_before)}{kept}"  # "…百亿级集群实际有几个，离35个的目标还差几个"
        level_before = slots.threshold if slots.threshold is not None else level_before
        range_before = range_before or slots.tier_range is not None
        target_context = target_context or bool(hit("TARGET", piece))
        last_part = next((c.part for c in reversed(parts) if c.part is not None), None)
        if (part is None or part.op == "project") and last_part is not None and last_part.op == "project" \
                and last_part.time.kind == "year" \
                and hit("YES_NO", piece) and (amount := stated_amount(slots)) is not None:
            # "…2027年能到多少？能完成1.4万亿吗": the projected year's value against that level
            part = last_part.model_copy(update={"level": amount, "span": piece})
        if part is not None:  # handed back to the kind path, the clause keeps its subject
            part.span = kept
        province_before = part.scope.kind == "province" if part is not None else \
            province_before or (not found and not carried and bool(hit("PROVINCE", piece)))
        parts.append(Clause(text=kept, part=part, entities=found))
        if found:
            carried = found
    if not any(c.part for c in parts):
        return Reading(Query(lang=u.lang, parts=[whole])) if whole else None
    unique: list[Part] = []
    for c in parts:  # two clauses asking the same thing ("…合计多少，占比多少" read twice) are one part
        same = next((i for i, p in enumerate(unique) if c.part and c.part.model_dump(exclude={"span", "share"})
                     == p.model_dump(exclude={"span", "share"})), None)
        if c.part and same is None:
            unique.append(c.part)
        elif c.part and same is not None and c.part.share:  # the total, then its share: one part with both
            unique[same] = unique[same].model_copy(update={"share": True})
    query = Query(lang=u.lang, parts=[p for part in unique for p in each(part, extract(part.span))])
    return Reading(query, [c.text for c in parts if c.part is None and _asks(c.text)])


_ASKING_ONLY = re.compile(r"分别|都|是|有|哪些|哪几个|哪几家|哪个|哪|什么|啥|多少|几个|几|呢|吗|谁|列一下|列出|一下|请|麻烦|谢谢|"
                          r"which|what|are|they|list|them|please|thanks", re.IGNORECASE)


def _merge_topics(pieces: list[str]) -> list[str]:
    """A clause that asks nothing ("全省集群营业收入总规模，…") is the topic of the clause after it."""
    from clusterbot.bot.offline.registry import has

    out: list[str] = []
    topic = ""
    for piece in pieces:
        if not has(piece, "ASKING") and not _continuation(piece) and piece is not pieces[-1]:
            topic += piece
            continue
        out.append(topic + piece)
        topic = ""
    return out


def _continuation(piece: str) -> bool:
    """A clause made only of asking words ("分别是哪些", "有几个"): it continues the clause before it."""
    return not re.search(r"[\u4e00-\u9fff]{2,}|[a-z]{3,}", _ASKING_ONLY.sub("", piece.lower()))


def _asks(piece: str) -> bool:
    """Whether a leftover clause asks something (and is not a courtesy or a bare continuation)."""
    rest = COURTESY.sub("", piece)
    return len(re.findall(r"[\u4e00-\u9fff]|[a-z]{2,}", rest.lower())) >= 3 and not _continuation(rest)
