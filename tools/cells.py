"""Spreadsheet cell text at the edges of the store: cleaned on the way in, made inert on the way out.

Exports are opened directly by Excel/WPS, which run a cell starting with `=`, `+`, `-` or `@` as a
formula (and treat a leading tab or carriage return the same way). The OWASP rule is applied: such a
text cell is written with a leading `'`, and an import strips that one `'` again so that an exported
file imports back unchanged. Numbers (`-3.5`) are never touched.
"""

from __future__ import annotations

import re
import unicodedata

from clusterbot.terminal_text import for_terminal

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Bidirectional overrides and isolates reorder what a reader sees (U+202A–U+202E, U+2066–U+2069).
_BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
# Invisible characters that Excel and web copies leave behind; removing them loses nothing.
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b"), None)
_NUMBER = re.compile(r"[+-]?(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
_INTEGER = re.compile(r"[+-]?\d+", re.ASCII)


def is_number_text(text: str) -> bool:
    """Plain ASCII decimal notation (thousands commas allowed); no `_`, no other scripts' digits."""
    return _NUMBER.fullmatch(text) is not None


def is_integer_text(text: str) -> bool:
    return _INTEGER.fullmatch(text) is not None


def neutralise(text: str) -> str:
    """A text cell that a spreadsheet would run as a formula gets a leading `'`."""
    if text.startswith(FORMULA_START) and not is_number_text(text):
        return "'" + text
    return text


def unescape(text: str) -> str:
    """Undo `neutralise` for a cell read back from an exported file."""
    if text.startswith("'") and text[1:].startswith(FORMULA_START) and not is_number_text(text[1:]):
        return text[1:]
    return text


def has_control(text: str) -> bool:
    """Control characters (incl. ANSI escapes, NUL, line breaks inside a cell) or bidi overrides."""
    return any(unicodedata.category(ch) == "Cc" or ch in _BIDI for ch in text)


def strip_invisible(text: str) -> str:
    return text.translate(_INVISIBLE)


def fold_width(text: str) -> str:
    """Full-width digits, letters and signs as ASCII (`２０２５－０９` -> `2025-09`), for code-like columns only."""
    return unicodedata.normalize("NFKC", text)


def visible(text: str, limit: int = 80) -> str:
    """The cell as a message may show it, on one line: control and bidi characters spelt out (`\\x1b`,
    `<U+202E>`), never sent to a terminal."""
    return for_terminal(text[:limit], one_line=True)
