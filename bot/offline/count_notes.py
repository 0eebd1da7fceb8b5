"""How many: a count asked of what a policy answer lists opens that answer with the number.

A list of units or of sub-clauses answers "which"; asked "how many", the reader should not have to count.
Units are counted in the role asked of the one task the answer cites; the items of a section are counted as
its tasks (the entries that name a lead unit) when its own parts are headings over tasks.
"""

from __future__ import annotations

import re

from clusterbot.bot.offline import unit_sets
from clusterbot.bot.offline.reply import Reply
from clusterbot.messages import msg

COUNT = re.compile(r"几[个家项条大类]|多少[个家项条]|\bhow many\b")
TASKS = re.compile(r"任务|事项|\btasks?\b")
UNITS = re.compile(r"单位|部门|几家|多少家|\bunits?\b|\bdepartments?\b|\bagencies\b")


def counted(corpus, text: str, reply: Reply, lang: str) -> Reply:
    """`reply` with the count asked put first; unchanged when no count is asked or the answer lists nothing
    countable of the kind asked."""
    if reply.status != "answered" or reply.facts or not COUNT.search(text) or len(reply.citations) != 1:
        return reply
    clause = corpus.clause(reply.citations[0].clause_id, reply.citations[0].doc_id)
    if clause is None:
        return reply
    note = _units_note(clause, text, lang) if clause.lead_units else _tasks_note(corpus, clause, text, lang)
    if note is None:
        return reply
    reply.text = f"{note}\n\n{reply.text}"
    return reply


def _units_note(clause, text: str, lang: str) -> str | None:
    role = unit_sets._role_in(text)
    if role not in ("lead", "support") or not UNITS.search(text) or TASKS.search(text):
        return None
    units = clause.lead_units if role == "lead" else clause.support_units
    return msg("policy.count_units", lang, role_word=msg(f"policy.role_word.{role}", lang), n=len(units),
               title=clause.title)


def _tasks_note(corpus, clause, text: str, lang: str) -> str | None:
    """The tasks under a section whose parts are themselves headings (三 主要任务 → its actions' tasks)."""
    parts = corpus.children(clause.clause_id, clause.doc_id)
    if not TASKS.search(text.replace(clause.title, " ")) or not parts or any(p.lead_units for p in parts):
        return None
    tasks = [t for p in parts for t in corpus.children(p.clause_id, p.doc_id) if t.lead_units]
    if not tasks:
        return None
    return msg("policy.count_tasks", lang, label=clause.label, title=clause.title, parts=len(parts), n=len(tasks))
