"""Render a RunReport: console summary, Markdown, self-contained HTML, JSON."""

from __future__ import annotations

import json
from pathlib import Path

from clusterbot.errors import InputError
from clusterbot.evals.aggregate import RunReport
from clusterbot.evals.runner import TurnResult
from clusterbot.templates import render

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


def _values(report: RunReport) -> dict:
    rows = [(s.name, s.figures) for s in report.sets]
    if len(report.sets) > 1:
        rows.append(("合计", report.overall))
    return {"report": report, "summary_rows": rows, "pct": pct, "ms": ms, "problems": problems}


def summary(report: RunReport) -> str:
    return render("eval/summary.zh", **_values(report))


def markdown(report: RunReport) -> str:
    return render("eval/report.md", **_values(report)) + "\n"


def html(report: RunReport) -> str:
    return render("eval/report.html", **_values(report)) + "\n"


def as_json(report: RunReport) -> str:
    data = report.model_dump(mode="json")
    data["ok"] = report.ok
    data["failing"] = [r.key if len(report.sets) == 1 else f"{r.set_name}:{r.key}" for r in report.failing]
    data["misses"] = [m.model_dump() for m in report.misses]
    return json.dumps(data, ensure_ascii=False, indent=1)


def write(report: RunReport, path: Path) -> Path:
    template = FORMATS.get(path.suffix.lower())
    if template is None:
        raise InputError("eval.report_format", file=str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    text = html(report) if template.endswith("html") else markdown(report)
    path.write_text(text, encoding="utf-8")
    return path
