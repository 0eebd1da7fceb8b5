"""The Markdown of one county briefing, compared with the committed snapshot (review it in diffs).

After an intended change, regenerate with: BRIEFING_SNAPSHOT_UPDATE=1 pytest tests/briefing/test_snapshot.py
That run rewrites the file and fails on purpose (review the diff, then run again without the variable),
so a variable leaked into an environment can never turn the comparison into a file compared with
itself; under CI (the CI variable set) it refuses to write at all.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

SNAPSHOT = Path(__file__).parent / "snapshots" / "天长市-2025.md"


def test_county_markdown_matches_the_snapshot(county_briefing):
    briefing, _ = county_briefing
    if os.environ.get("BRIEFING_SNAPSHOT_UPDATE"):
        if os.environ.get("CI"):
            pytest.fail("BRIEFING_SNAPSHOT_UPDATE is set under CI: snapshots are only rewritten by hand")
        SNAPSHOT.write_text(briefing.markdown, encoding="utf-8")
        pytest.fail(f"snapshot rewritten: review `git diff {SNAPSHOT.name}`, then run again without "
                    "BRIEFING_SNAPSHOT_UPDATE")
    assert briefing.markdown == SNAPSHOT.read_text(encoding="utf-8")


def test_the_update_variable_never_lets_the_comparison_pass(county_briefing, monkeypatch, tmp_path):
    briefing, _ = county_briefing
    target = tmp_path / "snapshot.md"
    monkeypatch.setattr(sys.modules[__name__], "SNAPSHOT", target)
    monkeypatch.setenv("BRIEFING_SNAPSHOT_UPDATE", "1")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.fail.Exception, match="snapshot rewritten"):
        test_county_markdown_matches_the_snapshot(county_briefing)
    assert target.read_text(encoding="utf-8") == briefing.markdown
    target.unlink()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="under CI"):
        test_county_markdown_matches_the_snapshot(county_briefing)
    assert not target.exists()
