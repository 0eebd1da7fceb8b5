"""One evaluation run end to end: load sets, answer every case, aggregate, compare with a baseline."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path

from clusterbot.config import Settings
from clusterbot.errors import InputError
from clusterbot.evals import baseline as baselines
from clusterbot.evals.aggregate import RunReport, build_report
from clusterbot.evals.loader import load_sets
from clusterbot.evals.runner import MODES, Progress, Runner


def evaluate(settings: Settings, set_paths: list[Path | str], mode: str = "offline", tags: list[str] | None = None,
             baseline_file: Path | None = None, progress: Progress | None = None,
             retrieval: bool = True, parser: str | None = None) -> RunReport:
    """Run `set_paths` through answer() (or search only, mode="retrieval") and score them.

    `parser` (rules | llm; default the settings') names who reads questions into typed queries; the report
    carries it, so the two parsers are scored apart.
    """
    if mode not in MODES:
        raise InputError("eval.bad_mode", mode=mode, modes="、".join(MODES))
    if parser is not None:
        settings = settings.model_copy(update={"parser": parser})
    sets = load_sets(set_paths)
    base = baselines.load(baseline_file) if baseline_file else None
    started_at = datetime.now().astimezone().isoformat(timespec="seconds")
    clock = time.perf_counter()
    runner = Runner(settings, mode=mode, retrieval=retrieval)
    results = runner.run(sets, tags=tags, progress=progress)
    if not results:
        raise InputError("eval.no_cases", tags="、".join(tags or []))
    report = build_report(sets, results, mode, started_at, time.perf_counter() - clock, tags,
                          parser="" if mode == "retrieval" else settings.parser)
    if base is not None:
        baselines.compare(report, base, str(baseline_file))
    return report
