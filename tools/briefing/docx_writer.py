"""Write a briefing's Markdown as a Word 公文 on the template prompts/templates/briefing/gongwen.docx.

The template holds the styles, fonts, page and footer (see tools/briefing/template.py); this module
only adds content with the template's styles. The 版头 is the first `#` heading (the 简报's name),
the lines after it up to the first `---` (期号; 编发单位 and date) and that rule; the next `#` is the
title; `## 附件N` and `####` table titles take their own styles; the `---`-framed 报/送/发 lines at
the end are the 版记. Demo data puts 示例数据 in the header of every page.

Wide tables (more columns than fit a portrait line) go into a landscape section together with the
heading just before them and the 注 just after; consecutive landscape parts share one section, so a
heading never stands alone on a page. The briefings' own tables fit portrait.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm
from docx.text.paragraph import Paragraph

from clusterbot.tools.briefing.blocks import Block, parse
from clusterbot.tools.briefing.docx_tables import TWIPS_PER_MM, runs_xml, table_xml, text_width
from clusterbot.tools.briefing.template import TEMPLATE_PATH

PORTRAIT_MAX_COLUMNS = 8  # the briefings' tables (7, 8) stay portrait; a wider one turns
PORTRAIT_TEXT_MM = 210 - 28 - 26
# landscape: the binding edge stays on the same side of the sheet, so top/bottom take left/right's margins
LANDSCAPE_MARGINS_MM = {"top": 28, "bottom": 26, "left": 37, "right": 35}
LANDSCAPE_TEXT_MM = 297 - 37 - 35
IMAGE_WIDTH = Mm(140)
HEADING_STYLES = {2: "Heading1", 3: "Heading2", 4: "TableTitle"}
NOTE_PREFIX = "注："
ATTACHMENT_PREFIX = "附件"
IMPRINT_PREFIXES = ("报：", "送：", "发：")
TITLE_LINE_CHARS = 20  # 二号 characters on a 156 mm line


def _paragraph(style: str, text: str):
    return parse_xml(f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{runs_xml(text)}</w:p>')


def _title(text: str):
    """The title; a long one breaks before its closing parenthesis (（2025年）) rather than inside it."""
    head, mark, tail = text.rpartition("（")
    if text_width(text) <= TITLE_LINE_CHARS or not head:
        return _paragraph("Title", text)
    return parse_xml(f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="Title"/></w:pPr>{runs_xml(head)}'
                     f'<w:r><w:br/></w:r>{runs_xml(mark + tail)}</w:p>')


def _is_wide(block: Block) -> bool:
    return block.kind == "table" and max(len(r) for r in block.rows) > PORTRAIT_MAX_COLUMNS


def landscape_flags(blocks: list[Block]) -> list[bool]:
    """Which blocks go on landscape pages: wide tables, the headings right before, the 注 right after."""
    flags = [False] * len(blocks)
    for i, block in enumerate(blocks):
        if not _is_wide(block):
            continue
        flags[i] = True
        j = i - 1
        while j >= 0 and blocks[j].kind == "heading" and blocks[j].level > 1:
            flags[j] = True
            j -= 1
        k = i + 1
        while k < len(blocks) and blocks[k].kind == "paragraph" and blocks[k].text.startswith(NOTE_PREFIX):
            flags[k] = True
            k += 1
    return flags


def _landscape(sect_pr) -> None:
    size = sect_pr.find(qn("w:pgSz"))
    width, height = size.get(qn("w:w")), size.get(qn("w:h"))
    size.set(qn("w:w"), height)
    size.set(qn("w:h"), width)
    size.set(qn("w:orient"), "landscape")
    margins = sect_pr.find(qn("w:pgMar"))
    for side, mm in LANDSCAPE_MARGINS_MM.items():
        margins.set(qn(f"w:{side}"), str(round(mm * TWIPS_PER_MM)))


def _header(section, label: str) -> None:
    """The demo label at the top of every page (odd and even headers: the template has both footers)."""
    for header in (section.header, section.even_page_header):
        header.is_linked_to_previous = False
        paragraph = header.paragraphs[0]
        paragraph.text = label
        paragraph.style = "Demo Header"


class _Writer:
    def __init__(self, header: str | None) -> None:
        self.doc = Document(str(TEMPLATE_PATH))
        self.body = self.doc.element.body
        self.final = self.body.find(qn("w:sectPr"))
        if header:
            _header(self.doc.sections[0], header)
        self.portrait = copy.deepcopy(self.final)  # after the header: every section refers to it
        self.masthead_done = False
        self.in_masthead = False
        self.title_done = False
        self.rules = 0

    def add(self, element):
        self.final.addprevious(element)
        return element

    def end_section(self, landscape: bool) -> None:
        """Close the section written so far: its sectPr goes into the last paragraph."""
        last = self.final.getprevious()
        if last is None or last.tag != qn("w:p"):
            last = self.add(parse_xml(f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="TableNote"/></w:pPr></w:p>'))
        p_pr = last.find(qn("w:pPr"))
        sect_pr = copy.deepcopy(self.portrait)
        if landscape:
            _landscape(sect_pr)
        p_pr.append(sect_pr)

    def block(self, block: Block, base_dir: Path, landscape: bool) -> None:
        if block.kind == "heading" and block.level == 1 and not self.masthead_done:
            self.add(_paragraph("Masthead", block.text))
            self.masthead_done = self.in_masthead = True
        elif block.kind == "rule":
            self.add(_paragraph("MastheadRule" if self.in_masthead else "Rule", ""))
            self.in_masthead = False
            self.rules += 1
        elif block.kind == "heading" and block.level == 1 and not self.title_done:
            self.add(_title(block.text))
            self.doc.core_properties.title = block.text
            self.title_done = True
        elif block.kind == "heading" and block.level == 2 and block.text.startswith(ATTACHMENT_PREFIX):
            self.add(_paragraph("Attachment", block.text))
        elif block.kind == "heading":
            self.add(_paragraph(HEADING_STYLES.get(block.level, "TableTitle"), block.text))
        elif block.kind == "paragraph":
            if self.in_masthead:
                style = "MastheadLine"
            elif self.rules >= 2:  # inside or after the 版记's first rule
                style = "Imprint"
            else:
                style = "TableNote" if block.text.startswith(NOTE_PREFIX) else "Normal"
            self.add(_paragraph(style, block.text))
        elif block.kind == "note":
            self.add(_paragraph("Quote", block.text))
        elif block.kind == "bullet":
            self.add(_paragraph("Normal", block.text))
        elif block.kind == "numbered":
            self.add(_paragraph("Normal", f"{block.level}. {block.text}"))
        elif block.kind == "table":
            width = LANDSCAPE_TEXT_MM if landscape else PORTRAIT_TEXT_MM
            self.add(table_xml(block, round(width * TWIPS_PER_MM)))
        elif block.kind == "image":
            figure = self.add(parse_xml(f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="Figure"/></w:pPr></w:p>'))
            Paragraph(figure, self.doc._body).add_run().add_picture(str(base_dir / block.path), width=IMAGE_WIDTH)
            self.add(_paragraph("Caption", block.text))


def write_docx(markdown: str, path: Path, base_dir: Path, *, header: str | None = None, author: str = "",
               created: dt.datetime | None = None) -> Path:
    """Write `markdown` (the briefing subset) to `path`; image paths are relative to `base_dir`.

    header   text at the top of every page (the demo label), or None
    author   the core properties' author and last editor (the 编发单位)
    created  the core properties' creation and modification time, default now
    """
    writer = _Writer(header)
    props = writer.doc.core_properties
    props.author = props.last_modified_by = author
    props.created = props.modified = created or dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    props.revision = 1
    blocks = parse(markdown)
    flags = landscape_flags(blocks)
    for i, block in enumerate(blocks):
        if i and flags[i] != flags[i - 1]:
            writer.end_section(flags[i - 1])
        writer.block(block, base_dir, flags[i])
    if flags and flags[-1]:
        _landscape(writer.final)
    path.parent.mkdir(parents=True, exist_ok=True)
    writer.doc.save(str(path))
    return path
