"""Every number of the briefing is the tools' output for the same inputs (Markdown and .docx read back)."""

from __future__ import annotations

import re

import docx

from clusterbot.tools import registry
from clusterbot.tools.briefing import numbers
from clusterbot.tools.briefing.blocks import parse, tables

from .conftest import COUNTY


def _call(settings, name, **args):
    return registry.call(name, args, settings)


def _cell(value) -> str:
    return value if isinstance(value, str) else numbers.figure(value)


def expected_cluster_rows(settings, year: int) -> list[list[str]]:
    county = _call(settings, "profile", entity=COUNTY)
    rows = []
    for brief in county.clusters:
        prof = _call(settings, "profile", entity=brief.cluster.name)
        gap = _call(settings, "gap_to_target", entity=brief.cluster.name)
        history = {f.year: f for f in prof.history if f.metric == "revenue"}
        ranks = {r.scope: f"{r.position}/{r.total}" for r in prof.ranks}
        rows.append([brief.cluster.short_name] + [numbers.figure(history.get(y)) for y in range(year - 4, year + 1)]
                    + [numbers.rate(brief.growth), numbers.rate(gap.recent_cagr), ranks["province"], ranks["city"]])
    return rows


def expected_gap_rows(settings) -> list[list[str]]:
    snap_tiers = sorted(_call(settings, "profile", entity=COUNTY).clusters, key=lambda b: -b.revenue.value)
    rows = []
    for brief in snap_tiers:
        threshold = 100 if brief.revenue.value < 100 else None
        assert threshold is not None, "the demo county has no 百亿级 cluster"
        outs = [_call(settings, "gap_to_target", entity=brief.cluster.name, threshold=threshold, target_year=y)
                for y in (2025, 2027, 2030)]
        # a target year already reached by the data has no column (it would only say 已到期)
        required = [numbers.rate(o.required_cagr) for o in outs if not o.target_year_passed]
        assert len(required) == 2 and "0.0%" not in required
        rows.append([brief.cluster.short_name, outs[0].threshold_label, numbers.figure(outs[0].latest),
                     numbers.number(outs[0].gap, "亿元"), *required, numbers.rate(outs[0].recent_cagr),
                     str(outs[0].projected_year) if outs[0].projected_year else "按近三年增速难以达到"])
    return rows


def test_cluster_table_matches_profile_and_gap_tools(module_settings, county_briefing):
    briefing, _ = county_briefing
    table = tables(briefing.markdown)[0]
    header, body = table[0], table[1:]
    assert header[1:6] == ["2021", "2022", "2023", "2024", "2025"]
    assert [row[:10] for row in body] == expected_cluster_rows(module_settings, 2025)
    county = _call(module_settings, "profile", entity=COUNTY)
    assert [row[10] for row in body] == [b.tier or "未达百亿级" for b in county.clusters]


def test_gap_table_matches_gap_to_target_for_each_target_year(module_settings, county_briefing):
    briefing, _ = county_briefing
    assert tables(briefing.markdown)[1][1:] == expected_gap_rows(module_settings)


def test_docx_tables_hold_the_same_cells_as_the_markdown(county_briefing):
    briefing, _ = county_briefing
    document = docx.Document(str(next(p for p in briefing.files if p.suffix == ".docx")))
    from_docx = [[[cell.text for cell in row.cells] for row in t.rows] for t in document.tables]
    assert from_docx == tables(briefing.markdown)
    assert from_docx[0][1:] and from_docx[0][1][:10] == tables(briefing.markdown)[0][1][:10]


def test_summary_paragraph_numbers_come_from_the_tools(module_settings, county_briefing):
    briefing, _ = county_briefing
    paragraphs = [b.text for b in parse(briefing.markdown) if b.kind == "paragraph"]
    overview = paragraphs[1]
    county = _call(module_settings, "profile", entity=COUNTY)
    revenue = next(f for f in county.latest if f.metric == "revenue")
    growth = _call(module_settings, "growth", entity=COUNTY).items[-1]
    largest = _call(module_settings, "gap_to_target", entity=COUNTY, threshold=100, target_year=2030)
    expected = [
        f"合计 {numbers.figure(revenue)} 亿元", f"比上年{numbers.change(growth.growth)}",
        *(f"{r.total} 个县（市）中居第 {r.position} 位" for r in county.ranks),
        f"还差 {numbers.number(largest.gap, '亿元')} 亿元", f"年均增长 {numbers.rate(largest.required_cagr)}",
        f"近三年年均{numbers.change(largest.recent_cagr)}", f"预计 {largest.projected_year} 年达到",
    ]
    for phrase in expected:
        assert phrase in overview, phrase
    assert numbers.figure(revenue) in briefing.summary


def test_no_number_in_the_document_is_outside_the_tools_outputs(module_settings, county_briefing):
    """Every numeric token of the text is a formatted tool value, a year, a rank, a count or the policy's."""
    briefing, _ = county_briefing
    allowed: set[str] = {str(n) for n in range(0, 11)}  # section and list numbers, 共 5 项, 2—3 家
    allowed |= {str(y) for y in range(2019, 2031)}
    for name in [COUNTY, *[b.cluster.name for b in _call(module_settings, "profile", entity=COUNTY).clusters]]:
        prof = _call(module_settings, "profile", entity=name)
        allowed |= {numbers.figure(f) for f in prof.history}
        allowed |= {str(v) for r in prof.ranks for v in (r.position, r.total)}
        allowed |= {numbers.rate(b.growth) for b in prof.clusters}
        for y in (2025, 2027, 2030):
            gap = _call(module_settings, "gap_to_target", entity=name, threshold=100, target_year=y)
            allowed |= {numbers.rate(gap.required_cagr), numbers.rate(gap.recent_cagr),
                        numbers.number(gap.gap, "亿元")}
            if gap.recent_cagr is not None:  # 下降 5.1% writes the size of a negative rate
                allowed.add(numbers.rate(abs(gap.recent_cagr)))
    allowed |= {numbers.rate(abs(i.growth)) for i in _call(module_settings, "growth", entity=COUNTY).items
                if i.growth is not None}
    for item in _call(module_settings, "province_progress", year=2025).items:
        allowed |= {numbers.figure(item.actual), item.target_text, numbers.number(item.target_value, item.unit)}
    allowed |= set(re.findall(r"\d+", " ".join(allowed)))  # parts such as 1 of 1.2, and numbers inside target texts
    text = briefing.markdown.split("## 七、数据说明")[0]
    text = re.sub(r"\(([^)]*\.png)\)", "", text)  # file names of the charts
    tokens = re.findall(r"-?\d+(?:\.\d+)?%?", text)
    stray = sorted({t for t in tokens if t.lstrip("-").rstrip("%") not in allowed and t not in allowed})
    assert stray == []


def test_an_earlier_year_briefing_works_from_that_years_figures(module_settings, tmp_path):
    from clusterbot.tools.briefing import make_briefing

    from .conftest import FIXED_DAY

    briefing = make_briefing(module_settings, COUNTY, year=2024, formats=("md",), out_dir=tmp_path, today=FIXED_DAY)
    gap_table = tables(briefing.markdown)[1]
    assert gap_table[0][2] == "2024年营业收入"
    for row in gap_table[1:]:
        name = next(b.cluster.name for b in _call(module_settings, "profile", entity=COUNTY).clusters
                    if b.cluster.short_name == row[0])
        out = _call(module_settings, "gap_to_target", entity=name, threshold=100, target_year=2030, as_of_year=2024)
        assert out.latest.year == 2024
        assert row[2:4] == [numbers.figure(out.latest), numbers.number(out.gap, "亿元")]
        assert row[-2] == numbers.rate(out.recent_cagr)
    assert "按 2024 年数据计算" in briefing.markdown
