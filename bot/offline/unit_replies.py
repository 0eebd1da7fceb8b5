"""Answers from the unit–task table: a unit's tasks by role and set operations over units, a unit's role in one
task, whether a task lists units in a role, and the task (or unit) with the most or fewest in a role."""

from __future__ import annotations

from clusterbot.bot.offline import unit_sets
from clusterbot.bot.offline.policy_turn import PolicyTurn, sole_lead, template, view
from clusterbot.bot.offline.referents import Shown
from clusterbot.bot.offline.reply import Reply, cite
from clusterbot.bot.offline.unit_sets import YES_NO
from clusterbot.messages import msg
from clusterbot.models import ToolCall
from clusterbot.templates import render


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


def role_listed(ctx, lang: str, clause, role: str) -> PolicyTurn:
    units = clause.lead_units if role == "lead" else clause.support_units
    verdict = msg("policy.role_listed" if units else "policy.role_not_listed", lang, title=clause.title,
                  role_word=msg(f"policy.role_word.{role}", lang))
    body = template("task_units", lang, t=view(clause), focus=role)
    reply = Reply("answered", f"{verdict}\n\n{body}", citations=[cite(ctx.corpus, clause)])
    return PolicyTurn(reply, "who_leads", Shown([clause.clause_id], sole_lead(clause)))


def yes_no_role(ctx, lang: str, ask: unit_sets.UnitAsk, clause, plain: bool = False) -> PolicyTurn:
    unit, role = ask.units[0]
    actual = "lead" if unit in clause.lead_units else ("support" if unit in clause.support_units else None)
    yes = actual is not None and (role == "any" or role == actual)
    text = template("yesno_role", lang, yes=yes, unit=unit, actual=actual, t=view(clause), plain=plain)
    reply = Reply("answered", text, citations=[cite(ctx.corpus, clause)])
    return PolicyTurn(reply, "who_leads", Shown([clause.clause_id], [unit]), [unit])



def describe(ask: unit_sets.UnitAsk, lang: str) -> str:
    roles = {role for _, role in ask.units}
    word = msg("policy.and", lang)
    joiner = f" {word} " if lang == "en" else word
    names = joiner.join(unit for unit, _ in ask.units)
    sep = "、" if lang == "zh" else "; "
    if not ask.units:
        desc = ""
    elif len(roles) == 1:
        word = msg(f"policy.role_word.{next(iter(roles))}", lang)
        key = "policy.one_as" if len(ask.units) == 1 else ("policy.any_as" if ask.combine == "any" else "policy.all_as")
        desc = msg(key, lang, units=names, role_word=word)
    else:
        desc = sep.join(msg(f"policy.role.{role}", lang, unit=unit) for unit, role in ask.units)
    ruled_out = [msg("policy.not_as", lang, unit=unit, role_word=msg(f"policy.role_word.{role}", lang))
                 for unit, role in ask.without]
    return sep.join(part for part in [desc, *ruled_out] if part)


def unit_tasks(ctx, u, ask: unit_sets.UnitAsk) -> PolicyTurn:
    lang = u.lang
    corpus = ctx.corpus
    tasks = corpus.tasks()
    units = [unit for unit, _ in ask.units]
    for unit in units:
        ctx.tool_calls.append(ToolCall(name="tasks_for_unit", arguments={"unit": unit}))
    if (len(ask.units) == 1 or ask.combine == "each") and not ask.without:
        texts, cited = [], []
        for unit, role in ask.units:
            led = [t for t in tasks if unit in t.lead_units] if role in ("lead", "any") else []
            supported = [t for t in tasks if unit in t.support_units] if role in ("support", "any") else []
            texts.append(render(f"answer/unit_tasks.{lang}", unit=unit, led=[view(c) for c in led],
                                supported=[view(c) for c in supported], lead_only=role == "lead",
                                support_only=role == "support"))
            cited += [t for t in led + supported if t not in cited]
        if len(ask.units) == 1 and YES_NO.search(u.text.lower()) and ask.units[0][1] != "any":
            # "林业局是不是牵头单位": yes or no first, then the tasks that decide it; a no shows the other role's
            unit, role = ask.units[0]
            if not cited:
                other = "support" if role == "lead" else "lead"
                cited = [t for t in tasks if unit_sets.holds(t, unit, other)]
                texts.append(render(f"answer/unit_tasks.{lang}", unit=unit, led=[view(c) for c in cited] * (other == "lead"),
                                    supported=[view(c) for c in cited] * (other == "support"),
                                    lead_only=other == "lead", support_only=other == "support"))
            texts.insert(0, msg("policy.yes" if any(unit_sets.holds(t, unit, role) for t in cited) else "policy.no",
                                lang))
        reply = Reply("answered", "\n\n".join(texts), citations=[cite(corpus, t) for t in cited])
        if len(ask.units) == 1 and not cited:
            reply.status = "answered"
        shown = Shown([t.clause_id for t in cited], units, unit_list=len(units) == 1, role=ask.units[0][1])
        if len(ask.units) == 1 and len([t for t in tasks if units[0] in t.lead_units]) == 1:
            u.carried["clause"] = next(t.clause_id for t in tasks if units[0] in t.lead_units)
        return PolicyTurn(reply, "unit_tasks", shown, units)
    picked = unit_sets.select(tasks, ask)
    text = template("unit_set", lang, desc=describe(ask, lang), tasks=[view(t) for t in picked])
    reply = Reply("answered", text, citations=[cite(corpus, t) for t in picked])
    return PolicyTurn(reply, "unit_tasks", Shown([t.clause_id for t in picked], units), units)
