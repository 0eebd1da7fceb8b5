"""Reading YAML: the one loader for every YAML file the product reads (messages, vocabularies, cue lists, sets).

PyYAML's pure-Python parser took about a quarter of a second on every start for the files the engine
and the CLI read; libyaml's C parser (`CSafeLoader`, in the PyYAML wheels) builds the same plain values
about ten times faster. Where PyYAML was built without libyaml the pure-Python `SafeLoader` is used.
Shipped files read with `read_yaml` are parsed once per user: their values are kept as JSON in the
per-user cache (clusterbot.parsed_cache) and used while the file's text is the same.
"""

from __future__ import annotations

from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

from clusterbot import parsed_cache

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
PARSER = f"PyYAML {yaml.__version__} {SafeLoader.__name__}"


def parse_yaml(text: str) -> Any:
    """Plain values (dicts, lists, strings, numbers) of one YAML document; raises yaml.YAMLError."""
    return yaml.load(text, Loader=SafeLoader)  # noqa: S506  (a safe loader, C or Python)


def read_yaml(path: str | Path | Traversable) -> Any:
    """`parse_yaml` of a UTF-8 file, through the per-user cache of parsed files."""
    source = Path(path) if isinstance(path, str) else path
    return parsed_cache.yaml_values(str(source), source.read_text(encoding="utf-8"), PARSER, parse_yaml)
