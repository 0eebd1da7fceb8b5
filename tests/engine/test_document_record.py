"""The document's own record: where it was published, the year it came out, an issuer asked as a choice."""

from __future__ import annotations

import shutil

import pytest

from clusterbot.bot.core import Assistant
from tests.engine.asking import ask


@pytest.fixture(scope="module")
def assistant(template_data_dir, tmp_path_factory):
    from clusterbot.config import load_settings

    data_dir = tmp_path_factory.mktemp("document_record") / "data"
    shutil.copytree(template_data_dir, data_dir)
    return Assistant(load_settings(data_dir=data_dir))


@pytest.fixture(scope="module")
def meta(assistant):
    return assistant.engine.corpus().document().meta


@pytest.mark.parametrize("text", ["指导意见的网址发我一下", "去哪个官网能看到这份意见", "能给个意见原文的出处吗",
                                  "Give me the source URL of the guidance"])
def test_the_web_address_is_read_from_the_record(assistant, meta, text):
    answer = ask(assistant, text)
    assert answer.status == "answered" and answer.intent == "document"
    assert meta.source and meta.source in answer.answer


def test_a_phone_number_is_still_a_field_the_record_lacks(assistant):
    answer = ask(assistant, "意见上留的咨询电话是多少")
    assert answer.status == "no_data"


@pytest.mark.parametrize("text", ["意见是哪年印发的", "这个政策啥时候发的呀"])
def test_the_year_or_time_of_issue_is_the_record_date(assistant, meta, text):
    answer = ask(assistant, text)
    assert answer.status == "answered" and answer.intent == "document" and meta.date in answer.answer


def test_an_english_question_asks_the_year(assistant, meta):
    answer = ask(assistant, "In what year did the general office issue this guidance?")
    assert answer.status == "answered" and meta.date in answer.answer


def test_an_issuer_asked_as_a_choice_names_the_issuer(assistant, meta):
    answer = ask(assistant, "指导意见是省委还是省政府办公厅下的文，哪年出的")
    assert answer.status == "answered" and meta.issuer in answer.answer and meta.date in answer.answer
