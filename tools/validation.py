"""Reading indicator files (CSV/XLSX, long format) and validating every row against the reference data.

Every problem of a file is collected — file, row (as the spreadsheet numbers it, header = 1),
column and a Chinese reason — so an official fixes the file in one pass.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
from pydantic import BaseModel, Field

from clusterbot.errors import DataError
from clusterbot.messages import msg
from clusterbot.tools.cells import (
    fold_width,
    has_control,
    is_integer_text,
    is_number_text,
    strip_invisible,
    unescape,
    visible,
)
from clusterbot.tools.workbook import csv_rows, xlsx_sheets

COLUMNS = ("county", "cluster", "year", "metric", "value", "unit", "source", "vintage")
YEAR_MIN, YEAR_MAX = 2000, 2035
VINTAGE_RE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?", re.ASCII)
# Code-like columns: full-width digits and letters are folded to ASCII before checking, so that
# `２０２５-09` is the vintage 2025-09 and not a string that sorts after every ASCII vintage.
FOLDED = ("year", "metric", "value", "vintage")
# What folding may turn into ASCII: full-width forms and the ideographic space. Superscripts, circled digits and
# other compatibility forms also fold to digits under NFKC, but there they are footnote marks (95.5¹), not digits.
_FOLDABLE = re.compile(r"[\u0020-\u007e\uff01-\uff5e\u3000]*")


class IndicatorRow(BaseModel):
    """One validated value: the import = export format of the architecture contract."""

    county: str
    cluster: str = Field(description="Full official cluster name")
    year: int
    metric: str
    value: float
    unit: str
    source: str
    vintage: str


class RowIssue(BaseModel):
    file: str
    row: int
    column: str
    reason: str

    def text(self) -> str:
        return msg("store.import.issue", path=self.file, row=self.row, column=self.column, reason=self.reason)


class ImportFailed(DataError):
    """A file with problems; `.issues` lists every one of them."""

    def __init__(self, path: str, issues: list[RowIssue]) -> None:
        self.issues = issues
        self.annotated: Path | None = None  # a copy of the file with the bad cells marked (tools/annotate.py)
        super().__init__("store.import.failed", path=path, count=len(issues))


@dataclass(frozen=True)
class Reference:
    counties: set[str]
    cluster_county: dict[str, str]
    cluster_aliases: dict[tuple[str, str], list[str]]  # (county, alias) -> clusters
    metrics: dict[str, tuple[str, bool, float, float]]  # code -> (unit, integer, min, max)

    @classmethod
    def from_connection(cls, con: duckdb.DuckDBPyConnection) -> Reference:
        cluster_county = dict(con.execute("SELECT name, county FROM clusters").fetchall())
        aliases: dict[tuple[str, str], list[str]] = {}
        for alias, cluster in con.execute("SELECT alias, cluster FROM cluster_aliases ORDER BY cluster").fetchall():
            aliases.setdefault((cluster_county[cluster], alias), []).append(cluster)
        metrics = {r[0]: (r[1], bool(r[2]), r[3], r[4]) for r in con.execute(
            "SELECT code, unit, is_integer, min_value, max_value FROM metrics").fetchall()}
        counties = {r[0] for r in con.execute("SELECT name FROM counties").fetchall()}
        return cls(counties, cluster_county, aliases, metrics)


def read_table(path: Path) -> list[dict[str, str]]:
    """Rows of a CSV (UTF-8 with or without BOM, or GBK/GB18030) or the first sheet of an XLSX, as text."""
    if not path.is_file():
        raise DataError("store.import.file_missing", path=str(path))
    try:
        raw = table_rows(path)
    except (UnicodeDecodeError, csv.Error, OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        raise DataError("store.import.unreadable", path=str(path), reason=str(exc)[:200]) from exc
    if not raw:
        raise DataError("store.import.empty", path=str(path))
    header = [str(h or "").strip().lower() for h in raw[0]]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise DataError("store.import.missing_columns", path=str(path), columns=", ".join(missing))
    index = {c: header.index(c) for c in COLUMNS}
    rows = []
    for cells in raw[1:]:
        cells = [_cell_text(c) for c in cells]
        rows.append({c: cells[i] if i < len(cells) else "" for c, i in index.items()})
    if not any(any(r.values()) for r in rows):
        raise DataError("store.import.empty", path=str(path))
    return rows


def table_rows(path: Path) -> list[list[object]]:
    """The raw rows (header included) of a .csv or .xlsx file."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _csv_rows(path)
    if suffix == ".xlsx":
        return _xlsx_rows(path)
    raise DataError("store.import.bad_format", path=str(path))


def _csv_rows(path: Path) -> list[list[object]]:
    return csv_rows(path)


def _xlsx_rows(path: Path) -> list[list[object]]:
    found = xlsx_sheets(path, lambda index, _sheet: index == 0)
    return found[0][1] if found else []


def _cell_text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return unescape(strip_invisible(str(cell)).strip())


def check_vintage(vintage: str, today: dt.date) -> str | None:
    """None for a real year, month or day that is not after `today`; else the message key of the problem.

    The newest vintage wins, so a typo such as 2099-12 would outrank every correct import for ever."""
    if not VINTAGE_RE.fullmatch(vintage):
        return "store.reason.bad_vintage"
    parts = [int(p) for p in vintage.split("-")]
    try:
        first = dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return "store.reason.vintage_not_a_date"
    if first > today or parts[0] < YEAR_MIN:
        return "store.reason.vintage_in_future" if first > today else "store.reason.vintage_not_a_date"
    return None


def validate_rows(rows: list[dict[str, str]], ref: Reference, file_label: str,
                  today: dt.date | None = None) -> list[IndicatorRow]:
    """All rows as IndicatorRow, or ImportFailed listing every problem (blank rows are skipped).
    `today` (default: the local date) bounds the vintages."""
    today = today or dt.date.today()
    issues: list[RowIssue] = []
    out: list[IndicatorRow] = []
    seen: dict[tuple, int] = {}
    for offset, row in enumerate(rows):
        line = offset + 2
        if not any(row.values()):
            continue

        def bad(column: str, key: str, line: int = line, **values: Any) -> None:
            issues.append(RowIssue(file=file_label, row=line, column=column, reason=msg(key, **values)))

        before = len(issues)
        for column in FOLDED:
            # a compatibility form NFKC would turn into a digit or letter (¹, ②, ｆ) is a footnote mark or a
            # stray glyph; other characters (营收, 三) are left to the checks of their column, which name them
            marks = [ch for ch in row[column] or "" if not _FOLDABLE.fullmatch(ch)
                     and unicodedata.normalize("NFKC", ch) != ch]
            if marks and not has_control(row[column]):
                odd = marks[0]
                bad(column, "store.reason.odd_chars", value=visible(row[column]), char=odd,
                    name=unicodedata.name(odd, f"U+{ord(odd):04X}"))
                row[column] = ""  # reported once
        row = {c: fold_width(v) if c in FOLDED else v for c, v in row.items()}
        for column in COLUMNS:
            if has_control(row[column]):
                bad(column, "store.reason.control_chars", value=visible(row[column]))
                row[column] = ""  # reported once; the checks below skip an empty cell
            elif not row[column] and not any(i.row == line and i.column == column for i in issues[before:]):
                bad(column, "store.reason.required")
        county, cluster_text, metric = row["county"], row["cluster"], row["metric"]
        cluster = None
        if county and county not in ref.counties:
            bad("county", "store.reason.unknown_county", value=county)
        elif county and cluster_text:
            cluster = _find_cluster(ref, county, cluster_text)
            if cluster is None:
                bad("cluster", "store.reason.unknown_cluster", county=county, value=cluster_text)
            elif isinstance(cluster, list):
                bad("cluster", "store.reason.ambiguous_cluster", county=county, value=cluster_text,
                    candidates="、".join(cluster))
                cluster = None
        year = None
        if row["year"]:
            if not is_integer_text(row["year"]):
                bad("year", "store.reason.year_not_int", value=row["year"])
            else:
                year = int(row["year"])
                if not YEAR_MIN <= year <= YEAR_MAX:
                    bad("year", "store.reason.year_range", value=year, low=YEAR_MIN, high=YEAR_MAX)
                    year = None
        spec = ref.metrics.get(metric)
        if metric and spec is None:
            bad("metric", "store.reason.unknown_metric", value=metric, known=", ".join(sorted(ref.metrics)))
        if spec and row["unit"] and row["unit"] != spec[0]:
            bad("unit", "store.reason.wrong_unit", metric=metric, expected=spec[0], value=row["unit"])
        value = None
        if row["value"]:
            if is_number_text(row["value"]):
                value = float(row["value"].replace(",", ""))
            if value is None or not math.isfinite(value):
                bad("value", "store.reason.not_number", value=row["value"])
                value = None
        if value is not None and spec:
            unit, integer, low, high = spec
            if integer and not float(value).is_integer():
                bad("value", "store.reason.not_integer", metric=metric, value=row["value"])
            elif not low <= value <= high:
                bad("value", "store.reason.out_of_range", metric=metric, value=row["value"],
                    low=_fmt(low), high=_fmt(high))
        if row["vintage"]:
            vintage_problem = check_vintage(row["vintage"], today)
            if vintage_problem is not None:
                bad("vintage", vintage_problem, value=row["vintage"], today=today.isoformat())
        if len(issues) > before or cluster is None or year is None or value is None:
            continue
        key = (cluster, year, metric, row["source"], row["vintage"])
        if key in seen:
            bad("cluster", "store.reason.duplicate", first=seen[key])
            continue
        seen[key] = line
        out.append(IndicatorRow(county=county, cluster=cluster, year=year, metric=metric, value=value,
                                unit=row["unit"], source=row["source"], vintage=row["vintage"]))
    if issues:
        raise ImportFailed(file_label, issues)
    return out


def _find_cluster(ref: Reference, county: str, text: str) -> str | list[str] | None:
    if ref.cluster_county.get(text) == county:
        return text
    found = ref.cluster_aliases.get((county, text), [])
    if len(found) == 1:
        return found[0]
    return found or None


def _fmt(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def format_value(value: float) -> str:
    """Shortest text that reads back as the same float (integers without .0)."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))
