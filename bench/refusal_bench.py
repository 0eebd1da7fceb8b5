"""Refusal and fallback benchmark: how long hostile files and a hanging model take to be turned away.

The test suite checks that these refusals happen the right way (nothing unpacked, nothing constructed,
the model never waited for, the breaker skipping the endpoint); the times live here, where a loaded
machine cannot fail a test and a slow regression is still seen.
Run: python -m bench.refusal_bench [--json]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import docx

GOALS = {"zip_bomb_s": 1.0, "yaml_alias_s": 1.0, "llm_timeout_turn_s": 1.0 * 3 + 2.0, "breaker_open_turn_s": 0.5}
LLM_TIMEOUT_S = 1.0


def _median(fn, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return round(statistics.median(times), 3)


def _zip_bomb(path: Path) -> Path:
    from clusterbot.retrieval import loaders

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            if item.filename != "word/document.xml":
                archive.writestr(item, source.read(item))
                continue
            with archive.open(item.filename, "w", force_zip64=True) as stream:
                stream.write(source.read(item))
                chunk = b" " * (1 << 20)
                for _ in range(loaders.MAX_UNPACKED_BYTES // len(chunk) + 1):
                    stream.write(chunk)
    return path


def _refused(path: Path) -> None:
    from clusterbot.errors import InputError
    from clusterbot.retrieval.loaders import load_document

    try:
        load_document(path)
    except InputError:
        return
    raise AssertionError(f"{path.name} was not refused")


def _alias_sidecar(root: Path) -> Path:
    path = root / "measures.txt"
    path.write_text("第一条 为了测试。\n", encoding="utf-8")
    levels = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    levels += [f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]" for i in range(8)]
    (root / "measures.meta.yaml").write_text("\n".join(levels) + "\ntitle: *i\n", encoding="utf-8")
    return path


def _llm_turns(data_dir: Path, rounds: int) -> dict:
    """A model that never replies (timeout), then the breaker open: the turn times an official waits."""
    from tests.llm.scripted_server import ScriptedLLM, sleep

    variables = {"OPENAI_API_KEY": "sk-bench", "CLUSTERBOT_LLM_MODEL": "scripted-model"}
    saved = {name: os.environ.get(name) for name in (*variables, "OPENAI_BASE_URL")}
    with ScriptedLLM([sleep(60)], repeat_last=True) as llm:
        os.environ.update({**variables, "OPENAI_BASE_URL": llm.base_url})
        try:
            return _timed_turns(data_dir, rounds)
        finally:  # the later parts of `make bench` start servers that must not inherit this endpoint
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value


def _timed_turns(data_dir: Path, rounds: int) -> dict:
    from clusterbot.bot.bootstrap import ensure_ready
    from clusterbot.bot.core import Assistant
    from clusterbot.config import load_settings
    from clusterbot.models import Question

    settings = load_settings(data_dir=data_dir, llm_timeout_s=LLM_TIMEOUT_S, llm_max_retries=0,
                             llm_breaker_timeouts=rounds, llm_breaker_cooldown_s=600)
    ensure_ready(settings)
    assistant = Assistant(settings)
    assistant.answer(Question(text="天长市离百亿还有多远？", thread="warm"), mode="offline", log=False)

    def ask() -> None:
        assistant.answer(Question(text="天长市离百亿还有多远？"), mode="llm", log=False)

    timeout_turn = _median(ask, rounds)  # `rounds` timeouts in a row open the breaker
    return {"llm_timeout_turn_s": timeout_turn, "breaker_open_turn_s": _median(ask, rounds)}


def run(rounds: int = 3) -> dict:
    with tempfile.TemporaryDirectory(prefix="clusterbot-refusals-") as tmp:
        root = Path(tmp)
        bomb = _zip_bomb(root / "bomb.docx")
        result = {"zip_bomb_s": _median(lambda: _refused(bomb), rounds),
                  "yaml_alias_s": _median(lambda: _refused(_alias_sidecar(root)), rounds)}
        result.update(_llm_turns(root / "data", rounds))
    result["goals_s"] = GOALS
    result["ok"] = all(result[name] <= goal for name, goal in GOALS.items())
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = run(args.rounds)
    print(json.dumps(result, ensure_ascii=False, indent=None if args.json else 2))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
