"""Write a briefing's Markdown as a Word document (python-docx).

The document uses real heading styles, a real table per Markdown table (header row repeated
on each page), the charts embedded as pictures, the CJK font set for East Asian text
(w:eastAsia) in every style used, A4 pages and a PAGE field in the footer.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from clusterbot.messages import msg
from clusterbot.tools.briefing.blocks import Block, parse, runs
from clusterbot.tools.briefing.fonts import CJK_FAMILY

LATIN_FAMILY = "Arial"
BODY_SIZE = Pt(10.5)  # 五号
TABLE_SIZE = Pt(9)  # 小五
IMAGE_WIDTH = Cm(16)
TEXT_WIDTH_CM = 16.6  # A4 minus the margins
NAME_COLUMN_CM = 3.0  # the first column holds cluster or indicator names
STYLE_SIZES = {"Title": Pt(18), "Heading 1": Pt(14), "Heading 2": Pt(12), "Heading 3": Pt(11)}
BLACK = RGBColor(0, 0, 0)
NOTE_COLOR = RGBColor(0x9E, 0x2A, 0x2B)


def set_east_asian_font(element, east_asia: str = CJK_FAMILY, latin: str = LATIN_FAMILY) -> None:
    """Explicit fonts on a style's or run's rPr; theme fonts removed so they cannot override."""
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:hint"), "eastAsia")


def _setup_styles(doc: DocxDocument) -> None:
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "Caption", "List Bullet", "Quote"):
        style = doc.styles[name]
        set_east_asian_font(style.element)
        style.font.size = STYLE_SIZES.get(name, BODY_SIZE)
        if name != "Normal":
            style.font.color.rgb = BLACK
        if name == "Title" or name.startswith("Heading"):
            style.font.bold = True
            style.paragraph_format.space_before = Pt(12 if name != "Heading 3" else 6)
            style.paragraph_format.space_after = Pt(6)
    doc.styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.styles["Caption"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.styles["Normal"].paragraph_format.line_spacing = 1.25
    doc.styles["Normal"].paragraph_format.space_after = Pt(4)


def _setup_page(doc: DocxDocument) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, _, after = msg("brief.page_footer", page="\0").partition("\0")
    footer.add_run(before)
    add_field(footer, "PAGE")
    footer.add_run(after)


def add_field(paragraph, instruction: str) -> None:
    """A complex field (begin, instruction, separate, cached result, end) such as PAGE."""
    def fld_char(kind: str):
        run = paragraph.add_run()
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        run._r.append(element)

    fld_char("begin")
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    fld_char("separate")
    paragraph.add_run("1")
    fld_char("end")


def _add_text(paragraph, text: str, size: Pt | None = None, bold: bool = False, color: RGBColor | None = None) -> None:
    for style, piece in runs(text):
        run = paragraph.add_run(piece)
        run.bold = bold or style == "bold"
        run.italic = style == "italic"
        if size is not None:
            run.font.size = size
        if color is not None:
            run.font.color.rgb = color


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _add_table(doc: DocxDocument, block: Block) -> None:
    width = max(len(r) for r in block.rows)
    table = doc.add_table(rows=len(block.rows), cols=width)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    other = Cm((TEXT_WIDTH_CM - NAME_COLUMN_CM) / max(width - 1, 1))
    widths = [Cm(NAME_COLUMN_CM)] + [other] * (width - 1)
    for r, cells in enumerate(block.rows):
        for c in range(width):
            cell = table.cell(r, c)
            cell.width = widths[c]
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_after = Pt(0)
            paragraph.paragraph_format.line_spacing = 1.0
            right = r > 0 and c < len(block.align_right) and block.align_right[c]
            paragraph.alignment = (WD_ALIGN_PARAGRAPH.CENTER if r == 0 else
                                   WD_ALIGN_PARAGRAPH.RIGHT if right else WD_ALIGN_PARAGRAPH.LEFT)
            _add_text(paragraph, cells[c] if c < len(cells) else "", size=TABLE_SIZE, bold=r == 0)
    _repeat_header(table.rows[0])
    doc.add_paragraph()


def write_docx(markdown: str, path: Path, base_dir: Path) -> Path:
    """Write `markdown` (the briefing subset) to `path`; image paths are relative to `base_dir`."""
    doc = Document()
    _setup_styles(doc)
    _setup_page(doc)
    title_done = False
    for block in parse(markdown):
        if block.kind == "heading":
            if block.level == 1 and not title_done:
                doc.add_paragraph(block.text, style="Title")
                doc.core_properties.title = block.text
                title_done = True
            else:
                doc.add_heading(block.text, level=min(block.level - 1, 3) or 1)
        elif block.kind == "paragraph":
            paragraph = doc.add_paragraph()
            paragraph.paragraph_format.first_line_indent = Pt(21)
            _add_text(paragraph, block.text)
        elif block.kind == "note":
            _add_text(doc.add_paragraph(style="Quote"), block.text, color=NOTE_COLOR)
        elif block.kind == "bullet":
            _add_text(doc.add_paragraph(style="List Bullet"), block.text)
        elif block.kind == "numbered":
            _add_text(doc.add_paragraph(), f"{block.level}. {block.text}")
        elif block.kind == "table":
            _add_table(doc, block)
        elif block.kind == "image":
            doc.add_picture(str(base_dir / block.path), width=IMAGE_WIDTH)
            doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
            doc.add_paragraph(block.text, style="Caption")
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path
