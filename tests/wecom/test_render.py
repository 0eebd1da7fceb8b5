"""Answers rendered for WeCom, and long text split by UTF-8 bytes on line and sentence boundaries."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from clusterbot.bot.wecom.render import APP_LIMIT_BYTES, ROBOT_LIMIT_BYTES, render_answer, split_message
from clusterbot.models import Answer, Citation, Fact

NUMBER = re.compile(r"^\((\d+)/(\d+)\)\n")


def _strip_numbers(parts: list[str]) -> list[str]:
    out = []
    for i, part in enumerate(parts, start=1):
        match = NUMBER.match(part)
        assert match and int(match.group(1)) == i and int(match.group(2)) == len(parts)
        out.append(part[match.end():])
    return out


def test_short_text_is_one_unnumbered_part():
    assert split_message("数字化改造由省工业和信息化厅牵头。") == ["数字化改造由省工业和信息化厅牵头。"]


def test_long_text_splits_on_lines_and_sentences_under_the_byte_limit():
    paragraph = "".join(f"第{i}句：推动县域特色产业集群数字化改造，培育专精特新企业。" for i in range(60))
    text = "\n".join([paragraph, "短行。", paragraph])
    parts = split_message(text, APP_LIMIT_BYTES)
    assert len(parts) > 2
    assert all(len(p.encode()) <= APP_LIMIT_BYTES for p in parts)
    bodies = _strip_numbers(parts)
    # Every cut falls after a sentence end or at a line end, so each part ends a sentence.
    assert all(body.endswith("。") for body in bodies)
    assert "".join(bodies).replace("\n", "") == text.replace("\n", "")


def test_text_without_any_boundary_is_cut_between_characters():
    text = "集群😀" * 1500  # 3- and 4-byte characters, no punctuation or line breaks
    parts = split_message(text, APP_LIMIT_BYTES)
    assert all(len(p.encode()) <= APP_LIMIT_BYTES for p in parts)
    assert "".join(_strip_numbers(parts)) == text


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("集群产业。！？；\n ab.,😀é")), min_size=0, max_size=6000),
       st.sampled_from([APP_LIMIT_BYTES, ROBOT_LIMIT_BYTES, 64]))
def test_split_property_fits_and_loses_nothing(text, limit):
    parts = split_message(text, limit)
    assert all(len(p.encode("utf-8")) <= limit for p in parts)
    bodies = parts if len(parts) == 1 else _strip_numbers(parts)
    squeeze = re.compile(r"\s+")
    assert squeeze.sub("", "".join(bodies)) == squeeze.sub("", text)


def _answer(**extra) -> Answer:
    citation = Citation(doc_id="guidance-2024", doc_title="指导意见", clause_id="3.2.1", label="三（二）1",
                        title="推动数字化改造", lead_units=["省工业和信息化厅"], support_units=["省发展改革委"])
    return Answer(question="数字化改造谁牵头？", answer="由省工业和信息化厅牵头。", status="answered",
                  citations=[citation, citation], **extra)


def test_citations_render_as_a_compact_list_once_each():
    text = render_answer(_answer())
    assert text.startswith("由省工业和信息化厅牵头。")
    assert text.count("- 三（二）1 · 推动数字化改造 · 牵头单位：省工业和信息化厅") == 1
    assert "示例数据" not in text


def test_demo_data_is_flagged():
    fact = Fact(name="营业收入", value=87.3, unit="亿元", year=2024, entity="天长市", source="demo", demo=True)
    assert "示例数据" in render_answer(_answer(facts=[fact]))
    english = render_answer(_answer(facts=[fact], lang="en"))
    assert "Sources" in english and "demo data" in english
