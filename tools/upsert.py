"""Applying validated indicator rows to the store inside the caller's write transaction.

Shared by imports (tools.dataio) and the seeding of a new store (tools.seeding); it knows
nothing of files or of how the transaction was opened, so neither of those imports the other.
"""

from __future__ import annotations

from datetime import datetime

import duckdb
import numpy as np
from pydantic import BaseModel, Field

from clusterbot.tools.validation import IndicatorRow


class ImportReport(BaseModel):
    file: str
    rows: int
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    superseded: int = Field(0, description="Values whose newer vintage now replaces an older one")
    demo: bool = False
    changed: bool = False


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


