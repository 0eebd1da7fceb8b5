"""The store's snapshot kept as JSON in `<data dir>/cache/`, so a new process answers without opening DuckDB.

Reading the store costs a new process about 0.15 s of a cold `clusterbot ask` (importing DuckDB,
checking migrations, reading every table); reading this file costs about 10 ms. Its first line says
what it was read from: the store file's identity (inode, mtime, size — every write replaces the file,
so a changed store has another identity), the migrations applied and the reference-data hash recorded
in it, and a hash of the code that defines the snapshot. Only a file whose first line matches the store
as it is now is used; a missing, damaged or foreign file is ignored and written again after the next
read, a directory that cannot be written is left alone. Plain JSON, no pickled objects.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from clusterbot.tools import snapshot as snapshot_module
from clusterbot.tools.snapshot import City, Cluster, County, Metric, Snapshot, Target, Value

log = logging.getLogger("clusterbot.tools")
CACHE_DIR = "cache"
CACHE_FILE = "indicators.snapshot.json"
FORMAT = 1


@dataclasses.dataclass(frozen=True)
class StoreState:
    """What a store file held when it was read: its identity, the migrations applied, the reference hash."""

    identity: tuple[int, int, int]
    migrations: tuple[int, ...]
    reference_hash: str


def cache_path(store: Path) -> Path:
    return store.parent / CACHE_DIR / CACHE_FILE


@cache
def code_hash() -> str:
    """The snapshot's code: a cache written by another version of it is never read."""
    source = Path(snapshot_module.__file__).read_bytes() + Path(__file__).read_bytes()
    return hashlib.sha256(source).hexdigest()[:16]


def _header(store: Path, state: StoreState) -> dict[str, Any]:
    return {"format": FORMAT, "code": code_hash(), "store": str(store), "identity": list(state.identity),
            "migrations": list(state.migrations), "reference_hash": state.reference_hash}


def _rows(items) -> list[list[Any]]:
    return [list(dataclasses.astuple(item)) for item in items]


def save(store: Path, state: StoreState, snap: Snapshot) -> None:
    """Write the cache atomically; a directory that cannot be written only costs the next start its speed."""
    body = {
        "cities": _rows(snap.cities.values()), "counties": _rows(snap.counties.values()),
        "clusters": _rows(snap.clusters.values()), "aliases": [list(a) for a in snap.aliases],
        "metrics": _rows(snap.metrics.values()), "thresholds": [[k, v] for k, v in snap.thresholds.items()],
        "indicators": [[k, *v] for k, v in snap.indicators.items()], "targets": _rows(snap.targets),
        "province_totals": [[code, year, *dataclasses.astuple(v)] for (code, year), v in snap.province_totals.items()],
        "current": [[cluster, metric, year, *dataclasses.astuple(v)]
                    for (cluster, metric), by_year in snap.current.items() for year, v in by_year.items()],
        "row_count": snap.row_count, "superseded_count": snap.superseded_count, "data_vintage": snap.data_vintage,
    }
    path = cache_path(store)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".snapshot-", suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(json.dumps(_header(store, state), ensure_ascii=False) + "\n")
                out.write(json.dumps(body, ensure_ascii=False, separators=(",", ":")))
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except (OSError, TypeError, ValueError) as exc:  # TypeError, ValueError: a value JSON cannot hold
        log.debug("snapshot cache not written: %s", exc)


def _matches(header: Any, store: Path, identity: tuple[int, int, int]) -> bool:
    return (isinstance(header, dict) and header.get("format") == FORMAT and header.get("code") == code_hash()
            and header.get("store") == str(store) and header.get("identity") == list(identity))


def state(store: Path, identity: tuple[int, int, int]) -> StoreState | None:
    """The recorded state of the store file with this identity, or None when the cache is not for it."""
    try:
        with open(cache_path(store), encoding="utf-8") as handle:
            header = json.loads(handle.readline())
        if not _matches(header, store, identity):
            return None
        return StoreState(identity, tuple(int(v) for v in header["migrations"]), str(header["reference_hash"]))
    except (OSError, ValueError, TypeError, KeyError) as exc:
        log.debug("snapshot cache not used: %s", exc)
        return None


def load(store: Path, identity: tuple[int, int, int]) -> tuple[StoreState, Snapshot] | None:
    """The snapshot of the store file with this identity, or None (no cache, another version, damaged)."""
    try:
        with open(cache_path(store), encoding="utf-8") as handle:
            header = json.loads(handle.readline())
            if not _matches(header, store, identity):
                return None
            body = json.loads(handle.read())
        snap = Snapshot(
            path=store, identity=identity,
            cities={r[0]: City(*r) for r in body["cities"]},
            counties={r[0]: County(*r) for r in body["counties"]},
            clusters={r[0]: Cluster(*r) for r in body["clusters"]},
            aliases=[(a, b, c, d) for a, b, c, d in body["aliases"]],
            metrics={r[0]: Metric(*r) for r in body["metrics"]},
            thresholds={float(k): v for k, v in body["thresholds"]},
            indicators={k: (name, unit, sort) for k, name, unit, sort in body["indicators"]},
            targets=[Target(*r) for r in body["targets"]],
            province_totals={(code, year): Value(*v) for code, year, *v in body["province_totals"]},
            current=_current(body["current"]),
            row_count=int(body["row_count"]), superseded_count=int(body["superseded_count"]),
            data_vintage=str(body["data_vintage"]),
        )
        recorded = StoreState(identity, tuple(int(v) for v in header["migrations"]), str(header["reference_hash"]))
    except (OSError, ValueError, TypeError, KeyError) as exc:
        log.debug("snapshot cache not used: %s", exc)
        return None
    return recorded, snap


def _current(rows: list[list[Any]]) -> dict[tuple[str, str], dict[int, Value]]:
    current: dict[tuple[str, str], dict[int, Value]] = {}
    for cluster, metric, year, *value in rows:
        current.setdefault((cluster, metric), {})[year] = Value(*value)
    return current
