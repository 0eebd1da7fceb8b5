"""The store: migrations recorded once, self-initialising data dir, reference data and policy targets."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import duckdb

from clusterbot.config import Settings
from clusterbot.tools.store import ensure_store, migrations, snapshot, store_path

SHARED = Path(__file__).resolve().parents[2] / "data" / "public"  # the public facts, with their sources


def test_fresh_data_dir_initialises_itself_and_reports_progress(isolated_env):
    lines: list[str] = []
    path = ensure_store(Settings(data_dir=isolated_env), progress=lines.append)
    assert path == store_path(isolated_env) and path.is_file()
    assert len(lines) == 2 and "指标数据库" in lines[0] and "4935" in lines[1]
    snap = snapshot(Settings(data_dir=isolated_env))
    assert len(snap.counties) == 59 and len(snap.clusters) == 72
    assert not list(isolated_env.glob(".indicators.*"))  # no temporary copies left behind


def test_migrations_are_recorded_once_and_second_call_changes_nothing(store_dir):
    before = os.stat(store_path(store_dir))
    lines: list[str] = []
    ensure_store(Settings(data_dir=store_dir), progress=lines.append)
    after = os.stat(store_path(store_dir))
    assert lines == [] and (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)
    con = duckdb.connect(str(store_path(store_dir)), read_only=True)
    try:
        versions = [r[0] for r in con.execute("SELECT version FROM schema_migrations ORDER BY version").fetchall()]
    finally:
        con.close()
    assert versions == [v for v, _, _ in migrations()] and len(versions) == len(set(versions)) >= 2


def test_changed_reference_data_is_synced_without_losing_indicators(store_dir, monkeypatch):
    import clusterbot.tools.reference as reference

    monkeypatch.setattr(reference, "reference_hash", lambda: "changed")
    lines: list[str] = []
    ensure_store(Settings(data_dir=store_dir), progress=lines.append)
    assert lines and "升级" in lines[0]
    snap = snapshot(Settings(data_dir=store_dir))
    assert snap.row_count == 4935 and len(snap.clusters) == 72


def test_all_59_counties_with_cities_and_aliases(tool_settings):
    snap = snapshot(tool_settings)
    with open(SHARED / "counties.csv", encoding="utf-8") as handle:
        shared = {r["county"]: r["city"] for r in csv.DictReader(handle) if r["kind"] != "区"}
    assert {n: c.city for n, c in snap.counties.items()} == shared
    kinds = {c.kind for c in snap.counties.values()}
    assert kinds == {"县", "县级市"} and sum(c.kind == "县级市" for c in snap.counties.values()) == 9
    aliases = {(alias, name) for alias, _kind, ek, name in snap.aliases if ek == "county"}
    assert ("潜山县", "潜山市") in aliases and ("Tianchang", "天长市") in aliases and ("宁国", "宁国市") in aliases


def test_metric_dictionary_and_thresholds(tool_settings):
    snap = snapshot(tool_settings)
    expected_units = {"revenue": "亿元", "enterprises_above_scale": "家", "high_tech_enterprises": "家",
                      "rd_intensity": "%", "specialized_enterprises": "家", "five_one_count": "项",
                      "exports": "亿元", "key_enterprises_100yi": "个"}
    for code, unit in expected_units.items():
        assert snap.metrics[code].unit == unit and snap.metrics[code].definition
    assert snap.thresholds == {100.0: "百亿级", 300.0: "300亿级", 500.0: "500亿级", 1000.0: "千亿级"}


def test_province_table_and_text_targets_with_clause_ids(tool_settings):
    snap = snapshot(tool_settings)
    table = [t for t in snap.targets if t.clause_id.startswith("2.table.")]
    assert {t.clause_id for t in table} == {f"2.table.{n}" for n in range(1, 9)}
    actual_2023 = {t.indicator: t.value for t in table if t.kind == "actual"}
    assert actual_2023 == {"revenue_total": 0.79, "clusters_100": 23, "mfg_high_tech": 1849, "mfg_rd_intensity": 1.79,
                           "mfg_specialized": 986, "five_one_coverage": 20, "trade_share": 4.4,
                           "key_enterprises_100yi": 8}
    qualitative = {(t.indicator, t.year) for t in table if t.value is None}
    assert qualitative == {("mfg_high_tech", 2027), ("mfg_rd_intensity", 2027), ("mfg_specialized", 2027),
                           ("trade_share", 2025), ("trade_share", 2027)}
    text = {(t.indicator, t.year): t.value for t in snap.targets if t.clause_id == "2"}
    assert text[("clusters_100", 2025)] == 35 and text[("clusters_500", 2025)] == 3
    assert text[("clusters_300_500", 2025)] == 10 and text[("revenue_total", 2025)] == 1
    assert text[("mfg_high_tech", 2025)] == 2400 and text[("mfg_specialized", 2025)] == 1200
    assert text[("leading_enterprises", 2025)] == 200 and text[("partner_enterprises", 2025)] == 1000
    assert text[("clusters_100", 2027)] == 45 and text[("clusters_1000", 2027)] == 1
    assert text[("revenue_total", 2027)] == 1.4 and text[("clusters_1000", 2030)] == 3
    assert text[("revenue_total", 2030)] == 2 and text[("mfg_clusters", 2030)] == 100
    assert text[("counties_with_100", 2030)] == 59
