"""The phrase lexicon of the rule reader (ops.yaml): groups of patterns that name an operation, a time or a scope.

A group's pattern is compiled when a question first asks for it: most questions consult a few of the
groups, and compiling all of them cost every new process about 10 ms.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from clusterbot.yamlfiles import read_yaml


@cache
def _phrases() -> dict[str, list[str]]:
    return read_yaml(resources.files("clusterbot.bot.offline").joinpath("ops.yaml"))["groups"]


@cache
def pattern(group: str) -> re.Pattern[str]:
    """The group's phrases as one case-insensitive pattern; KeyError for a group ops.yaml lacks."""
    return re.compile("|".join(f"(?:{p})" for p in _phrases()[group]), re.IGNORECASE)


def lexicon() -> dict[str, re.Pattern[str]]:
    """Every group compiled (a check that all of ops.yaml compiles)."""
    return {name: pattern(name) for name in _phrases()}


def hit(group: str, text: str) -> re.Match[str] | None:
    return pattern(group).search(text)
