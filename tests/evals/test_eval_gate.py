"""The CI gate: the committed sets, run offline through answer(), must meet the thresholds they declare."""

from __future__ import annotations

import re

from clusterbot.evals.generate import OUT, read_data, render
from tests.docs.readme_examples import examples, mismatch, run, workdir
from tests.paths import REPO_ROOT

SETS = sorted((REPO_ROOT / "evals" / "sets").glob("*.yaml"))
EXAMPLES = examples((REPO_ROOT / "README.md").read_text(encoding="utf-8"))


# The README shows the gate command with its output; this test runs that command once, as written, and holds it to
# both the exit status (every set's thresholds, no regression against evals/baseline.json) and the lines shown.
GATE = "clusterbot eval evals/sets/*.yaml --baseline"


def test_the_readme_gate_command_passes_and_prints_what_the_readme_shows(ready_data_dir, tmp_path):
    (example,) = [e for e in EXAMPLES if e.command.startswith(GATE)]
    assert len(SETS) >= 4 and len(example.expected) >= 3
    work, env = workdir(tmp_path)
    result = run(example.runnable, work, env)
    assert result.returncode == 0, f"README line {example.line}: {example.command}\n{result.stdout}"
    turns = re.search(r"评测：(\d+) 轮", result.stdout)
    assert turns is not None and int(turns.group(1)) >= 300, result.stdout
    assert all(f"  {path.stem}：" in result.stdout for path in SETS), "every committed set is scored"
    problem = mismatch(example.expected, result.stdout.splitlines())
    assert problem is None, f"README line {example.line}: {example.command}\n{problem}\n---\n{result.stdout}"
    assert (work / "out" / "eval-report.html").stat().st_size > 0


def test_generated_set_is_up_to_date():
    assert OUT.read_text(encoding="utf-8") == render(read_data()), "run: python -m clusterbot.evals.generate"
