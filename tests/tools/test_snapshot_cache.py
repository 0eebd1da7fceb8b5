"""The snapshot cache: the same data as DuckDB, never a store version other than the live one, safe when damaged."""

from __future__ import annotations

import pytest

import clusterbot.tools.store as store
from clusterbot.tools import snapshot_cache
from clusterbot.tools.dataio import import_file
from clusterbot.tools.store import ensure_store, invalidate, snapshot, store_path

from .conftest import write_csv

TC = "天长市智能测控装置(仪器仪表)特色产业集群(基地)"


def fresh_read(settings):
    """The snapshot as a new process reads it (this process's in-memory copy forgotten)."""
    invalidate(settings.data_dir)
    return snapshot(settings)


def test_cached_snapshot_equals_the_one_read_from_duckdb(tool_settings, monkeypatch):
    from_duckdb = fresh_read(tool_settings)
    cache = snapshot_cache.cache_path(store_path(tool_settings.data_dir))
    assert cache.is_file()
    monkeypatch.setattr(store, "_read_once_stable", lambda _path: pytest.fail("DuckDB read despite a current cache"))
    from_cache = fresh_read(tool_settings)
    assert from_cache is not from_duckdb
    assert from_cache == from_duckdb  # every table, key order aside
    assert list(from_cache.counties) == list(from_duckdb.counties)
    assert from_cache.figure(TC, "revenue", 2025) == from_duckdb.figure(TC, "revenue", 2025)


def test_a_current_cache_lets_ensure_store_skip_opening_the_file(tool_settings, monkeypatch):
    fresh_read(tool_settings)  # writes the cache
    monkeypatch.setattr(store, "_recorded", lambda _con: pytest.fail("store file opened to check migrations"))
    ensure_store(tool_settings)


def test_a_changed_store_is_read_again_not_taken_from_the_cache(tool_settings, tmp_path):
    assert fresh_read(tool_settings).value(TC, "revenue", 2024).value == 90.8
    import_file(tool_settings, write_csv(tmp_path / "a.csv", [["天长市", TC, 2024, "revenue", 95.5, "亿元", "统计局",
                                                               "2025-03"]]))
    assert fresh_read(tool_settings).value(TC, "revenue", 2024).value == 95.5
    # and the cache now holds the new version
    assert fresh_read(tool_settings).value(TC, "revenue", 2024).value == 95.5


def test_changed_reference_data_is_not_hidden_by_the_cache(tool_settings, monkeypatch):
    import clusterbot.tools.reference as reference

    fresh_read(tool_settings)
    monkeypatch.setattr(reference, "reference_hash", lambda: "changed")
    lines: list[str] = []
    ensure_store(tool_settings, progress=lines.append)
    assert lines and "升级" in lines[0]


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "bad body", "other code"])
def test_a_damaged_cache_is_ignored_and_written_again(tool_settings, damage):
    expected = fresh_read(tool_settings)
    cache = snapshot_cache.cache_path(store_path(tool_settings.data_dir))
    text = cache.read_text(encoding="utf-8")
    header, body = text.split("\n", 1)
    damaged = {
        "garbage": "\x00\xff not json",
        "truncated": text[: len(text) // 2],
        "empty": "",
        "bad body": header + "\n" + body.replace('"current":[[', '"current":[["x"],[', 1),
        "other code": header.replace(snapshot_cache.code_hash(), "0" * 16) + "\n" + body,
    }[damage]
    cache.write_text(damaged, encoding="utf-8")
    assert fresh_read(tool_settings) == expected
    assert snapshot_cache.load(store_path(tool_settings.data_dir), expected.identity) is not None


def test_an_unwritable_cache_directory_only_costs_speed(tool_settings, monkeypatch):
    def no_space(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(snapshot_cache.tempfile, "mkstemp", no_space)
    snap = fresh_read(tool_settings)
    assert snap.value(TC, "revenue", 2024).value == 90.8
    assert not snapshot_cache.cache_path(store_path(tool_settings.data_dir)).exists()
