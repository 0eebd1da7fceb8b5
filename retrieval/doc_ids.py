"""Document ids a person can read and tell apart.

An id is listed in `policy list`, cited in answers and typed in `--doc`, so it must look like what it
is: ASCII letters, digits, `.`, `_`, `-` and Chinese characters (CJK Unified Ideographs and
Extension A), unchanged by NFKC. That leaves out invisible characters (U+3164 HANGUL FILLER,
zero-width and other format characters), controls, full-width and compatibility forms, and letters of
other scripts that look Latin (Cyrillic а, Greek ο). Among what remains, two ids that differ only in
case or in 0/O, 1/l/I or -/_/. are twins; a new id that is the twin of a stored one is refused.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from pathlib import Path

from clusterbot.errors import InputError
from clusterbot.lazy_regex import LazyPattern
from clusterbot.messages import msg
from clusterbot.terminal_text import for_terminal

MAX_DOC_ID = 80
_ALLOWED = r"A-Za-z0-9._\-\u3400-\u4dbf\u4e00-\u9fff"
_DOC_ID = LazyPattern(f"[{_ALLOWED}]{{1,{MAX_DOC_ID}}}")
_NOT_ALLOWED = LazyPattern(f"[^{_ALLOWED}]+")
# Characters that render as nothing or as blank although Unicode calls them letters.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")
_TWINS = str.maketrans({"0": "o", "1": "l", "i": "l", "_": "-", ".": "-"})


_INVISIBLE_CATEGORIES = ("Cf", "Mn", "Me", "Zs", "Zl", "Zp", "Co", "Cn")


def _invisible(ch: str) -> bool:
    return ch != " " and (unicodedata.category(ch) in _INVISIBLE_CATEGORIES or ch in _BLANK_LETTERS)


def _shown(ch: str) -> str:
    return f"“{ch}”（U+{ord(ch):04X}）"


def _display(doc_id: str) -> str:
    """The id as a message shows it: invisible characters as <U+XXXX>, controls as \\x1b."""
    return "".join(f"<U+{ord(ch):04X}>" if _invisible(ch) else for_terminal(ch, one_line=True) for ch in doc_id[:100])


def _reason(doc_id: str) -> str | None:
    """What is wrong with the id, in Chinese, or None."""
    if not doc_id or len(doc_id) > MAX_DOC_ID:
        return msg("retrieval.doc_id_reason.length", limit=MAX_DOC_ID)
    for ch in doc_id:
        if _DOC_ID.fullmatch(ch):
            continue
        category = unicodedata.category(ch)
        if category == "Cc":
            return msg("retrieval.doc_id_reason.control", char=for_terminal(ch, one_line=True))
        if _invisible(ch):
            return msg("retrieval.doc_id_reason.invisible", char=f"<U+{ord(ch):04X}>")
        folded = unicodedata.normalize("NFKC", ch)
        if folded != ch:
            return msg("retrieval.doc_id_reason.width", char=_shown(ch), folded=for_terminal(folded, one_line=True))
        if category.startswith(("L", "N")):
            return msg("retrieval.doc_id_reason.script", char=_shown(ch),
                       name=unicodedata.name(ch, "?").split(" ")[0])
        return msg("retrieval.doc_id_reason.other", char=_shown(ch))
    if doc_id.strip(".") == "":
        return msg("retrieval.doc_id_reason.dots")
    return None


def check_doc_id(doc_id: str) -> None:
    """InputError naming the first problem of the id, if it has one."""
    reason = _reason(doc_id)
    if reason is not None:
        raise InputError("retrieval.bad_doc_id", doc_id=_display(doc_id), reason=reason)


def twin_key(doc_id: str) -> str:
    return doc_id.casefold().translate(_TWINS)


def check_not_twin(doc_id: str, known: Iterable[str]) -> None:
    """Refuse an id that only looks like one already stored (its exact self is a replacement, not a twin)."""
    key = twin_key(doc_id)
    for other in known:
        if other != doc_id and twin_key(other) == key:
            raise InputError("retrieval.doc_id_twin", doc_id=_display(doc_id), other=_display(other))


def default_doc_id(path: Path) -> str:
    """An id from the file name: NFKC-folded, every run of other characters made one `-`."""
    stem = unicodedata.normalize("NFKC", path.stem)
    return _NOT_ALLOWED.sub("-", stem).strip("-.")[:MAX_DOC_ID] or "document"
