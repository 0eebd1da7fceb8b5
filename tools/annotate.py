"""Errors of an import, where the official sees them: each names sheet, row and column in Chinese,
and a copy of the workbook marks the bad cells (red fill, the reason as a comment) with a 错误清单
sheet listing them all. The file given is never changed; a CSV gets an .xlsx copy of its rows.
"""

from __future__ import annotations

import re
from pathlib import Path

from clusterbot.messages import msg
from clusterbot.tools.cells import neutralise, visible
from clusterbot.tools.sheets import FIELD_NAMES, Located, Metrics, column_letter
from clusterbot.tools.validation import RowIssue, table_rows

BAD_FILL = "FFC7CE"
ISSUE_SHEET = "错误清单"
DUPLICATE = re.compile(r"与第 (\d+) 行重复")


def locate(issues: list[RowIssue], located: list[Located], path: Path, metrics: Metrics) -> list[RowIssue]:
    """The validator's issues (row = position in the value list + 2) as cells of the file the official has."""
    out = []
    for issue in issues:
        spot = located[issue.row - 2]
        cell = spot.cells.get(issue.column)
        header = cell[1] if cell else FIELD_NAMES.get(issue.column, issue.column)
        column = header if cell is None or header == issue.column else msg(
            "store.import.column_at", letter=column_letter(cell[0]), header=header)
        reason = DUPLICATE.sub(lambda m: f"与第 {located[int(m[1]) - 2].line} 行重复", issue.reason)
        reason = _metric_words(reason, issue, spot, metrics)
        file = msg("store.import.cell", path=path, sheet=spot.sheet) if spot.sheet else str(path)
        out.append(RowIssue(file=file, row=spot.line, column=column, reason=reason))
    return out


def _metric_words(reason: str, issue: RowIssue, spot: Located, metrics: Metrics) -> str:
    """Indicators by their Chinese names (营业收入), as the official wrote them, not by code."""
    if issue.column == "metric" and reason.startswith("未知的指标代码"):
        known = "、".join(metrics.names.values())
        return msg("store.import.unknown_metric_cn", value=spot.row["metric"], known=known)
    code = spot.row.get("metric", "")
    if code in metrics.names:
        name = metrics.names[code]
        reason = reason.replace(f"指标 {code} ", f"指标{name}" if "“" in name else f"指标“{name}”")
    return reason


def annotated_path(path: Path) -> Path:
    return path.with_name(f"{path.stem}-错误标注.xlsx")


def annotate(path: Path, issues: list[RowIssue], located: list[Located], raw: list[RowIssue]) -> Path:
    """Write the marked copy next to `path` and return it. `raw` are the validator's issues (for the cells)."""
    from openpyxl import Workbook, load_workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill

    if path.suffix.lower() == ".xlsx":
        book = load_workbook(path)
    else:
        book = Workbook()
        sheet = book.worksheets[0]
        for cells in table_rows(path):  # inert: no formula runs, no control character is written
            sheet.append([neutralise(visible(str(c), limit=10_000)) if c is not None else "" for c in cells])
    fill = PatternFill("solid", fgColor=BAD_FILL)
    for issue, source in zip(issues, raw, strict=True):
        spot = located[source.row - 2]
        sheet = book[spot.sheet] if spot.sheet else book.worksheets[0]
        column = spot.cells.get(source.column, (1, ""))[0]
        cell = sheet.cell(row=spot.line, column=column)
        cell.fill = fill
        text = issue.reason if cell.comment is None else f"{cell.comment.text}\n{issue.reason}"
        cell.comment = Comment(text, "clusterbot")
    listing = book.create_sheet(ISSUE_SHEET, 0)
    listing.append(["工作表", "行", "列", "问题"])
    for issue, source in zip(issues, raw, strict=True):
        listing.append([neutralise(located[source.row - 2].sheet or "（CSV）"), issue.row, neutralise(issue.column),
                        neutralise(issue.reason)])
    listing.column_dimensions["D"].width = 80
    target = annotated_path(path)
    book.save(target)
    return target
