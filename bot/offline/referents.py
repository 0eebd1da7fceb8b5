"""Follow-ups by referents: what the last answer named, and what an ordinal, 下一条 or 这条 points at.

The state kept between turns is the ordered list of clauses the last answer listed or cited (a section
and its tasks count as its tasks) and the units it was about. 第二条 / 第四项 index that list, 下一条 /
再下一条 is the clause after the last one shown in reading order, 这条 / 它 is the one clause shown.
A reference with nothing to resolve is asked back, never guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from clusterbot.lazy_regex import LazyPattern
from clusterbot.retrieval.units import fold

ORDINAL = LazyPattern(r"第\s*(\d{1,2}|[一二两三四五六七八九十]{1,3})\s*(?:条|项|个|点|款|行)")
LAST_ONE = LazyPattern(r"最后(?:的)?(?:那|这)?[一1]?(?:条|项|个)|\bthe last one\b")
NEXT = LazyPattern(r"下[一1]?(?:条|项|个|款|点)|后[一1](?:条|项|个)|接下来(?:的|那)?[一1]?(?:条|项)|\bnext\b")
PREVIOUS = LazyPattern(r"上[一1](?:条|项|个|款)|前[一1](?:条|项|个)|\bprevious\b")
ENGLISH_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6}
ENGLISH_ORDINAL = LazyPattern(r"\bthe (first|second|third|fourth|fifth|sixth)\b(?: one| clause| task)?")
THIS = LazyPattern(r"这[一1]?(?:条|项|个任务|个条款|款|件事)|那[一1]?(?:条|项|个任务)|该(?:条|项|任务)|(?<!其)它|\bit\b"
                  r"|\bthis (?:one|clause|task)\b|\bthat (?:one|clause|task)\b")
# "这条里", "里面对X…", "其中": inside the clause just shown, whatever else the question names.
IN_THIS = LazyPattern(r"(?:这|该|本)[一1]?(?:条|项)(?:里|中|内|当中)|^(?:那么?)?(?:这里面|这里头|里面|里头|其中)|\bin (?:it|this (?:clause|task))\b")
# A word of relation right before a demonstrative (也是这条里, 在这条里): it points back, whatever precedes.
_RELATION = set("在于是也和跟从对把被按给与及到就都还")
# "这两条", "both tasks": the last clauses shown one per turn, taken together.
PAIR = LazyPattern(r"(?:这|那|上面|前面|刚才)(?:两|二|2)(?:条|项|个任务|个条款)|\bboth (?:tasks|clauses)\b"
                  r"|\b(?:these|those) two (?:tasks|clauses)\b")
# "它下面第一条", "其中的第二项": an ordinal counted inside the clause shown, not beside it.
INSIDE = LazyPattern(r"下面|下边|底下|下属|下设|里面|里头|其中|之下|当中|\bunder it\b|\bwithin it\b")
CLAUSE_WORD = LazyPattern(r"这[一1]?(?:条|项|款)|那[一1]?(?:条|项)|该(?:条|项)|\bthis (?:clause|task)\b")
# A demonstrative right after the words that describe what it points at ("煤电机组改造这项工作", "X，这条"):
# the question names its own task, and the pronoun points back inside the question.
# A word of relation before it (在这条里, 也是这条) or a place word after it (这条里) makes it a real referent.
DESCRIBED = LazyPattern(r"[\u4e00-\u9fff”\"」』]{3}[^\W在于是也和跟从对把被按给与及到就都还][\s，,、”\"」』]*"
                       r"(?:这|那|该)[一1]?(?:项|条|块|件事|事|个任务|个事)(?![里中内上下])")
# "数字化那块", "绿色转型这部分": a part of the text named by a word of its heading, pointed at as an area.
AREA = LazyPattern(r"([\u4e00-\u9fff“”]{2,8}?)(?:那|这)?(?:一)?(?:块|部分|板块|方面)(?:的|里|中|下面|下边|底下)")
# A section named with the ordinal (三（一）第二条, 第四部分第一条) points into the document, not the last answer.
SECTION_NAMED = LazyPattern(r"部分|章|[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|^[一二三四五六七八九十]、")


@dataclass
class Shown:
    """What the last answer listed: clause ids in order, and the units it was about."""

    clauses: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    unit_list: bool = False  # the answer was a unit's own task list (so asking the other role next continues that unit)
    role: str = ""  # the role that list was asked in (so "那X呢" asks the same of unit X)
    recent: list[str] = field(default_factory=list)  # clauses shown one by one over the last turns, oldest first
    recent_units: list[str] = field(default_factory=list)  # units asked about one by one (两家都…), oldest first

    def dump(self) -> dict[str, Any]:
        return {"clauses": self.clauses, "units": self.units, "unit_list": self.unit_list, "role": self.role,
                "recent": self.recent, "recent_units": self.recent_units}

    @classmethod
    def load(cls, raw: dict[str, Any] | None) -> Shown:
        raw = raw or {}
        return cls(clauses=list(raw.get("clauses") or []), units=list(raw.get("units") or []),
                   unit_list=bool(raw.get("unit_list")), role=str(raw.get("role") or ""),
                   recent=list(raw.get("recent") or []), recent_units=list(raw.get("recent_units") or []))


def carry(previous: Shown, now: Shown) -> Shown:
    """What the next turn may point at: this turn's list, plus the single clauses of the last few turns (这两条)."""
    if now is previous:
        return now
    recent = [c for c in previous.recent if c not in now.clauses]
    if len(now.clauses) == 1:
        recent.append(now.clauses[0])
    elif now.clauses:
        recent = []
    now.recent = recent[-4:]
    units = [unit for unit in previous.recent_units if unit not in now.units]
    now.recent_units = (units + now.units)[-4:] if len(now.units) == 1 else (now.units[-4:] or units[-4:])
    return now


def listed(clause_ids: list[str]) -> list[str]:
    """Cited clauses as a list a reader counts: a clause cited with its own sub-clauses stands for them."""
    ids = list(dict.fromkeys(clause_ids))
    return [c for c in ids if not any(o != c and o.startswith(c + ".") for o in ids)]


@dataclass
class Reference:
    """What a follow-up points at: clause ids, or a question to ask back (`ask_back` names the kind)."""

    clauses: list[str] = field(default_factory=list)
    ask_back: str | None = None
    kind: str = ""


def reading_order(corpus) -> list[str]:
    """Clauses a reader steps through with 下一条: every clause with text of its own, tables aside."""
    return [c.clause_id for c in corpus.clauses() if c.text and c.kind not in ("table", "table_row")]


def points(text: str, explicit: bool) -> str | None:
    """The kind of reference the question makes ('ordinal', 'next', 'previous', 'this'), or None.

    `explicit`: the question names a task, a clause or a section itself, so a pronoun is not needed.
    """
    folded = fold(text)
    if PAIR.search(folded) and not explicit:
        return "pair"
    inside = IN_THIS.search(folded)
    if inside and not ORDINAL.search(folded):
        before = folded[:inside.start()].rstrip(" ，,、”\"")
        if explicit and len(re.findall(r"[\u4e00-\u9fff]", before)) >= 4 and before[-1] not in _RELATION:
            return None  # "<task title>这条里…": the demonstrative points at the task named right before it
        return "this"
    if ORDINAL.search(folded) or ENGLISH_ORDINAL.search(folded) or LAST_ONE.search(folded):
        return None if explicit and SECTION_NAMED.search(folded) else "ordinal"
    if NEXT.search(folded):
        return "next"
    if PREVIOUS.search(folded):
        return "previous"
    if THIS.search(folded) and not explicit:
        return "this"
    return None


def described(text: str) -> bool:
    """Whether the question's demonstrative points at a description the question itself gives."""
    folded = fold(text)
    m = DESCRIBED.search(folded)
    if m is None:
        return False
    head = re.sub(r"^(?:那么|那|还有|再问|问一下|我想问|请问)+", "", folded[:m.end()])
    return len(re.findall(r"[\u4e00-\u9fff]", head)) >= 6


def resolve(text: str, kind: str, shown: Shown, corpus) -> Reference:
    """The clauses a reference of `kind` points at in what was shown, or what to ask back."""
    folded = fold(text)
    items = shown.clauses
    if kind == "pair":
        pair = items if len(items) == 2 else shown.recent[-2:]
        return Reference(clauses=list(pair), kind=kind) if len(pair) == 2 else Reference(ask_back="nothing", kind=kind)
    if not items:
        return Reference(ask_back="nothing", kind=kind)
    if kind == "ordinal":
        if LAST_ONE.search(folded):
            # the last of a heading shown alone (its actions listed under it) is its last item, else the last shown
            heading = corpus.clause(items[0]) if len(items) == 1 else None
            inner = heading.children if heading is not None and not heading.text else []
            return Reference(clauses=[inner[-1] if inner else items[-1]], kind=kind)
        m = ORDINAL.search(folded)
        n = ordinal_number(m.group(1)) if m else ENGLISH_ORDINALS[ENGLISH_ORDINAL.search(folded).group(1)]  # type: ignore[union-attr]
        if 1 <= n <= len(items) and len(items) > 1:
            return Reference(clauses=[items[n - 1]], kind=kind)
        if len(items) == 1:
            # one clause shown: the n-th of its own items when it is a heading over them (第三个 after a section
            # listed its actions) or the question looks inside it, else the n-th of its section (第二条 after the first task of 三（一）)
            shown_clause = corpus.clause(items[0])
            children = shown_clause.children if shown_clause is not None else []
            if children and (INSIDE.search(folded) or not (shown_clause and shown_clause.text)):
                return Reference(clauses=[children[n - 1]], kind=kind) if 1 <= n <= len(children) \
                    else Reference(ask_back="ordinal", kind=kind)
            sibling = _sibling(corpus, items[0], n)
            return Reference(clauses=[sibling], kind=kind) if sibling else Reference(ask_back="ordinal", kind=kind)
        return Reference(ask_back="ordinal", kind=kind)
    if kind in ("next", "previous"):
        order = reading_order(corpus)
        anchor = items[-1] if kind == "next" else items[0]
        if anchor not in order:
            return Reference(ask_back="nothing", kind=kind)
        at = order.index(anchor) + (1 if kind == "next" else -1)
        if not 0 <= at < len(order):
            return Reference(ask_back="end", kind=kind)
        return Reference(clauses=[order[at]], kind=kind)
    if len(items) == 1:
        return Reference(clauses=list(items), kind=kind)
    return Reference(ask_back="which", kind=kind)


def in_section(corpus, section_id: str, text: str) -> str | None:
    """The n-th item of a section the question names by its heading (主要任务里第二条): its n-th task when the
    section is a heading over headings and the question counts 条, else its n-th child."""
    m = ORDINAL.search(fold(text))
    section = corpus.clause(section_id)
    if m is None or section is None or not section.children:
        return None
    n = ordinal_number(m.group(1))
    children = corpus.children(section_id, section.doc_id or None)
    items = [c.clause_id for c in children]
    if "条" in m.group(0) and not any(c.lead_units for c in children):
        prefix = section_id + "."
        items = [t.clause_id for t in corpus.tasks(section.doc_id or None) if t.clause_id.startswith(prefix)]
    return items[n - 1] if 1 <= n <= len(items) else None


# The items of a part asked for: what it holds, how many, which.
ITEMS_ASKED = LazyPattern(r"下面|下设|下属|底下|包括|包含|分为|分成|有哪[几些]|有几|几[条项个]|哪[几些][条项个]?(?:任务|工作|事)"
                         r"|\b(?:which|what|how many) (?:tasks|items|parts)\b")


def section_listed(corpus, text: str) -> str | None:
    """A section named by its heading (or a word of it pointed at as an area) whose items the question asks."""
    if not ITEMS_ASKED.search(fold(text)):
        return None
    found = section_named(corpus, text)
    children = corpus.children(found) if found is not None else []
    # a part holding tasks or headings (its table of targets is read by the target readers)
    return found if children and all(c.kind not in ("table", "table_row") for c in children) else None


def section_named(corpus, text: str) -> str | None:
    """A section of the policy named by its heading (总体要求, 集群数字化改造行动 …), or by a word of one heading
    pointed at as an area."""
    for clause in corpus.clauses():
        if clause.kind not in ("section", "subsection") or not clause.title:
            continue
        title = re.sub(r"[“”\"]", "", clause.title)
        variants = {title, title.removeprefix("实施"), title.removeprefix("实施集群")}
        if clause.parent_id is None:  # a part's heading without its verb (完善工作机制 → 工作机制)
            variants.add(title[2:])
        if any(len(v) >= 4 and v in text for v in variants):
            return clause.clause_id
    return heading_by_topic(corpus, text)


def heading_by_topic(corpus, text: str) -> str | None:
    """The one heading with parts under it whose title holds the word the question names an area by
    (数字化那块 → 实施集群数字化改造行动); None when no heading or several hold it."""
    m = AREA.search(fold(text))
    if m is None:
        return None
    word = re.sub(r"^(?:文件|原文|政策|讲|关于|有关)+|的$", "", m.group(1).replace("“", "").replace("”", ""))
    if len(word) < 2:
        return None
    held = [c.clause_id for c in corpus.clauses() if c.kind in ("section", "subsection") and c.children
            and word in c.title.replace("“", "").replace("”", "")]
    return held[0] if len(held) == 1 else None


def ordinal_number(text: str) -> int:
    """第3 / 第三 → 3 (numerals in names such as 一条 are kept as written by the normaliser)."""
    from clusterbot.bot.offline.normalize import cn_to_int

    return int(text) if text.isdigit() else (cn_to_int(text) or 0)


def _sibling(corpus, clause_id: str, n: int) -> str | None:
    clause = corpus.clause(clause_id)
    parent = corpus.parent(clause) if clause is not None else None
    if parent is None or not 1 <= n <= len(parent.children):
        return None
    return parent.children[n - 1]
