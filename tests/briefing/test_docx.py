"""The .docx is a 公文 (GB/T 9704) on the committed template: fonts, page, footer, tables, sections."""

from __future__ import annotations

import docx
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from clusterbot.tools.briefing.blocks import tables
from clusterbot.tools.briefing.docx_tables import TWIPS_PER_MM
from clusterbot.tools.briefing.fonts import BODY_FONT, HEADING_FONT, KAI_FONT, TITLE_FONT

# style -> (East Asian font, size): GB/T 9704 title 二号 小标宋, body 三号 仿宋, headings 黑体 / 楷体
GONGWEN = {"Title": (TITLE_FONT, 22), "Normal": (BODY_FONT, 16), "Heading 1": (HEADING_FONT, 16),
           "Heading 2": (KAI_FONT, 16), "Heading 3": (BODY_FONT, 16), "Table Text": (BODY_FONT, 10.5),
           "Table Heading": (HEADING_FONT, 10.5)}


def _document(briefing):
    return docx.Document(str(next(p for p in briefing.files if p.suffix == ".docx")))


def test_docx_has_title_heading_styles_and_the_tables(county_briefing):
    briefing, _ = county_briefing
    document = _document(briefing)
    styles = [p.style.name for p in document.paragraphs]
    # the long title breaks before （2025年）: python-docx reads the break as a newline
    assert styles[0] == "Title" and document.paragraphs[0].text == briefing.title.replace("（", "\n（")
    assert styles[1] == "Subtitle" and document.paragraphs[1].text.startswith("生成日期")
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:2] == ["一、总体情况", "二、集群基本情况"] and "七、数据说明" in headings
    tasks = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert tasks and all(t.startswith(("（一）", "（二）", "（三）", "（四）")) for t in tasks)
    assert len(document.tables) == len(tables(briefing.markdown)) == 2
    assert document.tables[0].style.name == "Table Grid"


def test_styles_name_the_gongwen_fonts_and_sizes(county_briefing):
    briefing, _ = county_briefing
    document = _document(briefing)
    for name, (east_asia, size) in GONGWEN.items():
        style = document.styles[name]
        fonts = style.element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == east_asia, name
        assert fonts.get(qn("w:eastAsiaTheme")) is None and fonts.get(qn("w:asciiTheme")) is None, name
        assert style.font.size == Pt(size), name
        assert not style.font.bold or name == "Heading 3", name
    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    default_fonts = defaults.find(qn("w:rPr")).find(qn("w:rFonts"))
    assert default_fonts.get(qn("w:eastAsia")) == BODY_FONT and default_fonts.get(qn("w:eastAsiaTheme")) is None
    # the fixed line of the body gives 22 lines on the 225 mm text height
    assert 22 * document.styles["Normal"].paragraph_format.line_spacing.pt <= 225 / 25.4 * 72 < 23 * 28.95
    # the font table tells Word these are Chinese faces, with a stand-in name
    font_table = next(p for p in document.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml")
    for family in (TITLE_FONT, BODY_FONT, KAI_FONT):
        assert f'w:name="{family}"'.encode() in font_table.blob


def test_page_is_a4_with_gb9704_margins(county_briefing):
    briefing, _ = county_briefing
    section = _document(briefing).sections[0]
    assert (round(section.page_width / Mm(1)), round(section.page_height / Mm(1))) == (210, 297)
    margins = [round(m / Mm(1)) for m in (section.top_margin, section.bottom_margin,
                                         section.left_margin, section.right_margin)]
    assert margins == [37, 35, 28, 26]


def test_footer_page_numbers_odd_right_even_left(county_briefing):
    briefing, _ = county_briefing
    document = _document(briefing)
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        paragraph = footer.paragraphs[0]
        assert [el.text.strip() for el in footer._element.iter(qn("w:instrText"))] == ["PAGE"]
        kinds = [el.get(qn("w:fldCharType")) for el in footer._element.iter(qn("w:fldChar"))]
        assert kinds == ["begin", "separate", "end"]
        assert paragraph.text == "— 1 —"
        own = paragraph._p.pPr.find(qn("w:jc"))
        style_jc = paragraph.style.element.pPr.find(qn("w:jc"))
        assert (own if own is not None else style_jc).get(qn("w:val")) == align


def test_rows_never_split_and_the_header_repeats(county_briefing):
    briefing, _ = county_briefing
    tables = _document(briefing).tables
    assert tables
    for table in tables:
        rows = [row._tr for row in table.rows]
        assert all(tr.trPr.find(qn("w:cantSplit")) is not None for tr in rows)
        assert [tr.trPr.find(qn("w:tblHeader")) is not None for tr in rows] == [True] + [False] * (len(rows) - 1)


def test_wide_tables_sit_in_one_landscape_section(county_briefing):
    """Portrait text, then the two cluster tables with their headings and notes on landscape pages, then portrait."""
    briefing, _ = county_briefing
    document = _document(briefing)
    orientations = [s.orientation for s in document.sections]
    assert [int(o) for o in orientations] == [0, 1, 0]
    landscape = document.sections[1]
    assert (round(landscape.page_width / Mm(1)), round(landscape.page_height / Mm(1))) == (297, 210)
    text_width = (landscape.page_width - landscape.left_margin - landscape.right_margin) / Mm(1)
    for table in document.tables:
        grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.iter(qn("w:gridCol"))]
        assert sum(grid) <= text_width * TWIPS_PER_MM + 1
    # the section break sits in the 注 under the second table: heading 二 starts the landscape part
    breaks = [p for p in document.paragraphs if p._p.pPr is not None and p._p.pPr.find(qn("w:sectPr")) is not None]
    assert [p.text[:2] for p in breaks] == ["天长", "注："]


def test_docx_embeds_both_charts(county_briefing):
    briefing, _ = county_briefing
    document = _document(briefing)
    assert len(document.inline_shapes) == len(briefing.charts) == 2
    images = [part for part in document.part.package.parts if part.content_type == "image/png"]
    assert sorted(len(p.blob) for p in images) == sorted(path.stat().st_size for path in briefing.charts)
    figures = [p for p in document.paragraphs if p.style.name == "Figure"]
    assert len(figures) == 2 and all(p.paragraph_format.line_spacing is None for p in [*figures])


def test_demo_label_in_document_and_summary(county_briefing):
    briefing, _ = county_briefing
    assert "示例数据（非官方统计）" in briefing.summary
    texts = [p.text for p in _document(briefing).paragraphs]
    assert any("示例数据（非官方统计）" in t for t in texts[:4])
    assert "示例数据（非官方统计）" in briefing.markdown.split("## 七、数据说明")[1]


def test_column_widths_follow_the_text():
    from clusterbot.tools.briefing.docx_tables import column_widths

    rows = [["集群", "2025", "比上年增长"], ["宁国高分子材料和金属零部件", "401.2", "6.1%"]]
    roomy = column_widths(rows, 12000)
    assert sum(roomy) <= 12000 and roomy[0] > roomy[2] > roomy[1]
    tight = column_widths(rows, 4000)  # only the name column gives way
    assert sum(tight) <= 4000 and tight[1:] == column_widths(rows, 3800)[1:] and tight[0] < roomy[0]
