"""`make demo`: prepare the data directory, then answer a few sample questions in one conversation."""

from __future__ import annotations

import sys
import time

from clusterbot.templates import render

SAMPLE_QUESTIONS = (
    "天长市离百亿目标还有多远？",
    "那宁国呢？",
    "数字化改造谁牵头？",
    "2027年集群营收目标是多少？",
    "什么是“五个一”推进机制？",
)


def main() -> int:
    from rich.console import Console

    from clusterbot.bot.bootstrap import ensure_ready
    from clusterbot.bot.cli.render import answer_text
    from clusterbot.bot.cli.terminal import show
    from clusterbot.bot.core import Assistant
    from clusterbot.config import load_settings
    from clusterbot.models import Question

    settings = load_settings()
    started = time.perf_counter()
    print(render("demo/start", data_dir=settings.data_dir), flush=True)
    ensure_ready(settings, progress=lambda line: print(f"  {line}", flush=True))
    print(render("demo/ready", seconds=round(time.perf_counter() - started, 1)), flush=True)
    assistant = Assistant(settings)
    console = Console()  # bold on a terminal, plain text when piped, like `clusterbot ask`
    for text in SAMPLE_QUESTIONS:
        answer = assistant.answer(Question(text=text, channel="cli", user="demo", thread="demo"))
        show(console, render("demo/exchange", question=text, answer=answer_text(answer), ms=round(answer.latency_ms)))
    print(render("demo/next"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
