"""Answers about the province's targets (二、工作目标 and its indicator table): target, baseline, progress."""

from __future__ import annotations

import re

from clusterbot.bot.offline.answer_facts import derived
from clusterbot.bot.offline.indicator_words import indicators_named
from clusterbot.bot.offline.lexicon import hit
from clusterbot.bot.offline.reply import Reply, cite
from clusterbot.bot.offline.slots import vocab
from clusterbot.bot.offline.target_readers import TABLE_NAMED
from clusterbot.bot.offline.understand import Understanding
from clusterbot.lazy_regex import LazyPattern
from clusterbot.messages import msg
from clusterbot.models import Fact
from clusterbot.templates import format_number, render
from clusterbot.tools.policy_targets import POLICY_YEARS, TARGET_CLAUSE

BASE_YEAR = 2023
STATUS_WORDS = {
    "zh": {"met": "已完成", "on_track": "进度正常", "off_track": "进度滞后", "rising": "保持增长",
           "not_rising": "未见增长", "no_data": "暂无数据"},
    "en": {"met": "met", "on_track": "on track", "off_track": "behind", "rising": "rising",
           "not_rising": "not rising", "no_data": "no data"},
}


def policy_year_facts() -> list[Fact]:
    """The target years of 二 (2025, 2027, 2030), for a reply that names them."""
    return [Fact(name="政策目标年份", value=y, unit="年", year=y, entity="全省", source=f"policy:{TARGET_CLAUSE}")
            for y in POLICY_YEARS]


TARGET_WORDS = LazyPattern(r"目标|要求|规划|力争|计划|任务|政策|文件|意见|指标表|target|goal|plan|policy|guidance", re.I)


def _latest_data_year(ctx) -> int:
    from clusterbot.tools.store import snapshot

    years = snapshot(ctx.engine.settings).years()
    return years[-1] if years else 0


def _topic_left(text: str) -> str:
    """What remains of the question after years, numbers and words that name no topic."""
    rest = re.sub(r"\d+(?:\.\d+)?", "", text)
    for word in sorted(vocab()["target_stopwords"], key=len, reverse=True):
        rest = rest.replace(word, "")
    return re.sub(r"[^\u4e00-\u9fffA-Za-z]", "", rest)


def _clause_segments(clause_text: str, years: list[int]) -> list[str]:
    paragraphs = [p for p in clause_text.split("\n") if p.strip()]
    if years:
        paragraphs = [p for p in paragraphs if any(str(y) in p for y in years)] or paragraphs
    return [seg.strip() for p in paragraphs for seg in re.split(r"[，；。]", p) if seg.strip()]


def _bigrams(text: str) -> set[str]:
    chars = re.sub(r"[^\u4e00-\u9fff]", "", text)
    return {chars[i:i + 2] for i in range(len(chars) - 1)}


def qualitative(ctx, u: Understanding, years: list[int]) -> Reply | None:
    """Targets 二 states in words only (e.g. 产业链现代化水平明显提升): quote the matching phrases."""
    clause = ctx.corpus.clause(TARGET_CLAUSE)
    if clause is None:
        return None
    topic = _bigrams(_topic_left(u.text))
    if not topic:
        return None
    scored = [(len(topic & _bigrams(seg)), seg) for seg in _clause_segments(clause.text, years)]
    best = max((n for n, _ in scored), default=0)
    if best == 0:
        return None
    phrases = [seg for n, seg in scored if n == best]
    text = render(f"answer/province_words.{u.lang}", years=years, phrases=phrases)
    return Reply("answered", text, citations=[cite(ctx.corpus, clause, quote="；".join(phrases))])


# Province counts of clusters in a revenue band (indicator code -> [low, high) in 亿元).
COUNTED_BANDS = {"clusters_100": (100.0, None), "clusters_500": (500.0, None), "clusters_300_500": (300.0, 500.0),
                 "clusters_1000": (1000.0, None)}
MAX_NAMED = 10


def _name_counted(ctx, lines: list[dict]) -> list[Fact]:
    """The clusters behind a small count ("千亿级集群现在有几个"): named, with their revenue as facts."""
    facts: list[Fact] = []
    for line in lines:
        item = line["item"]
        band = COUNTED_BANDS.get(item.indicator)
        if band is None or item.actual is None or not 0 < item.actual.value <= MAX_NAMED:
            continue
        ranked = ctx.call("rank", metric="revenue", n=100, order="desc", year=item.actual.year)
        low, high = band
        inside = [i for i in ranked.items if i.figure.value >= low and (high is None or i.figure.value < high)]
        line["named"] = [f"{i.entity.name} {format_number(i.figure.value)} {i.figure.unit}" for i in inside]
        facts += [i.figure.to_fact() for i in inside]
    return facts


def _indicators_in(ctx, unit: str) -> list[str]:
    from clusterbot.tools.store import snapshot

    return [code for code, (_name, u, _sort) in snapshot(ctx.settings).indicators.items() if u == unit]


def _indicator_name(ctx, code: str) -> str:
    """The indicator's name as the policy's table prints it (营业收入百亿级集群个数), not its code."""
    from clusterbot.tools.store import snapshot

    return snapshot(ctx.settings).indicators.get(code, (code, "", 0))[0]


_COUNTED = LazyPattern(r"(?<![\d.])(\d+(?:\.\d+)?)\s*(个|家)")


def _own_pace(ctx, u: Understanding) -> Reply | None:
    """A yearly pace between two figures the asker gives ("from A in Y1 to B in Y2"): (B − A) / (Y2 − Y1).

    A start figure without a year is the 2023 figure of the indicator table when it is that figure.
    """
    counted = [(float(v), unit) for v, unit in _COUNTED.findall(u.text)]
    values = [(a, "亿元") for a in u.slots.amounts_yi if a not in (100.0, 1000.0) or len(u.slots.amounts_yi) > 2]
    pairs = values if len(values) == 2 else counted if len(counted) == 2 else None
    if pairs is None:
        return None
    years = sorted(set(u.slots.years))
    if len(years) == 1:
        codes = indicators_named(u.text, u)
        out = ctx.call("province_progress", **({"indicator": codes[0]} if len(codes) == 1 else {}))
        start = pairs[0][0]
        if not any(i.baseline is not None and abs(i.baseline.value - start) < 1e-6 for i in out.items):
            return None
        years = [BASE_YEAR, years[0]]
    if len(years) != 2 or years[1] <= years[0]:
        return None
    (a, unit), (b, _) = pairs
    step = (b - a) / (years[1] - years[0])
    fact = derived("平均每年需增加", step, unit, "全省", years[1], False, digits=2)
    given = [Fact(name="所给数字", value=v, unit=unit, year=y, entity="全省", source="question")
             for v, y in ((a, years[0]), (b, years[1]))]
    given += [Fact(name="所给年份", value=y, unit="年", year=y, entity="全省", source="question") for y in years]
    text = render(f"answer/own_pace.{u.lang}", a=a, b=b, unit=unit, y0=years[0], y1=years[1], step=step)
    return Reply("answered", text, facts=[fact, *given], citations=[cite(ctx.corpus, c) for c in [ctx.corpus.clause(TARGET_CLAUSE)]
                                                              if c is not None])


def year_wording(ctx, lang: str, years: list[int], what: str) -> Reply | None:
    """How the targets paragraph of one year words an indicator it gives no figure for: its sentence sharing the
    most two-character pieces with the indicator's name (most of them), quoted with the clause; else None."""
    from clusterbot.bot.offline.corpus_words import fold, sentences

    clause = ctx.corpus.clause(TARGET_CLAUSE)
    if clause is None or len(years) != 1:
        return None
    paragraph = next((p for p in clause.text.split("\n") if re.match(rf"\s*到\s*{years[0]}\s*年", p)), None)
    if paragraph is None:
        return None
    name = fold(what)
    pairs = {name[i:i + 2] for i in range(len(name) - 1)} - {"集群", "产业", "发展", "企业", "全省"}
    scored = [(sum(pair in fold(s) for pair in pairs), s) for s in sentences(paragraph)]
    best = max(scored, key=lambda item: item[0], default=(0, ""))
    if best[0] < max(2, 0.4 * len(pairs)):  # most of the name, not a word it shares with another indicator
        return None
    quote = best[1].rstrip("；;。")
    text = msg("engine.target_wording", lang, year=years[0], label=clause.label, title=clause.title, quote=quote)
    return Reply("answered", text, citations=[cite(ctx.corpus, clause, quote=quote)])


def province(ctx, u: Understanding) -> Reply:
    if u.has("PER_YEAR"):
        own = _own_pace(ctx, u)
        if own is not None:
            return own
    years = sorted(set(u.slots.years))
    target_years = [y for y in years if y in POLICY_YEARS]
    others = [y for y in years if y not in POLICY_YEARS and y != BASE_YEAR]
    if others and not target_years:
        reply = ctx.not_answerable(u, "no_data", msg("engine.no_such_year", u.lang, year=others[0]))
        reply.facts = policy_year_facts() + [Fact(name="所问年份", value=others[0], unit="年", year=others[0],
                                                  entity="全省", source="question")]
        return reply
    if u.slots.base_year is not None and u.has("CHANGE_ASKED") and not (u.has("TARGET") or u.has("PER_YEAR")):
        # a province total against an earlier year is not a target question: say so rather than list targets
        return ctx.not_answerable(u, "no_data", msg("engine.province_change", u.lang))
    codes = indicators_named(u.text, u) or (u.carried.get("indicators") or [] if u.followup else [])
    if not codes and any(a >= 10000 for a in u.slots.amounts_yi):
        codes = _indicators_in(ctx, "万亿元")  # an amount in 万亿元 can only be an indicator counted in 万亿元
    u.carried["indicators"] = codes
    out = ctx.call("province_progress", **({"indicator": codes[0]} if len(codes) == 1 else {}))
    items = [i for i in out.items if (not codes or i.indicator in codes)
             and (not target_years or i.target_year in target_years)]
    if not codes:
        words = qualitative(ctx, u, target_years)
        if words is not None:
            return words
        if len(_topic_left(u.text)) >= 2:  # one stray character (政策里) names no topic
            return ctx.not_answerable(u, "no_data", msg("engine.no_target_for", u.lang, what=_topic_left(u.text),
                                                         year="/".join(map(str, target_years or POLICY_YEARS))))
    if not items:
        what = _indicator_name(ctx, codes[0]) if codes else u.text
        worded = year_wording(ctx, u.lang, target_years, what)
        if worded is not None:  # no figure for that year, but the text says something of it: quote that
            return worded
        return ctx.not_answerable(u, "no_data", msg("engine.no_target_for", u.lang, what=what,
                                                     year="/".join(map(str, target_years or POLICY_YEARS))))
    lines = _lines(items)
    base_only = years == [BASE_YEAR] and any(line["item"].baseline is not None for line in lines)
    # a year the data holds, asked with no word of the policy's targets: the actual figure is asked (with its target)
    asks_actual = not TARGET_WORDS.search(u.text) and any(y <= _latest_data_year(ctx) for y in u.slots.years)
    verdict_line = _asked_line(u, lines) if hit("YES_NO", u.text) and not base_only else None
    show_progress = (u.has("PROGRESS_SHOWN") or asks_actual or bool(u.followup and u.carried.get("progress"))
                     or verdict_line is not None) and not base_only
    u.carried["progress"] = show_progress
    # a target worded without a figure (持续提高) is read against the table's 2023 base: show it
    relative = all(line["item"].target_value is None and line["item"].baseline is not None for line in lines)
    show_base = BASE_YEAR in years or u.has("BASELINE") or show_progress or relative
    for line in lines:
        item = line["item"]
        if show_progress and item.baseline is not None and item.target_value is not None \
                and item.baseline.unit == item.unit and item.target_value > item.baseline.value:
            line["base_gap"] = round(item.target_value - item.baseline.value, 4)  # from the table's 2023 figure
    # figures asked from the table itself (指标表里…, or only its 2023 base): its rows are the source, not 二's sentences
    from_table = bool(TABLE_NAMED.search(u.text)) or years == [BASE_YEAR]
    shown_lines = [line for line in lines if line["item"].baseline is not None][:1] if base_only else lines
    facts, citations = _facts_and_citations(ctx, shown_lines, show_progress, show_base, out.demo, from_table)
    if show_progress:
        facts += _name_counted(ctx, lines)
    if u.has("PER_YEAR"):
        facts += _per_year(lines)
    lines = shown_lines
    text = render(f"answer/province.{u.lang}", lines=lines, status_words=STATUS_WORDS[u.lang],
                  show_progress=show_progress, show_base=show_base, base_only=base_only)
    met = _met(verdict_line["item"]) if verdict_line is not None else None
    if met is not None:  # "到60%没", "does it already have…": yes or no first, the figures after
        text = msg("engine.target_met" if met else "engine.target_not_met", u.lang,
                   year=verdict_line["item"].target_year) + "\n" + text
    steps = _between(out.items, codes, sorted({*years, *([u.slots.base_year] if u.slots.base_year else [])}), u)
    if steps:  # "27年目标比25年多几个", "从2023年到2025年要增加多少": the difference of the two years' figures
        text += "\n\n" + render(f"answer/province_steps.{u.lang}", steps=steps)
        facts += [derived(f"{s['name']}{s['start']}—{s['end']}年变化", abs(s["diff"]), s["unit"], "全省", s["end"],
                          out.demo, digits=4) for s in steps]
    return Reply("answered", text, citations=citations, facts=facts)


def _asked_line(u: Understanding, lines: list[dict]) -> dict | None:
    """The one target line a yes/no question checks: the one whose target the question states, else the one of
    the target year it names, else the only one; None when the question leaves it open."""
    stated = [line for line in lines if line["item"].target_value is not None and any(
        abs(line["item"].target_value - n) < 1e-9 for n in (*u.slots.amounts_yi, *_percents(u.text)))]
    named = [line for line in lines if line["item"].target_year in u.slots.years]
    for pool in (stated, named, lines):
        if len(pool) == 1:
            return pool[0]
    return None


def _percents(text: str) -> list[float]:
    return [float(m) for m in re.findall(r"(\d+(?:\.\d+)?)\s*[%％]", text)]


def _met(item) -> bool | None:
    """Whether the latest actual figure reaches the target; None when either is missing."""
    if item.actual is None or item.target_value is None or item.actual.unit != item.unit:
        return None
    return item.actual.value >= item.target_value


_MORE = LazyPattern(r"多几|多多少|多了|增加多少|增加几|增加了|要增加|增长多少|相差|差几|差多少|提高多少|提高了|how many more|increase")


def _between(items, codes: list[str], years: list[int], u: Understanding) -> list[dict]:
    """The change of each named indicator between the first and last year asked, from the table's 2023 figure and the
    targets' figures (same unit); [] unless two years and a change are asked."""
    if len(years) < 2 or not _MORE.search(u.text) or not codes:
        return []
    steps = []
    for code in codes:
        values: dict[int, tuple[float, str, str]] = {}
        for item in items:
            if item.indicator != code:
                continue
            if item.baseline is not None and item.baseline.unit == item.unit:
                values[BASE_YEAR] = (item.baseline.value, item.unit, item.name)
            if item.target_value is not None and item.target_year not in values:
                values[item.target_year] = (item.target_value, item.unit, item.name)
        start, end = years[0], years[-1]
        if start in values and end in values and values[start][1] == values[end][1]:
            (a, unit, name), (b, _, _) = values[start], values[end]
            steps.append({"name": name, "start": start, "end": end, "a": a, "b": b, "diff": b - a, "unit": unit})
    return steps


def _per_year(lines: list[dict]) -> list[Fact]:
    """The pace a target needs from the latest actual figure: yearly growth rate and average yearly increase."""
    from clusterbot.tools.growth import required_cagr

    facts: list[Fact] = []
    for line in lines:
        item = line["item"]
        actual = item.actual
        if actual is None or item.target_value is None or actual.unit != item.unit or item.target_year <= actual.year:
            continue
        years = item.target_year - actual.year
        # from the unrounded gap, so a 万亿元 target keeps its 亿 (gap is target − actual)
        missing = item.gap if item.gap is not None else item.target_value - actual.value
        rate = required_cagr(item.target_value - missing, item.target_value, years)
        step = max(0.0, missing) / years
        line["per_year"] = {"rate": rate, "step": step, "years": years, "from": actual}
        facts.append(actual.to_fact())
        if rate is not None:
            facts.append(derived(f"{item.name}所需年均增速", rate * 100, "%", "全省", item.target_year, actual.demo))
        facts.append(derived(f"{item.name}年均需增加", step, item.unit, "全省", item.target_year, actual.demo, digits=4))
        if item.unit == "万亿元":
            facts.append(derived(f"{item.name}年均需增加", step * 10000, "亿元", "全省", item.target_year, actual.demo))
    return facts


def _lines(items) -> list[dict]:
    """One line per indicator and year: the wording of 二 when it states the target, the table value beside it."""
    grouped: dict[tuple[str, int], dict] = {}
    for item in items:
        line = grouped.setdefault((item.indicator, item.target_year), {"text": None, "table": None})
        line["text" if item.clause_id == TARGET_CLAUSE else "table"] = item
    lines = []
    for (_, _year), pair in grouped.items():
        main = pair["text"] or pair["table"]
        lines.append({"item": main, "text": pair["text"], "table": pair["table"]})
    return sorted(lines, key=lambda line: line["item"].target_year)


def _facts_and_citations(ctx, lines, show_progress: bool, show_base: bool, demo: bool, from_table: bool = False):
    facts: list[Fact] = []
    citations, used = [], {}
    for line in lines:
        sources = (line["table"],) if from_table and line["table"] is not None else (line["text"], line["table"])
        for item in sources:
            if item is not None:
                used.setdefault(item.clause_id, []).append(item)
    for clause_id, items in used.items():
        clause = ctx.corpus.clause(clause_id)
        if clause is not None:
            # The sentences of 二 that state these targets; a table row quotes itself.
            quote = "；".join(dict.fromkeys(i.target_text for i in items)) if clause_id == TARGET_CLAUSE else None
            citations.append(cite(ctx.corpus, clause, quote=quote))
    for line in lines:
        item = line["item"]
        if item.target_value is not None:
            facts.append(Fact(name=f"{item.name}目标", value=item.target_value, unit=item.unit,
                              year=item.target_year, entity="全省", source=f"policy:{item.clause_id}"))
        if show_base and item.baseline is not None:
            table = line["table"].clause_id if line["table"] else TARGET_CLAUSE
            facts.append(item.baseline.to_fact().model_copy(update={"source": f"policy:{table}"}))
        if show_progress:
            for fig in (item.actual, item.previous):
                if fig is not None:
                    facts.append(fig.to_fact())
            if item.gap is not None and item.gap > 0:
                facts.append(derived(f"{item.name}差距", round(item.gap, 2), item.unit, "全省", item.target_year,
                                      demo, digits=2))
                if item.unit == "万亿元":  # the exact gap in 亿元, which 0.06万亿元 would round away
                    facts.append(derived(f"{item.name}差距", item.gap * 10000, "亿元", "全省", item.target_year, demo))
                    if item.target_value is not None:  # and the exact actual, target − exact gap
                        facts.append(derived(f"{item.name}实际", (item.target_value - item.gap) * 10000, "亿元", "全省",
                                             item.actual.year if item.actual else None, demo))
            if line.get("base_gap"):
                facts.append(Fact(name=f"{item.name}距目标（以2023年为基数）", value=round(line["base_gap"], 2),
                                  unit=item.unit, year=item.target_year, entity="全省", source="computed"))
                if item.unit == "万亿元":
                    facts.append(Fact(name=f"{item.name}距目标（以2023年为基数）", value=round(line["base_gap"] * 10000, 1),
                                      unit="亿元", year=item.target_year, entity="全省", source="computed"))
    return facts, citations
