"""Offline answer latency over the evaluation sets (warm, in process) and `clusterbot ask` cold start.

Warm: every turn of evals/sets/*.yaml through the same `Assistant.answer` the bots call, one thread
per case so follow-ups work, after one untimed pass that loads the store, the corpus and the engine.
Cold: a new `clusterbot ask` process per run on a ready data directory (imports, settings, store and
index checks, one answer), wall time as a user sees it — the median of N runs after one untimed run
that prepares the data directory and its caches — with the CPU time of each run beside it (CPU time
hardly moves with the load of a shared machine; wall time does). The children may write Python's
bytecode cache, as an installed package has one.
Run: python -m bench.answer_bench [--passes N] [--cold-runs N] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from bench.stats import percentile

REPO = Path(__file__).resolve().parents[1]
SETS_DIR = REPO / "evals" / "sets"
GOAL_P95_MS = 5.0
GOAL_COLD_S = 0.6
COLD_QUESTION = "天长市离百亿目标还有多远？"  # the README's first question
COLD_RUNS = 11


def eval_turns() -> list[list[str]]:
    """The questions of every case in the committed sets, grouped by case (a case is one thread)."""
    from clusterbot.evals.loader import load_sets

    cases = []
    for loaded in load_sets(sorted(SETS_DIR.glob("*.yaml"))):
        for case in loaded.data.cases:
            cases.append([turn.q for turn in case.steps()])
    return cases


def _clusterbot() -> list[str]:
    """`clusterbot` as its console script runs it, importing this checkout's code (run with cwd=REPO).

    The environment's own script imports whichever checkout was installed, which need not be this one.
    """
    return [sys.executable, "-c", "import sys; from clusterbot.bot.cli.main import main; sys.exit(main())"]


def bench_env(data_dir: Path) -> dict[str, str]:
    """The environment for child processes: offline, no proxies, this data dir, no operator secrets."""
    env = {k: v for k, v in os.environ.items()
           if not k.upper().startswith(("CLUSTERBOT_", "OPENAI_", "SLACK_", "WECOM_", "HTTP_PROXY", "HTTPS_PROXY"))
           and k != "PYTHONDONTWRITEBYTECODE"}
    env.update({"CLUSTERBOT_DATA_DIR": str(data_dir), "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False",
                "NO_PROXY": "127.0.0.1,localhost", "PYTHONUNBUFFERED": "1"})
    return env


def warm_latency(data_dir: Path, passes: int = 1) -> dict:
    from clusterbot.bot.bootstrap import ensure_ready
    from clusterbot.bot.core import Assistant
    from clusterbot.config import load_settings
    from clusterbot.models import Question

    settings = load_settings(data_dir=data_dir)
    ensure_ready(settings)
    assistant = Assistant(settings)
    cases = eval_turns()
    statuses: dict[str, int] = {}
    for turns in cases:  # untimed warm-up pass
        thread = uuid.uuid4().hex
        for text in turns:
            assistant.answer(Question(text=text, channel="bench", thread=thread))
    wall, reported = [], []
    for _ in range(max(1, passes)):
        for turns in cases:
            thread = uuid.uuid4().hex
            for text in turns:
                started = time.perf_counter()
                answer = assistant.answer(Question(text=text, channel="bench", thread=thread))
                wall.append((time.perf_counter() - started) * 1000)
                reported.append(answer.latency_ms)
                statuses[answer.status] = statuses.get(answer.status, 0) + 1
    assistant.state.close()
    return {
        "turns": len(wall), "cases": len(cases), "passes": passes,
        "p50_ms": round(percentile(wall, 0.50), 2), "p95_ms": round(percentile(wall, 0.95), 2),
        "p99_ms": round(percentile(wall, 0.99), 2), "max_ms": round(max(wall), 2),
        "mean_ms": round(statistics.fmean(wall), 2),
        "core_p95_ms": round(percentile(reported, 0.95), 2),  # without the audit-log write
        "statuses": statuses, "goal_p95_ms": GOAL_P95_MS,
        "ok": percentile(wall, 0.95) <= GOAL_P95_MS,
    }


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cold_start(data_dir: Path, runs: int = COLD_RUNS) -> dict:
    """Wall and CPU seconds of `clusterbot ask QUESTION` in a fresh process, data directory already prepared."""
    env = bench_env(data_dir)
    command = [*_clusterbot(), "ask", COLD_QUESTION]
    # untimed: builds the data dir and its caches, fills the page cache
    for _ in range(2):
        subprocess.run(command, env=env, cwd=REPO, check=True, capture_output=True, timeout=300)
    timings, cpu = [], []
    for _ in range(max(1, runs)):
        cpu_before = _children_cpu()
        started = time.perf_counter()
        done = subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True, timeout=120)
        timings.append(time.perf_counter() - started)
        cpu.append(_children_cpu() - cpu_before)
        if done.returncode != 0:
            raise RuntimeError(f"clusterbot ask failed: {done.stderr.strip()[-300:]}")
    return {
        "question": COLD_QUESTION, "runs": len(timings), "median_s": round(statistics.median(timings), 3),
        "best_s": round(min(timings), 3), "max_s": round(max(timings), 3),
        "cpu_median_s": round(statistics.median(cpu), 3), "load_average": round(os.getloadavg()[0], 2),
        "goal_s": GOAL_COLD_S, "ok": statistics.median(timings) <= GOAL_COLD_S,
    }


def run(passes: int = 1, cold_runs: int = COLD_RUNS, data_dir: Path | None = None) -> dict:
    tmp = None if data_dir else tempfile.mkdtemp(prefix="answer-bench-")
    root = Path(data_dir) if data_dir else Path(tmp) / "data"
    try:
        warm = warm_latency(root, passes)
        cold = cold_start(root, cold_runs)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    return {"name": "answer", "warm": warm, "cold_start": cold, "ok": warm["ok"] and cold["ok"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=1, help="timed passes over the evaluation sets")
    parser.add_argument("--cold-runs", type=int, default=COLD_RUNS)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = run(args.passes, args.cold_runs)
    print(json.dumps(result, ensure_ascii=False, indent=None if args.json else 2))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
