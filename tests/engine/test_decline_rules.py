"""Declines the text supports: fields of the document's record it lacks, amounts of a budget, a count the text
gives for something else, another province's practice, and a request to turn the document into other work."""

from __future__ import annotations

from tests.engine.asking import ask


def test_who_drafted_the_document_is_a_field_the_record_lacks(assistant):
    answer = ask(assistant, "这个文件是谁起草的，起草人叫什么")
    assert answer.status == "no_data"
    assert "起草人" in answer.answer


def test_several_missing_fields_are_all_named(assistant):
    answer = ask(assistant, "这份意见的文号和有效期分别是什么")
    assert answer.status == "no_data"
    assert "文号" in answer.answer and "有效期" in answer.answer


def test_a_budget_amount_is_money_the_text_does_not_set(assistant):
    answer = ask(assistant, "数字化改造这块省里拨款多少")
    assert answer.status == "no_data"
    assert not answer.citations


def test_a_number_counting_something_else_is_no_answer_for_the_thing_asked(assistant):
    answer = ask(assistant, "每个集群应当建几个品牌服务平台")
    assert answer.status == "no_data"
    assert "品牌服务平台" in answer.answer


def test_a_number_that_counts_the_thing_asked_is_quoted(assistant, corpus):
    answer = ask(assistant, "每个集群要引进培育几家龙头企业")
    assert answer.status == "answered"
    assert [c.clause_id for c in answer.citations] == ["3.1.1"]


def test_what_another_province_does_is_out_of_scope_even_for_a_policy_term(assistant):
    answer = ask(assistant, "广东那边也有群主企业这种提法吗")
    assert answer.status == "out_of_scope"


def test_a_translation_request_is_out_of_scope(assistant):
    answer = ask(assistant, "Could you translate this policy into French?")
    assert answer.status == "out_of_scope"
