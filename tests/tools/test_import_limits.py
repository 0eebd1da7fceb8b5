"""Import files that unpack to far more than they look: rows and cells are capped while the workbook is read,
before any row is validated, in every sheet (hidden ones too), whatever size the sheet declares."""

from __future__ import annotations

import resource
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from clusterbot.errors import DataError
from clusterbot.tools import dataio, workbook
from clusterbot.tools.dataio import import_file
from clusterbot.tools.store import snapshot

TC = "天长市智能测控装置(仪器仪表)特色产业集群(基地)"
HEADER = ["县（市）", "集群名称", "指标", "年份", "数值", "来源", "数据截至"]
ROW = ["天长市", "仪器仪表", "营业收入", 2024, 95.5, "滁州市统计局", "2025-03"]


def _book(path: Path, hidden: bool = False) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "数据"
    sheet.append(HEADER)
    sheet.append(ROW)
    if hidden:
        extra = book.create_sheet("备用")
        extra.sheet_state = "hidden"
        extra.append(["x"])
    book.save(path)
    return path


def _rewrite(path: Path, member: str, head: bytes, row: bytes, count: int, tail: bytes) -> Path:
    """Replace one worksheet with `head`, `count` copies of `row` and `tail`, written as a stream."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            if name != member:
                archive.writestr(name, data)
                continue
            with archive.open(name, "w", force_zip64=True) as stream:
                stream.write(head)
                block = row * 10_000
                for _ in range(count // 10_000):
                    stream.write(block)
                stream.write(row * (count % 10_000) + tail)
    return path


SHEET_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
SHEET_TAIL = b"</sheetData></worksheet>"


def _refuses_before_validating(monkeypatch, settings, path: Path) -> tuple[DataError, float]:
    def validate(*args, **kwargs):
        raise AssertionError("rows were validated: the cap must stop the read first")

    monkeypatch.setattr(dataio, "validate_rows", validate)
    started = time.process_time()
    with pytest.raises(DataError) as caught:
        import_file(settings, path)
    return caught.value, time.process_time() - started


def _peak_bytes(path: Path) -> int:
    """Python's peak allocation while the file is read and refused."""
    from clusterbot.tools.sheets import Metrics, read_located

    tracemalloc.start()
    try:
        with pytest.raises(DataError):
            read_located(path, Metrics(units={}, names={}))
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_sheet_of_two_million_rows_is_refused_early_in_bounded_memory(tool_settings, tmp_path, monkeypatch):
    row = b"<row><c><v>1</v></c></row>"
    path = _rewrite(_book(tmp_path / "rows.xlsx"), "xl/worksheets/sheet1.xml", SHEET_HEAD, row, 2_000_000,
                    SHEET_TAIL)
    assert path.stat().st_size < 1 << 20
    high_water = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    error, elapsed = _refuses_before_validating(monkeypatch, tool_settings, path)
    assert error.key == "store.import.too_many_rows"
    assert f"{workbook.MAX_IMPORT_ROWS} 行的上限" in str(error) and "\n" not in str(error)
    assert elapsed < 3.0, elapsed  # about 0.5 s on a quiet machine
    # The process's high-water mark bounds what the read could have used above it (reading it all took 1.2 GB).
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - high_water < 100 * 1024


def test_row_numbers_that_skip_ahead_are_refused_while_reading(tool_settings, tmp_path, monkeypatch):
    """One row numbered five million: openpyxl would yield the empty rows before it one by one."""
    path = _rewrite(_book(tmp_path / "skip.xlsx"), "xl/worksheets/sheet1.xml", SHEET_HEAD,
                    b'<row r="5000000"><c r="A5000000"><v>1</v></c></row>', 1, SHEET_TAIL)
    error, elapsed = _refuses_before_validating(monkeypatch, tool_settings, path)
    assert error.key == "store.import.too_many_rows"
    assert error.values["row"] == workbook.MAX_IMPORT_ROWS + 1 and "工作表“数据”" in str(error)
    assert elapsed < 3.0, elapsed
    assert _peak_bytes(path) < 40 << 20


def test_rows_in_a_hidden_sheet_count_too(tool_settings, tmp_path, monkeypatch):
    monkeypatch.setattr(workbook, "MAX_IMPORT_ROWS", 5_000)
    path = _rewrite(_book(tmp_path / "hidden.xlsx", hidden=True), "xl/worksheets/sheet2.xml", SHEET_HEAD,
                    b"<row><c><v>1</v></c></row>", 2_000_000, SHEET_TAIL)
    error, _elapsed = _refuses_before_validating(monkeypatch, tool_settings, path)
    assert error.key == "store.import.too_many_rows"


def test_cells_far_to_the_right_are_refused_by_the_cell_cap(tool_settings, tmp_path, monkeypatch):
    monkeypatch.setattr(workbook, "MAX_IMPORT_CELLS", 200_000)
    row = b'<row><c r="XFD1"><v>1</v></c></row>'  # each row unpacks to 16,384 cells
    path = _rewrite(_book(tmp_path / "wide.xlsx"), "xl/worksheets/sheet1.xml", SHEET_HEAD, row, 1_000, SHEET_TAIL)
    error, elapsed = _refuses_before_validating(monkeypatch, tool_settings, path)
    assert error.key == "store.import.too_many_cells"
    assert error.values["row"] == 200_000 // 16_384 + 1
    assert elapsed < 5.0, elapsed


def test_a_declared_size_of_a_million_rows_is_not_read_as_rows(tool_settings, tmp_path):
    """Some exporters declare the whole grid; the rows that are there are read, nothing more."""
    path = _book(tmp_path / "declared.xlsx")
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    start = sheet.index(b"<dimension")
    end = sheet.index(b"/>", start) + 2
    parts["xl/worksheets/sheet1.xml"] = sheet[:start] + b'<dimension ref="A1:XFD1048576"/>' + sheet[end:]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    report = import_file(tool_settings, path)
    assert report.rows == 1
    assert snapshot(tool_settings.data_dir).value(TC, "revenue", 2024).value == 95.5


def test_a_csv_over_the_row_cap_is_refused(tool_settings, tmp_path, monkeypatch):
    monkeypatch.setattr(workbook, "MAX_IMPORT_ROWS", 1_000)
    path = tmp_path / "rows.csv"
    path.write_text("county,cluster,year,metric,value,unit,source,vintage\n" + "a,b,2024,revenue,1,亿元,s,2025\n" * 1_001,
                    encoding="utf-8")
    error, _elapsed = _refuses_before_validating(monkeypatch, tool_settings, path)
    assert error.key == "store.import.too_many_rows" and error.values["row"] == 1_001


def test_the_cli_says_it_in_one_line(store_dir, tmp_path, capsys, monkeypatch):
    from clusterbot.bot.cli.main import main

    monkeypatch.setattr(workbook, "MAX_IMPORT_ROWS", 5_000)
    path = _rewrite(_book(tmp_path / "rows.xlsx"), "xl/worksheets/sheet1.xml", SHEET_HEAD,
                    b"<row><c><v>1</v></c></row>", 10_000, SHEET_TAIL)
    code = main(["--data-dir", str(store_dir), "data", "import", str(path)])
    err = capsys.readouterr().err
    assert code == 3 and "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith("错误：")]
    assert len(lines) == 1 and "5000 行的上限" in lines[0]
    assert not (tmp_path / "rows-错误标注.xlsx").exists()
