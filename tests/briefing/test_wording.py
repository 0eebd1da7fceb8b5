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
    # what a 简报 writer strikes out (issue 21)
    "status without a unit": re.compile(r"未达进度|未达\s*\d{4}\s*年目标"),
    "a dash for missing data": re.compile(r"—\s*[个家项%亿]|\|\s*—\s*\|"),
    "tool or generator talk": re.compile(r"生成器|指标库|工具|问答结果|生成日期"),
    "clause as a table row": re.compile(r"二·表|表第\d+行"),
    "nested citation in a heading": re.compile(r"^#+ .*《指导意见》", re.MULTILINE),
    "doubled title": re.compile(r"集群\(基地\)县域|集群（基地）县域"),
    "number split from its unit": re.compile(r"\d\s+(亿元|万亿元|个|家|项|%|年)"),
    "a year past 2035": re.compile(r"20(3[6-9]|[4-9]\d)\s*年?"),
}


def _docx_text(briefing) -> str:
    document = docx.Document(str(next(p for p in briefing.files if p.suffix == ".docx")))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.mark.parametrize("which", ["county_briefing", "province_briefing"])
def test_no_unwanted_wording_in_markdown_word_or_summary(which, request):
    briefing, _ = request.getfixturevalue(which)
    for where, text in (("markdown", briefing.markdown.split("](")[0]), ("docx", _docx_text(briefing)),
                        ("summary", briefing.summary)):
        for name, pattern in UNWANTED.items():
            assert not pattern.search(text), (where, name, pattern.search(text))


def test_falling_figures_are_said_as_decline(county_briefing):
    briefing, _ = county_briefing
    # 天长电线电缆 shrank three years running (demo data): prose says 下降, the table keeps the sign
    assert "近三年年均下降5.1%" in briefing.markdown
    cluster_table = tables(briefing.markdown)[0]
    assert cluster_table[0][4:6] == ["比上年增长", "近三年年均增长"]
    assert any(row[5].startswith("-") for row in cluster_table[1:])
    # a cluster that will not reach its tier by 2035 at its pace is said so, never with a far year
    assert "按近三年增速，2035年前难以达到百亿级" in briefing.markdown


def test_no_column_is_the_same_dash_in_every_row(county_briefing, province_briefing):
    for briefing, _ in (county_briefing, province_briefing):
        for table in tables(briefing.markdown):
            body = table[1:]
            if len(body) < 2:
                continue
            for c, header in enumerate(table[0]):
                column = {row[c] for row in body if c < len(row)}
                assert column != {"暂无数据"}, header


def test_province_word_document_builds_and_keeps_rows_whole(province_briefing):
    """72 clusters: the 附件 tables are portrait, every row is cantSplit, the header repeats."""
    from docx.oxml.ns import qn

    briefing, _ = province_briefing
    document = docx.Document(str(next(p for p in briefing.files if p.suffix == ".docx")))
    assert len(document.tables) == len(tables(briefing.markdown)) == 2
    assert len(document.tables[0].rows) == 73
    assert [int(s.orientation) for s in document.sections] == [0]
    for table in document.tables:
        assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    # the name column takes the room the number columns leave: a long marked name wraps to two lines at most
    grid = [int(col.get(qn("w:w"))) for col in document.tables[0]._tbl.tblGrid.iter(qn("w:gridCol"))]
    longest = max(len(row[0]) for row in tables(briefing.markdown)[0][1:])
    assert grid[0] * 2 >= longest * 210  # 五号 = 210 twips per character


@pytest.mark.parametrize("which", ["county_briefing", "province_briefing"])
def test_invented_names_carry_the_mark_everywhere(module_settings, which, request):
    """Every cluster the demo set invented is marked 〔示例名称〕 wherever its name appears."""
    from clusterbot.tools.store import snapshot

    briefing, _ = request.getfixturevalue(which)
    snap = snapshot(module_settings)
    invented = [c.short_name for c in snap.clusters.values() if c.invented and c.short_name]
    text = briefing.markdown
    seen = 0
    for name in invented:
        for found in re.finditer(re.escape(name), text):
            seen += 1
            assert text[found.end():].startswith("〔示例名称〕"), (name, text[found.start():found.end() + 10])
    assert seen


def test_no_sentence_is_said_twice(province_briefing, county_briefing):
    for briefing, _ in (county_briefing, province_briefing):
        sentences = [s.strip() for s in re.split(r"[。\n]", briefing.markdown) if len(s.strip()) >= 8]
        repeated = {s for s in sentences if sentences.count(s) > 1}
        assert repeated == set()
