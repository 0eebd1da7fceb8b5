"""The unit–task table read by role: which tasks a unit leads or supports, and set operations over units.

Each unit named in a question gets the role the words next to it ask (牵头 → lead, 配合 → support,
参与 / in any role → either); several units are combined as the question says (都/同时/both →
tasks common to all, 或/either → tasks of any, 分别 → each unit's own list; two units asked in
different roles → the tasks where both hold).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from clusterbot.lazy_regex import LazyPattern
from clusterbot.retrieval.units import alias_table, ascii_word_bounded, fold

Role = Literal["lead", "support", "any"]
Combine = Literal["all", "any", "each"]

YES_NO = LazyPattern(r"是不是|是否|对吗|对不对|有没有|([\u4e00-\u9fff])[没不]\1|吗\s*[?？]?\s*$|^(?:is|are|does|do|did|was)\b")
LEAD = LazyPattern(r"牵头|主抓|主责|领头|挂帅|打头阵|\blead(?:s|ing)?\b|\bin charge\b")
SUPPORT = LazyPattern(r"配合|协助|协同|协办|帮衬|帮忙|打下手|支持单位|\bsupport(?:s|ing|ed)?\b|\bassist")
EITHER_ROLE = LazyPattern(r"参与|涉及|有份|不论|无论|involv|\btake part\b|\bparticipat|in any role|any role|either role|whatever role")
# A role the asker rules out ("配合单位而不是牵头", "rather than the lead"): not the role asked.
NOT_ROLE = LazyPattern(r"(?:而不是|(?<!是)不是|并非|而非|不作为|不当|rather than|instead of|not as|not)\s*(?:the\s+|as\s+|a\s+)?"
                      r"(?:作为)?(?:牵头|配合|lead|support)\w*"
                      r"|(?:牵头|配合|参与)的?(?:任务)?(?:先)?(?:不用列|不列|不要|不用|不看|除外|不算)")
ALL = LazyPattern(r"都|也|同时|共同|一起|均|两者|二者|\bboth\b|\btogether\b|\ball of\b|\bjointly\b")
ANY = LazyPattern(r"或者|或|\beither\b|任一|任何一[个家]|之一|\bany of\b|\bor\b")
EACH = LazyPattern(r"分别|各自|\brespectively\b|\beach\b")
# "几条，分别是啥": 分别 asks what the counted items are, not each unit's own list.
EACH_ITEM = LazyPattern(r"分别(?:是|为|有|叫)?(?:啥|什么|哪些|哪几|哪个|哪项|哪条)|(?:几|多少)[条项个件]?[，,]?分别")
# Whether two units hold the same tasks: their lists compared, yes or no first.
SAME = LazyPattern(r"一模一样|一样|相同|一致|完全重合|没(?:有)?(?:区别|差别|不同)|\bthe same\b|\bidentical\b")
# A unit the asker rules out ("B没有参与", "B却没配合", "但没有B的"): its tasks are taken away.
NEGATED_AFTER = LazyPattern(r"^\s*(?:却|但|倒|并|也|都)?(?:没有|没|未|不)(?:有|曾)?(?:作为)?(?:牵头|配合|参与|参加|涉及|在内|在列|在其中|出现)"
                           r"|^\s*(?:不在|没在)")
# A unit that has no part at all ("既不牵头也不配合", "跟X没关系"): the tasks it is absent from.
NO_PART = LazyPattern(r"既不.{0,4}(?:牵头|配合|参与).{0,4}也不.{0,4}(?:牵头|配合|参与)|(?:牵头|配合)(?:和|也|或|、)?(?:牵头|配合)?都(?:不|没)"
                     r"|都不(?:参与|沾边|涉及)|关系(?:都|也)?没有|没(?:有|啥|什么)?关系|无关|不沾边"
                     r"|\bneither\b.{0,30}\bnor\b|\bnot involved\b|\buninvolved\b|\bno part\b|\bno role\b")
# Asking for tasks as a list (a yes or no on a ruled-out unit is not one).
LIST_ASKED = LazyPattern(r"哪|什么|啥|\bwhich\b|\bwhat\b|\blist\b")
NEGATED_BEFORE = LazyPattern(r"(?:(?<![有是])没有|不含|不包括|不包含|除去|排除|看不到|看不见|见不到|\bbut not\b|\bwithout\b|\bexcept\b)\s*$")
# A unit's short stem (工信, 文旅) names it only when it stands in a list next to a unit named in full.
_STEM_SUFFIX = LazyPattern(r"^([\u4e00-\u9fff]{2,})(?:厅|局|委|办)$")
# What may stand between two units of one group ("A和B", "A、B", "A and the provincial B").
JOINER = LazyPattern(r"^(?:\s|和|与|及|跟|同|、|，|,|以及|还有|或者|或|and|or|&|/|the|provincial|省)*$")
ASKS_TASKS = LazyPattern(r"任务|工作|事项|职责|分工|哪[些几项条]|哪[一1][条项]|什么事|啥|几[项条件]|多少[项条件]|\btasks?\b|\bduties\b|asked to do|"
                        r"(?:supposed|expected|required|meant|told) to do|responsible for|\brole\b|\bwhat\b.*\bdo\b|\bwhich\b|"
                        r"\blist\b")
MOST = LazyPattern(r"(?P<role>配合|牵头|参与|责任)单位(?:数量?|个数)?(?:最(?P<d1>多|少))|最(?P<d2>多|少)的?(?P<role2>配合|牵头|参与)单位"
                  r"|(?P<d3>most|fewest|least)\s+(?P<role3>supporting|support|lead|leading|participating)?\s*(?:units|departments)")


@dataclass
class Mention:
    start: int
    end: int
    unit: str


@dataclass
class UnitAsk:
    """Units with the role asked of each, how their task lists combine, and units whose tasks are ruled out."""

    units: list[tuple[str, Role]]
    combine: Combine
    without: list[tuple[str, Role]] = field(default_factory=list)


@cache
def _aliases() -> dict[str, str]:
    """The alias table, with English "department of X" also read as "X department" (and bureau, office …)."""
    table = dict(alias_table())
    for alias, unit in list(table.items()):
        m = re.fullmatch(r"(department|bureau|office|administration|commission) of (.+)", alias)
        if m:
            table.setdefault(f"{m.group(2)} {m.group(1)}", unit)
    return table


def mentions(text: str) -> list[Mention]:
    """Every unit named in the folded text with its position, longest alias first."""
    folded = fold(text)
    table = _aliases()
    taken = [False] * len(folded)
    found: list[Mention] = []
    for alias in sorted(table, key=len, reverse=True):
        if len(alias) < 2:
            continue
        start = 0
        while (pos := folded.find(alias, start)) >= 0:
            end = pos + len(alias)
            start = pos + 1
            if any(taken[pos:end]) or (alias.isascii() and not ascii_word_bounded(folded, pos, end)):
                continue
            taken[pos:end] = [True] * (end - pos)
            found.append(Mention(pos, end, table[alias]))
    found += _stems_in_list(folded, found, taken)
    found.sort(key=lambda m: m.start)
    unique: list[Mention] = []
    for m in found:
        if all(m.unit != u.unit for u in unique):
            unique.append(m)
    return unique


@cache
def _stems() -> dict[str, str]:
    """Stems of the Chinese aliases (工信 of 工信厅) that belong to one unit only and are no alias of their own."""
    table = _aliases()
    owners: dict[str, set[str]] = {}
    for alias, unit in table.items():
        m = _STEM_SUFFIX.match(alias)
        if m and m.group(1) not in table:
            owners.setdefault(m.group(1), set()).add(unit)
    return {stem: next(iter(units)) for stem, units in owners.items() if len(units) == 1}


def _stems_in_list(folded: str, found: list[Mention], taken: list[bool]) -> list[Mention]:
    """Stems joined (和, 、, 与) to a unit already found, repeatedly: "发改和工信", "文旅、商务和工信厅"."""
    added: list[Mention] = []
    grown = True
    while grown:
        grown = False
        anchors = found + added
        for stem, unit in _stems().items():
            start = 0
            while (pos := folded.find(stem, start)) >= 0:
                end, start = pos + len(stem), pos + 1
                if any(taken[pos:end]):
                    continue
                joined = any((m.end <= pos and JOINER.match(folded[m.end:pos]) and folded[m.end:pos].strip())
                             or (end <= m.start and JOINER.match(folded[end:m.start]) and folded[end:m.start].strip())
                             for m in anchors)
                if joined:
                    taken[pos:end] = [True] * (end - pos)
                    added.append(Mention(pos, end, unit))
                    grown = True
    return added


def _role_in(text: str) -> Role | None:
    """The first role word of `text` that the asker does not rule out."""
    ruled_out = [m.span() for m in NOT_ROLE.finditer(text)]
    hits = []
    for role, pattern in (("lead", LEAD), ("support", SUPPORT), ("any", EITHER_ROLE)):
        for m in pattern.finditer(text):
            if not any(s <= m.start() < e for s, e in ruled_out):
                hits.append((m.start(), role))
    if {"lead", "support"} <= {role for _, role in hits}:
        return "any"  # "牵头哪几项，配合哪几项": both lists
    return min(hits)[1] if hits else None  # type: ignore[return-value]


def read_units(text: str) -> UnitAsk | None:
    """The units a question names and the role asked of each (None when it names no unit)."""
    folded = fold(text)
    found = mentions(text)
    if not found:
        return None
    groups: list[list[Mention]] = [[found[0]]]
    for m in found[1:]:
        if JOINER.match(folded[groups[-1][-1].end:m.start]):
            groups[-1].append(m)
        else:
            groups.append([m])
    roles: list[Role] = []
    ruled_out: list[bool] = []
    for i, group in enumerate(groups):
        after_end = groups[i + 1][0].start if i + 1 < len(groups) else len(folded)
        before_start = groups[i - 1][-1].end if i > 0 else 0
        role = _role_in(folded[group[-1].end:after_end]) or _role_in(folded[before_start:group[0].start])
        roles.append(role or "any")
        ruled_out.append(len(groups) > 1 and bool(NEGATED_AFTER.search(folded[group[-1].end:after_end])
                                                  or NEGATED_BEFORE.search(folded[before_start:group[0].start])))
    ruled_alone = NO_PART.search(folded) or NEGATED_AFTER.search(folded[groups[0][-1].end:]) \
        or NEGATED_BEFORE.search(folded[:groups[0][0].start])
    if len(groups) == 1 and ruled_alone and LIST_ASKED.search(folded):
        # one unit ruled out and none kept: the tasks it holds no part in (in the role named, if one is)
        return UnitAsk(units=[], combine="all", without=[(m.unit, roles[0]) for m in groups[0]])
    if any(ruled_out) and not all(ruled_out):
        kept: list[tuple[str, Role]] = [(m.unit, role) for group, role, out in zip(groups, roles, ruled_out, strict=True)
                                        if not out for m in group]
        without: list[tuple[str, Role]] = [(m.unit, role) for group, role, out
                                           in zip(groups, roles, ruled_out, strict=True) if out for m in group]
        return UnitAsk(units=kept, combine="all", without=without)
    units: list[tuple[str, Role]] = [(m.unit, role) for group, role in zip(groups, roles, strict=True) for m in group]
    each = [m.span() for m in EACH.finditer(folded)]
    items = [m.span() for m in EACH_ITEM.finditer(folded)]
    if len(units) == 1:
        combine: Combine = "all"
    elif any(not any(s <= a < e for s, e in items) for a, _ in each):
        combine = "each"
    elif ANY.search(folded) and not ALL.search(folded):
        combine = "any"
    elif ALL.search(folded) or len(set(roles)) > 1:
        combine = "all"
    else:
        combine = "each"
    return UnitAsk(units=units, combine=combine)


def asks_tasks(text: str) -> bool:
    folded = fold(text)
    return bool(ASKS_TASKS.search(folded) or LEAD.search(folded) or SUPPORT.search(folded)
                or re.search(r"参与|参加", folded))


def holds(clause, unit: str, role: Role) -> bool:
    if role == "lead":
        return unit in clause.lead_units
    if role == "support":
        return unit in clause.support_units
    return unit in clause.lead_units or unit in clause.support_units


def select(tasks: list, ask: UnitAsk) -> list:
    """The tasks the combined ask picks, in document order (for `each`, use `select_each`)."""
    tests = [[t for t in tasks if holds(t, unit, role)] for unit, role in ask.units]
    kept = [t for t in tasks if not any(holds(t, unit, role) for unit, role in ask.without)]
    if ask.combine == "any":
        return [t for t in kept if any(t in picked for picked in tests)]
    return [t for t in kept if all(t in picked for picked in tests)]


def most(text: str) -> tuple[Role, bool] | None:
    """(role counted, fewest?) when the question asks which task has the most (or fewest) units."""
    m = MOST.search(fold(text))
    if not m:
        return None
    word = m.group("role") or m.group("role2") or m.group("role3") or ""
    direction = m.group("d1") or m.group("d2") or m.group("d3") or "多"
    role: Role = "lead" if word.startswith(("牵头", "lead")) else ("any" if word in ("参与", "责任", "participating")
                                                                  else "support")
    return role, direction in ("少", "fewest", "least")


def unit_count(clause, role: Role) -> int:
    if role == "lead":
        return len(clause.lead_units)
    if role == "support":
        return len(clause.support_units)
    return len(set(clause.lead_units) | set(clause.support_units))


# Which unit leads (supports, takes part in) the most tasks: the table counted by unit.
UNIT_MOST = LazyPattern(r"(?:哪个|哪家|哪一个|什么)(?:部门|单位|厅局).{0,8}?(?P<role>牵头|配合|参与)(?:的)?(?:任务|工作|事项)?(?:最(?P<d>多|少))"
                       r"|\bwhich (?:unit|department|agency)\b.{0,20}?\b(?P<role2>leads|supports|is involved in|takes part in)"
                       r" the (?P<d2>most|fewest)\b")


def unit_most(text: str) -> tuple[Role, bool] | None:
    """(role counted, fewest?) when the question asks which unit holds the most (or fewest) tasks."""
    m = UNIT_MOST.search(text.lower())
    if not m:
        return None
    word = m.group("role") or m.group("role2") or ""
    role: Role = "lead" if word in ("牵头", "leads") else ("support" if word in ("配合", "supports") else "any")
    return role, (m.group("d") or m.group("d2")) in ("少", "fewest")


def places_outside_units(u) -> list:
    """The places and clusters the question names outside the names of units (文旅厅 names no 文旅 cluster)."""
    from clusterbot.retrieval.units import fold

    rest = fold(u.text)
    for m in mentions(u.text):
        rest = rest[:m.start] + " " * (m.end - m.start) + rest[m.end:]
    return [e for e in u.entities if any(n and fold(n) in rest for n in (e.matched, e.name, e.short_name))]
