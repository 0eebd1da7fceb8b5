"""👎 answers from the audit log → draft YAML cases for a person to complete and move into a set."""

from __future__ import annotations

from datetime import datetime

import yaml

from clusterbot.errors import InputError
from clusterbot.messages import msg
from clusterbot.state import StateStore

VALID_STATUSES = ("answered", "no_data", "out_of_scope", "error")


def parse_since(text: str | None) -> float:
    """`2025-01-31` (or an ISO date-time) → epoch seconds in local time; None → the beginning."""
    if not text:
        return 0.0
    try:
        return datetime.fromisoformat(text).timestamp()
    except ValueError as exc:
        raise InputError("eval.bad_date", value=text) from exc


def draft_cases(state: StateStore, since: float = 0.0) -> list[dict]:
    """One draft case per 👎 exchange: the question, what the assistant did, and empty gold fields."""
    cases = []
    seen: set[int] = set()
    for row in state.feedback(since=since, value="down"):
        if row["id"] in seen:
            continue
        seen.add(row["id"])
        status = row.get("status") if row.get("status") in VALID_STATUSES else "answered"
        cited = [c.get("clause_id") for c in _json_list(row.get("citations")) if c.get("clause_id")]
        cases.append({
            "id": f"feedback-{row['id']}",
            "intent": row.get("intent") or "unknown",
            "tags": ["feedback", "draft"],
            "q": row.get("question") or "",
            "status": status,
            "clauses": cited,
            "numbers": [],
            "require": [],
            "forbid": [],
            "note": msg("eval.feedback_note", channel=row.get("channel") or "", user=row.get("rater") or "",
                        when=datetime.fromtimestamp(row.get("rated_at") or 0).strftime("%Y-%m-%d %H:%M"),
                        answer=(row.get("answer") or "").strip()[:500]),
        })
    return cases


def _json_list(raw) -> list[dict]:
    import json

    if isinstance(raw, list):
        return raw
    try:
        value = json.loads(raw or "[]")
    except ValueError:
        return []
    return value if isinstance(value, list) else []


def draft_yaml(cases: list[dict]) -> str:
    """A loadable set file: a header telling the reviewer what to fill in, then the cases."""
    header = "\n".join(f"# {line}" for line in msg("eval.feedback_header", count=len(cases)).splitlines())
    body = {"version": 1, "name": "feedback-drafts", "description": msg("eval.feedback_description"),
            "cases": cases}
    return header + "\n" + yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=100)
