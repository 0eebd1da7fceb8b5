"""Indicator tool latency: p50/p95 of every registered tool on the demo store, warm (goal p95 < 5 ms).

Also times store creation in an empty data dir, the no-op ensure_store, the first snapshot read
and a one-row import. Run: python -m bench.tools_bench [--calls N] [--json]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

# (tool, arguments): the questions officials ask most, plus a typo and an ambiguous name
CASES = [
    ("resolve", {"name": "天长"}),
    ("resolve", {"name": "Tianchnag"}),
    ("resolve", {"name": "汽车零部件"}),
    ("profile", {"entity": "潜山刷业"}),
    ("profile", {"entity": "天长市"}),
    ("profile", {"entity": "滁州"}),
    ("gap_to_target", {"entity": "天长市"}),
    ("gap_to_target", {"entity": "宁国", "threshold": 500, "target_year": 2027}),
    ("province_progress", {}),
    ("province_progress", {"year": 2024, "target_year": 2025}),
    ("rank", {"n": 10}),
    ("rank", {"city": "滁州", "level": "county"}),
    ("counties_below", {}),
    ("crossings", {"year": 2024, "direction": "both"}),
    ("growth", {"n": 10, "order": "asc"}),
    ("growth", {"entity": "天长市"}),
]


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def run(calls: int = 200) -> dict:
    from clusterbot.config import Settings
    from clusterbot.tools.dataio import import_file
    from clusterbot.tools.registry import all_tools, call
    from clusterbot.tools.store import ensure_store, invalidate, snapshot

    report: dict = {"calls_per_case": calls, "store": {}, "tools": []}
    with tempfile.TemporaryDirectory(prefix="tools-bench-") as tmp:
        settings = Settings(data_dir=Path(tmp) / "data")
        start = time.perf_counter()
        ensure_store(settings)
        report["store"]["create_ms"] = round(_ms(start), 1)
        start = time.perf_counter()
        ensure_store(settings)
        report["store"]["ensure_noop_ms"] = round(_ms(start), 1)
        invalidate(settings.data_dir)
        start = time.perf_counter()
        snapshot(settings)
        report["store"]["snapshot_read_ms"] = round(_ms(start), 1)
        csv_path = Path(tmp) / "one.csv"
        csv_path.write_text("county,cluster,year,metric,value,unit,source,vintage\n"
                            "天长市,仪器仪表,2024,revenue,95.5,亿元,bench,2025-03\n", encoding="utf-8")
        start = time.perf_counter()
        import_file(settings, csv_path)
        report["store"]["import_one_row_ms"] = round(_ms(start), 1)
        all_tools()
        for name, args in CASES:
            call(name, args, settings)  # warm: snapshot, name index, aggregates
            timings = []
            for _ in range(calls):
                start = time.perf_counter()
                call(name, args, settings)
                timings.append(_ms(start))
            report["tools"].append({"tool": name, "args": args, "p50_ms": round(_percentile(timings, 0.5), 3),
                                    "p95_ms": round(_percentile(timings, 0.95), 3),
                                    "max_ms": round(max(timings), 3)})
    report["all_p95_under_5ms"] = all(t["p95_ms"] < 5 for t in report["tools"])
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    report = run(args.calls)
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return
    for key, value in report["store"].items():
        print(f"{key:20s} {value:8.1f} ms")
    print(f"{'tool':18s} {'p50 ms':>8s} {'p95 ms':>8s} {'max ms':>8s}  args")
    for row in report["tools"]:
        print(f"{row['tool']:18s} {row['p50_ms']:8.3f} {row['p95_ms']:8.3f} {row['max_ms']:8.3f}  "
              f"{json.dumps(row['args'], ensure_ascii=False)}")
    print("all p95 < 5 ms:", report["all_p95_under_5ms"])


if __name__ == "__main__":
    main()
