"""The .docx opens with python-docx and is a real document: styles, fonts, table, pictures, page numbers."""

from __future__ import annotations

import docx
from docx.oxml.ns import qn

from clusterbot.tools.briefing.blocks import tables
from clusterbot.tools.briefing.fonts import CJK_FAMILY


def _document(briefing):
    return docx.Document(str(next(p for p in briefing.files if p.suffix == ".docx")))


def test_docx_has_title_heading_styles_and_the_tables(county_briefing):
    briefing, _ = county_briefing
    document = _document(briefing)
    styles = [p.style.name for p in document.paragraphs]
    assert styles[0] == "Title" and document.paragraphs[0].text == briefing.title
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:2] == ["一、总体情况", "二、集群基本情况"] and "七、数据说明" in headings
    assert len(document.tables) == len(tables(briefing.markdown)) == 2
    header_row = document.tables[0].rows[0]._tr
    assert header_row.trPr.find(qn("w:tblHeader")) is not None  # repeats on every page
    assert document.tables[0].style.name == "Table Grid"


def test_docx_embeds_both_charts(county_briefing):
    briefing, _ = county_briefing
    document = _document(briefing)
    assert len(document.inline_shapes) == len(briefing.charts) == 2
    images = [part for part in document.part.package.parts if part.content_type == "image/png"]
    assert sorted(len(p.blob) for p in images) == sorted(path.stat().st_size for path in briefing.charts)


def test_docx_sets_the_east_asian_font_in_every_style_used(county_briefing):
    briefing, _ = county_briefing
    document = _document(briefing)
    used = {p.style.name for p in document.paragraphs} | {"Normal"}
    for name in used:
        fonts = document.styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts is not None and fonts.get(qn("w:eastAsia")) == CJK_FAMILY, name
        assert fonts.get(qn("w:eastAsiaTheme")) is None, name


def test_docx_footer_has_a_page_field(county_briefing):
    briefing, _ = county_briefing
    footer = _document(briefing).sections[0].footer
    instructions = [el.text.strip() for el in footer._element.iter(qn("w:instrText"))]
    assert instructions == ["PAGE"]
    kinds = [el.get(qn("w:fldCharType")) for el in footer._element.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"]
    assert footer.paragraphs[0].text.startswith("第")


def test_demo_label_in_document_and_summary(county_briefing):
    briefing, _ = county_briefing
    assert "示例数据（非官方统计）" in briefing.summary
    texts = [p.text for p in _document(briefing).paragraphs]
    assert any("示例数据（非官方统计）" in t for t in texts[:4])
    assert "示例数据（非官方统计）" in briefing.markdown.split("## 七、数据说明")[1]
