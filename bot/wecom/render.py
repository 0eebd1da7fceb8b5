"""An Answer as WeCom markdown, and long text split into numbered parts that fit a byte limit."""

from __future__ import annotations

import re

from clusterbot.messages import msg
from clusterbot.models import Answer
from clusterbot.templates import render

APP_LIMIT_BYTES = 2048  # app text and app markdown (message/send)
ROBOT_LIMIT_BYTES = 4096  # group-robot markdown (webhook/send)
NUMBER_RESERVE_BYTES = 12  # room for "(999/999)\n"
SENTENCE_END = re.compile(r"(?<=[。！？；!?;])")


def render_answer(answer: Answer) -> str:
    """The answer text, its citations as a compact list, and the 示例数据 notice when it applies."""
    lang = answer.lang if answer.lang in ("zh", "en") else "zh"
    seen: set[tuple[str, str]] = set()
    citations = []
    for c in answer.citations:
        if (c.doc_id, c.clause_id) in seen:
            continue
        seen.add((c.doc_id, c.clause_id))
        lead = msg("wecom.lead_units", lang=lang, units="、".join(c.lead_units)) if c.lead_units else ""
        citations.append({"label": c.label, "title": c.title, "lead": lead})
    return render(
        "wecom_answer",
        answer=answer.answer.strip(),
        citations=citations,
        sources_heading=msg("wecom.sources_heading", lang=lang),
        demo_notice=msg("wecom.demo_notice", lang=lang) if answer.uses_demo_data else "",
    )


def _size(text: str) -> int:
    return len(text.encode("utf-8"))


def _hard_cut(text: str, budget: int) -> list[str]:
    """Cut between characters (never inside one) so every piece fits `budget` bytes."""
    pieces, current, used = [], [], 0
    for ch in text:
        width = _size(ch)
        if used + width > budget and current:
            pieces.append("".join(current))
            current, used = [], 0
        current.append(ch)
        used += width
    if current:
        pieces.append("".join(current))
    return pieces


def _pieces(text: str, budget: int) -> list[str]:
    """Lines; a line too long becomes sentences; a sentence too long is cut between characters."""
    out: list[str] = []
    for line in text.splitlines(keepends=True):
        if _size(line) <= budget:
            out.append(line)
            continue
        for sentence in SENTENCE_END.split(line):
            if not sentence:
                continue
            out.extend([sentence] if _size(sentence) <= budget else _hard_cut(sentence, budget))
    return out


def split_message(text: str, limit: int = APP_LIMIT_BYTES) -> list[str]:
    """Parts of at most `limit` UTF-8 bytes, numbered "(1/3)" when there is more than one."""
    text = text.strip()
    if _size(text) <= limit:
        return [text]
    budget = limit - NUMBER_RESERVE_BYTES
    chunks: list[str] = []
    current = ""
    for piece in _pieces(text, budget):
        if current and _size(current) + _size(piece) > budget:
            chunks.append(current)
            current = ""
        current += piece
    if current:
        chunks.append(current)
    chunks = [c.strip() for c in chunks if c.strip()]
    total = len(chunks)
    return [f"({i}/{total})\n{chunk}" for i, chunk in enumerate(chunks, start=1)]


def answer_parts(answer: Answer, limit: int = APP_LIMIT_BYTES) -> list[str]:
    return split_message(render_answer(answer), limit)
