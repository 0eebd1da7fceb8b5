"""Unit lists as printed, and the names officials type for them."""

from __future__ import annotations

import pytest

from clusterbot.retrieval.units import canonical_unit, extract_units, find_units, split_units


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("省发展改革委、省科技厅，各市、县人民政府", ["省发展改革委", "省科技厅", "各市、县人民政府"]),
        ("各市、县人民政府", ["各市、县人民政府"]),
        ("省商务厅,各市、县人民政府", ["省商务厅", "各市、县人民政府"]),
        ("省新兴产业推进组办公室、省财政厅", ["省新兴产业推进组办公室", "省财政厅"]),
        ("", []),
    ],
)
def test_split_units(raw, expected):
    assert split_units(raw) == expected


def test_extract_units_from_half_width_note():
    text, lead, support = extract_units("健全一条完整产业链。(牵头单位:各市、县人民政府,配合单位:省发展改革委、省民政厅)")
    assert text == "健全一条完整产业链。"
    assert lead == ["各市、县人民政府"] and support == ["省发展改革委", "省民政厅"]


def test_extract_units_lead_only():
    _, lead, support = extract_units("落实。（牵头单位：省发展改革委、省工业和信息化厅）")
    assert lead == ["省发展改革委", "省工业和信息化厅"] and support == []


@pytest.mark.parametrize(
    ("typed", "unit"),
    [
        ("发改委", "省发展改革委"), ("省发改委", "省发展改革委"), ("发展改革委", "省发展改革委"),
        ("工信厅", "省工业和信息化厅"), ("经信厅", "省工业和信息化厅"), ("科技厅", "省科技厅"),
        ("商务厅", "省商务厅"), ("人社厅", "省人力资源社会保障厅"), ("文旅厅", "省文化和旅游厅"),
        ("市县政府", "各市、县人民政府"), ("Department of Commerce", "省商务厅"), ("省林业局", "省林业局"),
    ],
)
def test_canonical_unit(typed, unit):
    assert canonical_unit(typed) == unit


def test_unknown_unit_is_none():
    assert canonical_unit("省体育局") is None


def test_find_units_in_a_question():
    assert find_units("发改委和工信厅分别牵头哪些任务？") == ["省发展改革委", "省工业和信息化厅"]
    assert find_units("What does the Department of Commerce lead?") == ["省商务厅"]
    assert find_units("集群营业收入是多少") == []
