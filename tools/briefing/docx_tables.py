"""Word tables of a briefing, built as XML in one pass.

python-docx's `table.cell(r, c)` walks the whole table for each lookup (quadratic: 32 s for the
province's 72-row table), so the rows are written as XML strings and parsed once. Every row has
`w:cantSplit` (a row never breaks across pages) and the header row `w:tblHeader` (repeated on each
page). Column widths follow the text: short columns keep their width and only the widest ones wrap.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from clusterbot.tools.briefing.blocks import BREAK, Block, runs

TWIPS_PER_MM = 1440 / 25.4
TABLE_FONT_TWIPS = 210  # 五号, 10.5 pt: the size of the Table Text style
CELL_PADDING = 2 * 108 + 60  # Word's default left and right cell margins, and some air


def text_width(text: str) -> float:
    """Width in em: a CJK character is one em, a digit or Latin letter about half."""
    return sum(1.0 if ord(ch) >= 0x2E80 else 0.55 for ch in text)


def _needs(rows: list[list[str]]) -> tuple[list[float], list[float]]:
    """(what each column needs for its longest cell, what its header needs) in twips."""
    count = max(len(r) for r in rows)
    need, floor = [], []
    for c in range(count):
        body = max((text_width(r[c]) for r in rows[1:] if c < len(r)), default=0.0)
        text = rows[0][c] if c < len(rows[0]) else ""
        # a header breaks only where the writer put <br> (never inside a word): its longest piece on one line
        header = max(text_width(piece) for piece in text.split(BREAK))
        need.append(max(body, header, 2.0) * TABLE_FONT_TWIPS + CELL_PADDING)
        floor.append(max(header, 2.0) * TABLE_FONT_TWIPS + CELL_PADDING)
    return need, floor


def column_widths(rows: list[list[str]], available: int) -> list[int]:
    """Twips per column: each column as wide as its text needs (a header's longest piece between its
    <br> breaks on one line); if they do not fit, the widest columns are capped at a common width
    (found by bisection), never below what their header needs, so headers and narrow number columns
    never wrap inside a word; long names wrap."""
    need, floor = _needs(rows)
    total = sum(need)
    if total <= available:
        return [int(w * available / total) for w in need]  # spread the spare room evenly
    low, high = 0.0, max(need)
    for _ in range(40):  # bisection on the cap; 40 halvings are far below a twip
        cap = (low + high) / 2
        if sum(max(min(w, cap), f) for w, f in zip(need, floor, strict=True)) > available:
            high = cap
        else:
            low = cap
    return [int(max(min(w, low), f)) for w, f in zip(need, floor, strict=True)]


def runs_xml(text: str) -> str:
    """Runs of a line: bold and italic pieces, a tab as w:tab, a header's <br> as a line break."""
    out = []
    for style, piece in runs(text):
        props = "<w:rPr><w:b/></w:rPr>" if style == "bold" else "<w:rPr><w:i/></w:rPr>" if style == "italic" else ""
        for n, line in enumerate(piece.split(BREAK)):
            if n:
                out.append("<w:r><w:br/></w:r>")
            for m, part in enumerate(line.split("\t")):
                if m:
                    out.append("<w:r><w:tab/></w:r>")
                if part:
                    out.append(f'<w:r>{props}<w:t xml:space="preserve">{escape(part)}</w:t></w:r>')
    return "".join(out)


def _cell(text: str, width: int, style: str, align: str) -> str:
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
            f'<w:p><w:pPr><w:pStyle w:val="{style}"/><w:jc w:val="{align}"/></w:pPr>{runs_xml(text)}</w:p></w:tc>')


def table_xml(block: Block, available: int):
    """The w:tbl element of a Markdown table block, `available` twips wide."""
    rows = block.rows
    count = max(len(r) for r in rows)
    widths = column_widths(rows, available)
    out = [f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
           '<w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
           '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
           'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>']
    out += [f'<w:gridCol w:w="{w}"/>' for w in widths]
    out.append("</w:tblGrid>")
    for r, cells in enumerate(rows):
        header = "<w:tblHeader/>" if r == 0 else ""
        out.append(f"<w:tr><w:trPr><w:cantSplit/>{header}</w:trPr>")
        for c in range(count):
            text = cells[c] if c < len(cells) else ""
            if r == 0:
                out.append(_cell(text, widths[c], "TableHeading", "center"))
            else:
                right = c < len(block.align_right) and block.align_right[c]
                out.append(_cell(text, widths[c], "TableText", "right" if right else "left"))
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return parse_xml("".join(out))
