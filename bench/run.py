"""`make bench`: every benchmark in one run, written to bench/report.json and bench/REPORT.md.

Parts: offline answer latency (warm) and `clusterbot ask` cold start, index build and search,
indicator tools, a county briefing, and HTTP load on loopback with a bounded soak. Public tools
only: plain timing, subprocesses, asyncio streams, /proc for memory. Progress goes to stdout.
Environment: SOAK_SECONDS (default 60, at most 600), BENCH_SIZES (default 10,50,200), BENCH_PARTS (default
all: answer,retrieval,tools,briefing,load; the parts left out keep their results from the previous report.json,
and the report says from when).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
import traceback
from pathlib import Path

from bench.stats import machine

OUT_DIR = Path(__file__).resolve().parent
REPORT_JSON = OUT_DIR / "report.json"
REPORT_MD = OUT_DIR / "REPORT.md"


def _parts(soak_s: float, sizes: tuple[int, ...]):
    from bench import (
        answer_bench,
        briefing_bench,
        hardening_bench,
        load,
        refusal_bench,
        retrieval_bench,
        tools_bench,
        workers_bench,
    )

    return [
        ("answer", "offline answers (warm) and clusterbot ask cold start", lambda: answer_bench.run()),
        ("retrieval", "policy index build and search", lambda: retrieval_bench.run()),
        ("tools", "indicator tools", lambda: tools_bench.run()),
        ("briefing", "county briefing with charts", lambda: briefing_bench.run()),
        ("hardening", "slow LLM stream, 64 concurrent /healthz, 300 aborted bodies", lambda: hardening_bench.run()),
        ("refusals", "hostile files refused, a hanging model given up on", lambda: refusal_bench.run()),
        ("load", f"HTTP load (N={','.join(map(str, sizes))}) and {soak_s:.0f} s soak",
         lambda: load.run(sizes, soak_s)),
        ("workers", "two workers on one PostgreSQL state store, 200 concurrent Slack events",
         lambda: workers_bench.run()),
    ]


def run(soak_s: float = 60.0, sizes: tuple[int, ...] = (10, 50, 200), only: set[str] | None = None) -> dict:
    report: dict = {"started": dt.datetime.now().isoformat(timespec="seconds"), "machine": machine(),
                    "soak_seconds": soak_s, "results": {}, "errors": {}, "carried": {}}
    previous = _previous() if only else {}
    for name, title, fn in _parts(soak_s, sizes):
        if only and name not in only:
            if name in previous.get("results", {}):
                report["results"][name] = previous["results"][name]
                report["carried"][name] = previous.get("carried", {}).get(name) or previous.get("started", "?")
            continue
        print(f"==> {title} …", flush=True)
        started = time.perf_counter()
        try:
            report["results"][name] = fn()
        except Exception as exc:  # one failing part must not hide the others
            traceback.print_exc()
            report["errors"][name] = f"{type(exc).__name__}: {exc}"
        print(f"    done in {time.perf_counter() - started:.1f} s", flush=True)
    report["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    report["goals"] = goals(report["results"])
    return report


def _previous() -> dict:
    try:
        return json.loads(REPORT_JSON.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def goals(results: dict) -> list[dict]:
    """The issue's goals, each with the measured value and whether it was met."""
    answer, load = results.get("answer") or {}, results.get("load") or {}
    retrieval, refusals = results.get("retrieval") or {}, results.get("refusals") or {}
    rows = []

    def row(goal: str, value, ok) -> None:
        rows.append({"goal": goal, "measured": value, "met": ok})

    hardening = results.get("hardening") or {}
    if hardening:
        slow, health, aborted = hardening["slow_stream"], hardening["healthz"], hardening["aborted_bodies"]
        row(f"slow LLM stream: every question answered offline within 3 × llm_timeout_s ({slow['bound_s']:g} s)",
            f"{slow['offline']}/{slow['questions']} offline, slowest {slow['max_s']} s", slow["met"])
        row("64 concurrent /healthz: p99 ≤ 50 ms", f"{health['p99_ms']} ms", health["met"])
        row("300 aborted request bodies: ≤ 300 log lines", f"{aborted['log_lines']} lines, "
            f"{aborted['tracebacks']} tracebacks", aborted["met"])

    if answer:
        w, c = answer["warm"], answer["cold_start"]
        row(f"offline answer p95 ≤ {w['goal_p95_ms']:g} ms (warm, in process)", f"{w['p95_ms']} ms", w["ok"])
        row(f"clusterbot ask cold start ≤ {c['goal_s']:g} s (median of {c['runs']} processes)",
            f"{c['median_s']} s (CPU {c.get('cpu_median_s', '?')} s)", c["ok"])
    if retrieval:
        warm = retrieval["index_warm_start_ms"]
        row("policy index warm start ≤ 200 ms", f"{warm} ms", warm <= 200)
    for name, goal in (refusals.get("goals_s") or {}).items():
        label = {"zip_bomb_s": "zip-bomb .docx refused", "yaml_alias_s": "YAML-alias sidecar refused",
                 "llm_timeout_turn_s": "LLM turn with a hanging model (1 s timeout)",
                 "breaker_open_turn_s": "LLM turn with the breaker open"}[name]
        row(f"{label} ≤ {goal:g} s", f"{refusals[name]} s", refusals[name] <= goal)
    if load:
        by_path = {(r["path"], r["concurrency"]): r for r in load.get("slack_ack", [])}
        for n, goal in sorted((int(k), v) for k, v in load.get("slack_ack_goals_ms", {}).items()):
            fast, bolt = by_path.get(("fast", n)), by_path.get(("bolt", n))
            if fast:
                versus = f" (Bolt's dispatch: {bolt['ack_p99_ms']} ms)" if bolt else ""
                row(f"Slack ack p99 ≤ {goal:g} ms at {n} concurrent (fast path, median of {fast['runs']} bursts)",
                    f"{fast['ack_p99_ms']} ms{versus}", fast["met"])
        p99 = load.get("ack_p99_ms_at_50")
        row("WeCom ack p99 ≤ 200 ms at 50 concurrent", f"{p99} ms", p99 is not None and p99 <= 200)
        row("every event answered exactly once", "yes" if load["exactly_once"] else "no", load["exactly_once"])
        row("zero errors", str(load["errors"]), load["errors"] == 0)
        soak = load.get("soak")
        if soak:
            row(f"memory flat across the soak ({soak['seconds']:.0f} s)",
                f"{soak['rss_second_quarter_mib']} → {soak['rss_last_quarter_mib']} MiB", soak["memory_flat"])
    workers = results.get("workers") or {}
    if workers.get("rounds"):
        row(f"two workers, one PostgreSQL: {workers['events']} concurrent events, ack p99 ≤ "
            f"{workers['goal_ack_p99_ms']:g} ms, each answered once (median of {len(workers['rounds'])} rounds)",
            f"{workers['ack_p99_ms']} ms, exactly once: {'yes' if workers['exactly_once'] else 'no'}", workers["ok"])
    return rows


def markdown(report: dict) -> str:
    m = report["machine"]
    res = report["results"]
    lines = [
        "# clusterbot benchmark report", "",
        f"Run {report['started']} on {m['nproc']} × {m['cpu']}, {m['memory_gib']} GiB RAM, Python {m['python']}; "
        f"load average at start {m['load_average'][0]}, at end {m.get('load_average_at_end', ['?'])[0]}.", "",
        "## Goals", "", "| goal | measured | met |", "|---|---|---|",
    ]
    lines += [f"| {g['goal']} | {g['measured']} | {'yes' if g['met'] else '**no**'} |" for g in report["goals"]]
    if report.get("carried"):
        lines += ["", "Not run this time, carried from earlier runs: "
                  + ", ".join(f"{name} ({when})" for name, when in report["carried"].items()) + "."]
    if "answer" in res:
        w, c = res["answer"]["warm"], res["answer"]["cold_start"]
        lines += ["", "## Answers", "",
                  f"Offline, warm, {w['turns']} turns of the evaluation sets: p50 {w['p50_ms']} ms, "
                  f"p95 {w['p95_ms']} ms, p99 {w['p99_ms']} ms, max {w['max_ms']} ms.",
                  f"`clusterbot ask \"{c.get('question', '天长市离百亿还有多远？')}\"` cold start ({c['runs']} new processes, "
                  f"ready data dir): median {c['median_s']} s, best {c['best_s']} s, worst {c['max_s']} s; "
                  f"CPU median {c.get('cpu_median_s', '?')} s (load average {c.get('load_average', '?')})."]
    if "retrieval" in res:
        r = res["retrieval"]
        lines += ["", "## Policy index and search", "",
                  f"Index build in a new process {r['index_cold_process_s']} s (median), in process "
                  f"{r['index_cold_in_process_s']} s, warm start {r['index_warm_start_ms']} ms; "
                  f"search p50 {r['search_p50_ms']} ms, p95 {r['search_p95_ms']} ms ({r['search_count']} searches)."]
    if "tools" in res:
        t = res["tools"]
        lines += ["", "## Indicator tools", "", "| tool | p50 ms | p95 ms |", "|---|---|---|"]
        lines += [f"| {x['tool']} {json.dumps(x['args'], ensure_ascii=False)} | {x['p50_ms']} | {x['p95_ms']} |"
                  for x in t["tools"]]
        lines += ["", f"Store: create {t['store']['create_ms']} ms, one-row import {t['store']['import_one_row_ms']} ms."]
    if "briefing" in res:
        b = res["briefing"]
        lines += ["", "## Briefing", "",
                  f"{b['county']} (md + docx + charts): cold {b['cold_s']} s, warm median {b['warm_median_s']} s "
                  f"(CPU {b['warm_cpu_median_s']} s)."]
    if "load" in res:
        ld = res["load"]
        lines += ["", "## HTTP load (loopback, `clusterbot serve` subprocess, mock Slack and WeCom APIs)", "",
                  "| channel | N | ack p50 ms | ack p99 ms | answered | duplicates | errors | server RSS MiB |",
                  "|---|---|---|---|---|---|---|---|"]
        lines += [f"| {b['channel']} | {b['concurrency']} | {b['ack_p50_ms']} | {b['ack_p99_ms']} | "
                  f"{b['answered']}/{b['requests']} | {b['duplicates']} | {b['errors']} | {b['server_rss_mib']} |"
                  for b in ld["bursts"]]
        if ld.get("slack_ack"):
            before, after = ld.get("load_average_before_slack", ["?"]), ld.get("load_average_after_slack", ["?"])
            lines += ["", "Slack acks, two servers side by side (`slack_ack_path` fast and bolt), bursts alternating "
                      f"between them; medians over the rounds (load average {before[0]} before, {after[0]} after):", "",
                      "| N | ack path | rounds | ack p50 ms | ack p99 ms | p99 of each round ms | server CPU ms per ack "
                      "| answered | duplicates | errors |", "|---|---|---|---|---|---|---|---|---|---|"]
            lines += [f"| {r['concurrency']} | {r['path']} | {r['runs']} | {r['ack_p50_ms']} | {r['ack_p99_ms']} | "
                      f"{', '.join(str(x) for x in r['ack_p99_runs_ms'])} | {r.get('server_cpu_ms_per_request', '?')} | "
                      f"{r['answered']}/{r['requests']} | "
                      f"{r['duplicates']} | {r['errors']} |"
                      for r in sorted(ld["slack_ack"], key=lambda r: (r["concurrency"], r["path"] != "fast"))]
            lines += ["", "Server CPU per ack: the server process's CPU time from the first request of a burst to "
                      "its last ack, divided by N; it counts any answering begun meanwhile (Bolt's listener starts "
                      "it at once, the fast path after the burst) and, unlike latency, hardly moves with the load "
                      "of the machine (/proc counts 10 ms ticks: at N = 10 it is coarse)."]
        floor = ", ".join(f"N={f['concurrency']}: p50 {f['p50_ms']} / p99 {f['p99_ms']} ms"
                          for f in ld.get("healthz_floor", []))
        if floor:
            lines += ["", f"Floor of the HTTP path, the same number of concurrent `GET /healthz`: {floor}."]
        lines += ["", f"Server RSS at start {ld['server_rss_at_start_mib']} MiB, peak {ld['server_peak_rss_mib']} MiB."]
        soak = ld.get("soak")
        if soak:
            lines += [f"Soak {soak['seconds']:.0f} s at {soak['rate_per_s']} requests/s (Slack and WeCom alternating): "
                      f"{soak['requests']} requests, ack p50 {soak['ack_p50_ms']} ms, p99 {soak['ack_p99_ms']} ms, "
                      f"answered {soak['answered']}, duplicates {soak['duplicates']}, errors {soak['errors']}; "
                      f"RSS {soak['rss_second_quarter_mib']} MiB (2nd quarter) → {soak['rss_last_quarter_mib']} MiB "
                      f"(last quarter)."]
    if report["errors"]:
        lines += ["", "## Parts that failed", ""] + [f"- {k}: {v}" for k, v in report["errors"].items()]
    return "\n".join(lines) + "\n"


def main() -> int:
    soak_s = min(float(os.environ.get("SOAK_SECONDS", "60")), 600.0)
    sizes = tuple(int(x) for x in os.environ.get("BENCH_SIZES", "10,50,200").split(",") if x.strip())
    only = {x.strip() for x in os.environ.get("BENCH_PARTS", "").split(",") if x.strip()} or None
    report = run(soak_s, sizes, only)
    REPORT_JSON.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    REPORT_MD.write_text(markdown(report), encoding="utf-8")
    print(markdown(report))
    print(f"written: {REPORT_JSON} and {REPORT_MD}")
    return 1 if report["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
