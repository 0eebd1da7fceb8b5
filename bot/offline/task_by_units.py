"""Tasks found by what the question says of their units: a unit's tasks with the units of each asked next,
the one task a unit holds in a role asked for its text, and "both of them" over the units of the last turns."""

from __future__ import annotations

import re

from clusterbot.bot.offline import unit_sets
from clusterbot.bot.offline.policy_turn import PolicyTurn
from clusterbot.bot.offline.policy_turn import template as _t
from clusterbot.bot.offline.policy_turn import view as _view
from clusterbot.bot.offline.referents import Shown
from clusterbot.bot.offline.reply import Reply, cite
from clusterbot.lazy_regex import LazyPattern
from clusterbot.models import ToolCall

SPLIT = LazyPattern(r"[？?。；;！!]+")
# A later piece pointing back at the tasks just asked for ("这些任务", "各条分别", "谁牵头"): their units.
BACK_AT_TASKS = LazyPattern(r"这些|这几|那些|那几|各条|各项|各自|分别|它们|其中|都是|\bthose\b|\bthese\b|\beach\b|^谁")
# "两家都…", "这两个部门", "both of them": the two units the last turns were about.
BOTH_UNITS = LazyPattern(r"(?:这|那)?(?:两|二|2)(?:家|个部门|个单位|个厅|部门|单位)|两者|二者"
                        r"|\bboth (?:of them|units|departments|agencies)\b|\bthe two (?:units|departments|agencies)\b")


def _view_set(ctx, lang: str, ask: unit_sets.UnitAsk, picked: list) -> PolicyTurn:
    from clusterbot.bot.offline.unit_replies import describe

    for unit, _ in ask.units:
        ctx.tool_calls.append(ToolCall(name="tasks_for_unit", arguments={"unit": unit}))
    text = _t("unit_set", lang, desc=describe(ask, lang), tasks=[_view(t) for t in picked])
    reply = Reply("answered", text, citations=[cite(ctx.corpus, t) for t in picked])
    units = [unit for unit, _ in ask.units]
    return PolicyTurn(reply, "unit_tasks", Shown([t.clause_id for t in picked], units), units)


def tasks_then_units(ctx, u, asks_who) -> PolicyTurn | None:
    """"X配合哪些任务？这些任务谁牵头？": the tasks picked by the units of the first piece, each with its lead and
    support units, when a later piece asks who holds them without naming a unit."""
    pieces = [p for p in SPLIT.split(u.text.lower()) if p.strip()]
    if len(pieces) < 2:
        return None
    first, rest = pieces[0], pieces[1:]
    ask = unit_sets.read_units(first)
    if ask is None or not unit_sets.asks_tasks(first):
        return None
    if not any(asks_who.search(p) and not unit_sets.mentions(p) and (BACK_AT_TASKS.search(p) or len(p) <= 8)
               for p in rest):
        return None
    if ask.combine == "each":  # two units named without 都/或 in a piece asking one list: the tasks they share
        ask = unit_sets.UnitAsk(ask.units, "all", ask.without)
    return _view_set(ctx, u.lang, ask, unit_sets.select(ctx.corpus.tasks(), ask))


def both_units(ctx, u, shown: Shown) -> PolicyTurn | None:
    """"两家都配合的是哪几项": the last two units asked about one by one, combined in the role the question names."""
    text = u.text.lower()
    if not BOTH_UNITS.search(text) or unit_sets.mentions(text) or len(shown.recent_units) < 2:
        return None
    if not unit_sets.asks_tasks(text):
        return None
    role = unit_sets._role_in(text) or "any"
    either = bool(re.search(r"或|任一|\beither\b|\bany\b", text)) and not unit_sets.ALL.search(text)
    ask = unit_sets.UnitAsk([(unit, role) for unit in shown.recent_units[-2:]], "any" if either else "all")
    return _view_set(ctx, u.lang, ask, unit_sets.select(ctx.corpus.tasks(), ask))


def task_quoted(corpus, piece: str) -> list:
    """The one task whose text shares the longest run (five characters or more) with the question's words."""
    from clusterbot.bot.offline.clause_focus import longest_run
    from clusterbot.bot.offline.corpus_words import fold

    words = fold(piece)
    runs = [(len(longest_run(words, fold(f"{t.title}\n{t.text}"))), t) for t in corpus.tasks()]
    best = max((n for n, _ in runs), default=0)
    picked = [t for n, t in runs if n == best]
    return picked if best >= 5 and len(picked) == 1 else []
