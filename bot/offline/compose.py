"""Execute a Reading's parts, check that every part got a result, and render them in question order.

Completeness: a part with no result and a clause nobody could answer are named in the reply as
missing — never replaced by a neighbouring answer; a reply with nothing answered is a decline.
"""

from __future__ import annotations

from collections.abc import Callable

from clusterbot.bot.offline.execute import Result, execute
from clusterbot.bot.offline.parse import Reading
from clusterbot.bot.offline.query import Part
from clusterbot.bot.offline.reply import Reply
from clusterbot.messages import msg
from clusterbot.templates import render

TEMPLATE_OF = {"argmin": "argmax"}
DATA_NOTE_PREFIXES = ("数据：", "Data:")


def _assumptions(part: Part, result: Result, lang: str) -> list[str]:
    out = []
    if part.op in ("argmax", "argmin") and part.measure.growth:
        rows = result.values.get("rows") or []
        year = rows[0]["year"] if rows else part.time.year
        if part.time.kind == "window":
            out.append(msg("engine.parts.assume_window", lang, start=part.time.start, end=part.time.end))
        else:
            out.append(msg("engine.parts.assume_yoy", lang, year=year))
    if part.op in ("argmax", "argmin", "compare", "city_rank") and part.time.kind == "latest" \
            and not part.measure.growth:
        out.append(msg("engine.parts.assume_latest", lang, year=result.values.get("year") or part.time.year))
    if part.op == "compare" and part.time.kind == "latest" and part.measure.growth:
        out.append(msg("engine.parts.assume_yoy", lang, year=result.values.get("year")))
    if part.op in ("argmax", "argmin", "compare", "city_rank") and part.measure.metric == "revenue" \
            and not part.measure.growth:
        out.append(msg("engine.parts.assume_revenue", lang))
    return out


def _strip_note(text: str) -> tuple[str, list[str]]:
    lines = text.strip().split("\n")
    notes = [line for line in lines if line.startswith(DATA_NOTE_PREFIXES)]
    return "\n".join(line for line in lines if not line.startswith(DATA_NOTE_PREFIXES)).strip(), notes


def compose(snap, reading: Reading, answer_clause: Callable[[str], Reply]) -> Reply | None:
    """The reply of every part and leftover clause, in order; None hands the whole question back.

    `answer_clause(text)` answers a clause through the kind path (used for clauses this reader does
    not compose and for parts whose operation hands them back).
    """
    lang = reading.query.lang
    texts: list[str] = []
    facts, citations, assumptions, missing = [], [], [], []
    vintage = None
    named: list[tuple[str, str]] = []
    answered = 0
    handed_back = []
    for part in reading.query.parts:
        result = execute(snap, part)
        if result is None:
            handed_back.append(part.span)
            continue
        if result.missing:
            missing += result.missing
            continue
        name = TEMPLATE_OF.get(result.op, result.op)
        if lang == "en" and result.values.get("metric_name"):
            info = next((m for m in snap.metrics.values() if m.name == result.values["metric_name"]), None)
            result.values["metric_name"] = info.name_en if info else result.values["metric_name"]
        texts.append(render(f"answer/ops/{name}.{lang}", **result.values))
        facts += result.facts
        named += [n for n in result.named if n not in named]
        assumptions += [a for a in _assumptions(part, result, lang) if a not in assumptions]
        vintage = result.vintage or vintage
        answered += 1
    if not answered and not reading.rest:
        return None  # nothing composed here: the kind path reads the whole question
    for clause in [*handed_back, *reading.rest]:
        reply = answer_clause(clause)
        if reply.status != "answered":
            missing.append(msg("engine.parts.part_unanswered", lang, text=clause))
            continue
        body, _notes = _strip_note(reply.text)  # one data note for the whole reply, added at the end
        texts.append(body)
        facts += reply.facts
        citations += [c for c in reply.citations if c not in citations]
        vintage = reply.data_vintage or vintage
        answered += 1
    if not answered:
        return None
    if assumptions:
        texts.append(msg("engine.parts.assumptions", lang, items="；".join(assumptions) if lang == "zh"
                         else "; ".join(assumptions)))
    if missing:
        texts.append(msg("engine.parts.missing", lang, items="、".join(missing) if lang == "zh" else ", ".join(missing)))
    reply = Reply("answered", "\n\n".join(t for t in texts if t), citations=citations, facts=facts,
                  data_vintage=vintage)
    reply.grounds = []
    reply.named = named
    return reply
