"""The run history: one JSON line per `clusterbot eval` run, and the trend of comparable runs.

Runs are comparable when they evaluated the same sets, in the same mode and parser, with the same tag filter;
the trend shows the accuracy (or, for retrieval-only runs, the recall) of the last few of them.
"""

from __future__ import annotations

import json
from pathlib import Path

from clusterbot.evals.aggregate import RunReport

DEFAULT_FILE = Path("out") / "eval-history.jsonl"
BARS = "▁▂▃▄▅▆▇█"
MAX_LINES = 10_000  # read at most this many lines, newest last; the file is append-only


def entry(report: RunReport) -> dict:
    f = report.overall
    return {
        "started_at": report.started_at, "mode": report.mode, "parser": report.parser,
        "sets": sorted(s.name for s in report.sets),
        "tags": report.tags, "n": f.n, "passed": f.passed, "accuracy": f.accuracy,
        "answered_wrong": f.answered_wrong, "citation_precision": f.citation_precision,
        "citation_recall": f.citation_recall, "no_invented": f.no_invented,
        "retrieval_recall": f.retrieval_recall, "retrieval_mrr": f.retrieval_mrr,
        "latency_p95_ms": f.latency_p95_ms, "duration_s": report.duration_s, "ok": report.ok,
        "per_set": {s.name: {"n": s.figures.n, "passed": s.figures.passed, "accuracy": s.figures.accuracy}
                    for s in report.sets},
    }


def read(path: Path) -> list[dict]:
    """The recorded runs, oldest first; lines that are not JSON objects (a torn write) are skipped."""
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()[-MAX_LINES:]
    runs = []
    for line in lines:
        try:
            data = json.loads(line)
        except ValueError:
            continue
        if isinstance(data, dict):
            runs.append(data)
    return runs


def append(report: RunReport, path: Path) -> dict:
    record = entry(report)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as out:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return record


def headline(run: dict) -> float | None:
    return run.get("retrieval_recall") if run.get("mode") == "retrieval" else run.get("accuracy")


def comparable(runs: list[dict], current: dict, limit: int = 10) -> list[dict]:
    key = ("mode", "sets", "tags")
    same = [r for r in runs if all(r.get(k) == current[k] for k in key) and headline(r) is not None
            and _parser(r) == _parser(current)]
    return same[-limit:]


def _parser(run: dict) -> str:
    """Runs recorded before the parser was named were the rule parser's (retrieval-only runs name none)."""
    return run.get("parser", "" if run.get("mode") == "retrieval" else "rules")


def sparkline(values: list[float]) -> str:
    low, high = min(values), max(values)
    if high - low < 1e-9:
        return BARS[-1] * len(values)
    return "".join(BARS[round((v - low) / (high - low) * (len(BARS) - 1))] for v in values)
