"""`clusterbot ingest`, `policy show|list` and `search` through the real CLI entry point."""

from __future__ import annotations

import json
from pathlib import Path

from clusterbot.bot.cli.main import main
from clusterbot.retrieval.docstore import DocStore


def test_search_json_contract(built_index, capsys):
    code = main(["--data-dir", str(built_index.data_dir), "search", "数字化改造", "-k", "3", "--json"])
    hits = json.loads(capsys.readouterr().out)
    assert code == 0 and len(hits) == 3
    assert hits[0]["clause_id"] == "3.2.1"
    assert set(hits[0]) == {"doc_id", "clause_id", "label", "title", "breadcrumb", "score", "text",
                            "lead_units", "support_units"}


def test_search_human_output(built_index, capsys):
    assert main(["--data-dir", str(built_index.data_dir), "search", "科创飞地", "-k", "1"]) == 0
    out = capsys.readouterr().out
    assert "三（一）3 搭建产业创新平台" in out and "牵头单位：省科技厅" in out


def test_policy_show_tree_and_json(built_index, capsys):
    assert main(["--data-dir", str(built_index.data_dir), "policy", "show"]) == 0
    out = capsys.readouterr().out
    assert "三（二）1 推动数字化改造 [3.2.1]" in out
    assert "牵头单位：省工业和信息化厅；配合单位：省发展改革委、省农业农村厅、各市、县人民政府" in out
    assert "制造业集群高新技术企业个数（个）：2023年 1849；2025年 2400；2027年 持续增长" in out
    assert main(["--data-dir", str(built_index.data_dir), "policy", "show", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["document"]["date"] == "2024-08-16" and len(data["clauses"]) == 31


def test_ingest_progress_replace_and_list(fresh_index, articles_file, capsys):
    root = ["--data-dir", str(fresh_index.data_dir)]
    assert main([*root, "ingest", str(articles_file)]) == 0
    captured = capsys.readouterr()
    assert "正在解析 county-cluster-fund-measures.txt" in captured.err
    assert "已导入 county-cluster-fund-measures" in captured.out and "新增" in captured.out
    assert main([*root, "policy", "list"]) == 0
    assert "county-cluster-fund-measures" in capsys.readouterr().out
    assert main([*root, "policy", "show", "--doc", "county-cluster-fund-measures"]) == 0
    assert "第四条" in capsys.readouterr().out


def test_bad_file_one_line_error_nonzero_exit(fresh_index, tmp_path: Path, capsys):
    bad = tmp_path / "slides.pptx"
    bad.write_bytes(b"whatever")
    code = main(["--data-dir", str(fresh_index.data_dir), "ingest", str(bad)])
    lines = capsys.readouterr().err.strip().splitlines()
    assert code != 0 and "Traceback" not in "".join(lines)
    errors = [line for line in lines if line.startswith("错误：")]
    assert len(errors) == 1 and errors[0].startswith("错误：不支持的文件类型 .pptx")
    assert DocStore(fresh_index).read_manifest().documents.keys() == {"ah-county-clusters-2024"}


def test_unknown_doc_is_an_error(built_index, capsys):
    assert main(["--data-dir", str(built_index.data_dir), "policy", "show", "--doc", "nope"]) != 0
    assert "没有编号为 nope 的文档" in capsys.readouterr().err


def test_help_is_chinese(capsys):
    for command in (["ingest", "--help"], ["search", "--help"], ["policy", "show", "--help"]):
        assert main(command) == 0
    out = capsys.readouterr().out
    assert "导入或替换政策文件" in out and "按语义和关键词检索政策条款" in out and "显示条款树" in out
