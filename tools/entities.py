"""resolve: which county, cluster or city a name means — and the shared lookup every tool uses."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, Field

from clusterbot.config import Settings
from clusterbot.tools.models import EntityKind, EntityLookup, EntityRef
from clusterbot.tools.names import Hit, name_index
from clusterbot.tools.registry import tool
from clusterbot.tools.snapshot import Snapshot
from clusterbot.tools.store import snapshot


class ResolveInput(BaseModel):
    name: str = Field(description="A county, cluster or city name as the user wrote it: full name, short name "
                                  "(天长), pinyin (Tianchang), traditional characters, older name (潜山县) or a "
                                  "nickname (刷业)")
    kinds: list[EntityKind] | None = Field(default=None, description="Only these kinds; default all")
    limit: int = Field(default=5, ge=1, le=20, description="Maximum candidates or suggestions")


class ResolveOutput(BaseModel):
    query: str
    status: Literal["ok", "ambiguous", "not_found"]
    match: EntityRef | None = Field(default=None, description="The one entity meant, when status is ok")
    candidates: list[EntityRef] = Field(default_factory=list,
                                        description="Equally good matches when ambiguous: ask the user")
    suggestions: list[EntityRef] = Field(default_factory=list,
                                         description="Near misses (typos), exact=False: confirm before use")


def _refs(snap: Snapshot, hits: list[Hit], exact: bool = True) -> list[EntityRef]:
    return [snap.ref(h.kind, h.name, matched=h.alias, match_type=h.match_type if exact else "fuzzy", exact=exact)
            for h in hits]


def resolve_in(snap: Snapshot, name: str, kinds: Sequence[str] | None = None, limit: int = 5) -> ResolveOutput:
    """resolve() on a given snapshot (used by the other tools)."""
    index = name_index(snap)
    allowed = set(kinds or ("county", "cluster", "city"))
    hits = [h for h in index.lookup(name) if h.kind in allowed]
    if len(hits) == 1:
        return ResolveOutput(query=name, status="ok", match=_refs(snap, hits)[0])
    if hits:
        return ResolveOutput(query=name, status="ambiguous", candidates=_refs(snap, hits)[:limit])
    suggestions: list[EntityRef] = []
    seen = set()
    for _distance, key in index.suggest(name, limit=limit * 2):
        for hit in index.exact[key]:
            if hit.kind in allowed and (hit.kind, hit.name) not in seen:
                seen.add((hit.kind, hit.name))
                suggestions += _refs(snap, [hit], exact=False)
    return ResolveOutput(query=name, status="not_found", suggestions=suggestions[:limit])


@tool
def resolve(inp: ResolveInput, settings: Settings) -> ResolveOutput:
    """Find which Anhui county (县/县级市), cluster (特色产业集群) or prefecture city a name refers to.

    Accepts full names, short names, pinyin, traditional characters, older names and nicknames.
    status=ok gives `match`; status=ambiguous lists `candidates` (ask which one); status=not_found
    may list `suggestions` for typos (exact=False: confirm with the user, never use silently).
    """
    return resolve_in(snapshot(settings), inp.name, inp.kinds, inp.limit)


def lookup(snap: Snapshot, name: str, kinds: list[str] | None = None) -> EntityLookup:
    """The EntityLookup head of a tool output for `name`."""
    found = resolve_in(snap, name, kinds)
    if found.status == "ok":
        return EntityLookup(status="ok", entity=found.match)
    if found.status == "ambiguous":
        return EntityLookup(status="ambiguous", candidates=found.candidates)
    return EntityLookup(status="not_found", candidates=found.suggestions)


def find_mentions(text: str, settings: Settings | Snapshot) -> list[EntityRef]:
    """Counties, clusters and cities named inside free text, in order of appearance.

    An alias naming several entities (汽车零部件) yields every one of them with the same `matched`.
    """
    snap = settings if isinstance(settings, Snapshot) else snapshot(settings)
    out = []
    for _pos, _key, hits in name_index(snap).scan(text):
        out += _refs(snap, sorted(hits, key=lambda h: (h.kind, h.name)))
    return out
