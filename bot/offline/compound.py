"""Two self-contained questions typed in one line, and one reply made of several."""

from __future__ import annotations

import re

from clusterbot.bot.offline.registry import has
from clusterbot.bot.offline.reply import Reply
from clusterbot.bot.offline.understand import Understanding


def compound(engine, text: str, handled: tuple[str, ...]) -> list[Understanding] | None:
    """Two self-contained questions typed in one line, each understood on its own, or None.

    Split only where a space or a full stop separates two Chinese pieces that each name their own subject (a
    place, a task, a unit, a clause or a term) and ask different things; "X营收多少？差几亿到下一档？" stays
    one question, since its second half leans on the first.
    """
    pieces = [p for p in re.split(r"[？?。；;！!]\s*|\s+", text.strip()) if p]
    if len(pieces) != 2 or not all(len(p) >= 4 and re.search(r"[\u4e00-\u9fff]", p) for p in pieces):
        return None
    if not all(has(p, "ASKING") for p in pieces):
        return None  # a bare name before the question is its subject, not a question of its own
    understood = [engine.understand(p, None) for p in pieces]
    for part in understood:
        has_subject = part.entities or part.units or part.slots.tasks or part.slots.clause_ref or part.slots.term
        if part.intent not in handled or part.intent == "search" or not has_subject:
            return None
    first, second = understood
    if (first.units and (second.slots.tasks or second.slots.clause_ref)) or \
            (second.units and (first.slots.tasks or first.slots.clause_ref)) or has(pieces[1], "LEANS_BACK"):
        return None  # "…属于哪项任务？省市场监管局在里面是什么角色？": the unit's part in that task
    same_subject = ([e.name for e in first.entities] == [e.name for e in second.entities]
                    and first.slots.tasks == second.slots.tasks and first.units == second.units)
    if first.intent == second.intent and same_subject:
        return None
    return understood


def joined(replies: list[Reply]) -> Reply:
    """One reply for the parts of a compound question: texts in order, one data note, sources merged."""
    notes: list[str] = []
    texts = []
    for reply in replies:
        lines = reply.text.strip().split("\n")
        kept = [line for line in lines if not line.startswith(("数据：", "Data:"))]
        notes += [line for line in lines if line.startswith(("数据：", "Data:")) and line not in notes]
        texts.append("\n".join(kept).strip())
    citations = list({(c.doc_id, c.clause_id): c for r in replies for c in r.citations}.values())
    answered = [r for r in replies if r.status == "answered"]
    return Reply(
        status="answered" if answered else replies[0].status,
        text="\n\n".join([*texts, *notes]),
        citations=citations,
        facts=[f for r in replies for f in r.facts],
        tool_calls=[t for r in replies for t in r.tool_calls],
        data_vintage=next((r.data_vintage for r in replies if r.data_vintage), None),
    )
