"""The README's console examples run as written and print what the README shows (the datasette habit).

Each command runs in its own working directory (with `data/` and `evals/` of the checkout) and its own
ready data directory; the `make demo` output is compared with a run of the demo on an empty one.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.docs.readme_examples import examples, mismatch
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
}

# Files a README example names that are not in the checkout: written the way the README describes them.
FILES = {
    "bad.csv": "county,cluster,year,metric,value,unit,source,vintage\n"
               "天长县,天长市智能测控装置(仪器仪表)特色产业集群(基地),2024,revenue,95.5,亿元,滁州市统计局,2025-03\n"
               "天长市,天长市智能测控装置(仪器仪表)特色产业集群(基地),2024,revenue,95.5,万元,滁州市统计局,2025-03\n",
    "填报.csv": "县（市）,集群名称,指标,年份,数值,单位,来源,数据截至\n"
               "天长市,仪器仪表,营业收入,2024,95.5,亿元,滁州市统计局,2025-03\n"
               "天长市,仪器仪表,营收,2024,3,亿元,滁州市统计局,2025-03\n"
               "天长市,仪器仪表,群主企业数,2024,三,家,滁州市统计局,2025-03\n",
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


def workdir(tmp_path):
    """A directory like the checkout's root, with a `clusterbot` on PATH that runs this checkout."""
    work = tmp_path / "work"
    work.mkdir()
    for name in ("data", "evals"):
        (work / name).symlink_to(REPO_ROOT / name)
    for name, text in FILES.items():
        (work / name).write_text(text, encoding="utf-8")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    launcher = bin_dir / "clusterbot"
    launcher.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m clusterbot.bot.cli.main "$@"\n', encoding="utf-8")
    launcher.chmod(0o755)
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT), PYTHONUNBUFFERED="1",
               PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return work, env


def run(command: str, cwd, env) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", "-c", command], cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, timeout=600)


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
