"""Every number of the briefing is the tools' output for the same inputs (Markdown and .docx read back)."""

from __future__ import annotations

import re

import docx

from clusterbot.tools import registry
from clusterbot.tools.briefing import numbers
from clusterbot.tools.briefing.blocks import parse, tables
from clusterbot.tools.briefing.model import display_name
from clusterbot.tools.briefing.targets import status_words

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
        rows.append([display_name(brief.cluster)] + [numbers.figure(history.get(y)) for y in range(year - 2, year + 1)]
                    + [numbers.rate(brief.growth), numbers.rate(gap.recent_cagr), ranks["province"]])
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
        projected = outs[0].projected_year
        rows.append([display_name(brief.cluster), outs[0].threshold_label, numbers.figure(outs[0].latest),
                     numbers.number(outs[0].gap, "亿元"), *required, numbers.rate(outs[0].recent_cagr),
                     f"{projected}年" if projected and projected <= 2035 else "2035年前难以达到"])
    return rows


def test_cluster_table_matches_profile_and_gap_tools(module_settings, county_briefing):
    briefing, _ = county_briefing
    table = tables(briefing.markdown)[0]
    header, body = table[0], table[1:]
    assert header[1:4] == ["2023年", "2024年", "2025年"]
    assert [row[:7] for row in body] == expected_cluster_rows(module_settings, 2025)
    county = _call(module_settings, "profile", entity=COUNTY)
    assert [row[7] for row in body] == [b.tier or "百亿级以下" for b in county.clusters]


def test_gap_table_matches_gap_to_target_for_each_target_year(module_settings, county_briefing):
    briefing, _ = county_briefing
    assert tables(briefing.markdown)[1][1:] == expected_gap_rows(module_settings)


def test_docx_tables_hold_the_same_cells_as_the_markdown(county_briefing):
    briefing, _ = county_briefing
    document = docx.Document(str(next(p for p in briefing.files if p.suffix == ".docx")))
    from_docx = [[[cell.text for cell in row.cells] for row in t.rows] for t in document.tables]
    assert [[[c.replace("\n", "") for c in row] for row in t] for t in from_docx] == tables(briefing.markdown)
    assert from_docx[0][0][4] == "比上年\n增长"  # the header's break, where the writer put it


def test_overview_and_points_numbers_come_from_the_tools(module_settings, county_briefing):
    briefing, _ = county_briefing
    blocks = parse(briefing.markdown)
    start = next(n for n, b in enumerate(blocks) if b.kind == "heading" and b.text == "一、总体情况")
    overview = blocks[start + 1].text
    points = " ".join(b.text for b in blocks if b.kind == "numbered")
    county = _call(module_settings, "profile", entity=COUNTY)
    revenue = next(f for f in county.latest if f.metric == "revenue")
    growth = _call(module_settings, "growth", entity=COUNTY).items[-1]
    for phrase in [f"合计{numbers.figure(revenue)}亿元", f"比上年{numbers.change(growth.growth)}",
                   *(f"{r.total}个县（市）中居第{r.position}位" for r in county.ranks)]:
        assert phrase in overview, phrase
    largest = _call(module_settings, "gap_to_target", entity=COUNTY, threshold=100, target_year=2030)
    for phrase in [f"差{numbers.number(largest.gap, '亿元')}亿元", f"到2030年需年均增长{numbers.rate(largest.required_cagr)}",
                   f"近三年年均{numbers.change(largest.recent_cagr)}", f"{largest.projected_year}年可达到"]:
        assert phrase in points, phrase
    assert numbers.figure(largest.latest) in briefing.summary


def test_no_number_in_the_document_is_outside_the_tools_outputs(module_settings, county_briefing):
    """Every numeric token of the text is a formatted tool value, a year, a rank, a count or the policy's."""
    briefing, _ = county_briefing
    allowed: set[str] = {str(n) for n in range(0, 11)}  # section and list numbers, 共 5 项, 2—3 家
    allowed |= {str(y) for y in range(2019, 2036)}
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
        # 差 and 进度滞后 are the tool's gap and its straight path from the baseline
        allowed |= set(re.findall(r"\d+(?:\.\d+)?", status_words(item, 2025)))
    # the county's own “五个一” share: built of possible (five_one_count of each cluster, profile)
    counts = [next(f.value for f in _call(module_settings, "profile", entity=b.cluster.name).latest
                   if f.metric == "five_one_count") for b in _call(module_settings, "profile", entity=COUNTY).clusters]
    share = 100 * sum(counts) / (5 * len(counts))
    allowed |= {numbers.number(sum(counts)), str(5 * len(counts)), numbers.number(share, "%"),
                numbers.number(60 - share, "%"), numbers.number(100 - share, "%")}
    allowed |= set(re.findall(r"\d+", " ".join(allowed)))  # parts such as 1 of 1.2, and numbers inside target texts
    text = briefing.markdown.split("注：本简报")[0]
    text = re.sub(r"\(([^)]*\.png)\)", "", text)  # file names of the charts
    tokens = re.findall(r"-?\d+(?:\.\d+)?%?", text)
    stray = sorted({t for t in tokens if t.lstrip("-").rstrip("%") not in allowed and t not in allowed})
    assert stray == []


def test_an_earlier_year_briefing_works_from_that_years_figures(module_settings, tmp_path):
    from clusterbot.tools.briefing import make_briefing

    from .conftest import FIXED_DAY

    briefing = make_briefing(module_settings, COUNTY, year=2024, formats=("md",), out_dir=tmp_path, today=FIXED_DAY)
    gap_table = tables(briefing.markdown)[1]
    assert gap_table[0][2] == "2024年营业收入"  # 2024年<br>营业收入: the break is the writer's
    for row in gap_table[1:]:
        name = next(b.cluster.name for b in _call(module_settings, "profile", entity=COUNTY).clusters
                    if display_name(b.cluster) == row[0])
        out = _call(module_settings, "gap_to_target", entity=name, threshold=100, target_year=2030, as_of_year=2024)
        assert out.latest.year == 2024
        assert row[2:4] == [numbers.figure(out.latest), numbers.number(out.gap, "亿元")]
        assert row[-2] == numbers.rate(out.recent_cagr)
    assert "按2024年数据计算" in briefing.markdown
