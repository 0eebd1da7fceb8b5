"""Hostile-endpoint and hostile-client measurements (issue 22), on loopback in this process.

- slow stream: an OpenAI-compatible endpoint that sends its response one byte every 50 ms; every question
  in LLM mode must get the offline answer within 3 × `llm_timeout_s` (the breaker is off, so each question
  meets the endpoint);
- /healthz: 64 concurrent GETs after one warm-up probe; p99 must be ≤ 50 ms;
- aborted bodies: 300 clients that send the headers of a signed-looking Slack event and half its body, then
  hang up; the server may write at most 300 log lines for all of them.

Run: python -m bench.hardening_bench [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from bench import rawhttp
from bench.stats import percentile

LLM_TIMEOUT_S = 2.0
QUESTIONS = ["天长市离百亿还有多远？", "数字化改造谁牵头？", "宁国市的集群营业收入是多少？", "排名前五的集群是哪些？"]
HEALTH_CONCURRENCY = 64
ABORTED = 300
SLACK_SECRET = "benchsigningsecret0123456789abcdef"


@contextmanager
def _env(**values: str):
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def slow_stream(data_dir: Path) -> dict:
    from clusterbot.bot.core import Assistant
    from clusterbot.config import load_settings
    from clusterbot.models import Question
    from tests.llm.scripted_server import ScriptedLLM, trickle

    with ScriptedLLM([trickle(interval=0.05, total=100_000)], repeat_last=True) as llm, _env(
            OPENAI_BASE_URL=llm.base_url, OPENAI_API_KEY="sk-bench", CLUSTERBOT_LLM_MODEL="bench-model"):
        settings = load_settings(data_dir=data_dir, llm_timeout_s=LLM_TIMEOUT_S, llm_max_retries=1,
                                 llm_breaker_timeouts=0)
        assistant = Assistant(settings)
        assistant.answer(Question(text=QUESTIONS[0], thread="warm"), mode="offline", log=False)
        # The LLM stack imported once, as a serving process has after its first LLM question: eight threads
        # importing langchain at once on a busy machine would measure the import lock, not the deadline.
        import langchain_core.tools  # noqa: F401
        import langchain_openai  # noqa: F401
        started = time.monotonic()
        for text in QUESTIONS:
            assistant.answer(Question(text=text, thread="alone"), mode="offline", log=False)
        offline_s = (time.monotonic() - started) / len(QUESTIONS)
        elapsed: list[float] = []
        modes: list[str] = []
        lock = threading.Lock()

        def ask(text: str) -> None:
            started = time.monotonic()
            answer = assistant.answer(Question(text=text, channel="bench", thread=text), mode="llm")
            with lock:
                elapsed.append(time.monotonic() - started)
                modes.append(answer.mode)

        workers = [threading.Thread(target=ask, args=(q,)) for q in QUESTIONS * 2]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join(60)
    bound = 3 * LLM_TIMEOUT_S
    return {"questions": len(workers), "answered": len(elapsed), "offline": modes.count("offline"),
            "elapsed_s": sorted(round(x, 2) for x in elapsed), "offline_alone_s": round(offline_s, 2),
            "max_s": round(max(elapsed), 2) if elapsed else None, "bound_s": bound,
            "met": len(elapsed) == len(workers) and modes.count("offline") == len(workers) and max(elapsed) <= bound}


@contextmanager
def _slack_server(data_dir: Path):
    from clusterbot.bot.server import build_app
    from clusterbot.config import load_settings
    from tests.loopback import serve_asgi
    from tests.slack.mock_slack import MockSlack

    mock = MockSlack()
    try:
        with _env(SLACK_BOT_TOKEN="xoxb-bench-0000-token", SLACK_SIGNING_SECRET=SLACK_SECRET,
                  CLUSTERBOT_SLACK_API_URL=mock.base_url):
            app = build_app(load_settings(data_dir=data_dir), ["slack"])
            with serve_asgi(app, timeout=120) as base:
                yield base
    finally:
        mock.close()


def healthz(base: str) -> dict:
    asyncio.run(rawhttp.fire(base, [rawhttp.build(base, "GET", "/healthz")], 1))  # the first check runs here
    results = asyncio.run(rawhttp.fire(base, [rawhttp.build(base, "GET", "/healthz")] * HEALTH_CONCURRENCY,
                                       HEALTH_CONCURRENCY))
    times = [ms for _, ms in results]
    p99 = round(percentile(times, 0.99), 1)
    errors = sum(1 for status, _ in results if status != 200)
    return {"concurrency": HEALTH_CONCURRENCY, "p50_ms": round(percentile(times, 0.5), 1), "p99_ms": p99,
            "errors": errors, "met": p99 <= 50.0 and errors == 0}


class _Counter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.count = 0
        self.tracebacks = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
        self.tracebacks += record.exc_info is not None


def aborted_bodies(base: str) -> dict:
    host, port = base.removeprefix("http://").split(":")
    counter = _Counter()
    root = logging.getLogger()
    root.addHandler(counter)
    previous = root.level
    root.setLevel(logging.INFO)  # what `serve` logs at

    async def one() -> None:
        stamp = str(int(time.time()))
        head = (f"POST /slack/events HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
                f"X-Slack-Request-Timestamp: {stamp}\r\nX-Slack-Signature: v0={'0' * 64}\r\n"
                f"Content-Length: 4000\r\n\r\n").encode()
        _reader, writer = await asyncio.open_connection(host, int(port))
        writer.write(head + b'{"type": "event_callback", "event": {"text": "' + b"x" * 1000)
        await writer.drain()
        writer.close()

    async def all_of_them() -> None:
        await asyncio.gather(*(one() for _ in range(ABORTED)))

    try:
        asyncio.run(all_of_them())
        time.sleep(2.0)  # the server notices each hang-up
    finally:
        root.removeHandler(counter)
        root.setLevel(previous)
    return {"requests": ABORTED, "log_lines": counter.count, "tracebacks": counter.tracebacks,
            "met": counter.count <= ABORTED and counter.tracebacks == 0}


def run() -> dict:
    from clusterbot.bot.bootstrap import ensure_ready
    from clusterbot.config import load_settings

    with tempfile.TemporaryDirectory(prefix="clusterbot-bench-hardening-") as tmp:
        data_dir = Path(tmp) / "data"
        ensure_ready(load_settings(data_dir=data_dir))
        result = {"slow_stream": slow_stream(data_dir)}
        with _slack_server(data_dir) as base:
            result["healthz"] = healthz(base)
            result["aborted_bodies"] = aborted_bodies(base)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    result = run()
    print(json.dumps(result, ensure_ascii=False, indent=1) if args.json else result)
    return 0 if all(part["met"] for part in result.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
