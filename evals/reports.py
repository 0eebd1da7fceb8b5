"""Render a RunReport: console summary, Markdown, self-contained HTML, JSON."""

from __future__ import annotations

import json
from pathlib import Path

from clusterbot.errors import InputError
from clusterbot.evals.aggregate import RunReport
from clusterbot.evals.history import headline, sparkline
from clusterbot.evals.runner import TurnResult
from clusterbot.templates import render

MAX_LISTED = 20  # failing turns listed in the console summary; the reports list all

FORMATS = {".md": "eval/report.md", ".markdown": "eval/report.md", ".html": "eval/report.html", ".htm": "eval/report.html"}


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def ms(value: float | str | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, str):
        return value
    return f"{value:.3f}".rstrip("0").rstrip(".") if abs(value) < 10 else f"{value:.1f}"


def problems(result: TurnResult) -> list[str]:
    out = []
    if result.crash:
        out.append(f"crash: {result.crash}")
    if result.score is not None:
        out.extend(result.score.problems())
    elif result.retrieval is not None and result.retrieval.rank is None:
        out.append("retrieval: no gold clause in the top k")
    return out


def _key(report: RunReport, result: TurnResult) -> str:
    return result.key if len(report.sets) == 1 else f"{result.set_name}:{result.key}"


def _values(report: RunReport, trend: list[dict] | None = None) -> dict:
    rows = [(s.name, s.figures) for s in report.sets]
    if len(report.sets) > 1:
        rows.append(("合计", report.overall))
    trend = trend or []
    values = [v for v in (headline(r) for r in trend) if v is not None]  # comparable runs all have one
    line = sparkline(values) if len(values) > 1 else ""
    cases = report.failed_cases
    known = set(report.known_failures)
    failing = sorted(report.failing, key=lambda r: f"{r.set_name}:{r.key}" in known)  # new first, stable
    return {"report": report, "summary_rows": rows, "pct": pct, "ms": ms, "problems": problems,
            "failed_cases": cases, "failing": failing, "new_cases": [c for c in cases if not c.known],
            "known_cases": [c for c in cases if c.known], "trend": trend, "sparkline": line,
            "headline": headline, "key": lambda r: _key(report, r), "max_listed": MAX_LISTED}


def summary(report: RunReport, trend: list[dict] | None = None) -> str:
    return render("eval/summary.zh", **_values(report, trend))


def markdown(report: RunReport, trend: list[dict] | None = None) -> str:
    return render("eval/report.md", **_values(report, trend)) + "\n"


def html(report: RunReport, trend: list[dict] | None = None) -> str:
    return render("eval/report.html", **_values(report, trend)) + "\n"


def as_json(report: RunReport, trend: list[dict] | None = None) -> str:
    data = report.model_dump(mode="json")
    data["ok"] = report.ok
    data["failing"] = [_key(report, r) for r in report.failing]
    data["answered_wrong"] = [_key(report, r) for r in report.answered_wrong]
    if report.baseline_file:
        known = set(report.known_failures)
        data["new_failures"] = [k for r in report.failing
                                if f"{r.set_name}:{r.key}" not in known for k in [_key(report, r)]]
    data["misses"] = [m.model_dump() for m in report.misses]
    if trend is not None:
        data["trend"] = trend
    return json.dumps(data, ensure_ascii=False, indent=1)


def write(report: RunReport, path: Path, trend: list[dict] | None = None) -> Path:
    template = FORMATS.get(path.suffix.lower())
    if template is None:
        raise InputError("eval.report_format", file=str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    text = html(report, trend) if template.endswith("html") else markdown(report, trend)
    path.write_text(text, encoding="utf-8")
    return path
