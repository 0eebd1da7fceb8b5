"""Import: every error kind reported at once, all or nothing, idempotent, vintages; export round-trip; CLI."""

from __future__ import annotations

import os

import pytest

from clusterbot.bot.cli.main import main as cli_main
from clusterbot.tools.dataio import export_dir, import_file, store_status
from clusterbot.tools.store import snapshot, store_path
from clusterbot.tools.validation import ImportFailed

from .conftest import write_csv

TC = "天长市智能测控装置(仪器仪表)特色产业集群(基地)"


def identity(data_dir):
    st = os.stat(store_path(data_dir))
    return st.st_ino, st.st_mtime_ns, st.st_size


def test_every_error_kind_reported_with_row_and_column(tool_settings, tmp_path):
    path = write_csv(tmp_path / "bad.csv", [
        ["天长市", TC, 2024, "revenue", 95, "亿元", "统计局", "2025-03"],  # fine
        ["天上县", TC, 2024, "revenue", 95, "亿元", "统计局", "2025-03"],  # unknown county
        ["天长市", "刷业", 2024, "revenue", 95, "亿元", "统计局", "2025-03"],  # cluster of another county
        ["天长市", TC, 2024, "turnover", 95, "亿元", "统计局", "2025-03"],  # unknown metric
        ["天长市", TC, 2024, "revenue", 95, "万元", "统计局", "2025-03"],  # wrong unit
        ["天长市", TC, 2024, "revenue", "九十五", "亿元", "统计局", "2025-03"],  # not numeric
        ["天长市", TC, 1999, "revenue", 95, "亿元", "统计局", "2025-03"],  # year out of range
        ["天长市", TC, 2024, "revenue", 96, "亿元", "统计局", "2025-03"],  # duplicate of row 2
        ["天长市", TC, 2024, "high_tech_enterprises", 7.5, "家", "统计局", "2025-03"],  # not an integer
        ["天长市", TC, 2024, "rd_intensity", 250, "%", "统计局", "2025-03"],  # out of range
        ["天长市", TC, 2024, "revenue", 95, "亿元", "", "2025/03"],  # missing source, bad vintage
    ])
    before = identity(tool_settings.data_dir)
    with pytest.raises(ImportFailed) as caught:
        import_file(tool_settings, path)
    found = {(i.row, i.column) for i in caught.value.issues}
    assert found == {(3, "county"), (4, "cluster"), (5, "metric"), (6, "unit"), (7, "value"), (8, "year"),
                     (9, "cluster"), (10, "value"), (11, "value"), (12, "source"), (12, "vintage")}
    texts = [i.text() for i in caught.value.issues]
    assert all(str(path) in t and "第" in t and "列" in t for t in texts)
    assert any("与第 2 行重复" in t for t in texts) and any("未知的县" in t for t in texts)
    assert identity(tool_settings.data_dir) == before


def test_xlsx_import_and_idempotent_reimport(tool_settings, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["county", "cluster", "year", "metric", "value", "unit", "source", "vintage"])
    sheet.append(["天长市", "仪器仪表", 2024, "revenue", 95.5, "亿元", "滁州市统计局", "2025-03"])
    sheet.append(["宁国市", "宁国市电子元器件特色产业集群(基地)", 2024, "enterprises_above_scale", 41, "家", "宣城市统计局",
                  "2025-04"])
    book.save(tmp_path / "in.xlsx")
    first = import_file(tool_settings, tmp_path / "in.xlsx")
    assert (first.inserted, first.updated, first.unchanged, first.changed) == (2, 0, 0, True)
    assert snapshot(tool_settings).value(TC, "revenue", 2024).value == 95.5
    before = identity(tool_settings.data_dir)
    again = import_file(tool_settings, tmp_path / "in.xlsx")
    assert (again.inserted, again.updated, again.unchanged, again.changed) == (0, 0, 2, False)
    assert identity(tool_settings.data_dir) == before


def test_newer_vintage_supersedes_and_older_stays_queryable(tool_settings, tmp_path):
    import_file(tool_settings, write_csv(tmp_path / "a.csv", [["天长市", TC, 2024, "revenue", 95.5, "亿元", "统计局",
                                                               "2025-03"]]))
    report = import_file(tool_settings, write_csv(tmp_path / "b.csv", [
        ["天长市", TC, 2024, "revenue", 96.1, "亿元", "统计局", "2025-09"]]))
    assert report.superseded == 1
    current = snapshot(tool_settings).value(TC, "revenue", 2024)
    assert (current.value, current.vintage, current.demo) == (96.1, "2025-09", False)
    exported = (export_dir(tool_settings, tmp_path / "out")[0]).read_text(encoding="utf-8-sig")
    assert f"{TC},2024,revenue,95.5,亿元,统计局,2025-03" in exported
    assert f"{TC},2024,revenue,96.1,亿元,统计局,2025-09" in exported
    assert f"{TC},2024,revenue,90.8,亿元,demo,2025-06" in exported
    status = store_status(tool_settings)
    assert {(s.source, s.vintage) for s in status.sources} == {("demo", "2025-06"), ("统计局", "2025-03"),
                                                               ("统计局", "2025-09")}
    assert status.superseded_rows == 2


def test_crash_in_the_middle_changes_nothing(tool_settings, tmp_path, monkeypatch):
    import clusterbot.tools.upsert as upsert

    def boom(con, import_id):
        raise RuntimeError("simulated crash after the update step")

    monkeypatch.setattr(upsert, "_insert_new", boom)
    before = identity(tool_settings.data_dir)
    path = write_csv(tmp_path / "c.csv", [["天长市", TC, 2023, "revenue", 1.0, "亿元", "demo", "2025-06"],
                                          ["天长市", TC, 2030, "revenue", 2.0, "亿元", "统计局", "2026-01"]])
    with pytest.raises(RuntimeError):
        import_file(tool_settings, path)
    assert identity(tool_settings.data_dir) == before
    assert snapshot(tool_settings).value(TC, "revenue", 2023).value == 86.9
    assert not list(tool_settings.data_dir.glob(".indicators.*"))


def test_full_disk_at_publish_changes_nothing(tool_settings, tmp_path, monkeypatch):
    import clusterbot.tools.store as store

    def no_space(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store.os, "replace", no_space)
    before = identity(tool_settings.data_dir)
    with pytest.raises(OSError):
        import_file(tool_settings, write_csv(tmp_path / "d.csv", [["天长市", TC, 2024, "revenue", 1, "亿元", "s", "2026-01"]]))
    assert identity(tool_settings.data_dir) == before
    assert snapshot(tool_settings).value(TC, "revenue", 2024).value == 90.8


def test_export_round_trip(tool_settings, tmp_path, isolated_env, monkeypatch):
    import_file(tool_settings, write_csv(tmp_path / "a.csv", [["天长市", TC, 2024, "revenue", 95.5, "亿元", "统计局",
                                                               "2025-03"]]))
    first = export_dir(tool_settings, tmp_path / "one")[0]
    fresh = tmp_path / "fresh"
    from clusterbot.config import Settings

    other = Settings(data_dir=fresh)
    report = import_file(other, first)
    assert report.inserted == 1 and report.unchanged == 4935
    second = export_dir(other, tmp_path / "two")[0]
    assert first.read_bytes() == second.read_bytes()


def test_cli_import_export_status(store_dir, tmp_path, capsys):
    good = write_csv(tmp_path / "good.csv", [["天长市", TC, 2024, "revenue", 95.5, "亿元", "滁州市统计局", "2025-03"]])
    assert cli_main(["data", "import", str(good)]) == 0
    assert "新增 1 行" in capsys.readouterr().out
    assert cli_main(["data", "import", str(good)]) == 0
    assert "未做修改" in capsys.readouterr().out
    bad = write_csv(tmp_path / "bad.csv", [["天长市", TC, 2024, "revenue", "x", "亿元", "s", "2025"],
                                           ["无此县", TC, 2024, "revenue", 1, "亿元", "s", "2025"]])
    assert cli_main(["data", "import", str(bad)]) == 3
    err = capsys.readouterr().err
    assert "第 2 行，value 列" in err and "第 3 行，county 列" in err and "数据库未做任何修改" in err
    assert "Traceback" not in err
    assert cli_main(["data", "import", str(tmp_path / "missing.csv")]) == 3
    assert "找不到文件" in capsys.readouterr().err
    assert cli_main(["data", "export", str(tmp_path / "out")]) == 0
    assert "4936" in capsys.readouterr().out
    assert cli_main(["data", "status"]) == 0
    out = capsys.readouterr().out
    assert "滁州市统计局" in out and "示例数据" in out and "被取代 1 行" in out
