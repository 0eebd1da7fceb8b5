"""Retracting a vintage: remove every row an import brought in under a wrong vintage, with an audit trail.

The newest vintage of a (cluster, year, metric) is the value in force, so a typo such as 2099-12 outranks every
later correct import until it is removed. Retracting deletes the rows of that vintage (older vintages are in
force again), writes them to `retracted/` in the import format (they can be corrected and imported again),
and records the retraction in the import log that `data status` shows.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

from clusterbot.config import Settings
from clusterbot.errors import InputError
from clusterbot.tools.store import ensure_store, write_transaction
from clusterbot.tools.validation import VINTAGE_RE, format_value

ARCHIVE_DIR = "retracted"


@dataclass(frozen=True)
class RetractReport:
    vintage: str
    rows: int
    clusters: int
    archive: Path | None


def retract_vintage(settings: Settings | Path, vintage: str) -> RetractReport:
    """Delete every indicator row of `vintage`, archive them and log the retraction; all or nothing."""
    from clusterbot.tools.dataio import write_csv

    vintage = vintage.strip()
    if not VINTAGE_RE.fullmatch(vintage):
        raise InputError("store.retract.bad_vintage", vintage=vintage[:40])
    data_dir = Path(settings.data_dir if isinstance(settings, Settings) else settings)
    ensure_store(data_dir)
    with write_transaction(data_dir) as con:
        found = con.execute(
            "SELECT c.county, i.cluster, i.year, i.metric, i.value, i.unit, i.source, i.vintage "
            "FROM indicators i JOIN clusters c ON c.name = i.cluster WHERE i.vintage = ? "
            "ORDER BY c.county, i.cluster, i.metric, i.year, i.source", [vintage]).fetchall()
        if not found:
            return RetractReport(vintage, 0, 0, None)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        archive = data_dir / ARCHIVE_DIR / f"vintage-{vintage}-{stamp}.csv"
        archive.parent.mkdir(parents=True, exist_ok=True)
        write_csv(archive, [[county, cluster, str(year), metric, format_value(value), unit, source, vin]
                            for county, cluster, year, metric, value, unit, source, vin in found])
        digest = hashlib.sha256(archive.read_bytes()).hexdigest()
        con.execute("DELETE FROM indicators WHERE vintage = ?", [vintage])
        import_id = con.execute("SELECT coalesce(max(id), 0) + 1 FROM imports").fetchall()[0][0]
        # The import log is the audit trail: the retraction, how many rows, and the archive's checksum.
        con.execute("INSERT INTO imports VALUES (?, ?, ?, ?, 0, 0, 0, ?)",
                    [import_id, f"retract vintage {vintage} → {ARCHIVE_DIR}/{archive.name}", digest, len(found),
                     dt.datetime.now(dt.UTC).replace(tzinfo=None)])
    return RetractReport(vintage, len(found), len({row[1] for row in found}), archive)
