"""One county briefing per test module (generating it takes a few seconds), on the shared data dir."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

FIXED_DAY = dt.date(2025, 7, 1)
COUNTY = "天长市"


@pytest.fixture(scope="module")
def module_settings(template_data_dir, tmp_path_factory):
    """Settings on a private copy of the initialised data directory, kept for the whole module."""
    from clusterbot.config import Settings

    data_dir = tmp_path_factory.mktemp("briefing") / "data"
    shutil.copytree(template_data_dir, data_dir)
    return Settings(data_dir=data_dir)


@pytest.fixture(scope="module")
def county_briefing(module_settings, tmp_path_factory):
    """(Briefing, out_dir) of the 天长市 briefing in Markdown and Word."""
    from clusterbot.tools.briefing import make_briefing

    out_dir: Path = tmp_path_factory.mktemp("briefing-out")
    briefing = make_briefing(module_settings, COUNTY, formats=("md", "docx"), out_dir=out_dir, today=FIXED_DAY)
    return briefing, out_dir


@pytest.fixture(scope="module")
def province_briefing(module_settings, tmp_path_factory):
    """(Briefing, out_dir) of the province briefing in Markdown and Word (72 clusters: the long tables)."""
    from clusterbot.tools.briefing import make_briefing

    out_dir: Path = tmp_path_factory.mktemp("briefing-province")
    briefing = make_briefing(module_settings, "全省", formats=("md", "docx"), out_dir=out_dir, today=FIXED_DAY)
    return briefing, out_dir
