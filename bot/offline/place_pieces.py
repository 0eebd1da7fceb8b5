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
        best, piece = None, ""
        for size in range(min(len(after), 8), 1, -1):
            piece = after[:size]
            fits = [c for c in own if piece in c.name.removeprefix(county.name)]
            if len(fits) == 1:
                best = fits[0]
                break
        out.append(EntityRef(kind="cluster", name=best.name, county=county.name, city=best.city,
                             short_name=best.short_name, matched=f"{e.matched}{piece}", match_type="alias",
                             invented=best.invented) if best else e)
    if not any(o is not e for o, e in zip(out, found, strict=True)):
        return []
    # an industry word read as the piece of one county's cluster names no other county's cluster of that industry
    pieces = [o.matched for o, e in zip(out, found, strict=True) if o is not e]
    return [o for o, e in zip(out, found, strict=True)
            if o is not e or not (e.kind == "cluster" and any(e.matched and e.matched in p for p in pieces))]
