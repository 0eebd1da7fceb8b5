"""The small Markdown subset a briefing is written in, read back as blocks.

The .docx writer turns these blocks into Word paragraphs, tables and pictures, so both formats
carry the same text; the tests use the same reader to compare numbers with the tools.
Subset: `#`–`###` headings, paragraphs (consecutive lines join without a space, as Chinese
does), `> ` notes, `- ` bullets, `N. ` numbered items, pipe tables, `![caption](path)` images,
`---` rules (under the 版头, around the 版记), `<br>` inside table headers, and `**bold**` /
`_italic_` inside text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

IMAGE = re.compile(r"^!\[(?P<caption>[^\]]*)\]\((?P<path>[^)]+)\)$")
NUMBERED = re.compile(r"^(\d+)\.\s+(.*)$")
INLINE = re.compile(r"(\*\*[^*]+\*\*|_[^_]+_)")
SEPARATOR = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")

Kind = Literal["heading", "paragraph", "note", "bullet", "numbered", "table", "image", "rule"]
RULE = "---"
BREAK = "<br>"  # a line break inside a table header: headers break between words, never inside one


@dataclass
class Block:
    kind: Kind
    text: str = ""
    level: int = 0
    rows: list[list[str]] = field(default_factory=list)  # tables: header first
    align_right: list[bool] = field(default_factory=list)
    path: str = ""


def runs(text: str) -> list[tuple[str, str]]:
    """(style, text) pieces of a line: style is '', 'bold' or 'italic'."""
    out = []
    for piece in INLINE.split(text):
        if not piece:
            continue
        if piece.startswith("**") and piece.endswith("**"):
            out.append(("bold", piece[2:-2]))
        elif piece.startswith("_") and piece.endswith("_") and len(piece) > 2:
            out.append(("italic", piece[1:-1]))
        else:
            out.append(("", piece))
    return out


def plain(text: str) -> str:
    return "".join(piece for _style, piece in runs(text))


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def parse(markdown: str) -> list[Block]:
    blocks: list[Block] = []
    lines = markdown.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].rstrip()
        if not line.strip():
            i += 1
            continue
        if line.strip() == RULE:
            blocks.append(Block("rule"))
        elif line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            blocks.append(Block("heading", line[level:].strip(), level=level))
        elif line.startswith("|"):
            table = []
            while i < len(lines) and lines[i].startswith("|"):
                table.append(lines[i].rstrip())
                i += 1
            rows = [_cells(r) for r in table if not SEPARATOR.match(r)]
            separator = next((r for r in table if SEPARATOR.match(r)), "")
            align = [cell.endswith(":") for cell in _cells(separator)] if separator else []
            blocks.append(Block("table", rows=rows, align_right=align))
            continue
        elif IMAGE.match(line.strip()):
            match = IMAGE.match(line.strip())
            blocks.append(Block("image", match["caption"], path=match["path"]))
        elif line.startswith("> "):
            blocks.append(Block("note", line[2:].strip()))
        elif line.startswith("- "):
            blocks.append(Block("bullet", line[2:].strip()))
        elif NUMBERED.match(line):
            blocks.append(Block("numbered", NUMBERED.match(line)[2].strip(), level=int(NUMBERED.match(line)[1])))
        else:
            text = [line.strip()]
            while i + 1 < len(lines) and lines[i + 1].strip() and not _starts_block(lines[i + 1]):
                i += 1
                text.append(lines[i].strip())
            blocks.append(Block("paragraph", "".join(text)))
        i += 1
    return blocks


def _starts_block(line: str) -> bool:
    return (line.startswith(("#", "|", "> ", "- ")) or line.strip() == RULE or bool(NUMBERED.match(line))
            or bool(IMAGE.match(line.strip())))


def tables(markdown: str) -> list[list[list[str]]]:
    """Every table of a Markdown text as rows of cells, header first (for the tests); header breaks removed."""
    return [[[cell.replace(BREAK, "") for cell in row] for row in b.rows] for b in parse(markdown) if b.kind == "table"]
