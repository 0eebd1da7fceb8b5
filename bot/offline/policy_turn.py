"""The answer a policy reader gives: its reply, the kind it answered, and what the next turn may point at."""

from __future__ import annotations

from dataclasses import dataclass, field

from clusterbot.bot.offline.referents import Shown
from clusterbot.bot.offline.reply import Reply
from clusterbot.templates import render


@dataclass
class PolicyTurn:
    """An answer of the policy readers, what it lists for the next turn, and the kind it answered."""

    reply: Reply
    intent: str
    shown: Shown = field(default_factory=Shown)
    units: list[str] = field(default_factory=list)


def view(clause) -> dict:
    return {"title": clause.title, "label": clause.label, "lead_units": clause.lead_units,
            "support_units": clause.support_units}


def template(name: str, lang: str, **values) -> str:
    return render(f"answer/policy/{name}.{lang}", **values)


def decline(ctx, lang: str, text: str, intent: str = "policy_decline") -> PolicyTurn:
    return PolicyTurn(Reply("no_data", text), intent)


def sole_lead(clause) -> list[str]:
    """The unit "它" may mean after one task is shown: its lead unit, when it has one only."""
    return list(clause.lead_units) if len(clause.lead_units) == 1 else []
