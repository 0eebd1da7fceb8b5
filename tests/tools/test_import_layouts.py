"""Import as 统计 staff keep their data: Chinese headers and names, wide layouts, the template with
dropdowns, errors by sheet/row/column with a marked copy, all or nothing, and no store made by a typo."""

from __future__ import annotations

import datetime as dt
import hashlib
import os

import pytest
from openpyxl import Workbook, load_workbook

from clusterbot.bot.cli.main import main as cli_main
from clusterbot.tools.dataio import import_file
from clusterbot.tools.import_template import DATA_SHEET, HELP_SHEET, LISTS_SHEET, write_template
from clusterbot.tools.store import snapshot, store_path
from clusterbot.tools.validation import ImportFailed

TC = "天长市智能测控装置(仪器仪表)特色产业集群(基地)"
SOURCE, VINTAGE = "滁州市统计局", "2025-03"
TODAY = dt.date(2025, 7, 1)


def _book(path, sheets: dict[str, list[list[object]]]):
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def _values(data_dir, cluster=TC, year=2024):
    snap = snapshot(data_dir)
    return {metric: snap.value(cluster, metric, year).value for metric in ("revenue", "leading_enterprises")}


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_chinese_headers_and_indicator_names_import_without_a_unit_column(tool_settings, tmp_path):
    path = _book(tmp_path / "长表.xlsx", {"数据": [
        ["县（市）", "集群名称", "指标", "年份", "数值", "来源", "数据截至"],
        ["天长市", "仪器仪表", "营业收入", 2024, 95.5, SOURCE, VINTAGE],
        ["天长市", "仪器仪表", "群主企业数", 2024, 4, SOURCE, VINTAGE],
        ["天长市", "仪器仪表", "规上企业数", 2024, None, SOURCE, VINTAGE],  # not filled in: skipped
    ]})
    report = import_file(tool_settings, path)
    assert report.rows == 2 and report.inserted == 2
    assert _values(tool_settings.data_dir) == {"revenue": 95.5, "leading_enterprises": 4}


def test_wide_layouts_give_the_same_values_as_the_long_one(tool_settings, tmp_path):
    by_year = _book(tmp_path / "按年.xlsx", {"历年": [
        ["地区", "集群", "指标", "2023年", "2024", "来源", "数据截至"],
        ["天长市", "仪器仪表", "营业收入", 88.0, 95.5, SOURCE, VINTAGE],
        ["天长市", "仪器仪表", "群主企业数", None, 4, SOURCE, VINTAGE],
    ]})
    assert import_file(tool_settings, by_year).rows == 3
    assert _values(tool_settings.data_dir) == {"revenue": 95.5, "leading_enterprises": 4}
    assert snapshot(tool_settings.data_dir).value(TC, "revenue", 2023).value == 88.0
    by_metric = _book(tmp_path / "按指标.xlsx", {"指标": [
        ["县（市）", "集群名称", "年份", "营业收入（亿元）", "群主企业数", "来源", "数据截至"],
        ["天长市", "仪器仪表", 2024, 95.5, 4, SOURCE, VINTAGE],
    ]})
    report = import_file(tool_settings, by_metric)
    assert report.rows == 2 and report.unchanged == 2  # the same values: nothing to change


def test_template_has_prefilled_rows_dropdowns_and_instructions(tool_settings, tmp_path):
    path, county, clusters, metrics, year = write_template(tool_settings, "天长", tmp_path / "模板.xlsx", today=TODAY)
    assert county == "天长市" and clusters == 2 and year == 2025  # the data run to 2025: report 2025 until 2026
    book = load_workbook(path)
    assert book.sheetnames == [DATA_SHEET, LISTS_SHEET, HELP_SHEET] and book[LISTS_SHEET].sheet_state == "hidden"
    sheet = book[DATA_SHEET]
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert {r[1] for r in rows} == {c.name for c in snapshot(tool_settings.data_dir).clusters.values()
                                    if c.county == "天长市"}
    assert rows[0][:4] == ("天长市", rows[0][1], "营业收入", 2025) and rows[0][4] is None and rows[0][5] == "亿元"
    assert all(r[6] == "天长市统计局" and r[7] == "2025-07" for r in rows)
    lists = {str(v.sqref)[0]: v.formula1 for v in sheet.data_validations.dataValidation if v.type == "list"}
    assert lists == {"B": f"={LISTS_SHEET}!$A$1:$A$2", "C": f"={LISTS_SHEET}!$B$1:$B${metrics}",
                     "D": lists["D"]}
    listed = [c.value for c in book[LISTS_SHEET]["B"] if c.value]
    assert "营业收入" in listed and len(listed) == metrics
    assert "clusterbot data import" in " ".join(str(c.value) for c in book[HELP_SHEET]["A"])
    with pytest.raises(Exception, match="已存在"):
        write_template(tool_settings, "天长市", path)


def test_a_filled_template_imports_as_it_is(tool_settings, tmp_path):
    path = write_template(tool_settings, "天长市", tmp_path / "模板.xlsx", year=2024, today=TODAY)[0]
    book = load_workbook(path)
    sheet = book[DATA_SHEET]
    for row in sheet.iter_rows(min_row=2):
        if row[1].value == TC and row[2].value in ("营业收入", "群主企业数"):
            row[4].value = 95.5 if row[2].value == "营业收入" else 4
    book.save(path)
    report = import_file(tool_settings, path)
    assert report.rows == 2
    assert _values(tool_settings.data_dir) == {"revenue": 95.5, "leading_enterprises": 4}


def test_a_broken_workbook_is_refused_whole_with_a_marked_copy(tool_settings, tmp_path):
    path = _book(tmp_path / "填报.xlsx", {"说明": [["这张表不读"]], "填报": [
        ["县（市）", "集群名称", "指标", "年份", "数值", "单位", "来源", "数据截至"],
        ["天长市", "仪器仪表", "营业收入", 2024, 95.5, "亿元", SOURCE, VINTAGE],  # fine, but not written
        ["天长市", "仪器仪表", "营收", 2024, 3, "亿元", SOURCE, VINTAGE],  # unknown indicator
        ["天长市", "仪器仪表", "群主企业数", 2024, "三", "家", SOURCE, VINTAGE],  # not a number
    ]})
    before, store_before = _digest(path), os.stat(store_path(tool_settings.data_dir)).st_mtime_ns
    with pytest.raises(ImportFailed) as caught:
        import_file(tool_settings, path)
    texts = [i.text() for i in caught.value.issues]
    assert texts == [f"{path} 工作表“填报” 第 3 行，C（指标） 列：未知的指标“营收”，可用："
                     + texts[0].split("可用：")[1],
                     f"{path} 工作表“填报” 第 4 行，E（数值） 列：“三”不是数值"]
    assert "营业收入" in texts[0] and "revenue" not in texts[0]
    assert os.stat(store_path(tool_settings.data_dir)).st_mtime_ns == store_before  # all or nothing
    assert _digest(path) == before  # the official's file is untouched
    marked = load_workbook(caught.value.annotated)
    sheet = marked["填报"]
    assert sheet["C3"].fill.fgColor.rgb.endswith("FFC7CE") and "营收" in sheet["C3"].comment.text
    assert sheet["E4"].fill.fgColor.rgb.endswith("FFC7CE") and sheet["E2"].comment is None
    listing = [list(r) for r in marked["错误清单"].iter_rows(min_row=2, values_only=True)]
    assert [r[:3] for r in listing] == [["填报", 3, "C（指标）"], ["填报", 4, "E（数值）"]]


def test_wide_layout_errors_name_the_year_column(tool_settings, tmp_path):
    path = _book(tmp_path / "按年.xlsx", {"历年": [
        ["县（市）", "集群名称", "指标", "2023", "2024", "来源", "数据截至"],
        ["天长市", "仪器仪表", "营业收入", 88.0, "九十五", SOURCE, VINTAGE],
    ]})
    with pytest.raises(ImportFailed) as caught:
        import_file(tool_settings, path)
    assert [(i.row, i.column) for i in caught.value.issues] == [(2, "E（2024）")]


def test_missing_columns_are_named_in_chinese(tool_settings, tmp_path):
    path = _book(tmp_path / "缺列.xlsx", {"数据": [["县（市）", "集群名称", "指标", "年份", "数值"],
                                                  ["天长市", "仪器仪表", "营业收入", 2024, 95.5]]})
    with pytest.raises(Exception, match="缺少列：来源、数据截至"):
        import_file(tool_settings, path)


def test_cli_template_import_and_a_mistyped_data_dir(store_dir, tmp_path, capsys):
    missing = tmp_path / "no-such-dir"
    assert cli_main(["--data-dir", str(missing), "data", "status"]) == 3
    assert "不存在" in capsys.readouterr().err and not missing.exists()
    out = tmp_path / "模板.xlsx"
    assert cli_main(["--data-dir", str(store_dir), "data", "template", "--county", "天长市", "--out", str(out)]) == 0
    assert "已生成填报模板" in capsys.readouterr().out and out.is_file()
    bad = _book(tmp_path / "bad.xlsx", {"填报": [["县（市）", "集群名称", "指标", "年份", "数值", "来源", "数据截至"],
                                               ["天长市", "仪器仪表", "营业收入", 2024, "x", SOURCE, VINTAGE]]})
    assert cli_main(["--data-dir", str(store_dir), "data", "import", str(bad)]) == 3
    err = capsys.readouterr().err
    assert "第 2 行，E（数值） 列" in err and "bad-错误标注.xlsx" in err and "数据库未做任何修改" in err
    fresh = tmp_path / "fresh"
    assert cli_main(["--data-dir", str(fresh), "data", "status", "--init"]) == 0 and fresh.is_dir()
