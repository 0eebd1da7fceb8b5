"""Indicator tables: printed rows -> (indicator, unit, value per column)."""

from __future__ import annotations

import re

from clusterbot.retrieval.models import IndicatorRow, Value
from clusterbot.retrieval.numbering import ITEM

_UNIT = re.compile(r"^(?P<name>.+?)\s*[（(](?P<unit>[^（()）]{1,12})[）)]$")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


def column_key(cell: str) -> str:
    """`2023 年` -> `2023`; other headers keep their text without spaces."""
    compact = re.sub(r"\s+", "", cell)
    year = re.fullmatch(r"(\d{4})年?", compact)
    return year.group(1) if year else compact


def column_label(key: str) -> str:
    return f"{key}年" if re.fullmatch(r"\d{4}", key) else key


def parse_value(cell: str) -> Value | None:
    text = cell.strip().replace(",", "")
    if not text:
        return None
    if _NUMBER.match(text):
        number = float(text)
        return int(number) if number.is_integer() and "." not in text else number
    return cell.strip()


def parse_rows(rows: list[list[str]]) -> list[IndicatorRow]:
    """Rows of a table whose first row is the header; repeated headers (page breaks) are skipped."""
    if not rows:
        return []
    header = rows[0]
    keys = [column_key(cell) for cell in header[1:]]
    header_key = [column_key(cell) for cell in header]
    parsed: list[IndicatorRow] = []
    for cells in rows[1:]:
        if [column_key(cell) for cell in cells] == header_key or not cells or not cells[0].strip():
            continue
        first = cells[0].strip()
        numbered = ITEM.match(first)
        number = int(numbered.group("num")) if numbered else len(parsed) + 1
        name = numbered.group("rest") if numbered else first
        unit_match = _UNIT.match(name)
        indicator, unit = (unit_match.group("name"), unit_match.group("unit")) if unit_match else (name, "")
        values: dict[str, Value] = {}
        for key, cell in zip(keys, cells[1:], strict=False):
            value = parse_value(cell)
            if value is not None:
                values[key] = value
        parsed.append(IndicatorRow(row=number, indicator=indicator.strip(), unit=unit.strip(), values=values))
    return parsed


def format_value(value: Value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def row_text(row: IndicatorRow) -> str:
    """`集群营业收入（万亿）：2023年 0.79；2025年 1；2027年 1.4`."""
    name = f"{row.indicator}（{row.unit}）" if row.unit else row.indicator
    values = "；".join(f"{column_label(key)} {format_value(value)}" for key, value in row.values.items())
    return f"{name}：{values}" if values else name
