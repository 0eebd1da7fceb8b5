"""Bad question sets give one Chinese error naming the file and the line."""

from __future__ import annotations

import pytest

from clusterbot.errors import InputError
from clusterbot.evals.loader import load_set

GOOD = """\
version: 1
name: tiny
cases:
  - id: a
    intent: who_leads
    q: 数字化改造谁牵头？
    clauses: ["3.2.1"]
"""


def write(tmp_path, text: str):
    path = tmp_path / "set.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def error_of(tmp_path, text: str) -> str:
    with pytest.raises(InputError) as caught:
        load_set(write(tmp_path, text))
    return caught.value.message


def test_a_good_set_loads_with_case_lines(tmp_path):
    loaded = load_set(write(tmp_path, GOOD))
    assert loaded.name == "tiny" and loaded.case_lines == {"a": 4}
    assert loaded.data.cases[0].steps()[0].clauses == ["3.2.1"]


def test_yaml_syntax_error_names_file_and_line(tmp_path):
    message = error_of(tmp_path, GOOD.replace("q: 数字化改造谁牵头？", "q: 数字化改造: 谁牵头？"))
    assert "set.yaml" in message and "第 6 行" in message and "YAML" in message


def test_unknown_field_points_at_its_line(tmp_path):
    message = error_of(tmp_path, GOOD + "    clauzes: [\"3.2.1\"]\n")
    assert "第 8 行" in message and "不认识的字段" in message and "clauzes" in message


def test_bad_status_points_at_its_line_in_chinese(tmp_path):
    message = error_of(tmp_path, GOOD.replace('    clauses: ["3.2.1"]\n', "    status: maybe\n"))
    assert "第 7 行" in message and "status" in message and "maybe" in message


def test_bad_number_in_a_nested_list(tmp_path):
    text = GOOD + "    numbers:\n      - {value: 5.8, unit: 亿元}\n      - {value: lots, unit: 亿元}\n"
    message = error_of(tmp_path, text)
    assert "第 10 行" in message and "numbers → 1 → value" in message and "不是数字" in message


def test_bad_clause_id_and_both_forms(tmp_path):
    assert "条款编号" in error_of(tmp_path, GOOD.replace('"3.2.1"', '"三（二）1"'))
    both = GOOD + "    turns:\n      - {q: 那宁国呢？}\n"
    assert "只能有一个" in error_of(tmp_path, both)


def test_duplicate_case_id(tmp_path):
    message = error_of(tmp_path, GOOD + "  - {id: a, intent: x, q: 再问一次}\n")
    assert "第 8 行" in message and "与第 4 行重复" in message


def test_missing_file_and_empty_cases(tmp_path):
    with pytest.raises(InputError, match="找不到问题集文件"):
        load_set(tmp_path / "nope.yaml")
    assert "cases" in error_of(tmp_path, "version: 1\nname: x\ncases: []\n")
