"""Split text for Slack's limits without cutting a character, an emoji sequence or an entity.

Lengths are counted in UTF-16 code units (what Slack's clients count), which is never less
than the number of code points, so a chunk that fits here fits Slack.
"""

from __future__ import annotations

import unicodedata

# Preferred cut points, best first: paragraph, line, sentence end, clause, space.
_BREAKS = ("\n\n", "\n", "。", "！", "？", ". ", "! ", "? ", "；", "; ", "，", ", ", " ")
_JOINERS = {"\u200d", "\u20e3"}  # zero-width joiner, combining enclosing keycap


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _glued(text: str, i: int) -> bool:
    """True when a cut before index i would split a visible character (grapheme)."""
    if i <= 0 or i >= len(text):
        return False
    nxt, prev = text[i], text[i - 1]
    if prev == "\u200d" or nxt in _JOINERS:
        return True
    if unicodedata.combining(nxt) or unicodedata.category(nxt) in ("Mn", "Me"):
        return True
    if 0xFE00 <= ord(nxt) <= 0xFE0F or 0x1F3FB <= ord(nxt) <= 0x1F3FF or 0xE0020 <= ord(nxt) <= 0xE007F:
        return True  # variation selectors, skin tones, tag characters
    # Regional indicator pairs form one flag: never cut between the two halves of a pair.
    if 0x1F1E6 <= ord(nxt) <= 0x1F1FF and 0x1F1E6 <= ord(prev) <= 0x1F1FF:
        run = 0
        j = i - 1
        while j >= 0 and 0x1F1E6 <= ord(text[j]) <= 0x1F1FF:
            run += 1
            j -= 1
        return run % 2 == 1
    return prev == "\r" and nxt == "\n"


def _inside_entity(text: str, i: int) -> bool:
    """True when index i falls inside an HTML entity like &amp; (Slack mrkdwn escapes)."""
    amp = text.rfind("&", max(0, i - 6), i)
    return amp != -1 and ";" not in text[amp:i] and text.find(";", i, amp + 8) != -1


def _fit(text: str, limit: int) -> int:
    """The largest index n such that text[:n] fits `limit` UTF-16 units."""
    units = 0
    for n, ch in enumerate(text):
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > limit:
            return n
    return len(text)


def _safe(text: str, i: int) -> bool:
    return not _glued(text, i) and not _inside_entity(text, i)


def split_text(text: str, limit: int) -> list[str]:
    """Chunks that each fit `limit`; concatenated they give back `text` exactly."""
    if limit < 8:
        raise ValueError("limit too small")
    chunks: list[str] = []
    rest = text
    while utf16_len(rest) > limit:
        hard = _fit(rest, limit)
        cut = 0
        floor = hard // 3  # never make a tiny chunk just to hit a nice break
        for sep in _BREAKS:
            pos = rest.rfind(sep, 0, hard)
            while pos != -1 and pos + len(sep) > floor:
                end = pos + len(sep)
                if end <= hard and _safe(rest, end):
                    cut = end
                    break
                pos = rest.rfind(sep, 0, pos)
            if cut:
                break
        if not cut:
            cut = hard
            while cut > 1 and not _safe(rest, cut):
                cut -= 1
        chunks.append(rest[:cut])
        rest = rest[cut:]
    if rest:
        chunks.append(rest)
    return chunks


def truncate(text: str, limit: int, ellipsis: str = "…") -> str:
    """Shorten to `limit` UTF-16 units at a safe point, marking the cut."""
    if utf16_len(text) <= limit:
        return text
    cut = _fit(text, limit - utf16_len(ellipsis))
    while cut > 0 and not _safe(text, cut):
        cut -= 1
    return text[:cut].rstrip() + ellipsis
