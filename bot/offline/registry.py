"""The question-kind registry (kinds.yaml): cue phrases, kinds and the scorer that picks a kind.

Kinds are chosen by how much of the question a kind's rule accounts for, never by the order of rules.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Any

from pydantic import BaseModel, Field

from clusterbot.bot.offline.slots import KNOWN_THRESHOLDS, Slots
from clusterbot.yamlfiles import read_yaml


class Rule(BaseModel):
    all: list[str] = Field(default_factory=list)
    any: list[str] = Field(default_factory=list)
    any2: list[str] = Field(default_factory=list)
    none: list[str] = Field(default_factory=list)
    weight: int = 0


class QuestionKind(BaseModel):
    name: str
    examples: list[str] = Field(default_factory=list)
    requires: list[str] = Field(default_factory=list)
    tools: list[str] = Field(default_factory=list)
    template: str | list[str] | None = None
    carries: list[str] = Field(default_factory=list)
    when: list[Rule] = Field(default_factory=list)


class Registry(BaseModel):
    cues: dict[str, re.Pattern]
    kinds: dict[str, QuestionKind]
    measures: list[str] = Field(default_factory=list)
    not_districts: list[str] = Field(default_factory=list)
    zones: list[str] = Field(default_factory=list)

    model_config = {"arbitrary_types_allowed": True}


@cache
def registry() -> Registry:
    raw = read_yaml(resources.files("clusterbot.bot.offline").joinpath("kinds.yaml"))
    cues = {name: re.compile("|".join(f"(?:{p})" for p in phrases), re.IGNORECASE)
            for name, phrases in raw["cues"].items()}
    kinds = {name: QuestionKind(name=name, **spec) for name, spec in raw["kinds"].items()}
    for kind in kinds.values():
        for rule in kind.when:
            for item in rule.all + rule.any + rule.any2 + rule.none:
                if item.isupper() and item not in cues:
                    raise ValueError(f"kinds.yaml: kind {kind.name} names an unknown cue group {item}")
                if not item.isupper() and item not in SLOT_TESTS:
                    raise ValueError(f"kinds.yaml: kind {kind.name} names an unknown slot {item}")
    return Registry(cues=cues, kinds=kinds, measures=list(raw.get("measures") or []),
                    not_districts=list(raw.get("not_districts") or []), zones=list(raw.get("zones") or []))


def cue_spans(text: str) -> dict[str, list[tuple[int, int]]]:
    """Every cue group that occurs in the (normalised) text, with the spans its phrases cover."""
    lowered = text.lower()
    found: dict[str, list[tuple[int, int]]] = {}
    for name, pattern in registry().cues.items():
        spans = [m.span() for m in pattern.finditer(lowered) if m.end() > m.start()]
        if spans:
            found[name] = spans
    return found


SLOT_TESTS: dict[str, Any] = {
    "entities": lambda s, e, u: bool(e),
    "two_entities": lambda s, e, u: len(e) >= 2,
    "counties_only": lambda s, e, u: bool(e) and all(x.kind == "county" for x in e),
    "city": lambda s, e, u: any(x.kind == "city" for x in e),
    "units": lambda s, e, u: bool(u),
    "tasks": lambda s, e, u: bool(s.tasks),
    "term": lambda s, e, u: bool(s.term),
    "clause_ref": lambda s, e, u: bool(s.clause_ref),
    "metric": lambda s, e, u: bool(s.metric),
    "sector": lambda s, e, u: bool(s.sector),
    "years": lambda s, e, u: bool(s.years),
    "top_n": lambda s, e, u: bool(s.top_n),
    "top_n_many": lambda s, e, u: bool(s.top_n and s.top_n > 1),
    "threshold": lambda s, e, u: s.threshold is not None,
    "custom_threshold": lambda s, e, u: s.threshold is not None and s.threshold not in KNOWN_THRESHOLDS,
    "tier_range": lambda s, e, u: bool(s.tier_range),
    "amounts": lambda s, e, u: bool(s.amounts_yi),
}


def _present(item: str, cues: dict, slots: Slots, entities: list, units: list[str]) -> bool:
    if item.isupper():
        return item in cues
    return bool(SLOT_TESTS[item](slots, entities, units))


def _covered(items: list[str], cues: dict) -> int:
    """Characters of the question the rule's cue phrases account for."""
    chars: set[int] = set()
    for item in items:
        for start, end in cues.get(item, ()):
            chars.update(range(start, end))
    return len(chars)


def score(rule: Rule, cues: dict, slots: Slots, entities: list, units: list[str]) -> int | None:
    """The rule's score for this question, or None when one of its conditions fails."""
    present = lambda item: _present(item, cues, slots, entities, units)  # noqa: E731
    if not all(present(i) for i in rule.all) or any(present(i) for i in rule.none):
        return None
    met = list(rule.all)
    for group in (rule.any, rule.any2):
        if group:
            hits = [i for i in group if present(i)]
            if not hits:
                return None
            met += hits[:1]
    return 10 * len(met) + _covered([i for i in met if i.isupper()], cues) + rule.weight


def choose(text: str, slots: Slots, entities: list, units: list[str],
           cues: dict | None = None) -> tuple[str | None, dict[str, int]]:
    """The best-scoring kind (None when no rule holds) and every candidate's score, for tracing."""
    cues = cue_spans(text) if cues is None else cues
    scores: dict[str, int] = {}
    for kind in registry().kinds.values():
        for rule in kind.when:
            value = score(rule, cues, slots, entities, units)
            if value is not None and value > scores.get(kind.name, -10**6):
                scores[kind.name] = value
    if not scores:
        return None, scores
    return max(scores, key=lambda k: scores[k]), scores


def kind_cues(kind: str) -> set[str]:
    """The cue groups a kind's rules use."""
    spec = registry().kinds.get(kind)
    if spec is None:
        return set()
    return {item for rule in spec.when for item in rule.all + rule.any + rule.any2 if item.isupper()}


def foreign_measures(kind: str, cues) -> list[str]:
    """Measure cues of the question that the kind does not compute (see `measures` in kinds.yaml)."""
    used = kind_cues(kind)
    return [m for m in registry().measures if m in cues and m not in used]


def classify(text: str, slots: Slots, entities: list, units: list[str]) -> str | None:
    """The kind of a question read on its own (no conversation), or None when no kind's rule holds."""
    return choose(text, slots, entities, units)[0]


def has(text: str, cue: str) -> bool:
    """Whether a cue group of kinds.yaml occurs in the text."""
    return bool(registry().cues[cue].search(text.lower()))


def find(text: str, cue: str):
    """The first match of a cue group in the text, or None."""
    return registry().cues[cue].search(text.lower())
