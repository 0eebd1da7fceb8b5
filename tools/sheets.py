"""Reading the workbooks 统计 staff keep: Chinese or English headers, long or wide, one sheet or several.

Three layouts are recognised from the header row of each sheet:

    long       县（市）| 集群名称 | 指标 | 年份 | 数值 | 单位 | 来源 | 数据截至   (one value per row)
    by year    县（市）| 集群名称 | 指标 | 2023 | 2024年 | … | 来源 | 数据截至     (years as columns)
    by metric  县（市）| 集群名称 | 年份 | 营业收入（亿元）| 规上企业数 | … | 来源 | 数据截至 (indicators as columns)

Indicators may be written as codes (revenue) or Chinese names (营业收入, from data/metrics.csv); a unit
in the header's parentheses (营业收入（亿元）) or the indicator's own unit fills a missing 单位. In the
Chinese layouts an empty 数值 cell is a value not filled in, not an error (the template hands out rows
to fill). Every value keeps where it came from — sheet, row and column — so an error names the cell
and the annotated copy (tools/annotate.py) can mark it. Sheets named 说明, hidden sheets and, after the
first, sheets with neither a 县（市） nor a 集群 column (a list of indicator codes) are skipped.
"""

from __future__ import annotations

import csv
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from clusterbot.errors import DataError
from clusterbot.tools.cells import fold_width, strip_invisible, unescape
from clusterbot.tools.validation import COLUMNS, table_rows
from clusterbot.tools.workbook import xlsx_sheets

# header text (folded, without spaces and brackets, lower case) -> field
HEADER_ALIASES = {
    "county": "county", "县（市）": "county", "县(市)": "county", "县市": "county", "县": "county", "地区": "county",
    "县市区": "county", "县（市、区）": "county", "cluster": "cluster", "集群名称": "cluster", "集群": "cluster",
    "产业集群": "cluster", "year": "year", "年份": "year", "年度": "year", "metric": "metric", "指标": "metric",
    "指标名称": "metric", "指标代码": "metric", "value": "value", "数值": "value", "值": "value", "数据": "value",
    "unit": "unit", "单位": "unit", "计量单位": "unit", "source": "source", "来源": "source", "数据来源": "source",
    "vintage": "vintage", "数据截至": "vintage", "版本": "vintage", "数据版本": "vintage", "截至": "vintage",
    "统计截至": "vintage",
}
# what the error messages call each field
FIELD_NAMES = {"county": "县（市）", "cluster": "集群名称", "year": "年份", "metric": "指标", "value": "数值",
               "unit": "单位", "source": "来源", "vintage": "数据截至"}
SKIPPED_SHEETS = ("说明", "填表说明", "下拉选项")
YEAR_HEADER = re.compile(r"^(\d{4})年?(数值|数据)?$")
UNIT_IN_HEADER = re.compile(r"^(?P<name>.+?)[（(](?P<unit>[^（）()]+)[）)]$")


@dataclass
class Located:
    """One value in the import format with the cells it came from."""

    row: dict[str, str]
    sheet: str
    line: int  # the row as the spreadsheet numbers it (header = its own row)
    cells: dict[str, tuple[int, str]] = field(default_factory=dict)  # field -> (1-based column, header text)


@dataclass
class Metrics:
    """Indicator codes, Chinese names and units (the store's metrics table)."""

    units: dict[str, str]
    names: dict[str, str]  # code -> Chinese name

    def code(self, text: str) -> str | None:
        key = _key(text)
        if text in self.units:
            return text
        return next((code for code, name in self.names.items() if _key(name) == key), None)


def _cell_text(cell: object) -> str:
    """A cell as text, as the long format's reader takes it: 95.0 is 95, invisible marks and the `'` of an
    export removed."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return unescape(strip_invisible(str(cell)).strip())


def _key(text: str) -> str:
    return re.sub(r"\s+", "", fold_width(text)).lower()


HEADER_KEYS = {_key(text): name for text, name in HEADER_ALIASES.items()}


def column_letter(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _sheets(path: Path) -> list[tuple[str, list[list[object]]]]:
    if path.suffix.lower() != ".xlsx":
        return [("", table_rows(path))]
    return xlsx_sheets(path, lambda _index, sheet: sheet.sheet_state == "visible" and sheet.title not in SKIPPED_SHEETS)


@dataclass
class _Header:
    fields: dict[str, int] = field(default_factory=dict)  # field -> 0-based column
    years: dict[int, int] = field(default_factory=dict)  # 0-based column -> year
    metrics: dict[int, tuple[str, str]] = field(default_factory=dict)  # 0-based column -> (code, unit)
    texts: list[str] = field(default_factory=list)
    chinese: bool = False


def _header(cells: list[object], metrics: Metrics) -> _Header:
    head = _Header(texts=[_cell_text(c) for c in cells])
    for n, text in enumerate(head.texts):
        key = _key(text)
        if not key:
            continue
        head.chinese |= any(ord(ch) > 0x2E80 for ch in text)
        if key in HEADER_KEYS and HEADER_KEYS[key] not in head.fields:
            head.fields[HEADER_KEYS[key]] = n
        elif found := YEAR_HEADER.match(key):
            head.years[n] = int(found[1])
        else:
            with_unit = UNIT_IN_HEADER.match(text.strip())
            name, unit = (with_unit["name"], with_unit["unit"]) if with_unit else (text, "")
            code = metrics.code(name)
            if code is not None:
                head.metrics[n] = (code, unit)
    return head


def _missing(head: _Header, needed: tuple[str, ...], path: Path, sheet: str) -> None:
    missing = [f for f in needed if f not in head.fields]
    if missing and not head.chinese:
        raise DataError("store.import.missing_columns", path=str(path), columns=", ".join(missing))
    if missing:
        where = f"{path} 工作表“{sheet}”" if sheet else str(path)
        raise DataError("store.import.missing_columns_cn", path=where,
                        columns="、".join(FIELD_NAMES[f] for f in missing))


def read_located(path: Path, metrics: Metrics) -> list[Located]:
    """Every value of every data sheet in the import format, with its cells; DataError for an unusable file."""
    if not path.is_file():
        raise DataError("store.import.file_missing", path=str(path))
    try:
        sheets = _sheets(path)
    except (UnicodeDecodeError, csv.Error, OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        raise DataError("store.import.unreadable", path=str(path), reason=str(exc)[:200]) from exc
    out: list[Located] = []
    for number, (sheet, raw) in enumerate(sheets):
        start = next((n for n, r in enumerate(raw) if any(_cell_text(c) for c in r)), None)
        if start is None:
            continue
        head = _header(raw[start], metrics)
        if number and not {"county", "cluster"} & set(head.fields):
            continue  # a list of codes or a note beside the data, not data (the first sheet always is)
        ids = ("county", "cluster", "source", "vintage")
        if head.years and "value" not in head.fields:
            _missing(head, (*ids, "metric"), path, sheet)
        elif head.metrics and "metric" not in head.fields:
            _missing(head, (*ids, "year"), path, sheet)
        else:
            _missing(head, COLUMNS if not head.chinese else tuple(c for c in COLUMNS if c != "unit"), path, sheet)
        for offset, cells in enumerate(raw[start + 1:], start=start + 2):
            texts = [_cell_text(c) for c in cells]
            if any(texts):
                out += _values(head, texts, sheet, offset, metrics)
    if not out:
        raise DataError("store.import.empty", path=str(path))
    return out


def _values(head: _Header, texts: list[str], sheet: str, line: int, metrics: Metrics) -> list[Located]:
    def cell(n: int | None) -> str:
        return texts[n] if n is not None and n < len(texts) else ""

    base = {f: cell(n) for f, n in head.fields.items() if f in COLUMNS}
    spots = {f: (n + 1, head.texts[n]) for f, n in head.fields.items()}
    if head.years and "value" not in head.fields:
        items = [({"year": str(year)}, n, (n + 1, head.texts[n])) for n, year in head.years.items()]
    elif head.metrics and "metric" not in head.fields:
        items = [({"metric": code, "unit": unit or base.get("unit") or metrics.units[code]}, n, (n + 1, head.texts[n]))
                 for n, (code, unit) in head.metrics.items()]
    else:
        return [_one(base, spots, sheet, line, metrics, head.chinese)] if (
            not head.chinese or base.get("value")) else []
    out = []
    for extra, n, spot in items:
        value = cell(n)
        if not value:
            continue  # a cell left empty is a value not given
        row = {**base, **extra, "value": value}
        here = {**spots, "value": spot}
        if "year" in extra:
            here["year"] = spot
        else:
            here["metric"] = here["unit"] = spot
        out.append(_one(row, here, sheet, line, metrics, True))
    return out


def _one(row: dict[str, str], spots: dict[str, tuple[int, str]], sheet: str, line: int, metrics: Metrics,
         chinese: bool) -> Located:
    full = {c: row.get(c, "") for c in COLUMNS}
    code = metrics.code(full["metric"]) if full["metric"] else None
    if code is not None:
        full["metric"] = code
        if chinese and not full["unit"]:
            full["unit"] = metrics.units[code]
    return Located(row=full, sheet=sheet, line=line, cells=spots)
