"""What a number in an LLM answer claims, read from the words around it: about whom, which measure, which year.

The grounding check matches each quantity of an answer to a tool fact; a match of the number alone lets a
gap ground a revenue, one county's figure ground another's, another cluster's decline ground "年均下降5%".
So every quantity gets a `Claim` from its place in the text:

- `entities`: the full names of the entity named last before it (in the answer, else the question);
  "分别" / "respectively" in its sentence widens this to every entity the sentence names;
- `measure`: the measure word nearest to it in its phrase (the text since the previous number, else up to the
  next one, within the clause): 缺口 / 还差 → gap, 营收 → revenue, 需 → required rate, 近三年 → recent rate,
  a metric's name → that metric, 比上年 / 增加 + an amount → a change;
- `year`: the year written last before it in its clause.

A claim part that the text does not state constrains nothing; a fact whose field carries no such part
(a clause's text, a policy threshold) is not bound by it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from clusterbot.bot.llm.quantities import COUNT, RATE, VALUE, YEAR, Quantity

GAP, THRESHOLD, REQUIRED, RECENT, GROWTH, CHANGE, REVENUE = (
    "gap", "threshold", "required", "recent", "growth", "change", "revenue")
AMOUNT_ROLES = frozenset({VALUE, COUNT})
RATE_ROLES = frozenset({RATE})
ALL_ROLES = frozenset({VALUE, COUNT, RATE})

# (pattern, measure, roles it describes). Order does not matter: the nearest cue wins.
_STATIC_CUES: tuple[tuple[str, str, frozenset[str]], ...] = (
    (r"缺口|差距|还差|仍差|尚差|相差|差额|差|shortfall|short of|gap|away from", GAP, AMOUNT_ROLES),
    (r"目标|门槛|达到|突破|迈过|跨过|越过|迈上|跨上|站上|跨越|距离|距|threshold|tier|target|reach\w*|cross\w*",
     THRESHOLD, AMOUNT_ROLES),
    (r"营业收入|营收|收入|产值|规模|revenue|sales", REVENUE, AMOUNT_ROLES),
    (r"需要|需|须|必须|要求|要实现|required|requires|need\w*|must", REQUIRED, RATE_ROLES),
    (r"近[一二三四五两\d]年|近年|近期|过去|以来|历史|实际|recent\w*|past|so far", RECENT, RATE_ROLES),
    (r"比上年|较上年|比去年|较去年|同比|环比|比上一年|较上一年|year[- ]on[- ]year|from (?:a|the previous|last) year"
     r"|than (?:a|the previous|last) year", CHANGE, AMOUNT_ROLES),
)
# An amount right after a verb of change is a change (增加5.8亿元), unless a requirement precedes it (需增加 = the gap).
_CHANGE_VERB = re.compile(
    r"(?:增加|增长|减少|下降|下滑|下跌|提高|提升|上升|回落|扩大|缩小|缩减|多了|少了|增|减|降|涨)(?:了|约|近|超)?\s*$"
    r"|\b(?:increas\w*|decreas\w*|rose|fell|grew|gained|lost|dropped|declined)(?:\s+by)?\s*$", re.IGNORECASE)
_REQUIREMENT = re.compile(r"需|须|要|required|need|must", re.IGNORECASE)
_ATTACH = re.compile(r"\s*的?\s*")
_RESPECTIVELY = re.compile(r"分别|各自|respectively", re.IGNORECASE)
_SENTENCE = re.compile(r"[。；;！？!?\n]|(?<!\d)\.(?!\d)")
_CLAUSE = re.compile(r"[。；;！？!?\n，,：:]|(?<!\d)\.(?!\d)")
# Rate measures a growth rate of the tools may stand for, per cue.
MEASURE_ACCEPTS = {RECENT: frozenset({RECENT, GROWTH}), REQUIRED: frozenset({REQUIRED})}


@dataclass(frozen=True)
class Claim:
    entities: frozenset[str] = frozenset()  # empty: no entity named
    measure: str = ""  # "": no measure word
    year: int | None = None


@dataclass(frozen=True)
class Lexicon:
    """The names an answer may use: entity surface forms (lower case) → the full names they stand for,
    and metric names → (metric code, roles it describes)."""

    entities: dict[str, frozenset[str]]
    metrics: dict[str, tuple[str, frozenset[str]]]

    def mentions(self, text: str) -> list[tuple[int, int, frozenset[str]]]:
        """Entity names inside `text`, longest first at each position: (start, end, full names)."""
        lowered = text.lower()
        found: list[tuple[int, int, frozenset[str]]] = []
        if not self.entities:
            return found
        longest = max(len(key) for key in self.entities)
        i = 0
        while i < len(lowered):
            for length in range(min(longest, len(lowered) - i), 1, -1):
                names = self.entities.get(lowered[i:i + length])
                if names is None:
                    continue
                piece = lowered[i:i + length]
                if piece.isascii() and (_word(lowered, i - 1) or _word(lowered, i + length)):
                    continue
                found.append((i, i + length, names))
                i += length - 1
                break
            i += 1
        return found

    def cue_pattern(self) -> re.Pattern[str]:
        return _cue_pattern(tuple(sorted(self.metrics, key=len, reverse=True)))


def _word(text: str, index: int) -> bool:
    return 0 <= index < len(text) and text[index].isascii() and text[index].isalnum()


_PATTERNS: dict[tuple[str, ...], re.Pattern[str]] = {}


def _cue_pattern(metric_names: tuple[str, ...]) -> re.Pattern[str]:
    pattern = _PATTERNS.get(metric_names)
    if pattern is None:
        parts = [f"(?P<m{i}>{re.escape(name)})" for i, name in enumerate(metric_names)]
        parts += [f"(?P<s{i}>{cue})" for i, (cue, _m, _r) in enumerate(_STATIC_CUES)]
        pattern = re.compile("|".join(parts), re.IGNORECASE)
        _PATTERNS[metric_names] = pattern
    return pattern


def _cues(text: str, lexicon: Lexicon) -> list[tuple[int, int, str, frozenset[str]]]:
    names = tuple(sorted(lexicon.metrics, key=len, reverse=True))
    out = []
    for match in lexicon.cue_pattern().finditer(text):
        group = match.lastgroup or ""
        if group.startswith("m"):
            measure, roles = lexicon.metrics[names[int(group[1:])]]
        else:
            _pattern, measure, roles = _STATIC_CUES[int(group[1:])]
        out.append((match.start(), match.end(), measure, roles))
    return out


def _last_start(pattern: re.Pattern[str], text: str, end: int) -> int:
    return max((m.end() for m in pattern.finditer(text, 0, end)), default=0)


def _next_end(pattern: re.Pattern[str], text: str, start: int) -> int:
    match = pattern.search(text, start)
    return match.start() if match else len(text)


def read_claims(text: str, quantities: list[Quantity], lexicon: Lexicon,
                topic: Iterable[str] = ()) -> list[Claim]:
    """One Claim per quantity of `text` (prepared text, the positions of `quantities`)."""
    mentions = lexicon.mentions(text)
    cues = _cues(text, lexicon)
    topic_names = frozenset(topic)
    # Years and small counts (近三年) do not end a phrase: "需在2030年前年均增长4.7%" is one requirement.
    figures = [q for q in quantities if q.role != YEAR and not _small(q)]
    claims: list[Claim] = []
    for quantity in quantities:
        start, end = quantity.start, quantity.end
        sentence_start = _last_start(_SENTENCE, text, start)
        sentence_end = _next_end(_SENTENCE, text, end)
        clause_start = _last_start(_CLAUSE, text, start)
        clause_end = _next_end(_CLAUSE, text, end)
        claims.append(Claim(
            entities=_entities(mentions, text, start, sentence_start, sentence_end, topic_names),
            measure=_measure(quantity, text, cues, figures, clause_start, clause_end),
            year=_year(quantities, quantity, clause_start),
        ))
    return claims


def _entities(mentions, text: str, start: int, sentence_start: int, sentence_end: int,
              topic: frozenset[str]) -> frozenset[str]:
    if _RESPECTIVELY.search(text, sentence_start, sentence_end):
        named = [names for s, _e, names in mentions if sentence_start <= s < sentence_end]
        if named:
            return frozenset().union(*named)
    before = [names for s, e, names in mentions if e <= start]
    if before:
        return before[-1]
    return topic


def _measure(quantity: Quantity, text: str, cues, figures: list[Quantity], clause_start: int,
             clause_end: int) -> str:
    if quantity.role == YEAR or _RESPECTIVELY.search(text, clause_start, clause_end):
        return ""
    earlier = [q.end for q in figures if q.end <= quantity.start and q.end > clause_start]
    later = [q.start for q in figures if q.start >= quantity.end and q.start < clause_end]
    phrase_start = earlier[-1] if earlier else clause_start
    phrase_end = later[0] if later else clause_end
    role = COUNT if quantity.role == COUNT else quantity.role
    if quantity.role in AMOUNT_ROLES and _CHANGE_VERB.search(text, phrase_start, quantity.start):
        return GAP if _REQUIREMENT.search(text, phrase_start, quantity.start) else CHANGE
    attached = [c for c in cues if quantity.end <= c[0] <= quantity.end + 2 and role in c[3]
                and _ATTACH.fullmatch(text[quantity.end:c[0]])]
    if attached:
        return attached[0][2]  # 5.8亿元缺口, 100亿元的目标
    if earlier:  # a cue right after the previous number is that number's (100亿元目标尚有5.8亿元)
        previous = next(q for q in figures if q.end == earlier[-1])
        phrase_start = max([phrase_start] + [c[1] for c in cues if previous.end <= c[0] <= previous.end + 2
                                              and _ATTACH.fullmatch(text[previous.end:c[0]])])
    before = [c for c in cues if phrase_start <= c[0] and c[1] <= quantity.start and role in c[3]]
    if before:
        return before[-1][2]
    after = [c for c in cues if quantity.end <= c[0] and c[1] <= phrase_end and role in c[3]]
    return after[0][2] if after else ""


def _small(quantity: Quantity) -> bool:
    return (quantity.role in AMOUNT_ROLES and quantity.scale == 1 and not quantity.currency
            and quantity.number.is_integer() and abs(quantity.number) <= 10)


def _year(quantities: list[Quantity], quantity: Quantity, clause_start: int) -> int | None:
    if quantity.role == YEAR:
        return None
    years = [q for q in quantities if q.role == YEAR and clause_start <= q.start and q.end <= quantity.start]
    return int(years[-1].number) if years else None


def measure_of_key(key: str, metric: str = "") -> str:
    """The measure of a numeric field of a tool output: a Figure's value is its metric; "" for a field that
    names no measure (a position, a count), which no measure word then binds."""
    if key == "value" and metric:
        return metric
    for part, measure in (("gap", GAP), ("threshold", THRESHOLD), ("required", REQUIRED), ("recent", RECENT),
                          ("change", CHANGE), ("delta", CHANGE), ("diff", CHANGE)):
        if part in key:
            return measure
    if "growth" in key or "cagr" in key:
        return GROWTH
    return ""


def accepts(claim_measure: str, fact_measure: str) -> bool:
    """A measure word of the answer stands for a fact's measure (a fact without one is not bound)."""
    if not claim_measure or not fact_measure:
        return True
    return fact_measure in MEASURE_ACCEPTS.get(claim_measure, frozenset({claim_measure}))


def snapshot_lexicon(snap) -> Lexicon:
    """Every entity and metric name of a data snapshot (kept with it): an answer naming a county no tool
    returned still binds its numbers to that county."""
    cached = snap.cache.get("claims_lexicon")
    if cached is not None:
        return cached
    from clusterbot.tools.names import name_index

    entities = {key: frozenset(hit.name for hit in hits) for key, hits in name_index(snap).exact.items()}
    metrics: dict[str, tuple[str, frozenset[str]]] = {}
    for metric in snap.metrics.values():
        roles = RATE_ROLES if metric.unit in ("%", "‰") else AMOUNT_ROLES
        for name in (metric.name, metric.name_en):
            if name and len(name) > 1:
                metrics[name.lower()] = (metric.code, roles)
    lexicon = Lexicon(entities, metrics)
    snap.cache["claims_lexicon"] = lexicon
    return lexicon
