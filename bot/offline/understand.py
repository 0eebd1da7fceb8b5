"""From raw text to an Understanding: language, slots, entities, units, intent, follow-up merge."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from clusterbot.bot.offline.normalize import language, normalize
from clusterbot.bot.offline.registry import choose, cue_spans, find, has
from clusterbot.bot.offline.slots import Slots, extract, vocab
from clusterbot.bot.offline.unit_checks import fix_role_slips

# Which earlier questions a follow-up may continue, by what the follow-up brings.
ENTITY_CARRIERS = ("gap", "profile", "compare", "rank", "without_threshold", "growth", "above_threshold", "crossed",
                   "nearest", "race", "city_totals", "pace", "history")
NUMBER_CARRIERS = ("gap", "province", "rank", "without_threshold", "crossed", "above_threshold", "profile", "compare",
                   "pace", "race", "nearest", "city_totals", "history")
POLICY_CARRIERS = ("who_leads", "task_content", "unit_tasks", "definition", "clause")
SLOT_CARRIERS = tuple(dict.fromkeys(ENTITY_CARRIERS + NUMBER_CARRIERS + POLICY_CARRIERS))


@dataclass
class Understanding:
    raw: str
    text: str
    lang: str
    slots: Slots
    entities: list[Any] = field(default_factory=list)  # tools.models.EntityRef
    units: list[str] = field(default_factory=list)
    intent: str | None = None
    followup: bool = False
    unresolved: list[str] = field(default_factory=list)  # names that looked like entities but did not resolve
    injection: bool = False
    carried: dict[str, Any] = field(default_factory=dict)  # handler state a follow-up reuses
    cues: dict[str, list] = field(default_factory=dict)  # cue groups of kinds.yaml found in the text, with spans
    scores: dict[str, int] = field(default_factory=dict)  # every candidate kind's score, for tracing
    plan: Any = None  # the QuestionPlan (bot/offline/plan.py), built once the turn is resolved

    def has(self, cue: str) -> bool:
        """Whether the question carries a cue group of kinds.yaml; handlers ask this, never the raw text."""
        return cue in self.cues

    def memory(self) -> dict[str, Any]:
        """What a follow-up in the same conversation may reuse."""
        return {
            "intent": self.intent,
            "lang": self.lang,
            "entities": [e.model_dump() for e in self.entities],
            "units": self.units,
            "years": self.slots.years,
            "threshold": self.slots.threshold,
            "metric": self.slots.metric,
            "sector": self.slots.sector,
            "tasks": self.slots.tasks,
            "term": self.slots.term,
            "top_n": self.slots.top_n,
            "ascending": self.slots.ascending,
            "clause_ref": self.slots.clause_ref,
            "base_year": self.slots.base_year,
            "carried": self.carried,
        }


def understand(raw: str, find_entities, find_units, last: dict[str, Any] | None) -> Understanding:
    """`find_entities(text) -> list[EntityRef]`, `find_units(text) -> list[str]` come from the tools."""
    text = fix_role_slips(normalize(raw))
    injection = find(text, "INJECTION")
    if injection:
        # Only what was asked before the instruction counts; the instruction itself is data, not a command.
        text = re.sub(r"[\s，,。;；]*(另外|并且|还有|而且)?[\s，,。;；]*$", "", text[: injection.start()])
    slots = extract(text)
    entities = _most_specific(find_entities(text), text)
    units = find_units(text)
    u = Understanding(raw=raw, text=text, lang=language(text), slots=slots, entities=entities, units=units)
    u.injection = bool(injection)
    u.cues = cue_spans(text)
    if text:
        u.intent, u.scores = choose(text, slots, entities, units, u.cues)
    if u.injection and (u.intent is None or len(re.sub(r"[^\u4e00-\u9fffA-Za-z]", "", text)) < 4):
        u.intent = "out_of_scope"
    last_units = (last.get("units") or [(last.get("carried") or {}).get("unit_ref")]) if last else []
    unit_turn = u.has("UNIT_REF") or (last or {}).get("intent") == "unit_tasks"
    if last and not entities and not units and not slots.tasks and any(last_units) and unit_turn and (
            u.has("LEADS") or u.has("UNIT_TASKS")) and not u.has("CONTENT"):
        # a pronoun for a unit ("它", "这个部门") with a role asked: the unit of the last turn, every task of that role
        u.units, u.intent, u.followup = [x for x in last_units if x], "unit_tasks", True
        return u
    if last and not entities and u.has("UNIT_REF") and u.has("CONTENT") and (last.get("carried") or {}).get("clause"):
        # "它牵头的那条写了什么": the text of the one task the last unit leads
        u.intent, u.followup, u.carried = "task_content", True, dict(last["carried"])
        return u
    standalone = ("help", "out_of_scope", "person", "money", "enterprise_names", "document", "other_province")
    referred = _referent(text, last) if last and not entities and u.intent not in standalone else None
    if referred and last:  # a pronoun (它), an ordinal (第一名) or a scope word (其中) points at the last answer's subject
        _take_referent(u, referred, last)
        return u
    # "那X算有百亿级集群了吗": a place named with a tier of its own asks its own gap, whatever came before
    own_gap = u.intent == "gap" and bool(u.entities) and slots.threshold is not None
    if last and _looks_followup(u, last) and u.intent not in standalone and _continues(u, last["intent"]) \
            and not own_gap:
        _merge_followup(u, last)
    return u


def _take_referent(u: Understanding, referred: list, last: dict[str, Any]) -> None:
    """The question is about what a pronoun or 第一名 points at; the rest of the last question carries over."""
    slots = u.slots
    u.entities, u.followup = referred, True
    if slots.metric is None and not slots.absent_metrics:  # "它的利润呢": the quantity asked now, held or not
        slots.metric = last.get("metric")
    ordinal = find(u.text, "ORDINAL_REF")
    rest = u.text.lower()
    if ordinal:
        slots.top_n, slots.ascending = None, False  # "第一名" names the entity; it asks for no ranking
        rest = rest[:ordinal.start()] + rest[ordinal.end():]
    u.intent = "compare" if len(referred) == 2 else choose(rest, slots, referred, u.units)[0] or "profile"
    if not slots.years and u.intent != "gap":  # a gap's year is its target year, not the data year
        slots.years = list(last.get("years") or [])
    if slots.base_year is None:
        slots.base_year = last.get("base_year")
    from clusterbot.bot.offline.lexicon import hit

    if slots.threshold is None and last.get("threshold") is not None and hit("WHEN", u.text):
        slots.threshold = last["threshold"]  # "按它的速度哪年能过": the level the last question named


def _looks_followup(u: Understanding, last: dict[str, Any]) -> bool:
    """Whether this turn continues the last one rather than starting afresh."""
    text, slots = u.text, u.slots
    if last.get("entities") and not u.entities and (u.has("PACE") or u.has("HISTORY")):
        return True  # "照这个速度呢", "前几年呢": the rate or the series of the place just asked about
    if u.has("FOLLOWUP") or (u.intent is None and len(text) <= 12):
        return True
    if _same_target_question(u, last) or _same_place_question(u, last):
        return True
    if last.get("entities") and u.entities and re.match(r"(比|跟|和|与|同)", text):
        return True  # a turn opening with 比/跟/和 + a place compares it with the last one
    earlier_task = last.get("tasks") or (last.get("carried") or {}).get("clause")
    # a short question about supporting or leading units right after a question about a task
    return bool(u.intent in ("who_leads", "task_content") and not slots.tasks and earlier_task and len(text) <= 12)


# A name right after 不是 / 除了 / 排除 is ruled out by the asker: it is not what the question is about.
NEGATED = re.compile(r"(不是|并非|而非|而不是|除了|不含|不包括|不算|不要|排除)\s*$")


LIST_INTENTS = ("rank", "growth", "without_threshold", "above_threshold", "crossed", "nearest", "city_totals")


def _referent(text: str, last: dict[str, Any]) -> list | None:
    """The entities a pronoun or "第一名" stands for: the top of the last list, else what the last answer was about."""
    from clusterbot.tools.models import EntityRef

    named = [EntityRef(**e) for e in last.get("entities") or []]
    listed = [EntityRef(**e) for e in (last.get("carried") or {}).get("referents") or []]
    if has(text, "BOTH_REF") and len(listed or named) >= 2:
        return (listed or named)[:2]
    if has(text, "ORDINAL_REF") and listed:
        return listed[:1]
    if has(text, "SCOPE_REF") and named:
        return named
    if has(text, "PRONOUN"):
        return (listed[:1] if last.get("intent") in LIST_INTENTS and listed else named) or None
    return None


def _same_place_question(u: Understanding, last: dict[str, Any]) -> bool:
    """A short gap or change question right after a question on a place: still that place, not the province."""
    if u.entities or not last.get("entities") or u.has("ANHUI_WIDE"):
        return False
    s = u.slots
    asks_gap = s.threshold is not None and u.has("GAP_WORDS")
    asks_change = s.base_year is not None or u.has("CHANGE_WORDS")
    return bool(asks_gap or asks_change) and len(u.text) <= 20


def _same_target_question(u: Understanding, last: dict[str, Any]) -> bool:
    """A target or progress question naming no indicator, right after one on an indicator: the same indicator."""
    if not (u.intent == last.get("intent") == "province") or not (last.get("carried") or {}).get("indicators"):
        return False
    s = u.slots
    if s.metric or s.threshold is not None or s.tier_range or s.amounts_yi or u.entities:
        return False
    lowered = u.text.lower()
    return not any(word.lower() in lowered for words in vocab()["indicators"].values() for word in words)


def _most_specific(entities: list, text: str = "") -> list:
    """The entities the question is about.

    A county drops out when one of its own clusters is named too (和县的化工新材料集群 is about the cluster);
    a sector name shared by several clusters keeps the clusters of the counties named with it
    (蒙城县和长丰县的汽车零部件集群); a name right after 不是 / 除了 is ruled out.
    """
    named_counties = {e.name for e in entities if e.kind == "county"}
    by_alias: dict[str, list] = {}
    for e in entities:
        if e.kind == "cluster":
            by_alias.setdefault(e.matched or e.name, []).append(e)
    for group in by_alias.values():
        chosen = [e for e in group if e.county in named_counties]
        if len({e.name for e in group}) > 1 and chosen:
            # each kept cluster is now named by its county and the sector, no longer ambiguous
            named = {id(e): e.model_copy(update={"matched": f"{e.county}{e.matched or ''}"}) for e in chosen}
            entities = [named.get(id(e), e) for e in entities if e not in group or e in chosen]
    kept = []
    for e in entities:
        at = text.find(e.matched or e.name) if text else -1
        if at > 0 and NEGATED.search(text[max(0, at - 4):at]) and len(entities) > 1:
            continue
        kept.append(e)
    cluster_counties = {e.county for e in kept if e.kind == "cluster"}
    unique: dict[tuple[str, str], Any] = {}
    for e in kept:
        if not (e.kind == "county" and e.name in cluster_counties):
            unique.setdefault((e.kind, e.name), e)
    return list(unique.values())


def _continues(u: Understanding, previous: str | None) -> bool:
    """Whether what this turn brings (a place, a year or tier, a task or unit) fits the previous question."""
    s = u.slots
    if u.entities:
        return previous in ENTITY_CARRIERS
    if s.tasks or s.term or u.units:
        return previous in POLICY_CARRIERS
    if s.years or s.threshold is not None or s.amounts_yi or s.metric or s.top_n:
        return previous in NUMBER_CARRIERS
    return previous in SLOT_CARRIERS


_NEXT_ONE = re.compile(r"下[一1]?(?:个|名|位|家)|\bnext\b", re.IGNORECASE)
CARRIED_SLOTS = ("threshold", "metric", "base_year", "sector", "term")


def _merge_followup(u: Understanding, last: dict[str, Any]) -> None:
    from clusterbot.tools.models import EntityRef

    s = u.slots
    previous = last["intent"]
    u.followup = True
    u.intent = previous
    named_here = [e for e in u.entities if e.kind != "city"]
    if named_here and (previous in LIST_INTENTS or (previous == "race" and len(named_here) == 1)):
        # "那X呢" after a list: the same question for X (its gap to the level, else its figures), not the list again
        level = s.threshold if s.threshold is not None else last.get("threshold")
        u.intent = "gap" if level is not None and previous != "rank" else "profile"
    if previous in ("profile", "compare") and s.threshold is not None and u.has("GAP_WORDS"):
        u.intent = "gap"  # a level and a gap word after a place's figures: that place's gap
    if previous in ("who_leads", "task_content", "definition", "clause") and u.has("LEADS"):
        u.intent = "who_leads"
    elif previous in ("who_leads", "definition") and u.has("CONTENT"):
        u.intent = "task_content"  # "这条具体写了啥" after who leads it: the clause's text
    wants_compare = u.has("COMPARE") or u.has("COMPARE_TURN")
    if wants_compare and len(u.entities) == 1 and last.get("entities"):
        u.intent = "compare"
    if u.intent == "compare" and len(u.entities) == 1 and last.get("entities"):
        u.entities = [EntityRef(**last["entities"][0]), u.entities[0]]
    elif not u.entities and last.get("entities"):
        u.entities = [EntityRef(**e) for e in last["entities"]]
    if u.entities and previous in ENTITY_CARRIERS and (u.has("PACE") or u.has("HISTORY")):
        # "按这个速度呢", "前几年呢": the growth rate just shown, or the earlier years of the same series
        u.intent = "pace" if u.has("PACE") else "history"
    elif previous == "pace" and s.years and not u.has("PACE"):
        u.intent = "gap"  # a target year after a projection: the growth needed to get there by then
    if not u.units:
        u.units = list(last.get("units") or [])
    if not s.years and u.intent != "gap":  # a gap's year is the year to reach the level by, not a data year
        s.years = list(last.get("years") or [])
    if s.absent_metrics and s.metric is None:  # the turn asks a quantity nothing holds: that, not the last one
        u.intent = "profile"
    for name in CARRIED_SLOTS:  # what this turn leaves open, the last one said
        if getattr(s, name) is None and not (name == "metric" and s.absent_metrics):
            setattr(s, name, last.get(name))
    if not s.tasks:
        s.tasks = list(last.get("tasks") or [])
    if s.top_n is None:
        s.top_n = last.get("top_n")
        s.ascending = bool(last.get("ascending"))
        if s.top_n and previous in LIST_INTENTS and _NEXT_ONE.search(u.text):
            s.top_n += 1  # "next one" after the top three: the list down to the fourth
    u.carried = dict(last.get("carried") or {})
    if s.clause_ref is None and previous == "clause":
        s.clause_ref = last.get("clause_ref")
    if u.lang == "zh" and last.get("lang") == "en" and not re.search(r"[\u4e00-\u9fff]{3,}", u.text):
        u.lang = "en"
