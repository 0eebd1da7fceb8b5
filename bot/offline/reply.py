"""What a handler returns, and how clauses become citations."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from clusterbot.models import Citation, Fact, ToolCall

_SENTENCE = re.compile(r"[^。；！？!?]+[。；！？!?]?")


@dataclass
class Reply:
    status: str
    text: str
    citations: list[Citation] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    tool_calls: list[ToolCall] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    data_vintage: str | None = None
    grounds: list[str] = field(default_factory=list)  # texts quoted besides clauses (the document's record)
    named: list[tuple[str, str]] = field(default_factory=list)  # (kind, name) of what the answer listed, in order
    continues: Any = None  # the Understanding a follow-up continues, when it is not the question's own


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(text or "") if s.strip()]


def quote_for(clause, term: str | None = None, limit: int = 160) -> str:
    """The sentence of the clause that carries `term` (or its first sentence), trimmed to `limit`."""
    parts = sentences(clause.text) or [clause.title]
    chosen = parts[0]
    if term:
        for part in parts:
            if term in part:
                chosen = part
                break
    return chosen if len(chosen) <= limit else chosen[: limit - 1] + "…"


def cite(corpus, clause, term: str | None = None, quote: str | None = None) -> Citation:
    """A citation of `clause`; a clause without units of its own inherits none (no borrowed units)."""
    meta = corpus.document(clause.doc_id or None).meta
    return Citation(
        doc_id=meta.doc_id,
        doc_title=meta.title,
        clause_id=clause.clause_id,
        label=clause.label,
        title=clause.title,
        lead_units=list(clause.lead_units),
        support_units=list(clause.support_units),
        quote=quote if quote is not None else quote_for(clause, term),
    )
