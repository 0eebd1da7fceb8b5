"""Readers in other threads see the old or the new data during imports, never a mix."""

from __future__ import annotations

import threading

from clusterbot.tools.dataio import import_file
from clusterbot.tools.rank import RankInput, rank
from clusterbot.tools.store import snapshot

from .conftest import write_csv


def test_readers_never_see_a_half_applied_import(tool_settings, tmp_path):
    snap = snapshot(tool_settings)
    clusters = sorted(snap.clusters)
    files = {}
    for value in (10, 20):
        files[value] = write_csv(tmp_path / f"v{value}.csv", [
            [snap.clusters[c].county, c, 2026, "revenue", value, "亿元", "concurrency", "2026-01"] for c in clusters])
    import_file(tool_settings, files[10])
    allowed = {10 * len(clusters), 20 * len(clusters)}
    seen: set[float] = set()
    errors: list[str] = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            current = snapshot(tool_settings)
            total = sum(current.value(c, "revenue", 2026).value for c in clusters)
            via_tool = sum(i.figure.value for i in rank(RankInput(year=2026, n=100), tool_settings).items)
            for value in (total, via_tool):
                if value not in allowed:
                    errors.append(f"mixed state: {value}")
            seen.add(total)

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for t in threads:
        t.start()
    try:
        for round_ in range(4):
            import_file(tool_settings, files[20 if round_ % 2 == 0 else 10])
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=30)
    assert not errors
    assert seen <= allowed and seen
    assert sum(snapshot(tool_settings).value(c, "revenue", 2026).value for c in clusters) == 10 * len(clusters)


def test_snapshot_object_stays_consistent_after_replacement(tool_settings, tmp_path):
    old = snapshot(tool_settings)
    tc = "天长市智能测控装置(仪器仪表)特色产业集群(基地)"
    import_file(tool_settings, write_csv(tmp_path / "n.csv", [["天长市", tc, 2025, "revenue", 123.4, "亿元", "s", "2026-01"]]))
    new = snapshot(tool_settings)
    assert new is not old
    assert old.value(tc, "revenue", 2025).value == 94.2  # a held snapshot never changes underneath
    assert new.value(tc, "revenue", 2025).value == 123.4
