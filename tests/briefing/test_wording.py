"""The briefings read as officials write: 增长/下降, no internal ids, no empty or expired columns."""

from __future__ import annotations

import re

import docx
import pytest

from clusterbot.tools.briefing.blocks import tables

# what the issue found in the old briefings, as patterns that must not come back
UNWANTED = {
    "internal id": re.compile(r"import-\d+|:\d{4}-\d{2}"),
    "signed growth in words": re.compile(r"增速\s*-|增长\s*-|下降\s*-"),
    "expired column": re.compile(r"已到期"),
    "zero required growth": re.compile(r"需年均增长\s*0\.0%"),
}


def _docx_text(briefing) -> str:
    document = docx.Document(str(next(p for p in briefing.files if p.suffix == ".docx")))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.mark.parametrize("which", ["county_briefing", "province_briefing"])
def test_no_unwanted_wording_in_markdown_word_or_summary(which, request):
    briefing, _ = request.getfixturevalue(which)
    for where, text in (("markdown", briefing.markdown), ("docx", _docx_text(briefing)),
                        ("summary", briefing.summary)):
        for name, pattern in UNWANTED.items():
            assert not pattern.search(text), (where, name, pattern.search(text))


def test_falling_figures_are_said_as_decline(county_briefing):
    briefing, _ = county_briefing
    # 天长电线电缆 shrank three years running (demo data): prose says 下降, the table keeps the sign
    assert "近三年年均下降 5.1%" in briefing.markdown
    cluster_table = tables(briefing.markdown)[0]
    assert cluster_table[0][6:8] == ["比上年增长", "近三年年均增长"]
    assert any(row[7].startswith("-") for row in cluster_table[1:])


def test_no_column_is_the_same_dash_in_every_row(county_briefing, province_briefing):
    for briefing, _ in (county_briefing, province_briefing):
        for table in tables(briefing.markdown):
            body = table[1:]
            if len(body) < 2:
                continue
            for c, header in enumerate(table[0]):
                column = {row[c] for row in body if c < len(row)}
                assert column != {"—"}, header


def test_province_word_document_builds_and_keeps_rows_whole(province_briefing):
    """72 clusters: the long tables are landscape, every row is cantSplit, the header repeats."""
    from docx.oxml.ns import qn

    briefing, _ = province_briefing
    document = docx.Document(str(next(p for p in briefing.files if p.suffix == ".docx")))
    assert len(document.tables) == len(tables(briefing.markdown)) == 3
    assert len(document.tables[0].rows) == 73
    assert [int(s.orientation) for s in document.sections] == [0, 1, 0]
    for table in document.tables:
        assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    # the longest cluster name fits on one line of the landscape table: names wrapped 3–5 lines before
    grid = [int(col.get(qn("w:w"))) for col in document.tables[0]._tbl.tblGrid.iter(qn("w:gridCol"))]
    longest = max(len(row[0]) for row in tables(briefing.markdown)[0][1:])
    assert grid[0] >= longest * 210  # 五号 = 210 twips per character
