"""One mistyped character in a place name, read as the place it most likely names.

A run of the question that differs from a county's or city's short name in one character is read as
that name when the text right after it says so — the right 县/市 follows, or one of that place's cluster
industries follows (霍X铁基新材料) — or when the character typed sounds the same as the one meant (宣成 for
宣城: a pinyin input slip). The same sound outweighs a fitting suffix; two places that fit equally well are a
tie: nothing is rewritten and the name check asks back.
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from clusterbot.tools.snapshot import Snapshot

_CJK = re.compile(r"[\u4e00-\u9fff]")
ADMINISTRATIVE = set("省市县区乡镇村国")
NUMERALS = set("亿万千百十零〇一二三四五六七八九两几")  # 百亿县 is no 黟县
QUESTION_CHARS = set("多哪啥么谁吗呢怎什咋")  # 多远 is no 定远: a question word names no place
# 县/市 that begin a word of their own (市场, 市民, 县城, 县域 …) are no place suffix
COMPOUND_AFTER_SUFFIX = re.compile(r"[场民级委区长里内域城直属辖属]")


@dataclass(frozen=True)
class Place:
    name: str  # the full name (霍邱县)
    short: str  # the short name (霍邱)
    suffix: str  # 县 or 市
    industries: tuple[str, ...]  # industries of its clusters as their names write them (铁基新材料)


@dataclass(frozen=True)
class Correction:
    typed: str
    meant: str
    full: str


def places(snap: Snapshot) -> list[Place]:
    memo = snap.cache.get("typo_places")
    if memo is None:
        found: list[Place] = []
        for county in snap.counties.values():
            industries = tuple(sorted({c.short_name.removeprefix(county.short_name) for c in snap.clusters.values()
                                       if c.county == county.name and len(c.short_name) > len(county.short_name)}))
            found.append(Place(county.name, county.short_name, county.name[-1], industries))
        for city in snap.cities.values():
            found.append(Place(city.name, city.short_name, "市", ()))
        memo = snap.cache["typo_places"] = [p for p in found if len(p.short) >= 2]
    return memo


def one_off(a: str, b: str) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) == 1


@cache
def _readings_table() -> dict[int, str]:
    """pypinyin's table of character readings, loaded on its own: the package's phrase dictionaries (0.2 s and tens
    of MB at import) are not needed to compare two characters."""
    spec = importlib.util.find_spec("pypinyin")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(next(iter(spec.submodule_search_locations))) / "pinyin_dict.py"
    module_spec = importlib.util.spec_from_file_location("clusterbot_pinyin_readings", path)
    if module_spec is None or module_spec.loader is None:
        return {}
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return module.pinyin_dict


def _readings(ch: str) -> set[str]:
    raw = _readings_table().get(ord(ch), "")
    plain = "".join(c for c in unicodedata.normalize("NFD", raw) if not unicodedata.combining(c))
    return {r for r in plain.split(",") if r}


def sounds_same(typed: str, meant: str) -> bool:
    """The one differing character shares a reading (tones aside) with the one meant."""
    pairs = [(a, b) for a, b in zip(typed, meant, strict=True) if a != b]
    return len(pairs) == 1 and bool(_readings(pairs[0][0]) & _readings(pairs[0][1]))


def correct(text: str, snap: Snapshot, known: str) -> Correction | None:
    """The one correction the text supports, or None (no typo, or a tie). `known`: every name, lower case."""
    fits: dict[tuple[int, str], list[tuple[int, Place]]] = {}
    taken = [(m.start(), m.end()) for place in places(snap) for name in (place.name, place.short)
             for m in re.finditer(re.escape(name), text)]
    for place in places(snap):
        n = len(place.short)
        if place.short in text:
            continue
        one_char = place.short[-1] in "县市"  # 和县, 歙县: only a same-sounding slip of the one character is read
        for start in range(0, len(text) - n + 1):
            typed = text[start:start + n]
            if not one_off(typed, place.short) or not all(_CJK.match(ch) for ch in typed):
                continue
            if typed in known or any(start < end and begin < start + n for begin, end in taken):
                continue  # another real name, part of one, or overlapping one (那和县: 和县 is a county)
            if any(a != b and (a in ADMINISTRATIVE or b in "县市区" or a in NUMERALS or a in QUESTION_CHARS) for a, b in zip(typed, place.short, strict=True)):
                continue  # 全省 is no misspelt 全椒: the character that differs names a level of government
            after = text[start + n:start + n + 8]
            suffix_fits = after.startswith(place.suffix) and not COMPOUND_AFTER_SUFFIX.match(after[1:2])
            industry_fits = any(after.lstrip("县市的").startswith(word[:2]) for word in place.industries if word)
            # a one-character name (萧县) needs the same sound and one of its industries after it, or the question's start
            same = sounds_same(typed, place.short)
            if (same and (industry_fits or start == 0)) if one_char else (suffix_fits or industry_fits or same):
                # the same sound is the stronger sign: 芦江县 is 庐江县 (lu), not 望江县, though both end in 江县
                strength = 2 if same else 1
                fits.setdefault((start, typed), []).append((strength, place))
    if len(fits) != 1:
        return None
    (start, typed), found = next(iter(fits.items()))
    best = max(strength for strength, _ in found)
    top = [place for strength, place in found if strength == best]
    if len(top) != 1:
        return None
    return Correction(typed=typed, meant=top[0].short, full=top[0].name)
