"""Nothing a user supplies reaches the terminal raw: arguments, file names, doc ids, questions and retrieved
policy text are printed with ESC, BEL, OSC, C1 and bidi controls spelt out (`\\x1b`, `<U+202E>`).

Each test runs the real `clusterbot` in a child process and checks the bytes it wrote.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.paths import REPO_ROOT

TITLE = "\x1b]0;PWNED\x07"  # OSC: retitles the terminal
RAW = [b"\x1b", b"\x07", b"\xc2\x9b", b"\xc2\x9d", *(chr(c).encode() for c in
       (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C))]


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    return subprocess.run([sys.executable, "-m", "clusterbot.bot.cli.main", *args], capture_output=True,
                          env=env, timeout=120, input=stdin.encode() if stdin else None)


def _clean(result: subprocess.CompletedProcess) -> str:
    for stream in (result.stdout, result.stderr):
        found = [raw for raw in RAW if raw in stream]
        assert not found, (found, stream.decode(errors="replace"))
    return (result.stdout + result.stderr).decode()


def test_unknown_command_and_missing_file_names(isolated_env):
    shown = _clean(_run(f"nope{TITLE}"))
    assert "\\x1b]0;PWNED\\x07" in shown
    shown = _clean(_run("ingest", f"missing{TITLE}\u202e.txt"))
    assert "错误：" in shown and "<U+202E>" in shown


def test_ingest_shows_file_names_escaped(isolated_env, tmp_path):
    path = tmp_path / f"通知{TITLE}\u202e.txt"
    path.write_text("\n", encoding="utf-8")  # refused as empty after its name is shown
    shown = _clean(_run("ingest", str(path)))
    assert shown.count("\\x1b]0;PWNED\\x07<U+202E>") == 2  # the progress line and the error


def test_search_shows_policy_text_escaped(ready_data_dir, tmp_path):
    from clusterbot.config import Settings
    from clusterbot.retrieval.index import ingest_files

    path = tmp_path / "notice.txt"
    path.write_text("某县集群资金通知\n\n第一条 集群专项资金\u202e按季度拨付\u2066，\x9b2J逐级审核。\n", encoding="utf-8")
    ingest_files(Settings(data_dir=ready_data_dir), [path], doc_id="notice-1")
    shown = _clean(_run("search", "专项资金按季度拨付", "--doc", "notice-1", "-k", "1"))
    assert "<U+202E>按季度拨付<U+2066>" in shown and "\\x9b2J" in shown


def test_questions_in_answers_and_the_audit_log(ready_data_dir):
    question = f"{TITLE}天长市\u202e离百亿目标还有多远？"
    _clean(_run("ask", question))
    _clean(_run("ask", "--jsonl", stdin=question + "\n"))
    shown = _clean(_run("log", "tail", "-n", "2"))
    assert shown.count("PWNED天长市") == 2
    rows = [json.loads(line) for line in _clean(_run("log", "tail", "-n", "2", "--json")).splitlines()]
    assert len(rows) == 2
