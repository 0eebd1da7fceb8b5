"""Reading .xlsx and .csv import files as a stream, with a cap on rows and cells applied while reading.

A sheet of a few hundred KB can unpack to millions of rows. Even read-only, openpyxl walks a whole
sheet when it opens the workbook (to find its size when the sheet does not declare one), and it pads
rows to the size a sheet declares (`<dimension ref="A1:XFD1048576"/>`) and fills skipped row numbers
with empty rows. So before openpyxl opens the file, the parts it will load are counted as a stream
(`clusterbot/ooxml_limits.py`: `<row>` and `<c>` elements, all elements, unpacked bytes); then the
workbook is read read-only with the declared size ignored, and every row it yields — from every
worksheet, the hidden and skipped ones too, since a marked copy of the file loads all of them —
counts against one budget for the file. Crossing a limit stops the read with a DataError before a
single row is validated.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable
from pathlib import Path

from clusterbot.errors import DataError
from clusterbot.messages import msg
from clusterbot.ooxml_limits import Limits, PackageTooLarge, scan_package

# A province's long-format file is under 40,000 rows (100 counties × a few clusters × 12 indicators × 10 years).
MAX_IMPORT_ROWS = 100_000
MAX_IMPORT_CELLS = 2_000_000
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_XML_ELEMENTS = 4 * MAX_IMPORT_CELLS  # a cell is two or three elements (<c><v>, <c><is><t>)
# Excel on Chinese Windows saves "CSV" in the ANSI code page (GBK); GB18030 is its superset.
CSV_ENCODINGS = ("utf-8-sig", "gb18030")


class RowBudget:
    """Rows and cells left for one file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.rows = MAX_IMPORT_ROWS
        self.cells = MAX_IMPORT_CELLS

    def take(self, rows: Iterable[Iterable[object]], sheet: str, keep: bool = True) -> list[list[object]]:
        """The rows, trailing empty cells dropped (only kept when `keep`), counted as they are read."""
        out: list[list[object]] = []
        for number, row in enumerate(rows, start=1):
            cells = list(row)
            self.rows -= 1
            self.cells -= len(cells)
            if self.rows < 0 or self.cells < 0:
                where = msg("store.import.limit_at_sheet", sheet=sheet, row=number) if sheet else msg(
                    "store.import.limit_at", row=number)
                raise _too_many(self.path, "row" if self.rows < 0 else "c", where, row=number)
            if keep:
                while cells and cells[-1] is None:
                    cells.pop()
                out.append(cells)
        return out


def xlsx_sheets(path: Path, wanted) -> list[tuple[str, list[list[object]]]]:  # type: ignore[no-untyped-def]
    """(title, rows) of each worksheet for which `wanted(index, sheet)` is true; every sheet is counted."""
    from openpyxl import load_workbook

    _check_package(path)
    budget = RowBudget(path)
    book = load_workbook(path, read_only=True, data_only=True)
    try:
        found = []
        for index, sheet in enumerate(book.worksheets):
            keep = bool(wanted(index, sheet))
            reset = getattr(sheet, "reset_dimensions", None)
            if reset is not None:
                reset()  # read the rows that are there, not the size the sheet claims
            rows = budget.take(sheet.iter_rows(values_only=True), sheet.title, keep)
            if keep:
                found.append((sheet.title, rows))
        return found
    finally:
        book.close()


def _too_many(path: Path, what: str, where: str = "", row: int = 0) -> DataError:
    if what in ("row", "c"):
        key, limit = ("store.import.too_many_rows", MAX_IMPORT_ROWS) if what == "row" else (
            "store.import.too_many_cells", MAX_IMPORT_CELLS)
        return DataError(key, path=str(path), limit=limit, where=where, row=row)
    return DataError("store.import.too_large", path=str(path), limit_mb=MAX_UNPACKED_BYTES >> 20,
                     elements=MAX_XML_ELEMENTS)


def _check_package(path: Path) -> None:
    """Count the parts openpyxl will load before it opens them (it reads a sheet whole to size it)."""
    import lxml.etree as etree

    limits = Limits(max_bytes=MAX_UNPACKED_BYTES, max_elements=MAX_XML_ELEMENTS,
                    per_tag={"row": MAX_IMPORT_ROWS, "c": MAX_IMPORT_CELLS})
    with zipfile.ZipFile(path) as archive:
        try:
            scan_package(archive, limits)
        except PackageTooLarge as exc:
            raise _too_many(path, exc.what) from None
        except etree.LxmlError as exc:
            raise ValueError(f"XML: {exc}") from exc


def csv_rows(path: Path) -> list[list[object]]:
    data = path.read_bytes()
    try:
        text = data.decode(CSV_ENCODINGS[0])
    except UnicodeDecodeError:
        text = data.decode(CSV_ENCODINGS[1])  # a file in neither raises here and is reported as unreadable
    return RowBudget(path).take(csv.reader(io.StringIO(text, newline="")), "")
