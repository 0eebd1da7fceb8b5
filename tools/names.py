"""Name matching for counties, clusters and cities: normalisation, exact index, typo suggestions.

Queries and aliases go through the same `normalize`: full-width to half-width, traditional to
simplified characters (zhconv), lower case, no spaces, brackets or apostrophes, and without a
trailing 特色产业集群(基地) / 集群 suffix. An exact hit on several entities is ambiguous; no
hit at all gives typo suggestions ranked by edit distance, never a silent pick.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import zhconv

from clusterbot.tools.snapshot import Snapshot

SUFFIXES = ("特色产业集群基地", "特色产业集群", "产业集群基地", "产业集群", "集群基地", "集群", "基地")
LATIN_SUFFIXES = ("county", "city", "shi", "xian")
STRIP_CHARS = re.compile(r"[\s'’`·\-_()（）\[\]【】「」“”\"]+")
# an alias ranks by how it matched; lower is stronger
RANK = {"name": 0, "short": 1, "former": 1, "pinyin": 1, "alias": 2, "nickname": 2}
NOT_AFTER = {"和县": "域"}  # 和县 inside 和县域… is the conjunction 和 + 县域


@lru_cache(maxsize=4096)
def normalize(text: str, strip_suffix: bool = True, keep_spaces: bool = False) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    if any("\u4e00" <= ch <= "\u9fff" for ch in text):
        text = zhconv.convert(text, "zh-hans")
    text = text.lower()
    if keep_spaces:  # free text: spaces still separate pinyin words
        text = re.sub(r"\s+", " ", text)
    text = STRIP_CHARS.sub("", text) if not keep_spaces else re.sub(r"[^\S ]|['’`·\-_()（）\[\]【】「」“”\"]", "", text)
    if strip_suffix:
        for suffix in SUFFIXES:
            if text.endswith(suffix) and len(text) > len(suffix) + 1:
                text = text[: -len(suffix)]
                break
    return text


def edit_distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


@dataclass(frozen=True)
class Hit:
    kind: str
    name: str
    alias: str
    match_type: str


@dataclass
class NameIndex:
    exact: dict[str, list[Hit]] = field(default_factory=dict)
    by_char: dict[str, set[str]] = field(default_factory=dict)
    max_len: int = 0

    def add(self, alias: str, hit: Hit) -> None:
        key = normalize(alias)
        if len(key) < 2:
            return
        hits = self.exact.setdefault(key, [])
        if all((h.kind, h.name) != (hit.kind, hit.name) for h in hits):
            hits.append(hit)
        else:  # keep the strongest way this entity matches the key
            for i, h in enumerate(hits):
                if (h.kind, h.name) == (hit.kind, hit.name) and RANK[hit.match_type] < RANK[h.match_type]:
                    hits[i] = hit
        self.max_len = max(self.max_len, len(key))

    def finish(self) -> None:
        for key in self.exact:
            for gram in _grams(key):
                self.by_char.setdefault(gram, set()).add(key)
        # grams shared by many keys (市, 县, 集 …) do not discriminate
        self.by_char = {g: keys for g, keys in self.by_char.items() if len(keys) <= 40}

    def lookup(self, query: str) -> list[Hit]:
        key = normalize(query)
        hits = self.exact.get(key)
        if not hits and key.isascii():
            for suffix in LATIN_SUFFIXES:
                if key.endswith(suffix) and key[: -len(suffix)] in self.exact:
                    hits = self.exact[key[: -len(suffix)]]
                    break
        if not hits:
            return []
        best = min(RANK[h.match_type] for h in hits)
        strongest = [h for h in hits if RANK[h.match_type] == best]
        return strongest

    def suggest(self, query: str, limit: int = 5) -> list[tuple[int, str]]:
        """(distance, key) of keys close to the query, best first."""
        key = normalize(query)
        if len(key) < 2:
            return []
        counts: dict[str, int] = {}
        for gram in _grams(key):
            for candidate in self.by_char.get(gram, ()):
                counts[candidate] = counts.get(candidate, 0) + 1
        # Every key sharing a character is a candidate; a fixed cut-off here made results depend on set order.
        ranked = sorted(counts, key=lambda k: (-counts[k], k))
        allowed = max(1, len(key) // 3)
        scored = []
        for candidate in ranked:
            if abs(len(candidate) - len(key)) > allowed:
                continue
            distance = edit_distance(key, candidate)
            if distance <= allowed:
                scored.append((distance, candidate))
        return sorted(scored)[:limit]

    def scan(self, text: str) -> list[tuple[int, str, list[Hit]]]:
        """Known names inside free text, longest match first at each position: (position, key, hits)."""
        norm = normalize(text, strip_suffix=False, keep_spaces=True)
        found = []
        i = 0
        while i < len(norm):
            for length in range(min(self.max_len, len(norm) - i), 1, -1):
                piece = norm[i:i + length]
                hits = self.exact.get(piece)
                if not hits:
                    continue
                if piece.isascii() and (_is_word(norm, i - 1) or _is_word(norm, i + length)):
                    continue
                after = NOT_AFTER.get(piece)
                if after and norm[i + length:i + length + len(after)] == after:
                    continue
                found.append((i, piece, hits))
                i += length - 1
                break
            i += 1
        return found


def _is_word(text: str, index: int) -> bool:
    return 0 <= index < len(text) and text[index].isascii() and text[index].isalnum()


def _grams(key: str) -> set[str]:
    if key.isascii():
        return {key[i:i + 2] for i in range(len(key) - 1)}
    return set(key)


def name_index(snap: Snapshot) -> NameIndex:
    """The index of one snapshot (built once, kept with it)."""
    index = snap.cache.get("names")
    if index is not None:
        return index
    index = NameIndex()
    for city in snap.cities.values():
        index.add(city.name, Hit("city", city.name, city.name, "name"))
        index.add(city.short_name, Hit("city", city.name, city.short_name, "short"))
        index.add(city.pinyin, Hit("city", city.name, city.pinyin, "pinyin"))
    for county in snap.counties.values():
        index.add(county.name, Hit("county", county.name, county.name, "name"))
    for cluster in snap.clusters.values():
        index.add(cluster.name, Hit("cluster", cluster.name, cluster.name, "name"))
    for alias, alias_kind, kind, name in snap.aliases:
        index.add(alias, Hit(kind, name, alias, alias_kind))
    index.finish()
    snap.cache["names"] = index
    return index
