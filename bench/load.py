"""HTTP under load on loopback: signed Slack events and encrypted WeCom callbacks against `clusterbot serve`.

The real server runs in a subprocess (uvicorn, offline engine, its own data directory); the Slack and
WeCom Web APIs are the test suite's mock servers in this process. For each N, N requests are sent at
once (asyncio streams, `bench/rawhttp.py`) and the ack latency of each is measured, next to
N concurrent `GET /healthz` as the floor of the HTTP path; then every question must be answered
exactly once by the mocks' count within a bounded wait. Slack acks are measured on two servers side by
side, one per `slack_ack_path` ("fast": bot/slack/fastpath.py, "bolt": Bolt's full dispatch), the bursts
alternating between them and repeated (`--repeats`, default 5), medians reported. The soak sends a steady stream for
`soak_s` seconds (default 60, at most 600; `SOAK_SECONDS` overrides in `make bench`) and samples the
server's resident memory.
Run: python -m bench.load [--sizes 10,50,200] [--repeats 5] [--soak 60] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from bench import rawhttp
from bench.answer_bench import REPO, _clusterbot, bench_env
from bench.stats import percentile, rss_mib

SIZES = (10, 50, 200)
MAX_SOAK_S = 600
GOAL_ACK_P99_MS = 200.0                       # WeCom, at 50 concurrent
SLACK_ACK_GOALS_MS = {50: 100.0, 200: 300.0}  # Slack p99 by concurrency (issue 14 item 7), on the fast path
ACK_PATHS = ("fast", "bolt")
REPEATS = 5
QUESTIONS = [
    "天长市离百亿还有多远？", "数字化改造谁牵头？", "宁国市的集群营业收入是多少？", "省工业和信息化厅牵头哪些任务？",
    "到2027年全省有多少个百亿级集群？", "什么是县域特色产业集群？", "排名前五的集群是哪些？", "三（二）1讲了什么？",
]
SLACK_SECRET = "benchsigningsecret0123456789abcdef"
SLACK_TOKEN = "xoxb-bench-0000-token"
WECOM_SECRET = "bench-app-secret"


def server_cpu_ms(pid: int) -> float:
    """User + system CPU the process has used so far (/proc), in ms: unlike latency, not inflated by other load."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running_server(data_dir: Path, slack_url: str, wecom_url: str, aes_key: str, token: str, corp_id: str,
                   agent_id: str, log_path: Path, start_timeout_s: float = 180.0, ack_path: str = "fast"):
    """`clusterbot serve` in a subprocess on a free loopback port; yields (base URL, Popen)."""
    port = _free_port()
    config = data_dir.parent / f"bench-{ack_path}.toml"
    config.write_text("[clusterbot]\nrate_limit_per_user_per_min = 1000000\n"
                      "rate_limit_per_channel_per_min = 1000000\nworker_threads = 4\n"
                      f'slack_ack_path = "{ack_path}"\n', encoding="utf-8")
    env = bench_env(data_dir)
    env.update({"CLUSTERBOT_CONFIG": str(config), "SLACK_BOT_TOKEN": SLACK_TOKEN, "SLACK_SIGNING_SECRET": SLACK_SECRET,
                "CLUSTERBOT_SLACK_API_URL": slack_url, "CLUSTERBOT_WECOM_API_URL": wecom_url,
                "WECOM_CORP_ID": corp_id, "WECOM_AGENT_ID": agent_id, "WECOM_SECRET": WECOM_SECRET,
                "WECOM_TOKEN": token, "WECOM_AES_KEY": aes_key})
    from tests.loopback import stop, wait_healthy

    log = open(log_path, "ab")
    proc = subprocess.Popen([*_clusterbot(), "serve", "--host", "127.0.0.1", "--port", str(port)],
                            env=env, cwd=REPO, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(proc, base + "/healthz", log_path, start_timeout_s)
        yield base, proc
    finally:
        stop(proc, 20)
        log.close()


class Load:
    """Builds signed requests, fires them concurrently, and checks the mocks for exactly-once answers."""

    def __init__(self, base: str, mock_slack, mock_wecom, wecom_sender) -> None:
        self.base = base
        self.slack = mock_slack
        self.wecom = mock_wecom
        self.sender = wecom_sender
        self.seq = 0

    # request building -----------------------------------------------------------------------
    def slack_request(self, label: str) -> tuple[str, dict, bytes, tuple[str, str]]:
        from tests.slack.harness import envelope, mention, sign

        self.seq += 1
        channel, ts = f"C{label}{self.seq}", f"1700000000.{self.seq:06d}"
        body = json.dumps(envelope(mention(QUESTIONS[self.seq % len(QUESTIONS)], ts, channel=channel,
                                           user=f"U{self.seq}"), f"Ev{label}{self.seq}"), ensure_ascii=False)
        stamp = str(int(time.time()))
        headers = {"Content-Type": "application/json", "X-Slack-Request-Timestamp": stamp,
                   "X-Slack-Signature": sign(SLACK_SECRET, stamp, body)}
        return "/slack/events", headers, body.encode(), ("slack", channel)

    def wecom_request(self, label: str) -> tuple[str, dict, bytes, tuple[str, str]]:
        self.seq += 1
        user = f"u{label}{self.seq}"
        query, body = self.sender.envelope(self.sender.inner_xml(QUESTIONS[self.seq % len(QUESTIONS)], user=user))
        path = "/wecom/callback?" + "&".join(f"{k}={v}" for k, v in query.items())
        return path, {"Content-Type": "text/xml"}, body, ("wecom", user)

    # firing -----------------------------------------------------------------------------------
    async def fire(self, requests: list, concurrency: int) -> list[tuple[int, float]]:
        """(status, ack ms) per request; status 0 for a transport error."""
        raws = [rawhttp.build(self.base, "POST", path, headers, body) for path, headers, body, _ in requests]
        return await rawhttp.fire(self.base, raws, concurrency)

    def floor(self, n: int) -> dict:
        """N concurrent GET /healthz: what the HTTP path alone costs at this concurrency, for comparison."""
        results = asyncio.run(rawhttp.fire(self.base, [rawhttp.build(self.base, "GET", "/healthz")] * n, n))
        acks = [ms for _, ms in results]
        return {"concurrency": n, "p50_ms": round(percentile(acks, 0.5), 1), "p99_ms": round(percentile(acks, 0.99), 1),
                "errors": sum(1 for status, _ in results if status != 200)}

    # delivery checks --------------------------------------------------------------------------
    def answers(self, targets: list[tuple[str, str]]) -> dict[tuple[str, str], int]:
        """How many times each target got its answer: Slack messages with blocks (an interim replaced by
        chat.update, or a fast answer posted at once), WeCom first parts."""
        wanted = set(targets)
        counts = {t: 0 for t in targets}
        for call in self.slack.all_calls():
            if call["method"] == "chat.update" or (call["method"] == "chat.postMessage" and call["params"].get("blocks")):
                key = ("slack", call["params"].get("channel"))
                if key in wanted:
                    counts[key] += 1
        first_parts: dict[str, list[str]] = {}
        for call in self.wecom.calls_to("message/send"):
            payload = call.json
            key = ("wecom", payload.get("touser"))
            if key in wanted:
                content = (payload.get(payload.get("msgtype")) or {}).get("content", "")
                first_parts.setdefault(key[1], []).append(content)
        for user, parts in first_parts.items():
            # An answer may go out in several parts; the same first part twice is a second answer.
            counts[("wecom", user)] = parts.count(parts[0])
        return counts

    def wait_answered(self, targets: list[tuple[str, str]], timeout_s: float) -> dict[tuple[str, str], int]:
        deadline = time.monotonic() + timeout_s
        counts = self.answers(targets)
        while any(v == 0 for v in counts.values()) and time.monotonic() < deadline:
            time.sleep(0.1)
            counts = self.answers(targets)
        time.sleep(1.0)  # anything sent twice would show up now
        return self.answers(targets)


def _summary(results: list[tuple[int, float]], counts: dict, seconds: float) -> dict:
    acks = [ms for _, ms in results]
    errors = sum(1 for status, _ in results if not 200 <= status < 300)
    return {
        "requests": len(results), "ack_p50_ms": round(percentile(acks, 0.5), 1),
        "ack_p99_ms": round(percentile(acks, 0.99), 1), "ack_max_ms": round(max(acks), 1),
        "errors": errors, "answered": sum(1 for v in counts.values() if v >= 1),
        "unanswered": sum(1 for v in counts.values() if v == 0),
        "duplicates": sum(1 for v in counts.values() if v > 1), "seconds_to_all_answers": round(seconds, 2),
    }


def burst(load: Load, proc, channel: str, n: int) -> dict:
    label = f"{channel[0]}{n}x"
    build = load.slack_request if channel == "slack" else load.wecom_request
    requests = [build(label) for _ in range(n)]
    started = time.perf_counter()
    cpu_before = server_cpu_ms(proc.pid)
    results = asyncio.run(load.fire(requests, n))
    # Until the last ack: the acks themselves, and any answering the server began meanwhile.
    cpu_per_request = (server_cpu_ms(proc.pid) - cpu_before) / n
    counts = load.wait_answered([r[3] for r in requests], timeout_s=30 + n * 0.5)
    summary = _summary(results, counts, time.perf_counter() - started - 1.0)
    summary.update({"channel": channel, "concurrency": n, "server_cpu_ms_per_request": round(cpu_per_request, 2), "server_rss_mib": rss_mib(proc.pid)[0],
                    "server_peak_rss_mib": rss_mib(proc.pid)[1]})
    return summary


def soak(load: Load, proc, seconds: float, rate_per_s: float = 4.0, progress=print) -> dict:
    """A steady stream (alternating Slack and WeCom, 4 concurrent) for `seconds`; RSS sampled every 5 s."""
    seconds = min(float(seconds), MAX_SOAK_S)
    targets, results, samples = [], [], []
    started = time.monotonic()
    next_sample = started
    batch = max(1, int(rate_per_s))
    while time.monotonic() - started < seconds:
        tick = time.monotonic()
        requests = [load.slack_request("s") if i % 2 == 0 else load.wecom_request("s") for i in range(batch)]
        results.extend(asyncio.run(load.fire(requests, batch)))
        targets.extend(r[3] for r in requests)
        if tick >= next_sample:
            samples.append({"t_s": round(tick - started, 1), "rss_mib": rss_mib(proc.pid)[0]})
            next_sample += 5.0
            if len(samples) % 6 == 0:
                progress(f"  soak {tick - started:.0f}/{seconds:.0f} s, {len(targets)} requests, "
                         f"server RSS {samples[-1]['rss_mib']} MiB")
        time.sleep(max(0.0, 1.0 - (time.monotonic() - tick)))
    counts = load.wait_answered(targets, timeout_s=60)
    summary = _summary(results, counts, time.monotonic() - started)
    rss = [s["rss_mib"] for s in samples]
    quarter = max(1, len(rss) // 4)
    early, late = sorted(rss[quarter:2 * quarter] or rss)[len(rss[quarter:2 * quarter] or rss) // 2], \
        sorted(rss[-quarter:])[len(rss[-quarter:]) // 2]
    summary.update({
        "seconds": round(seconds, 1), "rate_per_s": batch, "rss_samples": samples,
        # Warm-up allocations settle in the first quarter; compare the second quarter with the last.
        "rss_second_quarter_mib": early, "rss_last_quarter_mib": late,
        "rss_growth_mib": round(late - early, 1),
        "memory_flat": late - early <= max(10.0, 0.05 * early),
    })
    return summary


def ack_comparison(servers: dict[str, tuple[Load, object]], sizes, repeats: int, progress=print) -> list[dict]:
    """Slack bursts alternating between the ack paths (the order flips each round), medians per path and N."""
    runs: dict[tuple[str, int], list[dict]] = {}
    for n in sizes:
        for round_ in range(repeats):
            order = ACK_PATHS if round_ % 2 == 0 else ACK_PATHS[::-1]
            for path in order:
                load, proc = servers[path]
                result = burst(load, proc, "slack", n)
                runs.setdefault((path, n), []).append(result)
            progress(f"  slack x{n} round {round_ + 1}/{repeats}: " + ", ".join(
                f"{path} p99 {runs[(path, n)][-1]['ack_p99_ms']} ms" for path in ACK_PATHS))
    rows = []
    for (path, n), results in runs.items():
        p99s = [r["ack_p99_ms"] for r in results]
        goal = SLACK_ACK_GOALS_MS.get(n)
        rows.append({
            "path": path, "concurrency": n, "runs": len(results),
            "ack_p50_ms": round(statistics.median(r["ack_p50_ms"] for r in results), 1),
            "ack_p99_ms": round(statistics.median(p99s), 1), "ack_p99_runs_ms": p99s,
            "server_cpu_ms_per_request": round(statistics.median(r["server_cpu_ms_per_request"] for r in results), 2),
            "requests": sum(r["requests"] for r in results), "errors": sum(r["errors"] for r in results),
            "answered": sum(r["answered"] for r in results), "unanswered": sum(r["unanswered"] for r in results),
            "duplicates": sum(r["duplicates"] for r in results),
            "goal_p99_ms": goal if path == "fast" else None,
            "met": None if goal is None or path != "fast" else statistics.median(p99s) <= goal,
        })
    return rows


def run(sizes=SIZES, soak_s: float = 60.0, progress=print, repeats: int = REPEATS) -> dict:
    from tests.slack.mock_slack import MockSlack
    from tests.wecom.conftest import AES_KEY, AGENT_ID, CORP_ID, TOKEN, Sender
    from tests.wecom.mock_wecom import MockWeCom

    report: dict = {"name": "load", "bursts": [], "goal_ack_p99_ms_at_50": GOAL_ACK_P99_MS,
                    "slack_ack_goals_ms": {str(k): v for k, v in SLACK_ACK_GOALS_MS.items()}}
    with tempfile.TemporaryDirectory(prefix="load-bench-") as tmp:
        from clusterbot.bot.bootstrap import ensure_ready
        from clusterbot.config import Settings

        # One data directory per server (state.sqlite3 is one process's file); built once, then copied.
        data_dirs = {path: Path(tmp) / path / "data" for path in ACK_PATHS}
        ensure_ready(Settings(data_dir=data_dirs["fast"]))
        shutil.copytree(data_dirs["fast"], data_dirs["bolt"])
        mock_slack = MockSlack()
        try:
            with MockWeCom(corp_id=CORP_ID, secret=WECOM_SECRET) as mock_wecom, running_server(
                    data_dirs["fast"], mock_slack.base_url, mock_wecom.base_url, AES_KEY, TOKEN, CORP_ID, AGENT_ID,
                    Path(tmp) / "server-fast.log", ack_path="fast") as (base, proc), running_server(
                    data_dirs["bolt"], mock_slack.base_url, mock_wecom.base_url, AES_KEY, TOKEN, CORP_ID, AGENT_ID,
                    Path(tmp) / "server-bolt.log", ack_path="bolt") as (bolt_base, bolt_proc):
                load = Load(base, mock_slack, mock_wecom, Sender(base))
                bolt_load = Load(bolt_base, mock_slack, mock_wecom, Sender(bolt_base))
                bolt_load.seq = 10_000_000  # distinct channels and event ids on the shared mock
                report["server_rss_at_start_mib"] = rss_mib(proc.pid)[0]
                for each in (load, bolt_load):  # loads the engine and the index in each server
                    warm = [each.slack_request("w"), each.wecom_request("w")]
                    asyncio.run(each.fire(warm, 2))
                    each.wait_answered([r[3] for r in warm], timeout_s=120)
                for n in sizes:
                    report.setdefault("healthz_floor", []).append(load.floor(n))
                    result = burst(load, proc, "wecom", n)
                    report["bursts"].append(result)
                    progress(f"  wecom x{n}: ack p50 {result['ack_p50_ms']} ms, p99 {result['ack_p99_ms']} ms,"
                             f" answered {result['answered']}/{n}, duplicates {result['duplicates']},"
                             f" errors {result['errors']}, server RSS {result['server_rss_mib']} MiB")
                report["load_average_before_slack"] = [round(x, 2) for x in os.getloadavg()]
                report["slack_ack"] = ack_comparison({"fast": (load, proc), "bolt": (bolt_load, bolt_proc)},
                                                     sizes, repeats, progress)
                report["load_average_after_slack"] = [round(x, 2) for x in os.getloadavg()]
                if soak_s > 0:
                    progress(f"  soak for {min(soak_s, MAX_SOAK_S):.0f} s …")
                    report["soak"] = soak(load, proc, soak_s, progress=progress)
                report["server_peak_rss_mib"] = rss_mib(proc.pid)[1]
                load.sender.http.close()
                bolt_load.sender.http.close()
        finally:
            mock_slack.close()
    at_50 = [b for b in report["bursts"] if b["concurrency"] == 50]
    everything = report["bursts"] + report["slack_ack"] + ([report["soak"]] if "soak" in report else [])
    report["ack_p99_ms_at_50"] = max((b["ack_p99_ms"] for b in at_50), default=None)
    report["exactly_once"] = all(b["unanswered"] == 0 and b["duplicates"] == 0 for b in everything)
    report["errors"] = sum(b["errors"] for b in everything)
    report["slack_ack_goals_met"] = all(row["met"] for row in report["slack_ack"] if row["met"] is not None)
    report["ok"] = (report["exactly_once"] and report["errors"] == 0
                    and (report["ack_p99_ms_at_50"] or 0) <= GOAL_ACK_P99_MS and report["slack_ack_goals_met"]
                    and report.get("soak", {}).get("memory_flat", True))
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--repeats", type=int, default=REPEATS, help="Slack bursts per ack path and size")
    parser.add_argument("--soak", type=float, default=float(os.environ.get("SOAK_SECONDS", 60)),
                        help=f"soak seconds (0 = none, at most {MAX_SOAK_S})")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    report = run(tuple(int(x) for x in args.sizes.split(",") if x), args.soak,
                 progress=(lambda _l: None) if args.json else print, repeats=max(1, args.repeats))
    print(json.dumps(report, ensure_ascii=False, indent=None if args.json else 2))
    return 0 if report["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
