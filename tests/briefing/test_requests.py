"""Names, kinds, years and formats: unknown or ambiguous names list candidates and write nothing."""

from __future__ import annotations

import pytest

from clusterbot.bot.cli.main import main
from clusterbot.errors import InputError
from clusterbot.tools import registry
from clusterbot.tools.briefing import make_briefing, parse_formats

from .conftest import FIXED_DAY


def test_ambiguous_name_lists_the_candidates_and_writes_nothing(module_settings, tmp_path):
    out = tmp_path / "out"
    with pytest.raises(InputError) as raised:
        make_briefing(module_settings, "汽车零部件", out_dir=out)
    candidates = registry.call("resolve", {"name": "汽车零部件"}, module_settings).candidates
    assert len(candidates) >= 2
    for candidate in candidates:
        assert candidate.name in raised.value.message
    assert not out.exists()


def test_unknown_name_suggests_and_writes_nothing(module_settings, tmp_path):
    out = tmp_path / "out"
    with pytest.raises(InputError) as raised:
        make_briefing(module_settings, "天常市", out_dir=out)
    suggestions = registry.call("resolve", {"name": "天常市"}, module_settings).suggestions
    assert "天常市" in raised.value.message
    for suggestion in suggestions:  # typo suggestions are offered, never used silently
        assert suggestion.name in raised.value.message
    with pytest.raises(InputError) as raised:
        make_briefing(module_settings, "火星县", out_dir=out)
    assert "火星县" in raised.value.message
    assert not out.exists()


def test_kind_restricts_the_lookup(module_settings, tmp_path):
    with pytest.raises(InputError):
        make_briefing(module_settings, "滁州市", kind="county", out_dir=tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_year_outside_the_data_and_unknown_format_are_input_errors(module_settings, tmp_path):
    with pytest.raises(InputError) as raised:
        make_briefing(module_settings, "天长", year=2031, out_dir=tmp_path / "out")
    assert "2019–2025" in raised.value.message
    with pytest.raises(InputError):
        parse_formats("md,odt")
    assert parse_formats("MD, docx,md") == ("md", "docx")


def test_short_name_city_and_earlier_year(module_settings, tmp_path):
    briefing = make_briefing(module_settings, "滁州", year=2024, formats=("md",), out_dir=tmp_path, today=FIXED_DAY)
    assert [p.name for p in briefing.files] == ["滁州市集群简报-2024.md"]
    assert briefing.title == "滁州市县域特色产业集群发展简报（2024年）"
    assert "# 滁州市县域特色产业集群发展情况（2024年）" in briefing.markdown
    city = registry.call("profile", {"entity": "滁州市", "year": 2024}, module_settings)
    rows = [line for line in briefing.markdown.splitlines() if line.startswith("| ") and "/" in line]
    assert len(rows) == len(city.clusters)
    below = registry.call("counties_below", {"year": 2024, "city": "滁州市"}, module_settings)
    assert f"{below.total_counties}个县（市）中{len(below.items)}个尚无百亿级集群" in briefing.markdown


def test_province_briefing_cites_every_indicator_of_the_table(module_settings, tmp_path):
    briefing = make_briefing(module_settings, "全省", formats=("md",), out_dir=tmp_path, today=FIXED_DAY)
    progress = registry.call("province_progress", {"year": 2025}, module_settings)
    table_rows = {i.clause_id for i in progress.items if i.clause_id.startswith("2.table.")}
    assert len(table_rows) == 8
    section = briefing.markdown.split("## 二、全省目标进展")[1].split("## 三")[0]
    paragraphs = [p for p in section.split("\n\n") if p.strip()]
    missing = paragraphs[-1].removesuffix("暂无数据。").split("、") if paragraphs[-1].endswith("暂无数据。") else []
    for item in progress.items:  # every indicator in one sentence of its own, or among those without data
        starting = [p for p in paragraphs if p.startswith((f"{item.name}（", f"{item.name}2025年为"))]
        assert len(starting) + (item.name in "、".join(missing)) == 1, item.name
    assert "主要指标表第4项" in section and "二·表" not in section
    total = next(i for i in progress.items if i.clause_id == "2.table.1")
    assert f"集群营业收入2025年为{total.actual.value:.2f}万亿元" in briefing.markdown
    assert "示例数据（非官方统计）" in briefing.summary


def test_cli_prints_the_files_and_errors_in_one_line(module_settings, tmp_path, capsys):
    out = tmp_path / "cli"
    code = main(["--data-dir", str(module_settings.data_dir), "brief", "--cluster", "天长仪器仪表",
                 "--format", "md", "--out", str(out)])
    captured = capsys.readouterr()
    assert code == 0
    written = sorted(out.glob("*.md"))
    assert len(written) == 1 and str(written[0]) in captured.out
    assert "正在绘制图表" in captured.err
    code = main(["--data-dir", str(module_settings.data_dir), "brief", "--county", "汽车零部件", "--out", str(out)])
    captured = capsys.readouterr()
    assert code == 2 and captured.err.startswith("错误：") and captured.err.count("\n") == 1
    assert main(["brief", "--county", "天长市", "--city", "滁州市"]) == 2


def test_masthead_comes_from_options_then_config_then_defaults(module_settings, tmp_path):
    settings = module_settings.model_copy(update={"briefing": {"issuer": "滁州市发展改革委", "issue": "第7期"}})
    briefing = make_briefing(settings, "天长市", formats=("md",), out_dir=tmp_path, today=FIXED_DAY,
                             masthead={"issue": "第8期", "send_to": "各集群推进专班"})
    head = briefing.markdown.split("\n---\n")[0]
    assert "第8期" in head and "滁州市发展改革委\t2025年7月1日" in head
    assert "发：各集群推进专班" in briefing.markdown and "报：滁州市发展和改革委员会" in briefing.markdown
    with pytest.raises(InputError):
        make_briefing(settings, "天长市", formats=("md",), out_dir=tmp_path, masthead={"issuer": " "})


def test_cli_takes_the_masthead_options(module_settings, tmp_path):
    out = tmp_path / "cli"
    code = main(["--data-dir", str(module_settings.data_dir), "brief", "--county", "天长市", "--format", "md",
                 "--out", str(out), "--issue", "第2期", "--issuer", "天长市发改委", "--date", "2025-08-15",
                 "--report-to", "滁州市发改委", "--copy-to", "天长市政府", "--send-to", "各园区"])
    assert code == 0
    text = next(out.glob("*.md")).read_text(encoding="utf-8")
    assert "第2期" in text and "天长市发改委\t2025年8月15日" in text
    assert "报：滁州市发改委" in text and "送：天长市政府" in text and "发：各园区" in text
    assert main(["--data-dir", str(module_settings.data_dir), "brief", "--county", "天长市", "--date", "8月"]) == 2


def test_a_cluster_title_is_not_doubled(module_settings, tmp_path):
    briefing = make_briefing(module_settings, "天长仪器仪表", formats=("md",), out_dir=tmp_path, today=FIXED_DAY)
    assert briefing.title == "天长仪器仪表集群发展简报（2025年）"
    assert "# 天长仪器仪表集群发展情况（2025年）" in briefing.markdown
