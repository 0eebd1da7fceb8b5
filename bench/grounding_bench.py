"""How often the LLM grounding check refuses a grounded answer, and what the check costs.

The offline engine's answers are grounded by construction: every number comes from a tool. Each
answered turn of evals/sets/*.yaml is checked the way an LLM answer is: its text against the
evidence of the same tool calls (re-run) and of the clauses it cites. Reported: answers with at least
one refused quantity (false refusals), the refused items, and the check's time per answer.
Run: python -m bench.grounding_bench [--json] [--show N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from bench.answer_bench import eval_turns
from bench.stats import percentile


def check_all(data_dir: Path, show: int) -> dict:
    from clusterbot.bot.bootstrap import ensure_ready
    from clusterbot.bot.core import Assistant
    from clusterbot.bot.llm.grounding import Evidence, check_numbers
    from clusterbot.bot.offline.engine import OfflineEngine
    from clusterbot.config import load_settings
    from clusterbot.models import Question
    from clusterbot.tools.registry import call

    settings = load_settings(data_dir=data_dir)
    ensure_ready(settings)
    assistant = Assistant(settings)
    corpus = OfflineEngine.shared(settings).corpus()
    checked, refused, timings = 0, [], []
    items: Counter[str] = Counter()
    for index, turns in enumerate(eval_turns()):
        for question in turns:
            answer = assistant.answer(Question(text=question, thread=f"bench-{index}"), mode="offline", log=False)
            if answer.status != "answered" or not answer.tool_calls:
                continue
            started = time.perf_counter()
            evidence = Evidence()
            for tool_call in answer.tool_calls:
                try:
                    output = call(tool_call.name, tool_call.arguments, settings)
                except Exception:  # noqa: BLE001 (a refused call grounds nothing)
                    continue
                echoes = {v for v in tool_call.arguments.values() if isinstance(v, str)}
                evidence.add_tree(output.model_dump(mode="json"), skip_strings=echoes)
            for citation in answer.citations:
                clause = corpus.clause(citation.clause_id)
                if clause is not None:
                    evidence.add_text(" ".join((clause.title, clause.text)))
            report = check_numbers(answer.answer, evidence)
            timings.append((time.perf_counter() - started) * 1000)
            checked += 1
            if report.problems:
                refused.append({"question": question, "items": [p.item for p in report.problems]})
                items.update(p.item for p in report.problems)
    return {
        "answers_checked": checked,
        "false_refusals": len(refused),
        "false_refusal_rate": round(len(refused) / checked, 4) if checked else None,
        "check_ms_median": round(statistics.median(timings), 2) if timings else None,
        "check_ms_p95": round(percentile(timings, 95), 2) if timings else None,
        "most_refused_items": items.most_common(15),
        "examples": refused[:show],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--show", type=int, default=10, help="refused answers to list")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        result = check_all(Path(tmp) / "data", args.show)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(f"answers checked: {result['answers_checked']}, falsely refused: {result['false_refusals']} "
              f"({result['false_refusal_rate']}), check time median {result['check_ms_median']} ms, "
              f"p95 {result['check_ms_p95']} ms")
        for example in result["examples"]:
            print(f"  {example['question']} → {example['items']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
