"""Damaged derived files of the policy index: garbage parsed documents, a garbage manifest, a truncated or
empty vector database, vectors of a half-finished replace. Every one is rebuilt from what can be trusted
(the shipped sources, the parsed documents) with one log line, and questions keep being answered."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from clusterbot.config import Settings
from clusterbot.retrieval import vectors
from clusterbot.retrieval.corpus import load_corpus
from clusterbot.retrieval.docstore import DocStore
from clusterbot.retrieval.index import index_healthy, ingest_files
from clusterbot.retrieval.search import search
from tests.hardening.conftest import channel_env, serve_subprocess

REPO = Path(__file__).resolve().parents[2]
POLICY_ID = "ah-county-clusters-2024"
FIXTURES = REPO / "tests" / "retrieval" / "fixtures"


def _cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    script = Path(sys.executable).with_name("clusterbot")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "clusterbot.bot.cli.main"]
    return subprocess.run([*command, "--data-dir", str(data_dir), *args], cwd=REPO, env=dict(os.environ),
                          capture_output=True, text=True, timeout=180)


def _truncate(path: Path, keep: int) -> None:
    path.write_bytes(path.read_bytes()[:keep])


@pytest.fixture
def settings(ready_data_dir) -> Settings:
    vectors.forget_clients()  # the copy is a new directory: no client of the template may be reused
    return Settings(data_dir=ready_data_dir)


def test_garbage_parsed_document_no_longer_stops_questions(settings):
    store = DocStore(settings)
    store.doc_path(POLICY_ID).write_text('{"meta": {"doc_id": "ah-county', encoding="utf-8")
    for question in ("天长市离百亿还有多远？", "数字化改造谁牵头？"):  # a data question and a policy question
        result = _cli(settings.data_dir, "ask", question)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr and result.stdout.strip()
    assert "省工业和信息化厅" in result.stdout
    assert store.load_document(POLICY_ID) is not None
    assert store.doc_path(POLICY_ID).with_suffix(".json.damaged").is_file()


def test_damaged_files_are_rebuilt_with_one_log_line_each(settings, caplog):
    store = DocStore(settings)
    store.doc_path(POLICY_ID).write_bytes(b"\x00\xff garbage")
    _truncate(store.chroma_dir / "chroma.sqlite3", 64 * 1024)
    assert not index_healthy(settings)
    with caplog.at_level(logging.WARNING, logger="clusterbot.retrieval"):
        hits = search(settings, "集群品牌建设", k=3)
    lines = [r.getMessage() for r in caplog.records if r.name == "clusterbot.retrieval"]
    assert len(lines) == 2 and any(POLICY_ID in line for line in lines) and any("vector" in line for line in lines)
    assert hits[0].doc_id == POLICY_ID
    assert vectors.collection(settings).count() == 31
    assert (store.root / "chroma.damaged").is_dir()
    assert index_healthy(settings)


@pytest.mark.parametrize("damage", [b"", b"SQLite format 3\x00" + b"\xff" * 4000, b"not a database at all" * 50])
def test_empty_or_garbage_vector_database_is_rebuilt(settings, damage):
    (DocStore(settings).chroma_dir / "chroma.sqlite3").write_bytes(damage)
    hits = search(settings, "数字化改造谁牵头", k=1)
    assert (hits[0].doc_id, hits[0].clause_id) == (POLICY_ID, "3.2.1")
    assert vectors.collection(settings).count() == 31


def test_garbage_manifest_is_rebuilt_from_the_parsed_documents_keeping_ingested_ones(settings):
    ingest_files(settings, [FIXTURES / "county-cluster-fund-measures.txt"])
    store = DocStore(settings)
    store.manifest_path.write_text("{not json", encoding="utf-8")
    corpus = load_corpus(settings)
    assert set(corpus.documents) == {POLICY_ID, "county-cluster-fund-measures"}
    assert store.read_manifest().documents["county-cluster-fund-measures"].origin == "ingested"
    assert search(settings, "营业收入首次突破10亿元奖励", k=1, doc_id="county-cluster-fund-measures")[0].label == "第四条"


def test_damaged_ingested_document_is_dropped_with_a_line_naming_it(settings, caplog):
    ingest_files(settings, [FIXTURES / "county-cluster-fund-measures.txt"])
    DocStore(settings).doc_path("county-cluster-fund-measures").write_text("[]", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="clusterbot.retrieval"):
        corpus = load_corpus(settings)
    assert set(corpus.documents) == {POLICY_ID}
    lines = [r.getMessage() for r in caplog.records if r.name == "clusterbot.retrieval"]
    assert len(lines) == 1 and "county-cluster-fund-measures" in lines[0] and "ingest it again" in lines[0]
    got = vectors.collection(settings).get(where={"doc_id": "county-cluster-fund-measures"}, include=[])
    assert got["ids"] == []
    again = ingest_files(settings, [FIXTURES / "county-cluster-fund-measures.txt"])
    assert again[0].action == "added"


def test_vectors_of_a_version_the_manifest_does_not_name_are_never_searched(settings, tmp_path):
    from clusterbot.retrieval.loaders import load_document

    ingest_files(settings, [FIXTURES / "county-cluster-fund-measures.txt"])
    revised = tmp_path / "county-cluster-fund-measures.txt"
    revised.write_text("某县集群资金管理办法（修订）\n\n第一条 对首次入选百强的企业给予一次性奖励九十九万元。\n", encoding="utf-8")
    # What a replace that stopped after adding the new vectors (before the manifest) leaves behind.
    vectors.add_version(vectors.collection(settings), load_document(revised))
    hits = search(settings, "首次入选百强奖励九十九万元", k=10, doc_id="county-cluster-fund-measures")
    assert [h.clause_id for h in hits if "九十九万元" in h.text] == []
    assert {h.clause_id for h in hits} <= {str(n) for n in range(1, 8)}


def test_serve_starts_and_is_healthy_on_damaged_derived_files(settings, monkeypatch, stalling_slack, stalling_wecom,
                                                              tmp_path):
    store = DocStore(settings)
    store.doc_path(POLICY_ID).write_text("garbage", encoding="utf-8")
    _truncate(store.chroma_dir / "chroma.sqlite3", 32 * 1024)
    monkeypatch.setenv("CLUSTERBOT_DATA_DIR", str(settings.data_dir))
    channel_env(monkeypatch, stalling_slack.base_url, stalling_wecom.base_url)
    log = tmp_path / "serve.log"
    with serve_subprocess(log) as (base, _proc):
        assert httpx.get(base + "/healthz", timeout=10, trust_env=False).status_code == 200
    text = log.read_text(encoding="utf-8", errors="replace")
    assert "Traceback" not in text and text.count("was damaged") == 2
    assert index_healthy(settings)
