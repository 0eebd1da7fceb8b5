"""User-derived text made safe to print on a terminal: nothing in it can move the cursor, retitle the window,
ring the bell or reorder what the reader sees.

C0 controls other than newline and tab, DEL and C1 controls (ESC starts every ANSI, CSI and OSC
sequence; 0x9B and 0x9D are their one-byte forms; BEL ends an OSC title) are shown as `\\x1b`, and the
bidirectional controls that reorder a line (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C) as
`<U+202E>`. The rest of an escape sequence is then plain text. JSON output gets `\\u` escapes
instead, which keep it valid and mean the same string.
"""

from __future__ import annotations

BIDI_CONTROLS = frozenset((*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C))
_CONTROLS = frozenset(c for c in (*range(0x20), *range(0x7F, 0xA0)) if chr(c) not in "\n\t")
_SHOWN = {c: f"\\x{c:02x}" for c in _CONTROLS} | {c: f"<U+{c:04X}>" for c in BIDI_CONTROLS}
_SHOWN_ONE_LINE = _SHOWN | {ord("\n"): "\\x0a", ord("\t"): "\\x09"}
# In JSON text a raw C0 control cannot appear (the encoder escapes it); the others can, inside strings only.
_JSON = {c: f"\\u{c:04x}" for c in (*_CONTROLS, *BIDI_CONTROLS) if c >= 0x20}


def is_unsafe(ch: str) -> bool:
    return ord(ch) in _SHOWN


def for_terminal(text: str, one_line: bool = False) -> str:
    """`text` with every control and bidi character shown as a visible escape; newlines and tabs kept unless
    `one_line` (a value quoted inside a message)."""
    return text.translate(_SHOWN_ONE_LINE if one_line else _SHOWN)


def json_for_terminal(text: str) -> str:
    """JSON text (from json.dumps) with the same characters written as `\\uXXXX` escapes."""
    return text.translate(_JSON)
