"""Shipped files parsed once per user, not once per process: YAML values kept as JSON, templates as bytecode.

A new `clusterbot ask` parsed the engine's YAML files (kinds, vocab, ops, function words, unit aliases, the
catalogs) and compiled the answer templates it rendered on every start, about 35 ms of a cold data question.
Their parsed forms are kept in the per-user cache directory (`~/.cache/clusterbot` on Linux), which only the
user running the code writes, like Python's own bytecode: a template's bytecode is code that is run, and a
YAML file holds the engine's patterns, so neither is kept in the data directory, which other processes may
write.

Every entry is checked against what it was made from before it is used: a YAML entry's first line is a hash
of the source text and the parser (PyYAML's version and loader), a template's key covers its name and file,
the code that configures the environment and Jinja2's version, and Jinja2 itself compares the source's
checksum and Python's version. An edited file is parsed again and its entry written again; a missing,
damaged or unwritable entry only costs that start its speed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from clusterbot.paths import user_cache_dir

log = logging.getLogger("clusterbot.cache")
FORMAT = 1


def entry_path(kind: str, name: str) -> Path:
    """Where the cache keeps `name` of `kind` ("yaml", "templates")."""
    return user_cache_dir() / kind / name


def write(path: Path, data: bytes) -> None:
    """Write an entry atomically (a reader sees the old one or the new one); failures are only logged."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".entry-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        log.debug("parsed cache entry not written: %s", exc)


def yaml_values(source: str, text: str, parser: str, parse: Callable[[str], Any]) -> Any:
    """`parse(text)`, taken from the entry of `source` (a file's path) while it was made from this text and parser."""
    key = hashlib.sha256(f"{FORMAT}\0{parser}\0{text}".encode("utf-8", "surrogatepass")).hexdigest()
    path = entry_path("yaml", f"{hashlib.sha256(source.encode('utf-8', 'surrogatepass')).hexdigest()[:16]}"
                              f"-{Path(source).name}.json")
    try:
        with open(path, encoding="utf-8") as handle:
            if handle.readline().rstrip("\n") == key:
                return json.loads(handle.read())
    except (OSError, ValueError) as exc:  # missing, unreadable, damaged
        log.debug("parsed cache entry not used: %s", exc)
    values = parse(text)
    try:
        body = json.dumps(values, ensure_ascii=False, separators=(",", ":"))
        # Kept only when JSON gives back exactly these values (not for dates, sets, or keys that are not strings).
        if json.loads(body) == values:
            write(path, f"{key}\n{body}".encode())
    except (TypeError, ValueError) as exc:
        log.debug("parsed cache entry not written: %s", exc)
    return values
