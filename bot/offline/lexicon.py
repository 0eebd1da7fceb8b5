"""The phrase lexicon of the rule reader (ops.yaml): groups of patterns that name an operation, a time or a scope."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from clusterbot.yamlfiles import read_yaml


@cache
def lexicon() -> dict[str, re.Pattern[str]]:
    raw = read_yaml(resources.files("clusterbot.bot.offline").joinpath("ops.yaml"))["groups"]
    return {name: re.compile("|".join(f"(?:{p})" for p in phrases), re.IGNORECASE) for name, phrases in raw.items()}


def hit(group: str, text: str) -> re.Match[str] | None:
    return lexicon()[group].search(text)
