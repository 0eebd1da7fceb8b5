"""Answers over the whole unit–task table: the task with the most (or fewest) units in a role, and the unit
holding the most (or fewest) tasks in a role."""

from __future__ import annotations

from clusterbot.bot.offline import unit_sets
from clusterbot.bot.offline.policy_turn import PolicyTurn, template, view
from clusterbot.bot.offline.referents import Shown
from clusterbot.bot.offline.reply import Reply, cite
from clusterbot.messages import msg


def most_units(ctx, lang: str, role: unit_sets.Role, fewest: bool) -> PolicyTurn:
    tasks = ctx.corpus.tasks()
    counts = {t.clause_id: unit_sets.unit_count(t, role) for t in tasks}
    best = (min if fewest else max)(counts.values())
    picked = [t for t in tasks if counts[t.clause_id] == best]
    text = template("most_units", lang, tasks=[view(t) for t in picked], count=best, fewest=fewest, role=role,
              role_word=msg(f"policy.role_word.{role}", lang))
    reply = Reply("answered", text, citations=[cite(ctx.corpus, t) for t in picked])
    return PolicyTurn(reply, "unit_tasks", Shown([t.clause_id for t in picked], []))


def unit_most(ctx, lang: str, role: unit_sets.Role, fewest: bool) -> PolicyTurn:
    """The unit that holds the most (or fewest) tasks in the role asked, with those tasks."""
    tasks = ctx.corpus.tasks()
    held = {unit: [t for t in tasks if unit_sets.holds(t, unit, role)] for unit in ctx.corpus.units()}
    held = {unit: ts for unit, ts in held.items() if ts}
    best = (min if fewest else max)(len(ts) for ts in held.values())
    units = [unit for unit, ts in held.items() if len(ts) == best]
    picked = [t for t in tasks if any(t in held[unit] for unit in units)]
    text = template("unit_most", lang, units=[{"unit": unit, "tasks": [view(t) for t in held[unit]]} for unit in units],
              count=best, fewest=fewest, role_word=msg(f"policy.role_word.{role}", lang))
    reply = Reply("answered", text, citations=[cite(ctx.corpus, t) for t in picked])
    return PolicyTurn(reply, "unit_tasks", Shown([t.clause_id for t in picked], units, unit_list=len(units) == 1),
                      units)


def same_tasks(ctx, lang: str, ask: unit_sets.UnitAsk) -> PolicyTurn:
    """Whether the units named hold the same tasks in the roles asked: yes or no, then each one's list."""
    tasks = ctx.corpus.tasks()
    held = [(unit, role, [t for t in tasks if unit_sets.holds(t, unit, role)]) for unit, role in ask.units]
    same = all([t.clause_id for t in ts] == [t.clause_id for t in held[0][2]] for _, _, ts in held)
    text = template("same_tasks", lang, same=same,
                    units=[{"unit": unit, "role_word": msg(f"policy.role_word.{role}", lang),
                            "tasks": [view(t) for t in ts]} for unit, role, ts in held],
                    common=[view(t) for t in tasks if all(t in ts for _, _, ts in held)])
    cited = [t for t in tasks if any(t in ts for _, _, ts in held)]
    reply = Reply("answered", text, citations=[cite(ctx.corpus, t) for t in cited])
    units = [unit for unit, _ in ask.units]
    return PolicyTurn(reply, "unit_tasks", Shown([t.clause_id for t in cited], units), units)
