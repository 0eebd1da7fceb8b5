"""The README's console examples run as written and print what the README shows (the datasette habit).

Each command runs in its own working directory (with `data/` and `evals/` of the checkout) and its own
ready data directory; the `make demo` output is compared with a run of the demo on an empty one.
"""

from __future__ import annotations

import json
import sys

import pytest

from tests.docs.readme_examples import examples, mismatch, run, workdir
from tests.paths import REPO_ROOT

README = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
EXAMPLES = examples(README)

# Commands shown but not run here, and why. Every entry must still match a README command.
NOT_RUN = {
    "make ": "builds the virtualenv; `make test` runs this suite",
    "export ": "sets the environment for the lines after it",
    "clusterbot serve": "a long-running server; tests/slack and tests/wecom start it for real",
    "clusterbot push": "needs a WeCom group robot; tests/wecom covers it against a mock",
    "clusterbot ask --mode llm": "needs a model endpoint; tests/llm covers it against a scripted server",
    "clusterbot ask --parser llm": "needs a model endpoint; tests/llm/test_query_parser.py covers it against a "
                                   "scripted server",
    "clusterbot ingest 新政策.docx": "illustrative file names; tests/retrieval ingests real files",
    "clusterbot eval evals/sets/*.yaml --baseline": "the CI gate: tests/evals/test_eval_gate.py runs it once and "
                                                     "compares its output with these lines",
}

def skip_reason(command: str) -> str | None:
    return next((why for prefix, why in NOT_RUN.items() if command.startswith(prefix)), None)


RUN = [e for e in EXAMPLES if e.command and skip_reason(e.command) is None]
DEMO = [e for e in EXAMPLES if not e.command and "make demo" in e.lead]


def test_every_example_is_run_or_has_a_reason():
    assert len(DEMO) == 1 and len(RUN) >= 12
    for prefix in NOT_RUN:
        assert any(e.command.startswith(prefix) for e in EXAMPLES), f"stale entry in NOT_RUN: {prefix}"
    unexplained = [e.line for e in EXAMPLES if not e.command and e not in DEMO]
    assert not unexplained, f"README lines {unexplained}: output shown without a `$ command` above it"


@pytest.mark.parametrize("example", RUN, ids=lambda e: f"L{e.line}")
def test_readme_command_prints_what_the_readme_shows(example, ready_data_dir, tmp_path):
    work, env = workdir(tmp_path)
    result = run(example.runnable, work, env)
    assert result.returncode == example.exit_code, f"README line {example.line}: {example.command}\n{result.stdout}"
    problem = mismatch(example.expected, result.stdout.splitlines()) if example.expected else None
    assert problem is None, f"README line {example.line}: {example.command}\n{problem}\n---\n{result.stdout}"
    keys = example.comment.partition("[{")[2].partition("}")[0]
    if keys and "--json" in example.command:  # the comment lists the fields of the JSON objects
        data = json.loads(result.stdout)
        assert data and all(set(k.strip() for k in keys.split(",")) == set(item) for item in data)


def test_make_demo_prints_what_the_readme_shows(tmp_path):
    work, env = workdir(tmp_path)
    env["CLUSTERBOT_DATA_DIR"] = str(tmp_path / "var")  # new and empty, named as in a fresh checkout
    result = run(f'"{sys.executable}" -m clusterbot.bot.demo', work, env)
    assert result.returncode == 0, result.stdout
    problem = mismatch(DEMO[0].expected, result.stdout.splitlines())
    assert problem is None, f"{problem}\n---\n{result.stdout}"


def test_the_comparison_honours_elisions_and_checks_times():
    shown = ["==> 数据就绪（4.2 秒）。", "问：天长市？", "…", "依据：", "  · 二 · 工作目标"]
    ran = ["==> 数据就绪（8.8 秒）。", "问：天长市？", "答案", "更多", "依据：", "  · 二 · 工作目标", ""]
    assert mismatch(shown, ran) is None
    assert "implausible" in mismatch(shown, ["==> 数据就绪（999 秒）。", *ran[1:]])
    assert "expected" in mismatch(shown, ["==> 数据就绪。", *ran[1:]])
    assert "extra output" in mismatch(shown[:2], ran)
    assert mismatch(["位置：…/var（首次）"], ["位置：/tmp/x/var（首次）"]) is None
    parsed = examples("```console\n$ clusterbot data import bad.csv   # exit code 3\nline\n…\n```\n")
    assert [(e.command, e.exit_code, e.expected) for e in parsed] == [("clusterbot data import bad.csv", 3, ["line", "…"])]
    assert examples("```console\n$ clusterbot policy show [--doc ID] [--json]\n```\n")[0].runnable == "clusterbot policy show"
