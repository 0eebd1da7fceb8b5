"""Fixtures shared by the engine tests: an assistant over its own copy of the ready data directory."""

from __future__ import annotations

import shutil

import pytest

from clusterbot.bot.core import Assistant


@pytest.fixture(scope="module")
def assistant(request, template_data_dir, tmp_path_factory):
    """One assistant per test module (a module may define its own instead)."""
    from clusterbot.config import load_settings

    data_dir = tmp_path_factory.mktemp(request.module.__name__.rsplit(".", 1)[-1]) / "data"
    shutil.copytree(template_data_dir, data_dir)
    return Assistant(load_settings(data_dir=data_dir))


@pytest.fixture(scope="module")
def corpus(assistant):
    return assistant.engine.corpus()
