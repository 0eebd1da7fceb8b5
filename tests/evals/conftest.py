"""`clusterbot eval` appends to out/eval-history.jsonl under the working directory: keep it per test."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _work_in_tmp(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
