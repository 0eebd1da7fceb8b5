"""Search contract, corpus lookups, policy tools and the LangChain retriever over one built index."""

from __future__ import annotations

import pytest

from clusterbot.errors import InputError
from clusterbot.retrieval.corpus import load_corpus
from clusterbot.retrieval.search import search
from clusterbot.tools.policy_tools import (
    GetClauseInput,
    SearchPolicyInput,
    TasksForUnitInput,
    get_clause,
    search_policy,
    tasks_for_unit,
)

SEARCH_FIELDS = {"doc_id", "clause_id", "label", "title", "breadcrumb", "score", "text", "lead_units", "support_units"}


def test_search_hits_follow_the_contract(built_index):
    hits = search(built_index, "数字化改造谁牵头", k=4)
    assert len(hits) == 4
    top = hits[0].model_dump()
    assert set(top) == SEARCH_FIELDS
    assert (top["clause_id"], top["label"], top["title"]) == ("3.2.1", "三（二）1", "推动数字化改造")
    assert top["lead_units"] == ["省工业和信息化厅"] and top["score"] == 1.0
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True) and all(0 < s <= 1 for s in scores)


def test_task_beats_its_heading(built_index):
    ids = [h.clause_id for h in search(built_index, "数字化改造", k=5)]
    assert ids.index("3.2.1") < (ids.index("3.2") if "3.2" in ids else 99)


def test_traditional_and_english_queries(built_index):
    assert search(built_index, "數字化改造誰牽頭", k=1)[0].clause_id == "3.2.1"
    assert search(built_index, "What is the five-in-one mechanism?", k=3)[0].clause_id in ("4.1", "2.table.6")


def test_search_errors(built_index):
    with pytest.raises(InputError, match="请输入"):
        search(built_index, "   ", k=3)
    with pytest.raises(InputError, match="没有编号为 nope"):
        search(built_index, "集群", doc_id="nope")


def test_warm_searches_repeat_their_results(built_index):
    """Search speed is measured by `make bench` (bench/retrieval_bench.py); here: warm calls are stable."""
    queries = ["五个一", "科创飞地在哪一条", "2025年百亿级集群目标", "who leads green transformation", "省商务厅"]
    first = [[h.clause_id for h in search(built_index, q, k=5)] for q in queries]
    again = [[h.clause_id for h in search(built_index, q, k=5)] for q in queries]
    assert first == again and all(len(ids) == 5 for ids in first)


def test_corpus_lookups(built_index):
    corpus = load_corpus(built_index)
    assert load_corpus(built_index) is corpus  # cached in memory
    assert corpus.clause("三（二）1").clause_id == "3.2.1"
    assert corpus.clause("四(一)").clause_id == "4.1"
    assert [c.clause_id for c in corpus.children("3.1")] == ["3.1.1", "3.1.2", "3.1.3"]
    assert len(corpus.tasks()) == 13
    rows = corpus.indicator_rows()
    assert [r.clause_id for r in rows] == [f"2.table.{n}" for n in range(1, 9)]
    assert rows[1].table_row.values == {"2023": 23, "2025": 35, "2027": 45}
    assert corpus.parent(corpus.clause("3.2.1")).clause_id == "3.2"
    assert "各市、县人民政府" in corpus.units() and len(corpus.units()) == 20


def test_tasks_for_unit_keeps_led_and_supported_apart(built_index):
    result = tasks_for_unit(TasksForUnitInput(unit="发改委"), built_index)
    assert result.unit == "省发展改革委"
    assert [t.clause_id for t in result.led] == ["3.2.2", "3.3.1", "3.3.2", "3.4.1", "4.4"]
    assert [t.clause_id for t in result.supported] == ["3.1.1", "3.1.2", "3.1.3", "3.2.1", "3.4.2", "4.1"]
    industry = tasks_for_unit(TasksForUnitInput(unit="工信厅"), built_index)
    assert [t.clause_id for t in industry.led] == ["3.2.1", "4.4"]
    assert [t.label for t in tasks_for_unit(TasksForUnitInput(unit="市县政府"), built_index).led] == [
        "三（一）1", "三（一）2", "四（一）", "四（三）"]
    with pytest.raises(InputError, match="没有识别出单位"):
        tasks_for_unit(TasksForUnitInput(unit="省体育局"), built_index)


def test_get_clause_by_id_or_label(built_index):
    clause = get_clause(GetClauseInput(clause_id="3.2.1"), built_index)
    assert clause.doc_title.startswith("安徽省人民政府办公厅关于推进县域特色产业集群")
    assert clause.breadcrumb == "三、主要任务 > （二）实施集群数字化改造行动"
    assert clause.support_units == ["省发展改革委", "省农业农村厅", "各市、县人民政府"]
    table = get_clause(GetClauseInput(clause_id="二·表"), built_index)
    assert table.clause_id == "2.table" and len(table.children) == 8
    assert get_clause(GetClauseInput(clause_id="2.table.7"), built_index).table_row.values["2025"] == "持续提高"
    with pytest.raises(InputError, match="没有条款 9.9"):
        get_clause(GetClauseInput(clause_id="9.9"), built_index)


def test_search_policy_tool(built_index):
    result = search_policy(SearchPolicyInput(query="节能降碳谁牵头", k=2), built_index)
    assert result.hits[0].clause_id == "3.3.1" and len(result.hits) == 2


def test_tool_input_models_are_documented_schemas():
    for model in (GetClauseInput, TasksForUnitInput, SearchPolicyInput):
        schema = model.model_json_schema()
        assert schema["description"]
        assert all(field.get("description") or name == "k" for name, field in schema["properties"].items())


def test_langchain_retriever(built_index):
    from clusterbot.retrieval.langchain_retriever import PolicyClauseRetriever

    documents = PolicyClauseRetriever(settings=built_index, k=2).invoke("科创飞地")
    assert len(documents) == 2
    assert documents[0].metadata["clause_id"] == "3.1.3"
    assert documents[0].metadata["lead_units"] == ["省科技厅"]
    assert "科创飞地" in documents[0].page_content


def test_collection_query_path_ranks_like_the_in_memory_path(built_index, monkeypatch):
    from clusterbot.retrieval import search as search_module

    in_memory = search_module.HybridSearcher(built_index, load_corpus(built_index))
    monkeypatch.setattr(search_module, "IN_MEMORY_LIMIT", 0)
    via_chroma = search_module.HybridSearcher(built_index, load_corpus(built_index))
    assert in_memory.matrix is not None and via_chroma.matrix is None
    for query in ("数字化改造", "五个一", "international cooperation", "研发投入强度"):
        assert [h.clause_id for h in via_chroma.search(query, k=3)] == [h.clause_id for h in in_memory.search(query, k=3)]


@pytest.mark.parametrize(("query", "clause_id"), [
    ("三（四）1具体是什么内容", "3.4.1"), ("clause 4.3 please", "4.3"), ("第三部分第（二）项第2条", "3.2.2"),
])
def test_a_clause_named_by_its_number_comes_first(built_index, query, clause_id):
    hits = search(built_index, query, k=5)
    assert hits[0].clause_id == clause_id and hits[0].score == 1.0


def test_a_unit_named_in_the_query_ranks_the_clauses_that_name_it(built_index):
    corpus = load_corpus(built_index)
    tasks = corpus.tasks_for_unit("省林业局")
    expected = {c.clause_id for c in tasks.led + tasks.supported}
    hits = search(built_index, "省林业局要配合做什么", k=5)
    assert expected and expected <= {h.clause_id for h in hits}
    assert all("省林业局" in h.lead_units + h.support_units for h in hits[:len(expected)])
