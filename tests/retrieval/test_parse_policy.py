"""End-to-end parse of the shipped policy: every clause, title, unit and table value."""

from __future__ import annotations

from pathlib import Path

import pytest

from clusterbot.paths import SHIPPED_DATA
from clusterbot.retrieval.loaders import load_document

POLICY = SHIPPED_DATA / "policy" / "anhui-county-clusters-guidance-2024.txt"
CITY_COUNTY = "各市、县人民政府"

# clause_id -> (label, title, lead units, support units), exactly as printed.
TASKS = {
    "3.1.1": ("三（一）1", "引育群主企业", [CITY_COUNTY],
              ["省发展改革委", "省科技厅", "省工业和信息化厅", "省农业农村厅", "省文化和旅游厅"]),
    "3.1.2": ("三（一）2", "创建区域公共品牌", [CITY_COUNTY],
              ["省发展改革委", "省工业和信息化厅", "省农业农村厅", "省文化和旅游厅", "省市场监管局"]),
    "3.1.3": ("三（一）3", "搭建产业创新平台", ["省科技厅"],
              ["省发展改革委", "省工业和信息化厅", "省财政厅", "省教育厅", "省人力资源社会保障厅", "省市场监管局"]),
    "3.2.1": ("三（二）1", "推动数字化改造", ["省工业和信息化厅"], ["省发展改革委", "省农业农村厅", CITY_COUNTY]),
    "3.2.2": ("三（二）2", "联合开展场景创新", ["省发展改革委"],
              ["省科技厅", "省工业和信息化厅", "省文化和旅游厅", "省商务厅", "省农业农村厅", "省数据资源局", CITY_COUNTY]),
    "3.3.1": ("三（三）1", "推进节能降碳", ["省发展改革委"], ["省生态环境厅", "省工业和信息化厅", "省能源局", CITY_COUNTY]),
    "3.3.2": ("三（三）2", "推动绿色转型", ["省发展改革委"], ["省工业和信息化厅", "省生态环境厅", "省能源局", CITY_COUNTY]),
    "3.4.1": ("三（四）1", "融入高能级开放平台", ["省发展改革委"], ["省商务厅", CITY_COUNTY]),
    "3.4.2": ("三（四）2", "参与国际产业合作", ["省商务厅"], ["省发展改革委", "省工业和信息化厅", "省外办", CITY_COUNTY]),
    "4.1": ("四（一）", "建立“五个一”推进机制", [CITY_COUNTY],
            ["省发展改革委", "省科技厅", "省工业和信息化厅", "省农业农村厅", "省文化和旅游厅", "省民政厅"]),
    "4.2": ("四（二）", "强化省级赋能", ["省新兴产业推进组办公室"],
            ["省财政厅", "省人力资源社会保障厅", "省商务厅", "省自然资源厅", "省地方金融管理局", "省林业局", CITY_COUNTY]),
    "4.3": ("四（三）", "突出市县主体责任", [CITY_COUNTY], ["省新兴产业推进组办公室", "省财政厅"]),
    "4.4": ("四（四）", "完善遴选培育机制", ["省发展改革委", "省工业和信息化厅", "省农业农村厅", "省文化和旅游厅"], []),
}

HEADINGS = {
    "0": ("序言", "序言", None),
    "1": ("一", "总体要求", None),
    "2": ("二", "工作目标", None),
    "3": ("三", "主要任务", None),
    "3.1": ("三（一）", "实施集群创新发展行动", "3"),
    "3.2": ("三（二）", "实施集群数字化改造行动", "3"),
    "3.3": ("三（三）", "实施集群绿色转型升级行动", "3"),
    "3.4": ("三（四）", "实施集群“走出去”行动", "3"),
    "4": ("四", "完善工作机制", None),
}

# row -> (indicator, unit, 2023, 2025, 2027)
TABLE = {
    1: ("集群营业收入", "万亿", 0.79, 1, 1.4),
    2: ("营业收入百亿级集群个数", "个", 23, 35, 45),
    3: ("制造业集群高新技术企业个数", "个", 1849, 2400, "持续增长"),
    4: ("制造业集群研发投入强度", "%", 1.79, 2, "持续增长"),
    5: ("制造业集群单项冠军企业、专精特新“小巨人”企业、省专精特新中小企业数", "个", 986, 1200, "持续增长"),
    6: ("集群“五个一”机制覆盖率", "%", 20, 60, 100),
    7: ("集群进出口总额占全省比重", "%", 4.4, "持续提高", "持续提高"),
    8: ("集群百亿级重点企业", "个", 8, 10, 12),
}


@pytest.fixture(scope="module")
def policy():
    return load_document(POLICY, doc_id="ah-county-clusters-2024")


def test_every_clause_id_in_document_order(policy):
    expected = (["0", "1", "2", "2.table"] + [f"2.table.{n}" for n in range(1, 9)]
                + ["3", "3.1", "3.1.1", "3.1.2", "3.1.3", "3.2", "3.2.1", "3.2.2", "3.3", "3.3.1", "3.3.2",
                   "3.4", "3.4.1", "3.4.2", "4", "4.1", "4.2", "4.3", "4.4"])
    assert [c.clause_id for c in policy.clauses] == expected


@pytest.mark.parametrize("clause_id", sorted(TASKS))
def test_task_label_title_and_units(policy, clause_id):
    label, title, lead, support = TASKS[clause_id]
    clause = policy.clause(clause_id)
    assert (clause.label, clause.title) == (label, title)
    assert clause.lead_units == lead
    assert clause.support_units == support
    assert "牵头单位" not in clause.text and "配合单位" not in clause.text
    assert clause.kind == "task" if clause_id.startswith("3.") else clause.kind == "subsection"


@pytest.mark.parametrize("clause_id", sorted(HEADINGS))
def test_headings(policy, clause_id):
    label, title, parent = HEADINGS[clause_id]
    clause = policy.clause(clause_id)
    assert (clause.label, clause.title, clause.parent_id) == (label, title, parent)
    assert clause.lead_units == [] and clause.support_units == []


def test_page_breaks_are_joined(policy):
    assert "质量和物流等接口" in policy.clause("3.1.2").text
    assert "优先支持集群发展。" in policy.clause("4.2").text
    assert policy.clause("3.3.2").lead_units == ["省发展改革委"]  # 省发展 + blank line + 改革委


def test_breadcrumbs(policy):
    assert policy.clause("3.2.1").breadcrumb == "三、主要任务 > （二）实施集群数字化改造行动"
    assert policy.clause("4.1").breadcrumb == "四、完善工作机制"
    assert policy.clause("2.table.3").breadcrumb == "二、工作目标 > 集群高质量发展主要指标"


def test_children_link_the_tree(policy):
    assert policy.clause("3").children == ["3.1", "3.2", "3.3", "3.4"]
    assert policy.clause("3.2").children == ["3.2.1", "3.2.2"]
    assert policy.clause("2").children == ["2.table"]
    assert policy.clause("3.2.1").parent_id == "3.2"


def test_section_texts(policy):
    assert policy.clause("0").text.startswith("为贯彻落实省委、省政府")
    assert "“五个一”推进机制为工作抓手" in policy.clause("1").text
    goals = policy.clause("2").text
    assert goals.count("力争") >= 3 and "2030" in goals
    assert policy.clause("3.2.1").text.startswith("加快提升集群智造能力")


def test_indicator_table_rows_and_values(policy):
    table = policy.clause("2.table")
    assert table.title == "集群高质量发展主要指标"
    assert table.children == [f"2.table.{n}" for n in range(1, 9)]
    for number, (indicator, unit, v2023, v2025, v2027) in TABLE.items():
        clause = policy.clause(f"2.table.{number}")
        row = clause.table_row
        assert (row.row, row.indicator, row.unit) == (number, indicator, unit)
        assert row.values == {"2023": v2023, "2025": v2025, "2027": v2027}
        assert clause.title == indicator and clause.parent_id == "2.table"


def test_qualitative_targets_stay_text(policy):
    row = policy.clause("2.table.7").table_row
    assert row.values["2025"] == "持续提高" and isinstance(row.values["2023"], float)
    assert isinstance(policy.clause("2.table.3").table_row.values["2027"], str)


def test_metadata_title_signoff_and_cc(policy):
    meta = policy.meta
    assert meta.title == "安徽省人民政府办公厅关于推进县域特色产业集群（基地）高质量发展的指导意见"
    assert meta.issuer == "安徽省人民政府办公厅"
    assert meta.date == "2024-08-16"
    assert meta.addressees == "各市、县人民政府，省政府各部门、各直属机构"
    assert meta.cc.startswith("省委各部门") and meta.cc.endswith("中央驻皖各单位。")
    texts = " ".join(c.text for c in policy.clauses)
    assert "抄送" not in texts and "2024年8月16日" not in texts


def test_sidecar_metadata_supplies_doc_id(tmp_path: Path):
    doc = load_document(POLICY)
    assert doc.meta.doc_id == "ah-county-clusters-2024"
    assert doc.meta.issuer == "安徽省人民政府办公厅"
