"""Raw text -> paragraphs, undoing what extraction did to the document.

Page breaks leave a sentence (or a unit list: `…省` + blank line + `农业农村厅…`) split across
paragraphs; PDF text breaks every visual line. A paragraph that has not ended its sentence is
joined with the next one unless that one starts a new numbered clause, a units note or a table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from clusterbot.retrieval.numbering import DATE, ends_sentence, marker
from clusterbot.retrieval.units import starts_with_units_note

_CJK = r"\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef\u201c\u201d"
_MD_PREFIX = re.compile(r"^(#{1,6}\s+|[-*+]\s+|>\s*)")
# Lines are joined into a paragraph only up to this length: far above any real paragraph, and it keeps
# a file of endless unpunctuated lines linear (joining into one growing string was quadratic).
MAX_PARAGRAPH_CHARS = 8000


@dataclass
class Block:
    """A paragraph of text, or a table (rows of cells) as the extraction printed it."""

    text: str = ""
    rows: list[list[str]] = field(default_factory=list)

    @property
    def is_table(self) -> bool:
        return bool(self.rows)


def tidy(text: str) -> str:
    """Collapse whitespace; drop spaces between CJK characters (`产业 集群` -> `产业集群`)."""
    text = text.replace("\u3000", " ").replace("\xa0", " ")
    text = re.sub(r"[ \t]+", " ", text).strip()
    text = re.sub(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])", "", text)
    return text


def _join(left: str, right: str) -> str:
    if left and right and left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalnum():
        return f"{left} {right}"
    return left + right


def _is_table_line(line: str) -> bool:
    return line.count("\t") >= 1 and len([c for c in line.split("\t") if c.strip()]) >= 2


def _is_heading(text: str) -> bool:
    """A numbered heading on its own (`一、总体要求`, `第二章 目标`): closed even without a full stop."""
    mark = marker(text)
    return bool(mark) and len(text) <= 40 and not any(p in text for p in "。；")


def _closed(text: str) -> bool:
    return ends_sentence(text) or _is_heading(text) or bool(DATE.match(text))


def _starts_new(text: str) -> bool:
    return bool(marker(text)) or starts_with_units_note(text) or bool(DATE.match(text))


def blocks_from_text(raw: str) -> list[Block]:
    """Paragraphs and tables of a plain-text (or Markdown) extraction."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    # (text, blank line before it, is a table line)
    lines: list[tuple[str, bool, bool]] = []
    blank = True
    for line in raw.split("\n"):
        if not line.strip():
            blank = True
            continue
        table = _is_table_line(line)
        if not table:
            line = tidy(_MD_PREFIX.sub("", line.strip()).replace("**", ""))
            if not line or set(line) <= set("-=*_|: "):
                continue
        lines.append((line, blank, table))
        blank = False

    blocks: list[Block] = []
    open_para = False  # the last block is a paragraph whose sentence has not ended
    for index, (line, after_blank, table) in enumerate(lines):
        if table:
            cells = [tidy(cell) for cell in line.split("\t")]
            last = blocks[-1] if blocks else None
            if last is not None and last.is_table and not after_blank:
                last.rows.append(cells)
            else:
                blocks.append(Block(rows=[cells]))
            open_para = False
            continue
        last = blocks[-1] if blocks else None
        if (last is not None and not last.is_table and open_para and len(last.text) < MAX_PARAGRAPH_CHARS
                and not _starts_new(line)):
            last.text = _join(last.text, line)
        else:
            # A heading-like first line of a short paragraph (a title) stays closed by the blank after it.
            blocks.append(Block(text=line))
        next_after_blank = index + 1 < len(lines) and lines[index + 1][1]
        current = blocks[-1].text
        is_title = len(blocks) == 1 and len(current) <= 60 and not any(p in current for p in "，。；,")
        open_para = not (_closed(current) or is_title or (next_after_blank and _looks_like_caption(current, index, lines)))
    return _merge_split_tables(blocks)


def _looks_like_caption(text: str, index: int, lines: list[tuple[str, bool, bool]]) -> bool:
    """A short unpunctuated line followed by a blank line: a title or caption, not a broken sentence."""
    if len(text) > 60 or any(p in text for p in "，。；,"):
        return False
    nxt = lines[index + 1][0] if index + 1 < len(lines) else ""
    return index == 0 or lines[index + 1][2] or bool(marker(nxt)) or bool(DATE.match(nxt)) or len(text) <= 20


def _merge_split_tables(blocks: list[Block]) -> list[Block]:
    """A table broken by a page (its header printed again) becomes one table."""
    merged: list[Block] = []
    for block in blocks:
        prev = merged[-1] if merged else None
        if block.is_table and prev is not None and prev.is_table and block.rows[0] == prev.rows[0]:
            prev.rows.extend(block.rows[1:])
        else:
            merged.append(block)
    return merged
