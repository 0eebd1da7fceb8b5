"""Policy tasks are chosen by rules from the data, each backed by a clause with its lead units."""

from __future__ import annotations

from clusterbot.retrieval.corpus import load_corpus
from clusterbot.tools import registry
from clusterbot.tools.briefing.model import ClusterRow
from clusterbot.tools.briefing.tasks import pick_tasks
from clusterbot.tools.models import EntityRef, Figure


def _fig(metric: str, value: float, unit: str, year: int = 2025) -> Figure:
    return Figure(metric=metric, name=metric, value=value, unit=unit, year=year, entity="测试集群",
                  source="demo", demo=True)


def _row(tier=None, **latest) -> ClusterRow:
    units = {"revenue": "亿元", "rd_intensity": "%", "five_one_count": "项", "leading_enterprises": "家"}
    return ClusterRow(cluster=EntityRef(kind="cluster", name="测试集群", short_name="测试"), revenue=[], tier=tier,
                      latest={k: _fig(k, v, units[k]) for k, v in latest.items()})


def _ids(picks) -> list[str]:
    return [p.clause_id for p in picks]


def test_rules_map_data_to_clauses(module_settings):
    corpus = load_corpus(module_settings)
    items = registry.call("province_progress", {"year": 2025}, module_settings).items
    below = _row(revenue=80, leading_enterprises=3, five_one_count=5, rd_intensity=2.5)
    assert _ids(pick_tasks("county", [below], [], items, corpus)) == ["3.1.1"]
    weak = _row(tier="百亿级", revenue=150, leading_enterprises=1, five_one_count=2, rd_intensity=1.5)
    picks = pick_tasks("county", [weak], [], items, corpus)
    assert _ids(picks) == ["3.1.1", "3.1.3", "4.1"]
    assert [r.key for r in picks[0].reasons] == ["brief.reason.few_leading"]
    strong = _row(tier="百亿级", revenue=150, leading_enterprises=3, five_one_count=5, rd_intensity=2.5)
    assert pick_tasks("county", [strong], [], items, corpus) == []


def test_every_pick_carries_its_clause_units(module_settings, county_briefing):
    briefing, _ = county_briefing
    corpus = load_corpus(module_settings)
    section = briefing.markdown.split("## 三、重点任务")[1].split("附件：")[0]
    for number, clause_id in (("一", "3.1.1"), ("二", "4.1")):
        clause = corpus.clause(clause_id)
        # the heading is the task alone; the clause and the lead units follow it, as readers cite them
        assert f"**（{number}）{clause.title}**（《指导意见》{clause.label}，牵头：" + "、".join(clause.lead_units) in section


def test_province_rules_follow_the_off_track_indicators(module_settings):
    corpus = load_corpus(module_settings)
    items = registry.call("province_progress", {"year": 2025}, module_settings).items
    picks = pick_tasks("province", [], [], items, corpus)
    lagging = {i.indicator for i in items if i.status == "off_track"}
    assert ("4.1" in _ids(picks)) == ("five_one_coverage" in lagging)
    assert ("3.1.3" in _ids(picks)) == bool(lagging & {"mfg_rd_intensity", "mfg_high_tech"})
    assert picks and all(p.lead_units for p in picks)


def test_the_same_reason_for_several_clusters_is_one_sentence(county_briefing):
    """天长 has two clusters below 百亿级: one sentence names both (the old briefing said it twice)."""
    briefing, _ = county_briefing
    section = briefing.markdown.split("## 三、重点任务")[1].split("附件：")[0]
    assert section.count("尚未达到百亿级") == 1
    assert "天长仪器仪表、天长电线电缆〔示例名称〕尚未达到百亿级" in section
