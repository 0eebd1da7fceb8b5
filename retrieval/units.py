"""Responsible units: splitting printed unit lists, and matching what users type to unit names."""

from __future__ import annotations

import re
from functools import cache

from clusterbot.paths import SHIPPED_DATA
from clusterbot.yamlfiles import read_yaml

ALIASES_FILE = SHIPPED_DATA / "policy" / "unit_aliases.yaml"

# A fragment ending like this is a complete unit name; anything else (e.g. 各市) joins the next
# fragment with 、, so 各市、县人民政府 stays one unit.
_UNIT_END = re.compile(
    r"(厅|委|局|办|室|政府|组|会|院|部|中心|联|署|处|行|所|社|团|馆|站|公司|集团|单位|机构|部门)$"
)
_UNITS_PAREN = re.compile(r"[（(]\s*牵头单位\s*[：:](?P<body>[^（()）]*(?:[（(][^（()）]*[）)][^（()）]*)*)[）)]")
_HALF_TO_FULL = str.maketrans({",": "，", ":": "：", ";": "；", "(": "（", ")": "）"})


def normalise_punctuation(text: str) -> str:
    """Half-width list punctuation as printed in parts of the policy, made full-width."""
    return text.translate(_HALF_TO_FULL)


def split_units(raw: str) -> list[str]:
    """Split `省发展改革委、省科技厅，各市、县人民政府` into unit names, keeping compound names whole."""
    text = re.sub(r"\s+", "", normalise_punctuation(raw)).strip("，、；。")
    if not text:
        return []
    fragments = [f for f in re.split(r"[、，；]", text) if f]
    units: list[str] = []
    pending = ""
    for fragment in fragments:
        current = f"{pending}、{fragment}" if pending else fragment
        if _UNIT_END.search(current):
            units.append(current)
            pending = ""
        else:
            pending = current
    if pending:
        units.append(pending)
    return list(dict.fromkeys(units))


def extract_units(text: str) -> tuple[str, list[str], list[str]]:
    """Remove the `（牵头单位：…，配合单位：…）` note from `text`; return (text, lead, support)."""
    normalised = normalise_punctuation(text)
    match = _UNITS_PAREN.search(normalised)
    if not match:
        return text, [], []
    body = match.group("body")
    lead_raw, _, support_raw = body.partition("配合单位")
    support_raw = support_raw.lstrip("：:")
    cleaned = (text[: match.start()] + text[match.end():]).strip()
    return cleaned, split_units(lead_raw), split_units(support_raw)


def starts_with_units_note(text: str) -> bool:
    return bool(re.match(r"^\s*[（(]\s*牵头单位\s*[：:]", text))


def fold(text: str) -> str:
    return re.sub(r"[\s\u3000]+", " ", text.lower()).strip()


@cache
def alias_table() -> dict[str, str]:
    """Folded alias -> canonical unit name (canonical names map to themselves)."""
    entries = read_yaml(ALIASES_FILE) or {}
    table: dict[str, str] = {}
    for canonical, aliases in entries.items():
        table[fold(canonical)] = canonical
        for alias in aliases or []:
            table[fold(str(alias))] = canonical
    return table


def canonical_unit(name: str, known: list[str] | None = None) -> str | None:
    """The canonical unit for a name a user typed (`发改委` -> `省发展改革委`), or None."""
    folded = fold(name)
    if not folded:
        return None
    table = alias_table()
    if folded in table:
        return table[folded]
    for unit in known or []:
        if fold(unit) == folded or fold(unit).lstrip("省") == folded:
            return unit
    return None


def find_units(text: str) -> list[str]:
    """Every unit mentioned in free text, longest alias first, in order of appearance."""
    folded = fold(text)
    table = alias_table()
    taken = [False] * len(folded)
    found: list[tuple[int, str]] = []
    for alias in sorted(table, key=len, reverse=True):
        if len(alias) < 2:
            continue
        is_ascii = alias.isascii()
        start = 0
        while (pos := folded.find(alias, start)) >= 0:
            end = pos + len(alias)
            start = pos + 1
            if any(taken[pos:end]):
                continue
            if is_ascii and not ascii_word_bounded(folded, pos, end):
                continue
            taken[pos:end] = [True] * (end - pos)
            found.append((pos, table[alias]))
    found.sort()
    return list(dict.fromkeys(unit for _, unit in found))


def ascii_word_bounded(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isascii() and before.isalnum()) and not (after.isascii() and after.isalnum())
