"""Patterns compiled on first use behave as compiled ones, and every one the package declares compiles."""

from __future__ import annotations

import importlib
import re

import pytest

from clusterbot.bot.offline.lexicon import lexicon
from clusterbot.lazy_regex import LazyPattern
from tests.package.test_imports import MODULES


def test_a_lazy_pattern_answers_as_the_compiled_one():
    source, text = r"(?P<n>\d+)\s*(亿元|家)", "营收 94.2 亿元，企业 12 家"
    lazy, compiled = LazyPattern(source, re.IGNORECASE), re.compile(source, re.IGNORECASE)
    assert lazy._compiled is None  # nothing compiled before the first use
    assert lazy.search(text).span() == compiled.search(text).span()  # type: ignore[union-attr]
    assert lazy.match(text) is None and lazy.fullmatch("12家") is not None
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert lazy.findall(text) == compiled.findall(text)
    assert lazy.sub("N", text) == compiled.sub("N", text) and lazy.subn("N", text, 1) == compiled.subn("N", text, 1)
    assert lazy.split(text) == compiled.split(text)
    assert lazy.search(text, 10) is not None and lazy.search(text, 0, 5) is None
    assert lazy.pattern == source and lazy.flags == compiled.flags


def _declared() -> list[tuple[str, str, LazyPattern]]:
    found = []
    for name, path in MODULES.items():
        if "LazyPattern(" not in path.read_text(encoding="utf-8") or name == "clusterbot.lazy_regex":
            continue
        module = importlib.import_module(name)
        found += [(name, attr, value) for attr, value in vars(module).items() if isinstance(value, LazyPattern)]
    return found


def test_every_declared_lazy_pattern_compiles():
    declared = _declared()
    assert len(declared) > 100
    for module, attr, pattern in declared:
        try:
            pattern.compiled  # noqa: B018  (compiling is the check)
        except re.error as exc:
            pytest.fail(f"{module}.{attr}: {exc}")


def test_every_lexicon_group_compiles():
    assert len(lexicon()) > 20
