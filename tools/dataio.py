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
from pathlib import Path

from pydantic import BaseModel

from clusterbot.config import Settings
from clusterbot.errors import DataError
from clusterbot.tools.annotate import annotate, locate
from clusterbot.tools.cells import neutralise
from clusterbot.tools.sheets import Located, Metrics, read_located
from clusterbot.tools.store import ensure_store, read_connection, snapshot, store_path, write_transaction
from clusterbot.tools.upsert import ImportReport, apply_rows
from clusterbot.tools.validation import (
    COLUMNS,
    ImportFailed,
    Reference,
    format_value,
    table_rows,
    validate_rows,
)

EXPORT_FILE = "indicators.csv"


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


def metrics_of(data_dir: Path) -> Metrics:
    """The indicators the store knows: code -> unit and code -> Chinese name."""
    with read_connection(data_dir) as db:
        found = db.execute("SELECT code, name, unit FROM metrics ORDER BY code").fetchall()
    return Metrics(units={code: unit for code, _name, unit in found}, names={code: name for code, name, _unit in found})


def import_file(settings: Settings | Path, path: Path, *, annotate_errors: bool = True) -> ImportReport:
    """Validate and import one CSV/XLSX file (any layout of tools.sheets), all or nothing.

    Raises ImportFailed (a DataError) whose issues name sheet, row and column; with annotate_errors a
    copy of the file with the bad cells marked is written next to it (ImportFailed.annotated).
    """
    data_dir = _settings_dir(settings)
    path = Path(path)
    ensure_store(data_dir)
    metrics = metrics_of(data_dir)
    located = read_located(path, metrics)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    outcome: dict[str, ImportReport] = {}
    try:
        with write_transaction(data_dir) as con:
            try:
                rows = validate_rows([v.row for v in located], Reference.from_connection(con), str(path))
            except ImportFailed as exc:
                raise _located_failure(exc, located, path, metrics, annotate_errors) from None
            report = apply_rows(con, rows, path.name, digest)
            outcome["report"] = report
            if not report.changed:
                raise _NoChange
    except _NoChange:
        pass
    return outcome["report"]


def _located_failure(exc: ImportFailed, located: list[Located], path: Path, metrics: Metrics,
                     annotate_errors: bool) -> ImportFailed:
    issues = locate(exc.issues, located, path, metrics)
    failed = ImportFailed(str(path), issues)
    if annotate_errors:
        try:
            failed.annotated = annotate(path, issues, located, exc.issues)
        except (OSError, ValueError):  # a read-only folder or an odd cell: the messages still say everything
            failed.annotated = None
    return failed


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
    """UTF-8 with BOM so that Excel opens the Chinese text correctly; formula-like text made inert."""
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows([neutralise(cell) for cell in row] for row in rows)


def write_xlsx(path: Path, rows: list[list[str]]) -> None:
    """One sheet in the import format: year and value as numbers, every text cell inert."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("indicators")
    sheet.append(list(COLUMNS))
    year_at, value_at = COLUMNS.index("year"), COLUMNS.index("value")
    for row in rows:
        cells: list[object] = [neutralise(cell) for cell in row]
        cells[year_at], cells[value_at] = int(row[year_at]), float(row[value_at])
        sheet.append(cells)
    book.save(path)


def count_rows(path: Path) -> int:
    """Data rows of an exported file (header excluded)."""
    return max(len(table_rows(path)) - 1, 0)


def export_dir(settings: Settings | Path, out_dir: Path, fmt: str = "csv") -> list[Path]:
    """Write the store's data to OUT_DIR/indicators.csv or .xlsx (the import format); returns the files."""
    data_dir = _settings_dir(settings)
    ensure_store(data_dir)
    out_dir = Path(out_dir)
    if out_dir.exists() and not out_dir.is_dir():
        raise DataError("store.export.not_dir", path=str(out_dir))
    out_dir.mkdir(parents=True, exist_ok=True)
    if fmt not in EXPORT_WRITERS:
        raise DataError("store.export.bad_format", fmt=fmt, known=", ".join(EXPORT_WRITERS))
    target = (out_dir / EXPORT_FILE).with_suffix(f".{fmt}")
    EXPORT_WRITERS[fmt](target, export_rows(data_dir))
    return [target]


EXPORT_WRITERS = {"csv": write_csv, "xlsx": write_xlsx}


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
