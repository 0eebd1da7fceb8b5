"""Traditional → simplified Chinese with the zhconv dictionary, without zhconv's slow import path."""

from __future__ import annotations

import importlib.util
import json
from functools import cache
from pathlib import Path


@cache
def _table() -> tuple[dict[str, str], int, frozenset[str]]:
    spec = importlib.util.find_spec("zhconv")
    folder = Path(next(iter(spec.submodule_search_locations)))  # type: ignore[union-attr, arg-type]
    data = json.loads((folder / "zhcdict.json").read_text(encoding="utf-8"))
    mapping = dict(data["zh2Hans"])
    mapping.update(data["zh2CN"])
    longest = max(len(k) for k in mapping)
    starts = frozenset(k[0] for k in mapping)
    return mapping, longest, starts


def to_simplified(text: str) -> str:
    """Longest-match conversion of traditional characters and phrases (長豐縣 → 长丰县)."""
    mapping, longest, starts = _table()
    if not starts.intersection(text):
        return text
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        if text[i] in starts:
            for size in range(min(longest, n - i), 0, -1):
                piece = text[i : i + size]
                if piece in mapping:
                    out.append(mapping[piece])
                    i += size
                    break
            else:
                out.append(text[i])
                i += 1
        else:
            out.append(text[i])
            i += 1
    return "".join(out)
