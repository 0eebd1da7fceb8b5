"""The Markdown of one county briefing, compared with the committed snapshot (review it in diffs).

After an intended change, regenerate with: BRIEFING_SNAPSHOT_UPDATE=1 pytest tests/briefing/test_snapshot.py
"""

from __future__ import annotations

import os
from pathlib import Path

SNAPSHOT = Path(__file__).parent / "snapshots" / "天长市-2025.md"


def test_county_markdown_matches_the_snapshot(county_briefing):
    briefing, _ = county_briefing
    if os.environ.get("BRIEFING_SNAPSHOT_UPDATE") == "1":
        SNAPSHOT.write_text(briefing.markdown, encoding="utf-8")
    assert briefing.markdown == SNAPSHOT.read_text(encoding="utf-8")
