"""Import, export and status of the indicator data (long format, CSV or XLSX).

An import validates the whole file first, then applies it inside one write transaction on a
copy of the store that replaces the live file only at the end (see tools.store): a bad row, a
crash or a full disk changes nothing. Rows are keyed by (cluster, year, metric, source, vintage):
re-importing a file is a no-op, a newer vintage of a value supersedes the older one, and the
older one stays in the table (and in exports).
"""

from __future__ import annotations

import csv
import hashlib
from datetime import datetime
from pathlib import Path

import duckdb
import numpy as np
from pydantic import BaseModel, Field

from clusterbot.config import Settings
from clusterbot.errors import DataError
from clusterbot.paths import SHIPPED_DATA
from clusterbot.tools.store import ensure_store, read_connection, snapshot, store_path, write_transaction
from clusterbot.tools.validation import (
    COLUMNS,
    IndicatorRow,
    Reference,
    format_value,
    read_table,
    validate_rows,
)

DEMO_DIR = SHIPPED_DATA / "demo"
EXPORT_FILE = "indicators.csv"


class ImportReport(BaseModel):
    file: str
    rows: int
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    superseded: int = Field(0, description="Values whose newer vintage now replaces an older one")
    demo: bool = False
    changed: bool = False


class SourceStat(BaseModel):
    source: str
    vintage: str
    rows: int
    first_year: int
    last_year: int
    demo: bool


class ImportLog(BaseModel):
    id: int
    file_name: str
    rows: int
    inserted: int
    updated: int
    unchanged: int
    imported_at: str


class StoreStatus(BaseModel):
    path: str
    schema_version: int
    counties: int
    clusters: int
    invented_clusters: int
    rows: int
    current_rows: int
    superseded_rows: int
    sources: list[SourceStat]
    imports: list[ImportLog]


class _NoChange(Exception):
    """Raised inside the write transaction to discard a copy that would change nothing."""


def _settings_dir(settings: Settings | Path) -> Path:
    return Path(settings.data_dir if isinstance(settings, Settings) else settings)


KEY = "cluster, year, metric, source, vintage"


def _stage(con: duckdb.DuckDBPyConnection, rows: list[IndicatorRow]) -> None:
    """Put the rows in a temporary table `staging` in one bulk step."""
    columns = {name: np.array([getattr(r, name) for r in rows], dtype=object if name != "value" else float)
               for name in ("cluster", "year", "metric", "value", "unit", "source", "vintage")}
    columns["year"] = columns["year"].astype(np.int64)
    con.register("staging_in", columns)
    try:
        con.execute(
            "CREATE OR REPLACE TEMP TABLE staging AS SELECT CAST(cluster AS VARCHAR) AS cluster, "
            "CAST(year AS INTEGER) AS year, CAST(metric AS VARCHAR) AS metric, CAST(value AS DOUBLE) AS value, "
            "CAST(unit AS VARCHAR) AS unit, CAST(source AS VARCHAR) AS source, "
            "CAST(vintage AS VARCHAR) AS vintage FROM staging_in")
    finally:
        con.unregister("staging_in")


def _update_changed(con: duckdb.DuckDBPyConnection, import_id: int) -> None:
    con.execute(
        "UPDATE indicators SET value = s.value, unit = s.unit, import_id = ? FROM staging s "
        "WHERE indicators.cluster = s.cluster AND indicators.year = s.year AND indicators.metric = s.metric "
        "AND indicators.source = s.source AND indicators.vintage = s.vintage "
        "AND (indicators.value <> s.value OR indicators.unit <> s.unit)", [import_id])


def _insert_new(con: duckdb.DuckDBPyConnection, import_id: int) -> None:
    con.execute(
        "INSERT INTO indicators SELECT s.cluster, s.year, s.metric, s.value, s.unit, s.source, s.vintage, ? "
        "FROM staging s ANTI JOIN indicators i USING (cluster, year, metric, source, vintage)", [import_id])


def apply_rows(con: duckdb.DuckDBPyConnection, rows: list[IndicatorRow], file_name: str, digest: str) -> ImportReport:
    """Write validated rows inside the caller's transaction and log the import."""
    import_id = con.execute("SELECT coalesce(max(id), 0) + 1 FROM imports").fetchall()[0][0]
    _stage(con, rows)
    inserted, updated, unchanged = con.execute(
        "SELECT count(*) FILTER (WHERE i.cluster IS NULL), "
        "count(*) FILTER (WHERE i.cluster IS NOT NULL AND (i.value <> s.value OR i.unit <> s.unit)), "
        "count(*) FILTER (WHERE i.value = s.value AND i.unit = s.unit) "
        "FROM staging s LEFT JOIN indicators i USING (cluster, year, metric, source, vintage)").fetchall()[0]
    superseded = con.execute(
        "SELECT count(*) FROM staging s WHERE EXISTS (SELECT 1 FROM indicators i WHERE i.cluster = s.cluster "
        "AND i.year = s.year AND i.metric = s.metric AND (i.source <> s.source OR i.vintage <> s.vintage))"
    ).fetchall()[0][0]
    _update_changed(con, import_id)
    _insert_new(con, import_id)
    con.execute("DROP TABLE staging")
    report = ImportReport(file=file_name, rows=len(rows), inserted=inserted, updated=updated, unchanged=unchanged,
                          superseded=superseded, demo=any(r.source == "demo" for r in rows),
                          changed=bool(inserted or updated))
    if report.changed:
        con.execute("INSERT INTO imports VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [import_id, file_name, digest, len(rows), inserted, updated, unchanged, datetime.now()])
    return report


def import_file(settings: Settings | Path, path: Path) -> ImportReport:
    """Validate and import one CSV/XLSX file, all or nothing. Raises ImportFailed (a DataError)."""
    data_dir = _settings_dir(settings)
    path = Path(path)
    ensure_store(data_dir)
    raw = read_table(path)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    outcome: dict[str, ImportReport] = {}
    try:
        with write_transaction(data_dir) as con:
            rows = validate_rows(raw, Reference.from_connection(con), str(path))
            report = apply_rows(con, rows, path.name, digest)
            outcome["report"] = report
            if not report.changed:
                raise _NoChange
    except _NoChange:
        pass
    return outcome["report"]


def load_demo(con: duckdb.DuckDBPyConnection) -> int:
    """Load the committed demo CSVs (data/demo/indicators_*.csv) into a new store; returns the row count."""
    ref = Reference.from_connection(con)
    total = 0
    for path in sorted(DEMO_DIR.glob("indicators_*.csv")):
        rows = validate_rows(read_table(path), ref, path.name)
        apply_rows(con, rows, path.name, hashlib.sha256(path.read_bytes()).hexdigest())
        total += len(rows)
    return total


def export_rows(data_dir: Path) -> list[list[str]]:
    """Every row of the store, all vintages, in the import format and a stable order."""
    with read_connection(data_dir) as db:
        found = db.execute(
            "SELECT c.county, i.cluster, i.year, i.metric, i.value, i.unit, i.source, i.vintage "
            "FROM indicators i JOIN clusters c ON c.name = i.cluster "
            "ORDER BY c.county, i.cluster, i.metric, i.year, i.source, i.vintage"
        ).fetchall()
    return [[county, cluster, str(year), metric, format_value(value), unit, source, vintage]
            for county, cluster, year, metric, value, unit, source, vintage in found]


def write_csv(path: Path, rows: list[list[str]]) -> None:
    """UTF-8 with BOM so that Excel opens the Chinese text correctly."""
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(rows)


def export_dir(settings: Settings | Path, out_dir: Path) -> list[Path]:
    """Write the store's data to OUT_DIR/indicators.csv (the import format); returns the files."""
    data_dir = _settings_dir(settings)
    ensure_store(data_dir)
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise DataError("store.export.not_dir", path=str(out_dir))
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / EXPORT_FILE
    write_csv(target, export_rows(data_dir))
    return [target]


def store_status(settings: Settings | Path) -> StoreStatus:
    """Sources, vintages, row counts and the import log of the store."""
    data_dir = _settings_dir(settings)
    ensure_store(data_dir)
    snap = snapshot(data_dir)
    with read_connection(data_dir) as db:
        version = db.execute("SELECT max(version) FROM schema_migrations").fetchall()[0][0]
        sources = [SourceStat(source=r[0], vintage=r[1], rows=r[2], first_year=r[3], last_year=r[4],
                              demo=r[0] == "demo")
                   for r in db.execute("SELECT source, vintage, count(*), min(year), max(year) FROM indicators "
                                       "GROUP BY source, vintage ORDER BY source, vintage").fetchall()]
        imports = [ImportLog(id=r[0], file_name=r[1], rows=r[2], inserted=r[3], updated=r[4], unchanged=r[5],
                             imported_at=r[6].strftime("%Y-%m-%d %H:%M"))
                   for r in db.execute("SELECT id, file_name, row_count, inserted, updated, unchanged, imported_at "
                                       "FROM imports ORDER BY id").fetchall()]
    current = sum(len(v) for v in snap.current.values())
    return StoreStatus(
        path=str(store_path(data_dir)), schema_version=version or 0, counties=len(snap.counties),
        clusters=len(snap.clusters), invented_clusters=sum(c.invented for c in snap.clusters.values()),
        rows=snap.row_count, current_rows=current, superseded_rows=snap.row_count - current,
        sources=sources, imports=imports,
    )
