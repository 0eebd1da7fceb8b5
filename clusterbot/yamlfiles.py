"""Reading YAML: the one loader for every YAML file the product reads (messages, vocabularies, cue lists, sets).

PyYAML's pure-Python parser took about a quarter of a second on every start for the files the engine
and the CLI read; libyaml's C parser (`CSafeLoader`, in the PyYAML wheels) builds the same plain values
about ten times faster. Where PyYAML was built without libyaml the pure-Python `SafeLoader` is used.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> Any:
    """Plain values (dicts, lists, strings, numbers) of one YAML document; raises yaml.YAMLError."""
    return yaml.load(text, Loader=SafeLoader)  # noqa: S506  (a safe loader, C or Python)


def read_yaml(path: Path) -> Any:
    """`parse_yaml` of a UTF-8 file."""
    return parse_yaml(Path(path).read_text(encoding="utf-8"))
