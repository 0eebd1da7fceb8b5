"""Hostile spreadsheet cells: formulas made inert on export, control characters and odd numbers refused on import,
full-width digits folded, GBK files read — each import landing whole or changing nothing."""

from __future__ import annotations

import csv

import pytest

from clusterbot.bot.cli.main import main as cli_main
from clusterbot.tools.dataio import export_dir, import_file
from clusterbot.tools.store import snapshot
from clusterbot.tools.validation import ImportFailed, table_rows

from .conftest import write_csv
from .test_import import TC, identity

HEADER = ["county", "cluster", "year", "metric", "value", "unit", "source", "vintage"]
FORMULAS = ["=HYPERLINK(\"http://example.invalid\",\"点此\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)"]


def _exported_cells(path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_formula_sources_are_inert_in_csv_and_xlsx_exports_and_import_back_unchanged(tool_settings, tmp_path):
    rows = [["天长市", TC, 2010 + i, "revenue", 10 + i, "亿元", text, "2026-01"] for i, text in enumerate(FORMULAS)]
    import_file(tool_settings, write_csv(tmp_path / "f.csv", [[*r[:6], f'"{r[6].replace(chr(34), 2 * chr(34))}"', r[7]]
                                                              for r in rows]))
    assert {v.source for v in snapshot(tool_settings).current[(TC, "revenue")].values()} >= set(FORMULAS)

    csv_file = export_dir(tool_settings, tmp_path / "csv")[0]
    xlsx_file = export_dir(tool_settings, tmp_path / "xlsx", fmt="xlsx")[0]
    for table in (_exported_cells(csv_file), [[str(c) for c in r] for r in table_rows(xlsx_file)]):
        starts = [cell[:1] for row in table[1:] for cell in row]
        assert "=" not in starts and "+" not in starts and "@" not in starts
        assert {"'" + f for f in FORMULAS} <= {row[6] for row in table}
        negatives = [row for row in table if row[4].startswith("-")]
        assert all(not r[4].startswith("'") for r in negatives)  # numbers are never escaped

    from openpyxl import load_workbook

    book = load_workbook(xlsx_file)
    assert all(cell.data_type != "f" for row in book.active.iter_rows() for cell in row)

    # The exported files import back as the same values: nothing changes.
    from clusterbot.config import Settings

    other = Settings(data_dir=tmp_path / "other")
    for exported in (csv_file, xlsx_file):
        report = import_file(other, exported)
        assert report.rows == len(_exported_cells(csv_file)) - 1
    assert {v.source for v in snapshot(other).current[(TC, "revenue")].values()} >= set(FORMULAS)


@pytest.mark.parametrize("cell, column", [
    ("统计局\x1b[31m红色\x1b[0m", "source"),  # ANSI colour codes
    ("天长市\u202e", "county"),  # right-to-left override
    ("2025\x00", "vintage"),
    ("统计\n局", "source"),
])
def test_control_characters_are_refused_with_one_visible_reason(tool_settings, tmp_path, cell, column):
    values = dict(zip(HEADER, ["天长市", TC, "2024", "revenue", "95.5", "亿元", "统计局", "2025-03"], strict=True))
    values[column] = cell
    path = tmp_path / "ctl.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([HEADER, list(values.values())])
    before = identity(tool_settings.data_dir)
    with pytest.raises(ImportFailed) as caught:
        import_file(tool_settings, path)
    issues = caught.value.issues
    assert [(i.row, i.column) for i in issues] == [(2, column)]
    text = issues[0].text()
    assert "控制字符" in text and "\x1b" not in text and "\u202e" not in text and "\x00" not in text
    assert identity(tool_settings.data_dir) == before


def test_full_width_digits_are_folded_and_do_not_outrank_a_later_vintage(tool_settings, tmp_path):
    import_file(tool_settings, write_csv(tmp_path / "a.csv", [
        ["天长市", TC, "２０２３", "revenue", "７７．５", "亿元", "市统计局", "２０２６－０２"],
        ["天长市", TC, 2023, "revenue", 78.25, "亿元", "市统计局", "2026-05"],
    ]))
    value = snapshot(tool_settings).value(TC, "revenue", 2023)
    assert (value.value, value.vintage) == (78.25, "2026-05")
    vintages = {r[7] for r in _exported_cells(export_dir(tool_settings, tmp_path / "out")[0]) if r[6] == "市统计局"}
    assert vintages == {"2026-02", "2026-05"}


@pytest.mark.parametrize("text", ["9_5.5", "1_000", "٩٥", "1,2,3", "0x1F", "95.5万", "NaN", "1e999"])
def test_numbers_outside_plain_decimal_notation_are_refused(tool_settings, tmp_path, text):
    before = identity(tool_settings.data_dir)
    with pytest.raises(ImportFailed) as caught:
        import_file(tool_settings, write_csv(tmp_path / "n.csv", [["天长市", TC, 2024, "revenue", f'"{text}"', "亿元", "局",
                                                                   "2026"]]))
    assert [(i.column, i.row) for i in caught.value.issues] == [("value", 2)]
    assert identity(tool_settings.data_dir) == before


def test_year_in_another_script_or_with_underscores_is_refused(tool_settings, tmp_path):
    with pytest.raises(ImportFailed) as caught:
        import_file(tool_settings, write_csv(tmp_path / "y.csv", [["天长市", TC, "2_024", "revenue", 1, "亿元", "局", "2026"],
                                                                  ["天长市", TC, "٢٠٢٤", "revenue", 1, "亿元", "局", "2026"]]))
    assert [(i.row, i.column) for i in caught.value.issues] == [(2, "year"), (3, "year")]


def test_thousands_separators_still_read(tool_settings, tmp_path):
    import_file(tool_settings, write_csv(tmp_path / "t.csv", [["天长市", TC, 2022, "revenue", '"1,234.5"', "亿元", "局",
                                                               "2026"]]))
    assert snapshot(tool_settings).value(TC, "revenue", 2022).value == 1234.5


@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_csv_saved_by_excel_on_chinese_windows_imports(tool_settings, tmp_path, encoding):
    text = ",".join(HEADER) + "\n" + ",".join(["天长市", TC, "2021", "revenue", "66.6", "亿元", "滁州市统计局",
                                                "2026-03"]) + "\n"
    path = tmp_path / f"{encoding}.csv"
    path.write_bytes(text.encode(encoding))
    report = import_file(tool_settings, path)
    assert report.inserted == 1
    value = snapshot(tool_settings).value(TC, "revenue", 2021)
    assert (value.value, value.source) == (66.6, "滁州市统计局")


def test_cli_refuses_a_hostile_file_with_clear_lines_and_exports_xlsx(store_dir, tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text(",".join(HEADER) + "\n天长市," + TC + ",2024,revenue,9_5.5,亿元,\x1b[2J局,2026\n", encoding="utf-8")
    assert cli_main(["data", "import", str(path)]) == 3
    err = capsys.readouterr().err
    assert "\x1b" not in err and "Traceback" not in err
    assert err.strip().splitlines()[-1].startswith("错误：")
    assert cli_main(["data", "export", "--format", "xlsx", str(tmp_path / "x")]) == 0
    out = capsys.readouterr().out
    assert "indicators.xlsx" in out and "已导出" in out
