"""A county named with a piece of one of its clusters' names: "宁国高分子", "宁国那个高分子材料集群"."""

from __future__ import annotations

import re

from clusterbot.tools.models import EntityRef
from clusterbot.tools.snapshot import Snapshot

# spoken pointers between a place and what follows it (那个, 这边的, 那块儿)
POINTING = re.compile(r"(?<=[\u4e00-\u9fff])(?:那个|这个|那边的?|这边的?|那块儿?的?|这块儿?的?|的那个|那家)(?=[\u4e00-\u9fff])")
# what after a county name starts no industry: a suffix, 集群/特色/产业/基地 of every cluster's name, a particle
NOT_INDUSTRY = set("县市区集特产基的这那和与跟及、，,？?。 ") | {""}


def cluster_by_piece(snap: Snapshot, text: str, found: list) -> list:
    """`found` with each county that is followed by a piece of exactly one of its clusters' names (two characters or
    more) read as that cluster; [] when no county is."""
    spoken = POINTING.sub("", text)
    out = []
    for e in found:
        county = snap.counties.get(e.name) if e.kind == "county" else None
        at = spoken.find(e.matched) if county is not None and e.matched else -1
        after = spoken[at + len(e.matched):] if at >= 0 else ""
        if county is None or at < 0 or after[:1] in NOT_INDUSTRY:  # 天长市…, 潜山集群, 宁国的…: the county itself
            out.append(e)
            continue
        own = [c for c in snap.clusters.values() if c.county == county.name]
        short = next((w for w in _synonyms() if after.startswith(w)), None)
        if short is not None:  # "蒙城汽配": the industry as the cluster names write it
            after = _synonyms()[short] + after[len(short):]
        best, piece = None, ""
        for size in range(min(len(after), 8), 1, -1):
            piece = after[:size]
            fits = [c for c in own if piece in c.name.removeprefix(county.name)]
            if len(fits) == 1:
                best = fits[0]
                break
        if best is None:  # "肥西农机": the first characters of the words of a name (农业机械)
            piece = after[:2]
            fits = [c for c in own if any(_initials(piece, word) for word in _words_of(snap, c.name, county.name))]
            best = fits[0] if len(fits) == 1 else None
        out.append(EntityRef(kind="cluster", name=best.name, county=county.name, city=best.city,
                             short_name=best.short_name, matched=f"{e.matched}{piece}", match_type="alias",
                             invented=best.invented) if best else e)
    if not any(o is not e for o, e in zip(out, found, strict=True)):
        return []
    # an industry word read as the piece of one county's cluster names no other county's cluster of that industry
    pieces = [o.matched for o, e in zip(out, found, strict=True) if o is not e]
    return [o for o, e in zip(out, found, strict=True)
            if o is not e or not (e.kind == "cluster" and any(e.matched and e.matched in p for p in pieces))]


def by_industry(snap: Snapshot, found: list, words: list[str]) -> list:
    """`found` with each county read as its one cluster whose name holds an industry word of the question
    ("Feidong photovoltaics": 肥东县先进光伏…), and other clusters of that word dropped when a county took one."""
    out, taken = [], set()
    for e in found:
        fits = [c for c in snap.clusters.values() if e.kind == "county" and c.county == e.name
                and any(w in c.name for w in words)]
        if len(fits) == 1:
            best = fits[0]
            taken.add(best.name)
            e = EntityRef(kind="cluster", name=best.name, county=best.county, city=best.city,
                          short_name=best.short_name, matched=e.matched, match_type="alias", invented=best.invented)
        out.append(e)
    if not taken:
        return found
    # a bare industry word matched every cluster of that industry; a county named with it picked its own
    kept = [e for e in out if e.name in taken or not (e.kind == "cluster" and e.matched in words)]
    return list({e.name: e for e in kept}.values())


def _synonyms() -> dict[str, str]:
    from clusterbot.bot.offline.slots import vocab

    return vocab()["industry_synonyms"]


def _words_of(snap: Snapshot, cluster: str, county: str) -> list[str]:
    """A cluster's name without its county, and its aliases."""
    return [cluster.removeprefix(county), *(a[0] for a in snap.aliases if a[2] == "cluster" and a[3] == cluster)]


def _initials(piece: str, word: str) -> bool:
    """Whether a two-character piece abbreviates two words of `word` by their first characters (农机 for 农业机械):
    the first character opens a two-character word and the second opens the next one."""
    if len(piece) != 2 or not all("\u4e00" <= ch <= "\u9fff" for ch in piece):
        return False
    return any(word[i] == piece[0] and word[i + 2:i + 3] == piece[1] for i in range(len(word) - 2))
