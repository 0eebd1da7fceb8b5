"""Other document shapes and formats: 第X条 articles, unstructured text, .md, .docx, .pdf, bad files."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clusterbot.errors import InputError
from clusterbot.retrieval.loaders import MAX_BYTES, load_document
from clusterbot.retrieval.models import DocumentMeta
from clusterbot.retrieval.parser import parse_document

FIXTURES = Path(__file__).with_name("fixtures")


def test_article_document(articles_file):
    doc = load_document(articles_file)
    assert doc.meta.doc_id == "county-cluster-fund-measures"
    assert doc.meta.title == "某县特色产业集群发展专项资金管理办法（试行）"
    assert [c.clause_id for c in doc.clauses] == ["1", "2", "3", "4", "5", "6", "7"]
    assert [c.label for c in doc.clauses][:4] == ["第一条", "第二条", "第三条", "第四条"]
    by_id = {c.clause_id: c for c in doc.clauses}
    assert by_id["1"].breadcrumb == "第一章 总则"
    assert by_id["3"].breadcrumb == "第二章 支持范围"
    assert by_id["7"].breadcrumb == "第四章 附则"
    assert "（二）集群公共检验检测" in by_id["3"].text  # items inside an article stay its text
    assert (by_id["4"].lead_units, by_id["4"].support_units) == (["县发展改革委"], ["县财政局", "县市场监管局"])
    # a page break inside the sentence and the units note in its own paragraph
    assert "组织专家评审" in by_id["5"].text
    assert (by_id["5"].lead_units, by_id["5"].support_units) == (["县财政局"], ["县发展改革委", "各乡镇人民政府"])
    assert by_id["6"].lead_units == [] and all(c.kind == "article" for c in doc.clauses)


def test_unstructured_markdown_falls_back_to_paragraphs():
    doc = load_document(FIXTURES / "unstructured-note.md")
    assert doc.meta.title == "集群调研随记"
    assert [c.clause_id for c in doc.clauses] == ["p1", "p2", "p3"]
    assert doc.clauses[1].text.endswith("建议研究共用仓储的办法。")
    assert "二年级下学期" in doc.clauses[1].text  # joined across the blank line
    assert doc.clauses[0].label == "第1段"


def test_docx_with_outline_units_and_table(tmp_path: Path):
    import docx

    document = docx.Document()
    document.add_paragraph("关于支持集群品牌建设的通知")
    document.add_paragraph("一、工作目标")
    document.add_paragraph("到2026年，培育一批区域公共品牌。")
    table = document.add_table(rows=3, cols=3)
    for row, cells in zip(table.rows, [["指 标", "2024 年", "2026 年"], ["1. 公共品牌数（个）", "5", "12"],
                                       ["2. 品牌企业占比（%）", "10.5", "持续提高"]], strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    document.add_paragraph("二、重点任务")
    document.add_paragraph("（一）推进品牌培育")
    document.add_paragraph("1. 开展品牌试点。支持县（市）建设品牌服务平台。（牵头单位：县商务局，配合单位：县市场监管局、各乡镇人民政府）")
    path = tmp_path / "brand-notice.docx"
    document.save(str(path))

    doc = load_document(path)
    assert doc.meta.title == "关于支持集群品牌建设的通知"
    assert [c.clause_id for c in doc.clauses] == ["1", "1.table", "1.table.1", "1.table.2", "2", "2.1", "2.1.1"]
    task = doc.clauses[-1]
    assert (task.label, task.title) == ("二（一）1", "开展品牌试点")
    assert (task.lead_units, task.support_units) == (["县商务局"], ["县市场监管局", "各乡镇人民政府"])
    rows = [c.table_row for c in doc.clauses if c.table_row]
    assert rows[0].values == {"2024": 5, "2026": 12} and rows[0].unit == "个"
    assert rows[1].values == {"2024": 10.5, "2026": "持续提高"}


def test_pdf_with_cjk_text(tmp_path: Path):
    from fpdf import FPDF
    from noto_cjk_sans_otc import FONT_PATH

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("noto", fname=str(FONT_PATH), collection_font_number=2)
    pdf.set_font("noto", size=11)
    lines = (FIXTURES / "county-cluster-fund-measures.txt").read_text(encoding="utf-8").splitlines()
    pdf.multi_cell(0, 7, "\n".join(lines))
    path = tmp_path / "fund-measures.pdf"
    pdf.output(str(path))

    doc = load_document(path)
    assert [c.clause_id for c in doc.clauses] == ["1", "2", "3", "4", "5", "6", "7"]
    by_id = {c.clause_id: c for c in doc.clauses}
    assert by_id["4"].lead_units == ["县发展改革委"]
    assert by_id["5"].support_units == ["县发展改革委", "各乡镇人民政府"]
    assert by_id["2"].breadcrumb == "第一章 总则"


@pytest.mark.parametrize(
    ("name", "content", "fragment"),
    [
        ("empty.txt", b"", "空的"),
        ("blank.md", b"  \n\n \t\n", "空的"),
        ("junk.txt", bytes(range(256)) * 40, "不是文本"),
        ("policy.xlsx", "一、总体要求".encode(), "不支持的文件类型"),
        ("noext", "一、总体要求".encode(), "不支持的文件类型"),
        ("broken.docx", b"PK\x03\x04 not really a zip archive" * 10, "无法读取"),
        ("broken.pdf", b"%PDF-1.7\n garbage without objects" * 10, "无法读取"),
    ],
)
def test_bad_files_get_one_line_chinese_errors(tmp_path: Path, name: str, content: bytes, fragment: str):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        load_document(path)
    message = caught.value.message
    assert fragment in message and "\n" not in message and name in message


def test_too_large_and_missing_files(tmp_path: Path):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    with pytest.raises(InputError, match="超过 20 MB"):
        load_document(big)
    with pytest.raises(InputError, match="找不到文件"):
        load_document(tmp_path / "absent.txt")


def test_bad_doc_id_is_refused(articles_file):
    with pytest.raises(InputError, match="文档编号"):
        load_document(articles_file, doc_id="../escape")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("一二三、（）()1.。，第条章\n\t 牵头单位：配合各市县人民政府abc2024年8月16日")), max_size=300))
def test_any_text_parses_without_crashing(text: str):
    doc = parse_document(text, DocumentMeta(doc_id="fuzz"))
    ids = [c.clause_id for c in doc.clauses]
    assert len(ids) == len(set(ids))
    assert all(c.doc_id == "fuzz" for c in doc.clauses)
