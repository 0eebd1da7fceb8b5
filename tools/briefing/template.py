"""The Word template of the briefings (prompts/templates/briefing/gongwen.docx), built by code.

The template carries everything an office may want to restyle, following GB/T 9704 (党政机关公文格式):
title 方正小标宋简体 二号; body 仿宋_GB2312 三号 with a fixed 22-line page; headings 黑体 (一、),
楷体_GB2312 (（一）), 仿宋 bold (1.); A4 with margins top 37, bottom 35, left 28, right 26 mm; the page
number "— N —" in 宋体 四号, odd pages right and even pages left, one character in; the date line under
the title in 楷体 小四; table (仿宋 五号, 黑体 header), figure and footer styles. The writer (docx_writer)
only adds content, so restyling the .docx restyles every briefing.

Regenerate after changing this file (a test checks the committed file equals this output):
    python -m clusterbot.tools.briefing.template
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

from clusterbot.messages import msg
from clusterbot.paths import PROMPTS_DIR
from clusterbot.tools.briefing import fonts

TEMPLATE_PATH = PROMPTS_DIR / "templates" / "briefing" / "gongwen.docx"

LINE_TWIPS = 579  # 28.95 pt: 22 lines on the 225 mm text height of GB/T 9704
SIZES = {"一号": 52, "二号": 44, "三号": 32, "四号": 28, "小四": 24, "五号": 21}  # half-points
RED = "C00000"  # the 版头's name and rule (GB/T 9704: red)
FIXED_DATE = (1980, 1, 1, 0, 0, 0)  # zip entry time, so the same code writes the same bytes

# name -> (east asian font, latin font, size, bold, alignment, first-line indent in chars, line, keep with next)
# line: twips of a fixed line, or None for single spacing (pictures and tables must not be clipped)
STYLES = {
    "Normal": (fonts.BODY_FONT, fonts.LATIN_FONT, "三号", False, "both", 2, LINE_TWIPS, False),
    "Title": (fonts.TITLE_FONT, fonts.LATIN_FONT, "二号", False, "center", 0, None, True),
    "Subtitle": (fonts.KAI_FONT, fonts.LATIN_FONT, "小四", False, "center", 0, LINE_TWIPS, True),
    "Heading 1": (fonts.HEADING_FONT, fonts.HEADING_FONT, "三号", False, "both", 2, LINE_TWIPS, True),
    "Heading 2": (fonts.KAI_FONT, fonts.LATIN_FONT, "三号", False, "both", 2, LINE_TWIPS, True),
    "Heading 3": (fonts.BODY_FONT, fonts.LATIN_FONT, "三号", True, "both", 2, LINE_TWIPS, True),
    "Quote": (fonts.KAI_FONT, fonts.LATIN_FONT, "三号", False, "both", 2, LINE_TWIPS, False),
    "Caption": (fonts.HEADING_FONT, fonts.HEADING_FONT, "四号", False, "center", 0, None, False),
    "Figure": (fonts.BODY_FONT, fonts.LATIN_FONT, "三号", False, "center", 0, None, True),
    "Table Text": (fonts.BODY_FONT, fonts.LATIN_FONT, "五号", False, "left", 0, None, False),
    "Table Heading": (fonts.HEADING_FONT, fonts.HEADING_FONT, "五号", False, "center", 0, None, False),
    "Table Note": (fonts.BODY_FONT, fonts.LATIN_FONT, "五号", False, "both", 0, None, False),
    "Footer": (fonts.PAGE_NUMBER_FONT, fonts.PAGE_NUMBER_FONT, "四号", False, "right", 0, None, False),
    "Masthead": (fonts.TITLE_FONT, fonts.LATIN_FONT, "一号", False, "center", 0, None, True),
    "Masthead Line": (fonts.BODY_FONT, fonts.LATIN_FONT, "三号", False, "center", 0, LINE_TWIPS, True),
    "Masthead Rule": (fonts.BODY_FONT, fonts.LATIN_FONT, "五号", False, "left", 0, None, True),
    "Rule": (fonts.BODY_FONT, fonts.LATIN_FONT, "五号", False, "left", 0, None, True),
    "Imprint": (fonts.BODY_FONT, fonts.LATIN_FONT, "四号", False, "left", 0, None, True),
    "Attachment": (fonts.HEADING_FONT, fonts.HEADING_FONT, "三号", False, "left", 0, LINE_TWIPS, True),
    "Table Title": (fonts.HEADING_FONT, fonts.HEADING_FONT, "三号", False, "center", 0, LINE_TWIPS, True),
    "Demo Header": (fonts.HEADING_FONT, fonts.HEADING_FONT, "小四", False, "center", 0, None, False),
}
RED_STYLES = ("Masthead",)
# paragraph borders: the red rule under the 版头, the black lines around the 版记
BORDERS = {"Masthead Rule": (RED, 18), "Rule": ("000000", 8)}
OUTLINE = {"Heading 1": 0, "Heading 2": 1, "Heading 3": 2}
CUSTOM = ("Figure", "Table Text", "Table Heading", "Table Note", "Masthead", "Masthead Line", "Masthead Rule", "Rule",
          "Imprint", "Attachment", "Table Title", "Demo Header")


def _run_properties(east_asia: str, latin: str, size: str, bold: bool, color: str = "000000") -> str:
    weight = "<w:b/><w:bCs/>" if bold else '<w:b w:val="0"/>'
    half_points = SIZES[size]
    return (f"<w:rPr {nsdecls('w')}><w:rFonts w:ascii='{latin}' w:hAnsi='{latin}' w:cs='{latin}' "
            f"w:eastAsia='{east_asia}' w:hint='eastAsia'/>{weight}<w:color w:val='{color}'/><w:kern w:val='0'/>"
            f"<w:sz w:val='{half_points}'/><w:szCs w:val='{half_points}'/>"
            "<w:lang w:val='en-US' w:eastAsia='zh-CN'/></w:rPr>")


def _paragraph_properties(name: str, align: str, indent_chars: int, line: int | None, keep_next: bool,
                          size: str) -> str:
    spacing = (f'<w:spacing w:before="0" w:after="0" w:line="{line}" w:lineRule="exact"/>' if line
               else '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>')
    if name == "Title":  # one blank line of the body grid under the title
        spacing = f'<w:spacing w:before="0" w:after="{LINE_TWIPS}" w:line="240" w:lineRule="auto"/>'
    indent = SIZES[size] * 10 * indent_chars  # half-points -> twips, times the characters
    indent_xml = (f'<w:ind w:firstLineChars="{indent_chars * 100}" w:firstLine="{indent}"/>' if indent_chars
                  else '<w:ind w:firstLineChars="0" w:firstLine="0"/>')
    if name == "Footer":  # odd pages: right, one character in (the even footer sets its own)
        indent_xml = f'<w:ind w:right="{SIZES[size] * 10}"/>'
    if name == "Imprint":  # 版记: one character in on both sides
        indent_xml = f'<w:ind w:left="{SIZES[size] * 10}" w:right="{SIZES[size] * 10}"/>'
    if name == "Masthead Line":  # 编发单位 on the left, the date on the right (a right tab at the text's edge)
        indent_xml = '<w:ind w:firstLineChars="0" w:firstLine="0"/>'
        spacing += f'<w:tabs><w:tab w:val="right" w:pos="{round((210 - 28 - 26) * 1440 / 25.4)}"/></w:tabs>'
    border = ""
    if name in BORDERS:
        color, eighths = BORDERS[name]
        border = f'<w:pBdr><w:bottom w:val="single" w:sz="{eighths}" w:space="1" w:color="{color}"/></w:pBdr>'
    outline = f'<w:outlineLvl w:val="{OUTLINE[name]}"/>' if name in OUTLINE else ""
    keep = "<w:keepNext/>" if keep_next else ""
    return (f"<w:pPr {nsdecls('w')}>{keep}<w:widowControl/>{border}{spacing}{indent_xml}"
            f"<w:jc w:val='{align}'/>{outline}</w:pPr>")


def _set_style(doc, name: str) -> None:
    east_asia, latin, size, bold, align, indent, line, keep_next = STYLES[name]
    if name in CUSTOM:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = doc.styles["Normal"]
    style = doc.styles[name]
    element = style.element
    for tag in ("w:pPr", "w:rPr"):
        for old in element.findall(qn(tag)):
            element.remove(old)
    element.append(parse_xml(_paragraph_properties(name, align, indent, line, keep_next, size)))
    element.append(parse_xml(_run_properties(east_asia, latin, size, bold, RED if name in RED_STYLES else "000000")))
    style.quick_style = True
    style.hidden = False


def _set_defaults(doc) -> None:
    """Document defaults without theme fonts (a theme font would override the 公文 faces)."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault"))
    for old in rpr_default.findall(qn("w:rPr")):
        rpr_default.remove(old)
    rpr_default.append(parse_xml(_run_properties(fonts.BODY_FONT, fonts.LATIN_FONT, "三号", False)))


def _font_table(doc) -> None:
    """Declare the 公文 faces as Chinese (charset 86) with an alternate name, so Word substitutes a CJK face."""
    from lxml import etree  # pyright: ignore[reportAttributeAccessIssue]  (lxml ships no stubs)

    part = next(p for p in doc.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml")
    root = parse_xml(part.blob)
    for family, fallbacks in fonts.FALLBACKS.items():
        font = OxmlElement("w:font")
        font.set(qn("w:name"), family)
        for tag, value in (("w:altName", fallbacks[0]), ("w:charset", "86"), ("w:family", "auto"),
                           ("w:pitch", "variable")):
            child = OxmlElement(tag)
            child.set(qn("w:val"), value)
            font.append(child)
        root.append(font)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def add_page_field(paragraph) -> None:
    """The footer text around a PAGE field (begin, instruction, separate, cached result, end)."""
    before, _, after = msg("brief.page_footer", page="\0").partition("\0")
    paragraph.add_run(before)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == " PAGE ":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        else:
            run.text = text
            continue
        run._r.append(element)
    paragraph.add_run(after)


def _page(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(23)
    grid = section._sectPr.find(qn("w:docGrid"))
    grid.set(qn("w:linePitch"), str(LINE_TWIPS))
    doc.settings.odd_and_even_pages_header_footer = True
    odd = section.footer.paragraphs[0]
    odd.style = doc.styles["Footer"]
    add_page_field(odd)
    even = section.even_page_footer.paragraphs[0]
    even.style = doc.styles["Footer"]
    even.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    even.paragraph_format.left_indent = Pt(SIZES["四号"] / 2)  # one character in from the outer edge
    even.paragraph_format.right_indent = Pt(0)
    add_page_field(even)


def build() -> dict[str, bytes]:
    """The template's parts, name -> bytes, in the order they are zipped."""
    doc = Document()
    _set_defaults(doc)
    for name in STYLES:
        _set_style(doc, name)
    _font_table(doc)
    _page(doc)
    props = doc.core_properties
    props.author = props.last_modified_by = ""
    props.title = props.subject = props.keywords = props.comments = ""
    buffer = io.BytesIO()
    doc.save(buffer)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["docProps/app.xml"] = APP_XML.encode("utf-8")
    return parts


# python-docx's default says "Microsoft Macintosh Word"; the briefings name no application
APP_XML = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
           'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
           '<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>'
           '<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>'
           '<HyperlinksChanged>false</HyperlinksChanged><AppVersion>1.0000</AppVersion></Properties>')


def write(path: Path = TEMPLATE_PATH) -> Path:
    """Zip the parts with fixed times, so the file changes only when the styles do."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in build().items():
            archive.writestr(zipfile.ZipInfo(name, FIXED_DATE), data, compress_type=zipfile.ZIP_DEFLATED)
    return path


if __name__ == "__main__":
    print(write())
