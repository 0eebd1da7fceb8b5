"""Two `clusterbot serve` workers on one real PostgreSQL state store, under a burst of Slack events.

A throwaway PostgreSQL server (tests/postgres_server.py) and two workers with separate data directories;
N signed Slack events are sent at once, half to each worker, and every event is also delivered to the
other worker right after (a retry through the load balancer). Measured: ack latency of the first
deliveries (p50/p99), and that every question is answered exactly once (mock Slack's count).
Run: python -m bench.workers_bench [--events 200] [--rounds 3] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

from bench import rawhttp
from bench.answer_bench import REPO, _clusterbot, bench_env
from bench.load import SLACK_SECRET, SLACK_TOKEN, Load, _free_port, _summary
from bench.stats import percentile

EVENTS = 200
ROUNDS = 3
GOAL_ACK_P99_MS = 300.0


class _NoWeCom:
    """This bench serves Slack only: no WeCom calls to count."""

    def calls_to(self, path: str) -> list:
        return []


@contextmanager
def worker(data_dir: Path, state_url: str, slack_url: str, log_path: Path):
    """One `clusterbot serve` (Slack only) on a free port, sharing `state_url`; yields (base, Popen)."""
    from tests.loopback import stop, wait_healthy

    port = _free_port()
    config = data_dir.parent / f"{data_dir.name}.toml"
    config.write_text("[clusterbot]\nrate_limit_per_user_per_min = 1000000\nrate_limit_per_channel_per_min = 1000000\n"
                      f'worker_threads = 4\nstate_url = "{state_url}"\n', encoding="utf-8")
    env = bench_env(data_dir)
    env.update({"CLUSTERBOT_CONFIG": str(config), "SLACK_BOT_TOKEN": SLACK_TOKEN, "SLACK_SIGNING_SECRET": SLACK_SECRET,
                "CLUSTERBOT_SLACK_API_URL": slack_url})
    with open(log_path, "ab") as log:
        proc = subprocess.Popen([*_clusterbot(), "serve", "slack", "--host", "127.0.0.1", "--port", str(port)],
                                env=env, cwd=REPO, stdout=log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            wait_healthy(proc, base + "/healthz", log_path, 180)
            yield base, proc
        finally:
            stop(proc, 20)


async def _both(bases: list[str], requests: list) -> tuple[list[tuple[int, float]], list[tuple[int, float]]]:
    """First deliveries spread over the workers at once, then each event again to the other worker."""
    first = [rawhttp.build(bases[i % 2], "POST", p, h, b) for i, (p, h, b, _t) in enumerate(requests)]
    halves = await asyncio.gather(*(rawhttp.fire(bases[w], first[w::2], len(first[w::2])) for w in (0, 1)))
    acks = [None] * len(first)
    for w, results in enumerate(halves):
        for j, result in enumerate(results):
            acks[w + 2 * j] = result
    again = [rawhttp.build(bases[(i + 1) % 2], "POST", p, h, b) for i, (p, h, b, _t) in enumerate(requests)]
    retries = await asyncio.gather(*(rawhttp.fire(bases[w], again[(w + 1) % 2::2], len(again[(w + 1) % 2::2]))
                                     for w in (0, 1)))
    return [a for a in acks if a is not None], [r for half in retries for r in half]


def run(events: int = EVENTS, rounds: int = ROUNDS, progress=print) -> dict:
    from clusterbot.bot.bootstrap import ensure_ready
    from clusterbot.config import Settings
    from tests.postgres_server import PostgresServer, find_bindir
    from tests.slack.mock_slack import MockSlack

    bindir = find_bindir()
    if bindir is None:
        return {"name": "workers", "skipped": "PostgreSQL server binaries not found (apt-get install postgresql)"}
    report: dict = {"name": "workers", "events": events, "goal_ack_p99_ms": GOAL_ACK_P99_MS, "rounds": []}
    server = PostgresServer(bindir)
    mock = MockSlack()
    try:
        server.start()
        state_url = server.create_database()
        with tempfile.TemporaryDirectory(prefix="workers-bench-") as tmp, ExitStack() as stack:
            dirs = [Path(tmp) / f"worker{n}" for n in (1, 2)]
            ensure_ready(Settings(data_dir=dirs[0]))
            shutil.copytree(dirs[0], dirs[1])
            workers = [stack.enter_context(worker(d, state_url, mock.base_url, Path(tmp) / f"{d.name}.log"))
                       for d in dirs]
            bases = [base for base, _proc in workers]
            loads = [Load(base, mock, _NoWeCom(), None) for base in bases]
            warm = [loads[0].slack_request("warm"), loads[1].slack_request("warm")]
            asyncio.run(_both(bases, warm))
            loads[0].wait_answered([r[3] for r in warm], timeout_s=120)
            for n in range(rounds):
                requests = [loads[0].slack_request(f"r{n}x") for _ in range(events)]
                started = time.perf_counter()
                acks, retries = asyncio.run(_both(bases, requests))
                counts = loads[0].wait_answered([r[3] for r in requests], timeout_s=60 + events * 0.5)
                summary = _summary(acks, counts, time.perf_counter() - started - 1.0)
                summary["retry_errors"] = sum(1 for status, _ in retries if status != 200)
                summary["retry_ack_p99_ms"] = round(percentile([ms for _, ms in retries], 0.99), 1)
                report["rounds"].append(summary)
                progress(f"  {events} events over 2 workers (+ each again to the other): ack p50 "
                         f"{summary['ack_p50_ms']} ms, p99 {summary['ack_p99_ms']} ms, answered "
                         f"{summary['answered']}/{events}, duplicates {summary['duplicates']}, errors {summary['errors']}")
    finally:
        mock.close()
        server.destroy()
    rows = report["rounds"]
    report["ack_p99_ms"] = round(statistics.median(r["ack_p99_ms"] for r in rows), 1)
    report["exactly_once"] = all(r["unanswered"] == 0 and r["duplicates"] == 0 for r in rows)
    report["errors"] = sum(r["errors"] + r["retry_errors"] for r in rows)
    report["ok"] = report["exactly_once"] and report["errors"] == 0 and report["ack_p99_ms"] <= GOAL_ACK_P99_MS
    report["load_average"] = [round(x, 2) for x in os.getloadavg()]
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=EVENTS)
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    report = run(args.events, max(1, args.rounds), progress=(lambda _l: None) if args.json else print)
    print(json.dumps(report, ensure_ascii=False, indent=None if args.json else 2))
    return 0 if report.get("ok") else 1


if __name__ == "__main__":
    sys.exit(main())
