"""Building, warm starts, ingesting, replacing, and bad batches leaving the index untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from clusterbot.errors import InputError
from clusterbot.retrieval import vectors
from clusterbot.retrieval.corpus import load_corpus
from clusterbot.retrieval.docstore import DocStore
from clusterbot.retrieval.index import ensure_index, ingest_files
from clusterbot.retrieval.search import search

POLICY_ID = "ah-county-clusters-2024"


def _vector_ids(settings, doc_id: str) -> set[str]:
    """`doc::clause` of every vector the document has; exactly one per clause (no other version left)."""
    got = vectors.collection(settings).get(where={"doc_id": doc_id}, include=["metadatas"])
    keys = [f"{m['doc_id']}::{m['clause_id']}" for m in got["metadatas"]]
    assert len(keys) == len(set(keys))
    return set(keys)


def test_fresh_data_dir_builds_from_shipped_policy(fresh_index):
    manifest = DocStore(fresh_index).read_manifest()
    entry = manifest.documents[POLICY_ID]
    assert entry.origin == "shipped" and entry.clauses == 31
    assert len(_vector_ids(fresh_index, POLICY_ID)) == 31
    assert search(fresh_index, "数字化改造", k=1)[0].clause_id == "3.2.1"


def test_warm_start_does_not_parse_or_embed(fresh_index, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("warm start must not rebuild")

    monkeypatch.setattr(vectors, "add_version", refuse)
    monkeypatch.setattr("clusterbot.retrieval.index.load_document", refuse)
    ensure_index(fresh_index)  # its speed is measured by `make bench` (index_warm_start_ms)
    assert search(fresh_index, "数字化改造", k=1)[0].clause_id == "3.2.1"


def test_shipped_metadata_reaches_the_document_and_a_changed_sidecar_reparses_it(fresh_index, monkeypatch):
    store = DocStore(fresh_index)
    assert store.load_document(POLICY_ID).meta.source.startswith("https://")
    # an index written before the sidecar was tracked (or with another sidecar): parsed again, not re-embedded
    manifest = store.read_manifest()
    manifest.documents[POLICY_ID].sidecar = ""
    store.write_manifest(manifest)
    old = store.load_document(POLICY_ID)
    store.write_document(old.model_copy(update={"meta": old.meta.model_copy(update={"source": ""})}))

    def refuse(*args, **kwargs):
        raise AssertionError("only the metadata changed: the vectors stay")

    monkeypatch.setattr(vectors, "add_version", refuse)
    ensure_index(fresh_index)
    assert store.load_document(POLICY_ID).meta.source.startswith("https://")
    assert store.read_manifest().documents[POLICY_ID].sidecar


def test_lost_vector_store_is_rebuilt_from_stored_documents(fresh_index):
    import shutil

    vectors.forget_clients()
    shutil.rmtree(DocStore(fresh_index).chroma_dir)
    ensure_index(fresh_index)
    assert len(_vector_ids(fresh_index, POLICY_ID)) == 31


def test_progress_is_reported_in_chinese(isolated_env):
    from clusterbot.config import Settings

    messages: list[str] = []
    ensure_index(Settings(data_dir=isolated_env), progress=messages.append)
    assert messages[0].startswith("首次使用") and "31 个条款" in messages[-1]


def test_ingest_adds_then_replaces_a_document(fresh_index, articles_file, tmp_path: Path):
    first = ingest_files(fresh_index, [articles_file])
    assert [(r.doc_id, r.action, r.clauses) for r in first] == [("county-cluster-fund-measures", "added", 7)]
    hits = search(fresh_index, "营业收入首次突破10亿元奖励", k=3, doc_id="county-cluster-fund-measures")
    assert hits[0].clause_id == "4" and hits[0].label == "第四条"

    again = ingest_files(fresh_index, [articles_file])
    assert again[0].action == "unchanged"

    revised = tmp_path / "county-cluster-fund-measures.txt"
    revised.write_text("某县集群资金管理办法（修订）\n\n第一条 奖励标准调整为每户二十万元。\n\n第二条 本办法自发布之日起施行。\n",
                       encoding="utf-8")
    replaced = ingest_files(fresh_index, [revised])
    assert (replaced[0].action, replaced[0].clauses) == ("replaced", 2)
    assert _vector_ids(fresh_index, "county-cluster-fund-measures") == {
        "county-cluster-fund-measures::1", "county-cluster-fund-measures::2"}
    corpus = load_corpus(fresh_index)
    assert corpus.clause("4", "county-cluster-fund-measures") is None
    assert [c.clause_id for c in corpus.clauses("county-cluster-fund-measures")] == ["1", "2"]
    texts = [h.text for h in search(fresh_index, "一次性奖励50万元", k=10)]
    assert not any("50万元" in t for t in texts)
    assert len(_vector_ids(fresh_index, POLICY_ID)) == 31  # the other document is untouched


def test_explicit_doc_id_replaces_the_shipped_policy_and_survives_warm_start(fresh_index, articles_file):
    ingest_files(fresh_index, [articles_file], doc_id=POLICY_ID)
    ensure_index(fresh_index)
    corpus = load_corpus(fresh_index)
    assert [c.label for c in corpus.clauses(POLICY_ID)][0] == "第一条"
    assert DocStore(fresh_index).read_manifest().documents[POLICY_ID].origin == "ingested"


def test_a_bad_file_in_a_batch_changes_nothing(fresh_index, articles_file, tmp_path: Path):
    store = DocStore(fresh_index)
    before_manifest = store.manifest_path.read_bytes()
    before_vectors = vectors.collection(fresh_index).count()
    junk = tmp_path / "junk.txt"
    junk.write_bytes(b"\x00\x01\x02" * 500)
    with pytest.raises(InputError, match="不是文本"):
        ingest_files(fresh_index, [articles_file, junk])
    assert store.manifest_path.read_bytes() == before_manifest
    assert vectors.collection(fresh_index).count() == before_vectors
    assert not store.has_document("county-cluster-fund-measures")


def test_doc_id_option_needs_exactly_one_file(fresh_index, articles_file):
    with pytest.raises(InputError, match="--doc-id"):
        ingest_files(fresh_index, [articles_file, articles_file], doc_id="x")
