"""Benchmark: the county and the province briefing with charts, Markdown and Word.

Goals (issue 15): county ≤ 0.5 s, province ≤ 2 s, warm median. Run
`python -m bench.briefing_bench [--county 天长市] [--runs 5]`; prints JSON. `run()` returns the same
dict for the bench runner (the county figures at the top level, the province under "province").
The first (cold) run loads the store, the policy corpus, the font and matplotlib; the warm runs
are what a running bot pays per request. CPU time is reported next to wall time because the
machine is shared: under load the wall time grows while the CPU time stays.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

GOAL_COUNTY_S = 0.5
GOAL_PROVINCE_S = 2.0


def _time(settings, target: str, runs: int, out: Path) -> dict:
    from clusterbot.tools.briefing import make_briefing

    timings, cpu = [], []
    for i in range(runs + 1):
        started, cpu_started = time.perf_counter(), time.process_time()
        make_briefing(settings, target, formats=("md", "docx"), out_dir=out / f"{target}{i}")
        timings.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
    warm = timings[1:]
    return {"cold_s": round(timings[0], 3), "warm_median_s": round(statistics.median(warm), 3),
            "warm_max_s": round(max(warm), 3), "warm_cpu_median_s": round(statistics.median(cpu[1:]), 3)}


def run(county: str = "天长市", runs: int = 5, data_dir: Path | None = None) -> dict:
    from clusterbot.bot.bootstrap import ensure_ready
    from clusterbot.config import load_settings

    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp:
        settings = load_settings(data_dir=data_dir or Path(tmp) / "data")
        started = time.perf_counter()
        ensure_ready(settings)
        setup_s = time.perf_counter() - started
        county_t = _time(settings, county, runs, Path(tmp))
        province_t = _time(settings, "全省", runs, Path(tmp))
    county_ok = county_t["warm_median_s"] <= GOAL_COUNTY_S
    province_ok = province_t["warm_median_s"] <= GOAL_PROVINCE_S
    return {
        "name": "briefing", "county": county, "setup_s": round(setup_s, 3), **county_t,
        "goal_warm_s": GOAL_COUNTY_S, "county_ok": county_ok,
        "province": {**province_t, "goal_warm_s": GOAL_PROVINCE_S, "ok": province_ok},
        "runs": runs, "load_average": [round(x, 2) for x in os.getloadavg()],
        "ok": county_ok and province_ok,
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
