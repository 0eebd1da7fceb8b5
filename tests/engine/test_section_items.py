"""A part of the text named by its heading (or a word of it, as an area) whose items are asked: the part with its
tasks, so an ordinal next counts inside it; an ordinal under a clause named by its label counts its children."""

from __future__ import annotations

import shutil
import uuid

import pytest

from clusterbot.bot.core import Assistant
from tests.engine.asking import ask


@pytest.fixture(scope="module")
def assistant(template_data_dir, tmp_path_factory):
    from clusterbot.config import load_settings

    data_dir = tmp_path_factory.mktemp("section_items") / "data"
    shutil.copytree(template_data_dir, data_dir)
    return Assistant(load_settings(data_dir=data_dir))


@pytest.fixture(scope="module")
def corpus(assistant):
    return assistant.engine.corpus()


def test_an_area_word_asking_its_items_lists_the_section_then_an_ordinal_counts_in_it(assistant, corpus):
    section = corpus.clause("3.4")
    children = corpus.children("3.4")
    thread = uuid.uuid4().hex
    listing = ask(assistant, "走出去这一块底下都有几项工作？", thread)
    assert listing.status == "answered" and [c.clause_id for c in listing.citations][0] == section.clause_id
    assert all(c.title in listing.answer for c in children)
    second = ask(assistant, "第二项由哪个部门牵头", thread)
    assert [c.clause_id for c in second.citations] == [children[1].clause_id]
    assert children[1].lead_units[0] in second.answer


def test_a_task_word_inside_a_heading_still_lists_the_heading_when_its_items_are_asked(assistant, corpus):
    answer = ask(assistant, "绿色转型升级行动下设哪些任务，各由谁牵头")
    cited = [c.clause_id for c in answer.citations]
    assert cited[0] == "3.3" and {c.clause_id for c in corpus.children("3.3")} <= set(cited)


def test_an_ordinal_under_a_clause_label_is_its_child(assistant, corpus):
    answer = ask(assistant, "三（四）底下第二条说的什么")
    assert [c.clause_id for c in answer.citations][:1] == [corpus.children("3.4")[1].clause_id]
