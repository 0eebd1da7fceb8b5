"""The assistant states general rules: no file it reads quotes an evaluation question word for word.

A quoted question means a fix was tuned to one phrasing. The guard reads every file the assistant
loads — Python, and the rule and data files beside it (cue and vocabulary YAML, templates, message
catalogues, policy text, reference CSVs) under bot/, retrieval/, tools/, prompts/, data/ and the
clusterbot package — and compares it with every question of every set under evals/sets/.

Both sides are normalised (NFKC, lower case, whitespace and punctuation dropped), so a question
split across a YAML list, wrapped in a regex group or written with other quote marks is still
found. A question of at least 8 characters after normalising that occurs verbatim is a hit.

The only questions allowed anywhere are the examples the product shows its users: those the
README documents and the `engine.examples` suggestion list of the message catalogues (shown by
help and the demo). They are few and public by design; the cap below keeps that door narrow.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import yaml

from tests.paths import REPO_ROOT

SCANNED_DIRS = ("bot", "retrieval", "tools", "prompts", "data")
# Binary formats: the Word template of the briefing and the example workbook; neither holds questions.
BINARY_SUFFIXES = {".docx", ".xlsx", ".png", ".jpg", ".ttf", ".otf", ".pyc"}
MIN_CHARS = 8
MAX_SHOWN_EXAMPLES = 12

# Known hits still present, each "file: question". The lead engineer removes them from the engine's
# rule files (none today).
KNOWN_HITS: set[str] = set()


def normalise(text: str) -> str:
    """Letters and digits only, NFKC and lower case: quotes, spaces, regex syntax and YAML layout vanish."""
    return "".join(c for c in unicodedata.normalize("NFKC", text).lower() if unicodedata.category(c)[0] in "LN")


def questions(node) -> set[str]:
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("q", "question") and isinstance(value, str):
                found.add(value.strip())
            else:
                found |= questions(value)
    elif isinstance(node, list):
        for item in node:
            found |= questions(item)
    return found


def set_files() -> list[Path]:
    return sorted((REPO_ROOT / "evals" / "sets").glob("*.yaml"))


def readme() -> str:
    return normalise((REPO_ROOT / "README.md").read_text(encoding="utf-8"))


def suggested_examples() -> set[str]:
    """The suggestion lists the assistant shows (help, demo), normalised."""
    shown: set[str] = set()
    for path in sorted((REPO_ROOT / "prompts" / "messages").glob("engine.*.yaml")):
        catalogue = yaml.safe_load(path.read_text(encoding="utf-8"))
        shown |= {normalise(q) for q in str(catalogue.get("engine.examples", "")).split("|") if q.strip()}
    return shown


def eval_questions() -> dict[str, str]:
    """Normalised question → the question as written, for every set question long enough to judge."""
    out: dict[str, str] = {}
    for path in set_files():
        for text in questions(yaml.safe_load(path.read_text(encoding="utf-8"))):
            key = normalise(text)
            if len(key) >= MIN_CHARS:
                out.setdefault(key, text)
    return out


def scanned_files() -> list[Path]:
    roots = [REPO_ROOT / name for name in SCANNED_DIRS]
    files = [p for root in roots for p in root.rglob("*") if p.is_file()]
    files += list((REPO_ROOT / "clusterbot").glob("*.py"))  # the package's own modules (the rest are links)
    return sorted(p for p in files if "__pycache__" not in p.parts and p.suffix not in BINARY_SUFFIXES)


def hits() -> set[str]:
    asked = eval_questions()
    documented, suggested = readme(), suggested_examples()
    found: set[str] = set()
    for path in scanned_files():
        text = normalise(path.read_text(encoding="utf-8"))  # a file that is not UTF-8 text fails loudly here
        for key, question in asked.items():
            if key in text and key not in documented and key not in suggested:
                found.add(f"{path.relative_to(REPO_ROOT)}: {question}")
    return found


def test_the_sets_hold_questions_to_look_for():
    assert len(set_files()) >= 9
    assert len(eval_questions()) > 700


def test_the_guard_reads_the_rule_and_data_files_not_only_python():
    scanned = {p.relative_to(REPO_ROOT).as_posix() for p in scanned_files()}
    assert {"bot/offline/kinds.yaml", "bot/offline/vocab.yaml", "prompts/messages/engine.zh.yaml",
            "data/policy/unit_aliases.yaml", "data/policy/terms.txt", "data/metrics.csv"} <= scanned
    suffixes = {Path(p).suffix for p in scanned}
    assert {".py", ".yaml", ".j2", ".txt", ".csv", ".sql"} <= suffixes


def test_normalising_finds_a_question_hidden_by_layout():
    key = normalise("明天合肥会下雨吗？")
    assert key in normalise('examples: [明天 合肥 "会下雨" 吗, x]')
    assert key in normalise("(明天)(合肥)会下雨吗")
    assert normalise("What is the 2027 cluster revenue target?") == "whatisthe2027clusterrevenuetarget"


def test_the_shown_examples_stay_few():
    assert 0 < len(suggested_examples()) <= MAX_SHOWN_EXAMPLES


def test_no_file_the_assistant_reads_quotes_an_evaluation_question():
    assert sorted(hits() - KNOWN_HITS) == []

