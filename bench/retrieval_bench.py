"""Retrieval benchmark: index build (cold process, cold in-process, warm start) and search latency.

Uses only the public API (retrieval.index.ensure_index, retrieval.search.search) and plain timing.
Run: python -m bench.retrieval_bench [--rounds N] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
COLD_PROCESS = (
    "import time; t = time.perf_counter(); "
    "from clusterbot.config import Settings; from clusterbot.retrieval.index import ensure_index; "
    "ensure_index(Settings(data_dir={path!r})); print(time.perf_counter() - t)"
)


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def _cold_process(path: Path) -> float:
    """Seconds for a new Python process to build the index in an empty data dir (imports and model load included)."""
    out = subprocess.run([sys.executable, "-c", COLD_PROCESS.format(path=str(path))], cwd=REPO, check=True,
                         capture_output=True, text=True).stdout
    return float(out.strip().splitlines()[-1])


def run(rounds: int = 3, searches: int = 5) -> dict:
    from clusterbot.config import Settings
    from clusterbot.evals.retrieval.score import load_questions
    from clusterbot.retrieval.index import ensure_index
    from clusterbot.retrieval.search import search

    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="clusterbot-bench-") as tmp:
        root = Path(tmp)
        cold_process = [_cold_process(root / f"proc{i}") for i in range(rounds)]

        warm_settings = Settings(data_dir=root / "proc0")
        ensure_index(warm_settings)  # loads libraries in this process
        cold_in_process = []
        for i in range(rounds):
            started = time.perf_counter()
            ensure_index(Settings(data_dir=root / f"inproc{i}"))
            cold_in_process.append(time.perf_counter() - started)
        warm = []
        for _ in range(20):
            started = time.perf_counter()
            ensure_index(warm_settings)
            warm.append(time.perf_counter() - started)

        started = time.perf_counter()
        search(warm_settings, "集群", k=5)
        first_search = time.perf_counter() - started
        queries = [case.q for case in load_questions().cases]
        latencies = []
        for _ in range(searches):
            for query in queries:
                started = time.perf_counter()
                search(warm_settings, query, k=5)
                latencies.append(time.perf_counter() - started)

    ms = 1000.0
    return {
        "index_cold_process_s": round(statistics.median(cold_process), 2),
        "index_cold_process_best_s": round(min(cold_process), 2),
        "index_cold_in_process_s": round(statistics.median(cold_in_process), 3),
        "index_cold_in_process_best_s": round(min(cold_in_process), 3),
        "index_warm_start_ms": round(statistics.median(warm) * ms, 2),
        "first_search_in_process_s": round(first_search, 2),
        "search_p50_ms": round(_percentile(latencies, 0.50) * ms, 2),
        "search_p95_ms": round(_percentile(latencies, 0.95) * ms, 2),
        "search_count": len(latencies),
        "load_average_at_start": round(load, 2),
        "goals": {"index_cold_s": 3.0, "search_p95_ms": 20.0},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark policy index build and search latency.")
    parser.add_argument("--rounds", type=int, default=3, help="cold builds to time (median reported)")
    parser.add_argument("--searches", type=int, default=5, help="passes over the question set")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    figures = run(args.rounds, args.searches)
    if args.json:
        print(json.dumps(figures, indent=1))
    else:
        for name, value in figures.items():
            print(f"{name:<28} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
