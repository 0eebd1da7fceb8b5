"""Engine code states general rules: it never quotes an evaluation question word for word.

A quoted question means a fix was tuned to one phrasing. The documented example questions of the
README may appear anywhere; every other question of every set under evals/ must not appear in the
code that understands or answers questions.
"""

from __future__ import annotations

import re

import yaml

from tests.paths import REPO_ROOT

CODE = [*(REPO_ROOT / "bot" / "offline").rglob("*.py"), *(REPO_ROOT / "bot" / "llm").rglob("*.py"),
        *(REPO_ROOT / "retrieval").rglob("*.py"), *(REPO_ROOT / "tools").rglob("*.py")]
CJK = re.compile(r"[\u4e00-\u9fff]")


def questions(node) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("q", "question") and isinstance(value, str):
                found.add(value.strip().rstrip("？?。"))
            else:
                found |= questions(value)
    elif isinstance(node, list):
        for item in node:
            found |= questions(item)
    return found


def eval_questions() -> set[str]:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    out: set[str] = set()
    for path in (REPO_ROOT / "evals").rglob("*.yaml"):
        for text in questions(yaml.safe_load(path.read_text(encoding="utf-8"))):
            if len(text) >= 7 and len(CJK.findall(text)) >= 4 and text not in readme:
                out.add(text)
    return out


def test_the_sets_hold_questions_to_look_for():
    assert len(eval_questions()) > 500


def test_no_engine_code_quotes_an_evaluation_question():
    asked = eval_questions()
    quoted = sorted(f"{path.relative_to(REPO_ROOT)}: {q}" for path in CODE
                    for q in asked if q in path.read_text(encoding="utf-8"))
    assert quoted == []
