"""A store initialised once per worker (ensure_store only), copied for each test that needs one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from clusterbot.config import Settings


@pytest.fixture(scope="session")
def store_template(tmp_path_factory) -> Path:
    from clusterbot.tools.store import ensure_store

    path = tmp_path_factory.mktemp("store-template") / "data"
    ensure_store(Settings(data_dir=path))
    return path


@pytest.fixture
def store_dir(store_template, isolated_env) -> Path:
    shutil.copytree(store_template, isolated_env)
    return isolated_env


@pytest.fixture
def tool_settings(store_dir) -> Settings:
    return Settings(data_dir=store_dir)


def write_csv(path: Path, rows: list[list[object]]) -> Path:
    header = "county,cluster,year,metric,value,unit,source,vintage\n"
    path.write_text(header + "".join(",".join(str(c) for c in r) + "\n" for r in rows), encoding="utf-8")
    return path
