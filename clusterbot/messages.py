"""User-facing strings, kept as YAML files under prompts/messages/ and looked up by key."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from clusterbot.paths import PROMPTS_DIR
from clusterbot.yamlfiles import read_yaml

MESSAGES_DIR = PROMPTS_DIR / "messages"


@cache
def catalog(lang: str = "zh") -> dict[str, str]:
    merged: dict[str, str] = {}
    for path in sorted(MESSAGES_DIR.glob(f"*.{lang}.yaml")):
        entries = read_yaml(path) or {}
        for key, text in entries.items():
            if key in merged:
                raise RuntimeError(f"duplicate message key {key!r} in {path.name}")
            merged[key] = str(text)
    return merged


def msg(key: str, lang: str = "zh", **values: Any) -> str:
    """The message `key` with `values` filled in; English falls back to Chinese."""
    table = catalog(lang)
    text = table.get(key)
    if text is None and lang != "zh":
        text = catalog("zh").get(key)
    if text is None:
        raise KeyError(f"unknown message key {key!r}")
    return text.format(**values).strip()


def message_files() -> list[Path]:
    return sorted(MESSAGES_DIR.glob("*.yaml"))
