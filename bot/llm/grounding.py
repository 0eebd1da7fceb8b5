"""The grounding check of LLM answers: each quantity must mean what the evidence says; citations from this turn.

Pure functions over text and plain values, so the rules can be tested without a model.

Every quantity of the answer (read by `quantities.extract_quantities`: digits, Chinese numerals, English
number words, magnitudes, units, signs) is checked against the evidence *with its role*:

- a year matches only a year (2027年 is never grounded by a value of 2027), and a year stated as a
  forecast (预计 / projected …) only a forecast year of a tool (`projected_year`);
- a rate matches only a rate, with its sign: 增长5.1% is not grounded by a growth of -5.1 %;
- a value or count matches a value or count in the same dimension, compared in plain units (9420万元 =
  0.942亿元; 2万人 = 20 000 people); money is not a count, US$ is never grounded by a yuan figure; values
  compare by size, since 超出 / 还差 carry the direction in words;
- a bare number (no unit) matches a number as the tools wrote it.

Rounding to the written precision is allowed, never more than 5 %. Not checked: clause numbering
(3.2.1, 2.table.3, 三（二）1, 第四条), dates, list markers, and small integers without a magnitude
(0–10: ranks, list counts, "近3年").
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from clusterbot.bot.llm.claims import Claim, Lexicon, accepts, measure_of_key, read_claims
from clusterbot.bot.llm.quantities import COUNT, RATE, VALUE, YEAR, Quantity, extract_quantities, prepare

SMALL_INT_LIMIT = 10
PLAIN = "plain"  # a tool number whose unit is not known: matched as written

_COUNT_KEYS = ("position", "total", "rows", "limit", "inserted", "updated", "unchanged", "superseded")
_RATE_KEYS = ("cagr", "growth", "rate", "share", "ratio")
# Units the tools write, as (role, scale to plain units, currency).
_UNITS = {
    "元": (VALUE, 1.0, "cny"), "万元": (VALUE, 1e4, "cny"), "亿元": (VALUE, 1e8, "cny"),
    "万亿元": (VALUE, 1e12, "cny"), "%": (RATE, 0.01, ""), "‰": (RATE, 0.001, ""), "倍": (RATE, 1.0, ""),
}
_COUNT_UNITS = "个家项名人位户件条座所批次"


@dataclass(frozen=True)
class Datum:
    """One number the answer may use: its role, its value in plain units (`base`), the number as the tool
    wrote it (`raw`), and for money the currency; a forecast year is `projected`."""

    role: str
    base: float
    raw: float
    currency: str = ""
    projected: bool = False
    entity: frozenset[str] = frozenset()  # the full names of whom the number is about; empty: nobody
    measure: str = ""  # what it measures (gap, revenue, required …); empty: unknown (a clause's text)
    year: int | None = None


@dataclass(frozen=True)
class _Owner:
    """What the fields of one dict of a tool output are about."""

    entity: frozenset[str] = frozenset()
    metric: str = ""
    year: int | None = None


PROVINCE_NAMES = {"全省": "全省", "安徽省": "全省", "安徽": "全省", "anhui": "全省"}
_KNOWN_MEASURES = ("gap", "threshold", "required", "recent", "change", "growth")
_UNOWNED_KEYS = ("threshold", "target_year", "threshold_label")  # the policy's, not an entity's


@dataclass
class Problem:
    """One reason an answer failed the check; `kind` is number, citation_unknown, citation_not_retrieved,
    no_citation, too_long, or (bot/llm/unsafe_text.py) link, mention, secret_request."""

    kind: str
    item: str

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "item": self.item}


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    matched_values: list[float] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def is_exempt(quantity: Quantity) -> bool:
    """Small integers without a magnitude are ranks, counts of listed items or spans of years, not figures."""
    return (quantity.role in (VALUE, COUNT) and quantity.scale == 1 and not quantity.currency
            and quantity.number.is_integer() and abs(quantity.number) <= SMALL_INT_LIMIT)


def _close(value: float, target: float, tolerance: float) -> bool:
    return abs(value - target) <= tolerance


def _key_role(key: str, unit: str | None) -> tuple[str, float, str, bool]:
    """(role, scale, currency, projected) of a numeric field of a tool output, from its name and unit."""
    if key == "year" or key.endswith("_year"):
        return YEAR, 1.0, "", key.startswith("projected")
    if any(part in key for part in _RATE_KEYS):
        return RATE, 1.0, "", False  # the tools return ratios as fractions
    if key.endswith("count") or key in _COUNT_KEYS:
        return COUNT, 1.0, "", False
    if unit:
        if unit in _UNITS:
            role, scale, currency = _UNITS[unit]
            return role, scale, currency, False
        if unit[-1] in _COUNT_UNITS:
            return COUNT, 1e4 if unit.startswith("万") else 1.0, "", False
    return PLAIN, 1.0, "", False


class Evidence:
    """The numbers an answer may use, with their roles: this turn's tool outputs and cited clauses."""

    def __init__(self) -> None:
        self._data: set[Datum] = set()
        self._ordered: list[Datum] | None = None
        self.names: dict[str, frozenset[str]] = {}  # entity surface forms (lower case) → full names
        self.metric_names: dict[str, tuple[str, frozenset[str]]] = {}  # metric name → (code, roles)
        self.parents: dict[str, str] = {}  # a cluster's full name → its county

    def add(self, datum: Datum) -> None:
        if math.isfinite(datum.base) and math.isfinite(datum.raw):
            self._data.add(datum)
            self._ordered = None

    def add_value(self, value: float, key: str = "", unit: str | None = None, owner: _Owner | None = None) -> None:
        if isinstance(value, bool) or not math.isfinite(value):
            return
        role, scale, currency, projected = _key_role(key, unit)
        if role == YEAR and not float(value).is_integer():
            role = PLAIN
        owner = owner or _Owner()
        unowned = any(part in key for part in _UNOWNED_KEYS)
        self.add(Datum(role, float(value) * scale, float(value), currency, projected,
                       entity=frozenset() if unowned else owner.entity,
                       measure=measure_of_key(key, owner.metric) if key else "",
                       year=owner.year if role != YEAR else None))

    def merge(self, other: Evidence) -> None:
        self._data |= other._data
        self.names.update(other.names)
        self.metric_names.update(other.metric_names)
        self.parents.update(other.parents)
        self._ordered = None

    def add_text(self, text: str, key: str = "", owner: _Owner | None = None) -> None:
        owner = owner or _Owner()
        measure = measure_of_key(key, owner.metric) if key else ""
        measure = measure if measure in _KNOWN_MEASURES else ""
        for quantity in extract_quantities(text, numbering=True):
            self.add(Datum(quantity.role, quantity.base, quantity.number, quantity.currency, quantity.projected,
                           entity=owner.entity, measure=measure, year=owner.year))

    def lexicon(self, extra: Lexicon | None = None) -> Lexicon:
        """The names the answer may use: this turn's entities and metrics, and `extra` (every known entity)."""
        entities = {**PROVINCE_NAMES_SETS, **(extra.entities if extra else {}), **self.names}
        metrics = {**(extra.metrics if extra else {}), **self.metric_names}
        return Lexicon(entities, metrics)

    def _owner(self, data: dict, owner: _Owner) -> _Owner:
        """Who and what the fields of `data` are about: an entity reference, a Figure's entity, metric, year."""
        names: set[str] = set()
        for field_name in ("entity", "cluster", "county", "basis"):
            value = data.get(field_name)
            if isinstance(value, dict) and isinstance(value.get("name"), str):
                names |= self._ref_names(value)
            elif field_name == "entity" and isinstance(value, str) and value:
                # A Figure of the entity its dict is about speaks for it (a county's answer by its largest cluster).
                names |= owner.entity if value in owner.entity else {value}
                self.names.setdefault(value.lower(), frozenset({PROVINCE_NAMES.get(value, value)}))
        metric = data.get("metric") if isinstance(data.get("metric"), str) else owner.metric
        if isinstance(data.get("metric"), str) and isinstance(data.get("name"), str) and "value" in data:
            role = RATE if _key_role("value", data.get("unit") or None)[0] == RATE else VALUE
            roles = frozenset({RATE}) if role == RATE else frozenset({VALUE, COUNT})
            self.metric_names.setdefault(data["name"].lower(), (data["metric"], roles))
        year = data.get("year")
        return _Owner(entity=frozenset(names) or owner.entity, metric=metric or "",
                      year=year if isinstance(year, int) and not isinstance(year, bool) else owner.year)

    def _lead(self, ref: object) -> None:
        """A county's largest cluster speaks for the county: "天长市还差5.8亿元" may state its gap. Its other
        clusters do not (another cluster's decline is not the county's)."""
        if isinstance(ref, dict) and isinstance(ref.get("name"), str) and isinstance(ref.get("county"), str):
            if ref.get("kind") == "cluster" and ref["county"]:
                self.parents[ref["name"]] = ref["county"]

    def _ref_names(self, ref: dict) -> set[str]:
        name = ref["name"]
        names = {name}
        for surface in (name, ref.get("short_name")):
            if isinstance(surface, str) and len(surface) > 1:
                self.names.setdefault(surface.lower(), frozenset({name}))
        return names

    def add_tree(self, data: object, skip_strings: frozenset[str] | set[str] = frozenset(), key: str = "",
                 unit: str | None = None, owner: _Owner | None = None) -> None:
        """Walk a JSON-like tree (a tool output's model_dump): numbers with the role their field names and
        units give them, and with whom, which metric and which year their dict is about; quantities inside
        strings, list sizes. Strings in `skip_strings` (the caller's own arguments echoed back) are not
        evidence."""
        owner = owner or _Owner()
        if isinstance(data, dict):
            here = data.get("unit")
            unit = here if isinstance(here, str) and here else unit  # a nested figure carries its own unit
            owner = self._owner(data, owner)
            self._lead(data.get("basis"))
            clusters = data.get("clusters")
            if isinstance(clusters, list) and clusters and isinstance(clusters[0], dict):
                self._lead(clusters[0].get("cluster"))  # listed largest first
            for name, value in data.items():
                self.add_tree(value, skip_strings, str(name), unit, owner)
        elif isinstance(data, (list, tuple)):
            self.add_value(len(data), "count")
            for value in data:
                self.add_tree(value, skip_strings, key, unit, owner)
        elif isinstance(data, str):
            if data not in skip_strings and len(data) > 1:
                self.add_text(data, key, owner)
        elif isinstance(data, (int, float)) and not isinstance(data, bool):
            self.add_value(data, key, unit, owner)

    def match(self, quantity: Quantity, claim: Claim | None = None) -> Datum | None:
        """The evidence a quantity stands for, read with its role and sign, and with the entity, measure
        and year its sentence claims; or None."""
        if self._ordered is None:
            # Known roles before unknown ones, so a fact is reported with its unit when it has one.
            self._ordered = sorted(self._data, key=lambda d: (d.role == PLAIN, d.role, d.raw, d.base,
                                                              sorted(d.entity), d.measure, d.year or 0))
        for datum in self._ordered:
            if _matches(quantity, datum) and (claim is None or _binds(claim, datum, self.parents)):
                return datum
        return None

    def __len__(self) -> int:
        return len(self._data)


def _matches(q: Quantity, d: Datum) -> bool:
    if q.role == YEAR:
        return d.role == YEAR and q.number == d.raw and (d.projected or not q.projected)
    if q.role == RATE:
        return d.role == RATE and _close(q.base, d.base, q.base_tolerance)  # signed: a decline is not growth
    if d.role in (YEAR, RATE):
        return False
    if q.currency == "usd" or d.currency == "usd":
        return q.currency == d.currency and _close(abs(q.base), abs(d.base), q.base_tolerance)
    if d.role == PLAIN or not q.magnitude:
        # The tool's unit is unknown, or the answer wrote none: compare numbers as written (94.2亿元 and
        # 94.2 in a field of 亿元), or in 亿 (9420万元 and 0.942).
        if _close(abs(q.number), abs(d.raw), q.tolerance):
            return q.role != COUNT or d.role != VALUE or not d.currency
        return q.magnitude and q.role == VALUE and _close(abs(q.base) / 1e8, abs(d.raw), q.base_tolerance / 1e8)
    if q.currency and d.role == COUNT or q.role == COUNT and d.currency:
        return False  # money is not a count
    return _close(abs(q.base), abs(d.base), q.base_tolerance)


def _binds(claim: Claim, datum: Datum, parents: dict[str, str]) -> bool:
    """The fact is about what the sentence says: the entity named (a cluster's figure is its county's too),
    the measure word, the year."""
    if claim.entities and datum.entity:
        about = datum.entity | {parents[name] for name in datum.entity if name in parents}
        if not claim.entities & about:
            return False
    if claim.year is not None and datum.year is not None and claim.year != datum.year:
        return False
    return accepts(claim.measure, datum.measure)


PROVINCE_NAMES_SETS = {surface: frozenset({name}) for surface, name in PROVINCE_NAMES.items()}


def check_numbers(text: str, evidence: Evidence, lexicon: Lexicon | None = None,
                  topic: frozenset[str] = frozenset()) -> Report:
    """Every quantity of `text` against the evidence, bound to the claim its sentence makes.
    `lexicon`: every entity name the answer could use (default: the evidence's own); `topic`: the
    entities of the question, for numbers before any entity is named."""
    report = Report()
    quantities = extract_quantities(text)
    claims = read_claims(prepare(text), quantities, evidence.lexicon(lexicon), topic)
    for quantity, claim in zip(quantities, claims, strict=True):
        if is_exempt(quantity):
            continue
        datum = evidence.match(quantity, claim)
        if datum is None:
            report.problems.append(Problem("number", quantity.text))
        else:
            report.matched_values.append(datum.raw)
    return report


ClauseKey = tuple[str, str]  # (doc_id, clause_id)


def check_citations(cited: Iterable[tuple[str, ClauseKey | None]], retrieved: set[ClauseKey],
                    require: bool) -> list[Problem]:
    """`cited`: (reference as the model wrote it, the clause it resolves to or None) pairs."""
    problems: list[Problem] = []
    cited = list(cited)
    if require and not cited:
        problems.append(Problem("no_citation", ""))
    for reference, key in cited:
        if key is None:
            problems.append(Problem("citation_unknown", reference))
        elif key not in retrieved:
            problems.append(Problem("citation_not_retrieved", reference))
    return problems
