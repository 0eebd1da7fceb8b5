"""Benchmark: a county briefing with its charts, Markdown and Word (goal < 2 s warm).

Run `python -m bench.briefing_bench [--county 天长市] [--runs 5]`; prints JSON. `run()` returns the
same dict for a bench runner. The first (cold) run loads the store, the policy corpus, the font
and matplotlib; the warm runs are what a running bot pays per request.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

GOAL_WARM_S = 2.0


def run(county: str = "天长市", runs: int = 5, data_dir: Path | None = None) -> dict:
    from clusterbot.bot.bootstrap import ensure_ready
    from clusterbot.config import load_settings
    from clusterbot.tools.briefing import make_briefing

    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp:
        settings = load_settings(data_dir=data_dir or Path(tmp) / "data")
        started = time.perf_counter()
        ensure_ready(settings)
        setup_s = time.perf_counter() - started
        timings, cpu = [], []
        for i in range(runs + 1):
            started, cpu_started = time.perf_counter(), time.process_time()
            make_briefing(settings, county, formats=("md", "docx"), out_dir=Path(tmp) / f"out{i}")
            timings.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
    warm = timings[1:]
    return {
        "name": "briefing_county", "county": county, "setup_s": round(setup_s, 3),
        "cold_s": round(timings[0], 3), "warm_median_s": round(statistics.median(warm), 3),
        "warm_max_s": round(max(warm), 3), "warm_cpu_median_s": round(statistics.median(cpu[1:]), 3),
        "runs": runs, "goal_warm_s": GOAL_WARM_S,
        "ok": statistics.median(warm) < GOAL_WARM_S,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--county", default="天长市")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    result = run(args.county, args.runs)
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
