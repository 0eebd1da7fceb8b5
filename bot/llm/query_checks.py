"""What a model's typed query must pass before the executor runs it.

The model only chooses *what* to compute: places, clusters, an operation, years, a stated rate or level. Every
check here keeps it from choosing a figure of its own:

- the JSON is an object whose parts name operations of `OPS` the executor runs, and it validates as `Query`;
- every place, cluster and city is a name (or alias) of the store, written back as the store's own name;
  a sector is one of the store's sectors, a measure one of its indicator codes;
- years lie within the data's years (a projection may name a later year, up to `MAX_PROJECTION_YEARS` on);
- a rate, a level or a count of places is one the asker wrote in the question, within sane ranges;
- a span is a piece of the question, and no free text (span, assumptions, missing, a word) carries a number
  the question does not.

A failure raises `Rejected` with a short reason code; the caller reads the question with the rule parser.
"""

from __future__ import annotations

import math
import re
from typing import Any

from pydantic import ValidationError

from clusterbot.bot.llm.quantities import extract_quantities
from clusterbot.bot.offline.query import OPS, EntityName, Part, Query

MAX_PROJECTION_YEARS = 30
RATE_RANGE = (-0.95, 2.0)  # a stated yearly growth rate, as a fraction
LEVEL_RANGE = (0.0, 100_000.0)  # 亿元: above zero, below a province's whole economy
PROJECTING_OPS = ("project", "required_rate", "crossing_year")
TIER_WORDS = {"百亿": 100.0, "千亿": 1000.0, "万亿": 10000.0}
_TIER = re.compile(r"(?<![\d零〇一二三四五六七八九两])(百亿|千亿|万亿)")
_SPACE = re.compile(r"\s+")


class Rejected(Exception):
    """The model's query cannot be used; `reason` is a short code for the answer's metadata and the log."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail[:80]


class Asked:
    """The question's text and every quantity written in it, which the model's numbers must come from."""

    def __init__(self, *texts: str) -> None:
        self.texts = [t for t in texts if t]
        self.compact = [_SPACE.sub("", t) for t in self.texts]
        self.quantities = [q for t in self.texts for q in extract_quantities(t)]
        self.tiers = [TIER_WORDS[m] for t in self.texts for m in _TIER.findall(t)]

    def holds_text(self, span: str) -> bool:
        piece = _SPACE.sub("", span)
        return any(piece in text for text in self.compact)

    def holds_number(self, value: float) -> bool:
        return any(_close(value, q.number) or _close(value, q.base) for q in self.quantities)

    def holds_rate(self, rate: float) -> bool:
        return any(_close(abs(rate), abs(q.base)) or _close(abs(rate) * 100, abs(q.number)) for q in self.quantities)

    def holds_level(self, level: float) -> bool:
        """A level in 亿元: written as such (300亿), in yuan (3e10), or as a tier word (百亿, 千亿)."""
        return any(_close(level, t) for t in self.tiers) or any(
            _close(level, q.number) or _close(level * 1e8, q.base) for q in self.quantities)


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def check(data: Any, asked: Asked, snap: Any, data_years: tuple[int, int], executable: set[str]) -> Query:
    """The model's JSON as a Query the executor may run, names written as the store writes them."""
    if not isinstance(data, dict):
        raise Rejected("not_an_object")
    parts = data.get("parts")
    for raw in parts if isinstance(parts, list) else []:
        op = raw.get("op") if isinstance(raw, dict) else None
        if op not in OPS:
            raise Rejected("unknown_op", str(op))
    try:
        query = Query.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise Rejected("schema", ".".join(str(p) for p in first["loc"])) from exc
    if not query.parts:
        raise Rejected("no_parts")  # the model read no data question in it
    if not any(p.op in executable for p in query.parts):
        raise Rejected("no_executable_part")
    for text in [*query.assumptions, *query.missing]:
        _no_new_number(text, asked)
    return query.model_copy(update={"parts": [_checked_part(p, asked, snap, data_years) for p in query.parts]})


def _checked_part(part: Part, asked: Asked, snap: Any, data_years: tuple[int, int]) -> Part:
    if part.span and not asked.holds_text(part.span):
        raise Rejected("span_not_in_question", part.span)
    for text in (part.span, part.measure.word or "", part.scope.sector or ""):
        _no_new_number(text, asked)
    scope = part.scope.model_copy(update={"entities": [_entity(e, snap) for e in part.scope.entities]})
    if scope.within is not None:
        place = _entity(EntityName(kind="city" if scope.kind == "city" else "county", name=scope.within), snap)
        if place.kind == "cluster":
            raise Rejected("unknown_entity", scope.within)
        scope.within = place.name
        scope.kind = place.kind if scope.kind in ("city", "county") else scope.kind
    if scope.sector is not None and scope.sector not in {c.sector for c in snap.clusters.values()}:
        raise Rejected("unknown_sector", scope.sector)
    if part.measure.kind == "indicator" and part.measure.metric not in snap.metrics:
        raise Rejected("unknown_metric", part.measure.metric)
    _years(part, data_years)
    if part.rate is not None:
        if not RATE_RANGE[0] <= part.rate <= RATE_RANGE[1]:
            raise Rejected("rate_out_of_range", f"{part.rate:g}")
        if not asked.holds_rate(part.rate):
            raise Rejected("number_not_in_question", f"rate {part.rate:g}")
    for level in (part.level, scope.tier):
        if level is None:
            continue
        if not LEVEL_RANGE[0] < level <= LEVEL_RANGE[1]:
            raise Rejected("level_out_of_range", f"{level:g}")
        if not asked.holds_level(level):
            raise Rejected("number_not_in_question", f"level {level:g}")
    if part.pace_from is not None and not (data_years and data_years[0] <= part.pace_from < data_years[1]):
        raise Rejected("year_out_of_range", f"pace_from {part.pace_from}")
    if part.check is not None and not (asked.holds_number(part.check) or asked.holds_level(part.check)):
        raise Rejected("number_not_in_question", f"check {part.check:g}")
    if part.n is not None and part.n > 1 and not asked.holds_number(part.n):
        raise Rejected("number_not_in_question", f"n {part.n}")
    return part.model_copy(update={"scope": scope})


def _entity(e: EntityName, snap: Any) -> EntityName:
    """The store's own name and kind of a name the model wrote (a canonical name or an alias)."""
    tables = {"county": snap.counties, "cluster": snap.clusters, "city": snap.cities}
    if e.name in tables[e.kind]:
        return EntityName(kind=e.kind, name=e.name, matched=e.name)
    holders = [kind for kind, table in tables.items() if e.name in table]
    holders += [kind for alias, _how, kind, _name in snap.aliases if alias == e.name]
    if len(set(holders)) == 1:
        kind = holders[0]
        name = e.name if e.name in tables[kind] else next(n for a, _h, k, n in snap.aliases if a == e.name and k == kind)
        return EntityName(kind=kind, name=name, matched=name)  # type: ignore[arg-type]
    raise Rejected("unknown_entity", e.name)


def _years(part: Part, data_years: tuple[int, int]) -> None:
    first, latest = data_years
    last_allowed = latest + MAX_PROJECTION_YEARS if part.op in PROJECTING_OPS else latest
    t = part.time
    for year in (t.year, t.start, t.end):
        if year is not None and not first <= year <= last_allowed:
            raise Rejected("year_out_of_range", str(year))
    if t.start is not None and t.end is not None and t.start >= t.end:
        raise Rejected("year_out_of_range", f"{t.start}-{t.end}")


def _no_new_number(text: str, asked: Asked) -> None:
    """Free text may repeat the asker's numbers, never add one (it could reach the reply)."""
    for q in extract_quantities(text):
        if not asked.holds_number(q.number) and not asked.holds_number(q.base):
            raise Rejected("number_in_text", q.text)
