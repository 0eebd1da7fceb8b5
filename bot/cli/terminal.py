"""Answers on a terminal: bold rendered, lines wrapped without splitting a number from its unit.

Piped output gets plain text (no `**`), so scripts and files see what a person reads. On a terminal
the text is wrapped here, not by rich: rich folds Chinese text at any character, which can put
"5.8" at the end of one line and "亿元" at the start of the next. Citation lines are never wrapped;
one citation is one line, cut with "…" when the terminal is narrower.
"""

from __future__ import annotations

import os
import re
import sys
from typing import IO, TYPE_CHECKING

from rich.cells import cell_len

from clusterbot.terminal_text import for_terminal

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

BOLD = "**"
# A number and what follows it without a break: 5.8 亿元, 1.2%, 2025 年, 3,692 家, 第 27 位 stays "27 位".
NUMBER_UNIT = (r"[-+−]?\d[\d,]*(?:\.\d+)?(?:\s?(?:%|％|万亿元|亿元|万元|万亿|亿|万|元|个|家|项|年|月|日|倍|位|轮|条"
               r"|ms|s|秒))?")
ATOM = re.compile(rf"\*\*|{NUMBER_UNIT}|[A-Za-z][\w.\-/:@]*|\s+|.", re.S)
# Punctuation that must not start a line (it joins the atom before it).
NO_LINE_START = set("，。、；：！？）》」』】〕,.;:!?)%…”")
NO_LINE_END = set("（(《「『【〔“")
LIST_PREFIX = re.compile(r"^(\s*(?:[-*•·]|\d+[.)、])\s+)")
CITATION = re.compile(r"^\s+· ")


def plain(text: str) -> str:
    """The answer as plain text: Markdown bold markers removed, nothing else changed."""
    return text.replace(BOLD, "")


def _atoms(line: str) -> list[str]:
    """Unbreakable pieces: number+unit, a latin word, one CJK character, with punctuation and `**` glued on."""
    raw = ATOM.findall(line)
    atoms: list[str] = []
    pending = ""  # opening brackets and an opening `**` wait for the atom they belong to
    bold = False
    for atom in raw:
        opening = atom in NO_LINE_END or (atom == BOLD and not bold)
        if atom == BOLD:
            bold = not bold
        if opening:
            pending += atom
            continue
        if atoms and not atoms[-1].isspace() and (atom == BOLD or atom[0] in NO_LINE_START) and not pending:
            atoms[-1] += atom
            continue
        atoms.append(pending + atom)
        pending = ""
    if pending:
        atoms.append(pending)
    return atoms


def _width(atom: str) -> int:
    return cell_len(atom.replace(BOLD, ""))


def wrap(line: str, width: int) -> list[str]:
    """`line` in pieces of at most `width` cells, broken only between atoms; `**` takes no room."""
    width = max(width, 8)
    prefix = LIST_PREFIX.match(line)
    indent = " " * cell_len(prefix.group(1)) if prefix else ""
    out: list[str] = []
    current, used = "", 0
    for atom in _atoms(line):
        size = _width(atom)
        if used + size > width and used > len(indent):
            out.append(current.rstrip())
            current, used = indent, len(indent)
            if atom.isspace():
                continue
        if size > width - used and BOLD not in atom:  # an atom wider than the line (a long name): fold it
            for ch in atom:
                if used + cell_len(ch) > width:
                    out.append(current)
                    current, used = indent, len(indent)
                current += ch
                used += cell_len(ch)
            continue
        current += atom
        used += size
    out.append(current.rstrip())
    return out


def _styled(lines: list[str]) -> list[Text]:
    """Bold spans marked with `**` as rich styles; a span may continue on the next line."""
    from rich.text import Text

    bold = False
    texts = []
    for line in lines:
        text = Text()
        for i, part in enumerate(line.split(BOLD)):
            if i:
                bold = not bold
            text.append(part, style="bold" if bold else None)
        texts.append(text)
    return texts


def layout(rendered: str, width: int) -> list[Text]:
    """The rendered answer (template output) as terminal lines of at most `width` cells."""
    lines: list[str] = []
    for line in rendered.splitlines():
        if CITATION.match(line):
            if cell_len(plain(line)) > width:
                line = _crop(plain(line), width)
            lines.append(line)
        else:
            lines.extend(wrap(line, width) if line.strip() else [""])
    return _styled(lines)


def _crop(line: str, width: int) -> str:
    out, used = "", 0
    for ch in line:
        if used + cell_len(ch) > width - 1:
            return out + "…"
        out += ch
        used += cell_len(ch)
    return out


def _surely_not_a_terminal(file: IO[str]) -> bool:
    """True when rich would not treat `file` as a terminal, told without importing rich (≈ 25 ms of a cold start).

    rich treats a stream as a terminal when it is a TTY, or when TTY_COMPATIBLE=1 or a non-empty FORCE_COLOR
    says so; in any of those cases, and whenever in doubt, the answer is False and rich decides.
    """
    if os.environ.get("TTY_COMPATIBLE") == "1" or os.environ.get("FORCE_COLOR"):
        return False
    try:
        return not file.isatty()
    except ValueError:  # a closed stream: rich treats it as no terminal too
        return True


def _write_plain(file: IO[str], rendered: str) -> None:
    file.write(plain(rendered) + "\n")
    file.flush()


def show(console: Console | None, rendered: str) -> None:
    """Print a rendered answer: styled and wrapped on a terminal, plain text otherwise.

    Without a console the answer goes to standard output, through a new rich console only when that may be a terminal.
    """
    rendered = for_terminal(rendered)  # the question and policy text in it are user-derived
    if console is None:
        if _surely_not_a_terminal(sys.stdout):
            _write_plain(sys.stdout, rendered)
            return
        from rich.console import Console

        console = Console()
    if not console.is_terminal:
        _write_plain(console.file, rendered)
        return
    for text in layout(rendered, console.width):
        console.print(text, no_wrap=True, overflow="ignore", crop=False, soft_wrap=False, highlight=False)
