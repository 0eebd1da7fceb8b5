"""Doc ids a person can tell apart: invisible characters, other scripts' look-alikes and full-width forms are
refused with the problem named; an id that only looks like a stored one is refused at ingest, so no twin of
the official document appears in `policy list`."""

from __future__ import annotations

import pytest

from clusterbot.errors import InputError
from clusterbot.retrieval.doc_ids import default_doc_id
from clusterbot.retrieval.index import ingest_files
from clusterbot.retrieval.loaders import load_document

OFFICIAL = "ah-county-clusters-2024"


@pytest.mark.parametrize("doc_id, fragment", [
    ("ah-county\u3164clusters-2024", "不可见字符 <U+3164>"),
    ("ah-county-clusters-2024\u200b", "不可见字符 <U+200B>"),
    ("ah\u2060county", "不可见字符 <U+2060>"),
    ("ah-c\u043ebnty", "CYRILLIC"),  # Cyrillic о
    ("ah-county-clusters-2\u03bf24", "GREEK"),
    ("ａｈ-county", "全角"),
    ("fund\u202etxt", "<U+202E>"),
    ("fund\x1b[31m", "控制字符 \\x1b"),
    ("a b", "不允许的字符"),
])
def test_ids_that_do_not_look_like_what_they_are_are_refused(articles_file, doc_id, fragment):
    with pytest.raises(InputError) as caught:
        load_document(articles_file, doc_id=doc_id)
    assert caught.value.key == "retrieval.bad_doc_id"
    message = str(caught.value)
    assert fragment in message, message
    assert not any(ch in message for ch in "\u3164\u200b\u2060\u202e\x1b\n")


@pytest.mark.parametrize("doc_id", ["hf-rules-2025", "合肥实施细则", "合肥-细则_v2.1"])
def test_ordinary_ids_still_load(articles_file, doc_id):
    assert load_document(articles_file, doc_id=doc_id).meta.doc_id == doc_id


def test_ids_from_file_names_are_folded_and_cleaned(tmp_path):
    assert default_doc_id(tmp_path / "新政策\u3164（２０２５）.docx") == "新政策-2025"
    assert default_doc_id(tmp_path / "\u200b.txt") == "document"


@pytest.mark.parametrize("twin", ["AH-county-clusters-2024", "ah-county-clusters-2O24", "ah_county_clusters_2024",
                                  "ah-county-c1usters-2024"])
def test_a_twin_of_the_official_document_is_refused_and_never_listed(fresh_index, articles_file, twin):
    from clusterbot.retrieval.corpus import load_corpus

    with pytest.raises(InputError) as caught:
        ingest_files(fresh_index, [articles_file], doc_id=twin)
    assert caught.value.key == "retrieval.doc_id_twin" and OFFICIAL in str(caught.value)
    assert [m.doc_id for m in load_corpus(fresh_index).metas()] == [OFFICIAL]


def test_the_same_id_still_replaces_its_document(fresh_index, articles_file):
    first = ingest_files(fresh_index, [articles_file], doc_id="fund-measures")
    again = ingest_files(fresh_index, [articles_file], doc_id="fund-measures")
    assert (first[0].action, again[0].action) == ("added", "unchanged")
