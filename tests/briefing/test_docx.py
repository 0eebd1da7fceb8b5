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


def test_docx_has_masthead_title_points_sections_attachments_and_imprint(county_briefing):
    briefing, _ = county_briefing
    document = _document(briefing)
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    # 版头: the 简报's name, 期号, 编发单位 and date (a right tab between them), the red rule
    assert [style for style, _ in paragraphs[:5]] == ["Masthead", "Masthead Line", "Masthead Line", "Masthead Rule",
                                                      "Title"]
    assert paragraphs[0][1] == "县域特色产业集群发展简报" and paragraphs[1][1] == "第1期"
    assert paragraphs[2][1] == "天长市发展和改革委员会\t2025年7月1日"
    # the article title: …发展情况 (the 版头 above says 简报); a long one breaks before （2025年）
    assert paragraphs[4][1].replace("\n", "") == briefing.title.replace("发展简报", "发展情况")
    headings = [text for style, text in paragraphs if style == "Heading 1"]
    assert headings == ["要点", "一、总体情况", "二、全省目标进展", "三、重点任务"]
    assert [text for style, text in paragraphs if style == "Attachment"] == ["附件1", "附件2", "附件3"]
    assert len([text for style, text in paragraphs if style == "Table Title"]) == 2
    # 版记 at the end, between black rules: 报, 送, 发, then who prints it and when
    imprint = [text for style, text in paragraphs if style == "Imprint"]
    assert [t[:2] for t in imprint] == ["报：", "送：", "发：", "天长"] and imprint[-1].endswith("印发")
    assert [style for style, _ in paragraphs].count("Rule") == 2
    assert len(document.tables) == len(tables(briefing.markdown)) == 2
    assert document.tables[0].style.name == "Table Grid"


def test_core_properties_name_the_issuer_and_today(county_briefing):
    import datetime as dt

    briefing, _ = county_briefing
    document = _document(briefing)
    props = document.core_properties
    assert props.author == props.last_modified_by == "天长市发展和改革委员会"
    created = props.created.replace(tzinfo=None) if props.created else None
    assert created is not None and abs(created - dt.datetime.now(dt.UTC).replace(tzinfo=None)) < dt.timedelta(hours=1)
    assert props.title == briefing.title.replace("发展简报", "发展情况")
    app = next(p for p in document.part.package.iter_parts() if str(p.partname) == "/docProps/app.xml").blob
    assert b"Macintosh" not in app and b"Microsoft" not in app


def test_demo_label_is_in_the_header_of_every_page(county_briefing):
    briefing, _ = county_briefing
    document = _document(briefing)
    for section in document.sections:  # odd and even pages (the template has odd/even footers)
        for header in (section.header, section.even_page_header):
            assert header.paragraphs[0].text == "示例数据　非官方统计　不得引用"


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


def test_the_tables_are_portrait_and_fit_the_line(county_briefing):
    """The 附件 tables fit a portrait line: no landscape page with a two-row table on it."""
    briefing, _ = county_briefing
    document = _document(briefing)
    assert [int(s.orientation) for s in document.sections] == [0]
    section = document.sections[0]
    text_width = (section.page_width - section.left_margin - section.right_margin) / Mm(1)
    for table in document.tables:
        grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.iter(qn("w:gridCol"))]
        assert sum(grid) <= text_width * TWIPS_PER_MM + 1


def test_headers_break_between_words_only(county_briefing):
    """比上年/增长 on two lines by a break the writer put; a header column is never narrower than its longest piece."""
    from clusterbot.tools.briefing.docx_tables import text_width

    briefing, _ = county_briefing
    for table in _document(briefing).tables:
        grid = [int(col.get(qn("w:w"))) for col in table._tbl.tblGrid.iter(qn("w:gridCol"))]
        for cell, width in zip(table.rows[0].cells, grid, strict=True):
            pieces = cell.text.split("\n")
            assert all(text_width(piece) * 210 <= width for piece in pieces), (cell.text, width)


def test_docx_embeds_both_charts(county_briefing):
    briefing, _ = county_briefing
    document = _document(briefing)
    assert len(document.inline_shapes) == len(briefing.charts) == 2
    images = [part for part in document.part.package.parts if part.content_type == "image/png"]
    assert sorted(len(p.blob) for p in images) == sorted(path.stat().st_size for path in briefing.charts)
    figures = [p for p in document.paragraphs if p.style.name == "Figure"]
    assert len(figures) == 2 and all(p.paragraph_format.line_spacing is None for p in [*figures])


def test_demo_label_in_document_captions_and_summary(county_briefing):
    briefing, _ = county_briefing
    assert "示例数据（非官方统计）" in briefing.summary
    captions = [p.text for p in _document(briefing).paragraphs if p.style.name == "Caption"]
    assert len(captions) == 2 and all("示例数据" in c for c in captions)
    assert "本简报为示例数据，不代表官方统计" in briefing.markdown


def test_column_widths_follow_the_text():
    from clusterbot.tools.briefing.docx_tables import column_widths

    rows = [["集群", "2025", "比上年增长"], ["宁国高分子材料和金属零部件", "401.2", "6.1%"]]
    roomy = column_widths(rows, 12000)
    assert sum(roomy) <= 12000 and roomy[0] > roomy[2] > roomy[1]
    tight = column_widths(rows, 4000)  # only the name column gives way
    assert sum(tight) <= 4000 and tight[1:] == column_widths(rows, 3800)[1:] and tight[0] < roomy[0]
