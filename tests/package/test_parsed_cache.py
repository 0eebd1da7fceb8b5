"""Shipped files parsed once per user (clusterbot.parsed_cache): an entry is used only while its source is unchanged."""

from __future__ import annotations

import json

import jinja2
import pytest

from clusterbot import parsed_cache, yamlfiles
from clusterbot.templates import CompiledTemplates
from clusterbot.yamlfiles import parse_yaml, read_yaml


def _entries(kind: str) -> list:
    folder = parsed_cache.entry_path(kind, "x").parent
    return sorted(p for p in folder.iterdir() if not p.name.startswith(".")) if folder.is_dir() else []


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    return home / "clusterbot"


def _no_parsing(monkeypatch):
    def refuse(text):
        raise AssertionError("parsed although the cache entry matches")

    monkeypatch.setattr(yamlfiles, "parse_yaml", refuse)


def test_a_yaml_file_is_parsed_once_and_read_again_while_unchanged(cache_home, tmp_path, monkeypatch):
    source = tmp_path / "words.yaml"
    source.write_text("words: [甲, 乙]\nlimit: 1.5\nnested: {a: true, b: null}\n", encoding="utf-8")
    first = read_yaml(source)
    assert first == parse_yaml(source.read_text(encoding="utf-8"))
    assert [p.parent.name for p in _entries("yaml")] == ["yaml"]
    with monkeypatch.context() as patch:
        _no_parsing(patch)
        assert read_yaml(source) == first
    assert type(read_yaml(source)["limit"]) is float


def test_an_edited_yaml_file_is_parsed_again_and_its_entry_replaced(cache_home, tmp_path):
    source = tmp_path / "words.yaml"
    source.write_text("words: [甲]\n", encoding="utf-8")
    assert read_yaml(source) == {"words": ["甲"]}
    source.write_text("words: [甲, 乙]\n", encoding="utf-8")
    assert read_yaml(source) == {"words": ["甲", "乙"]}
    assert len(_entries("yaml")) == 1  # one entry per source file, rewritten
    assert read_yaml(source) == {"words": ["甲", "乙"]}


def test_another_parser_does_not_read_the_entry(cache_home, tmp_path, monkeypatch):
    source = tmp_path / "words.yaml"
    source.write_text("words: [甲]\n", encoding="utf-8")
    read_yaml(source)
    monkeypatch.setattr(yamlfiles, "PARSER", "another parser")
    monkeypatch.setattr(yamlfiles, "parse_yaml", lambda text: {"parsed": "again"})
    assert read_yaml(source) == {"parsed": "again"}


def test_a_damaged_entry_is_ignored_and_written_again(cache_home, tmp_path):
    source = tmp_path / "words.yaml"
    source.write_text("words: [甲]\n", encoding="utf-8")
    read_yaml(source)
    [entry] = _entries("yaml")
    key = entry.read_text(encoding="utf-8").splitlines()[0]
    entry.write_text(key + "\n{\"words\": [", encoding="utf-8")
    assert read_yaml(source) == {"words": ["甲"]}
    assert json.loads(entry.read_text(encoding="utf-8").split("\n", 1)[1]) == {"words": ["甲"]}


def test_values_json_cannot_hold_exactly_are_not_kept(cache_home, tmp_path):
    source = tmp_path / "odd.yaml"
    source.write_text("1: one\nwhen: 2024-01-02\n", encoding="utf-8")
    values = read_yaml(source)
    assert values == parse_yaml(source.read_text(encoding="utf-8"))
    assert 1 in values
    assert _entries("yaml") == []


def test_an_unwritable_cache_only_costs_speed(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    source = tmp_path / "words.yaml"
    source.write_text("words: [甲]\n", encoding="utf-8")
    assert read_yaml(source) == {"words": ["甲"]}


def _env(folder) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), bytecode_cache=CompiledTemplates(),
                              undefined=jinja2.StrictUndefined)


def test_a_template_is_compiled_once_and_again_when_its_source_changes(cache_home, tmp_path, monkeypatch):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "gap.j2").write_text("差 {{ gap }} 亿元", encoding="utf-8")
    assert _env(folder).get_template("gap.j2").render(gap=5.8) == "差 5.8 亿元"
    assert len(_entries("templates")) == 1
    with monkeypatch.context() as patch:  # a new environment, as in a new process: no compiling
        patch.setattr(jinja2.Environment, "compile", lambda *a, **k: pytest.fail("compiled again"))
        assert _env(folder).get_template("gap.j2").render(gap=5.8) == "差 5.8 亿元"
    (folder / "gap.j2").write_text("还差 {{ gap }} 亿元", encoding="utf-8")
    assert _env(folder).get_template("gap.j2").render(gap=5.8) == "还差 5.8 亿元"
    [entry] = _entries("templates")
    entry.write_bytes(entry.read_bytes()[:20])  # damaged: compiled again
    assert _env(folder).get_template("gap.j2").render(gap=1) == "还差 1 亿元"


def test_the_template_key_covers_the_code_that_configures_the_environment(monkeypatch):
    import clusterbot.templates as templates

    before = CompiledTemplates().get_cache_key("gap.j2", "/x/gap.j2")
    monkeypatch.setattr(templates, "_code_hash", lambda: "other options")
    assert CompiledTemplates().get_cache_key("gap.j2", "/x/gap.j2") != before
