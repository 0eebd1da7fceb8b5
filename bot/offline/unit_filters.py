"""Tasks picked by how many units they list in a role: "只有一家配合单位", "几家一起牵头、没写配合单位".

Each role word of the question (牵头, 配合) may carry a count next to it — none, exactly one, several, or a
number — and an optional scope (省直: the provincial departments only, not the city and county governments).
A task is picked when every count asked holds for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from clusterbot.bot.offline.normalize import cn_to_int
from clusterbot.bot.offline.policy_turn import PolicyTurn, template, view
from clusterbot.bot.offline.referents import Shown
from clusterbot.bot.offline.reply import Reply, cite
from clusterbot.messages import msg

_ROLES = (("lead", "牵头"), ("support", "配合"))
_NUM = r"[一二两三四五六七八九十\d]+"
_SCOPE = r"(?:省直|省级|省属|省里的?)"
_UNIT = r"(?:单位|部门|家单位|个单位|个部门)"
# Which tasks, or whether there is one: the question asks for tasks, not for units.
ASKS_WHICH = re.compile(r"哪[项条个些几]|有没有|有无|是否有|什么任务|\bwhich\b|\bany task")


def _patterns(role: str) -> list[tuple[str, re.Pattern]]:
    return [
        ("zero", re.compile(rf"(?<!有)(?:没有|没|未|不)(?:写|列|设|明确|安排|规定)?(?:任何)?{role}{_UNIT}"
                            rf"|{role}单位(?:一栏)?(?:是|为)?(?:空|无|没有|没写|没列)|无{role}单位")),
        ("one", re.compile(rf"{role}单位(?:里|中|当中)?(?:只有|仅有|就|只|仅)(?:一|1)(?:个|家)(?P<s1>{_SCOPE})?"
                           rf"|(?:只有|仅有|仅由|只由|就)(?:一|1)(?:个|家)(?P<s2>{_SCOPE})?(?:单位|部门)?{role}")),
        ("many", re.compile(rf"(?:几|多|不止一)(?:个|家)(?:以上)?(?P<s1>{_SCOPE})?(?:单位|部门)?(?:一起|共同|联合|同时)?{role}"
                            rf"|{role}单位(?:有)?(?:多个|多家|不止一个|不止一家)")),
        ("exact", re.compile(rf"(?P<n>{_NUM})(?:个|家)(?P<s1>{_SCOPE})?(?:单位|部门)(?:一起|共同|联合)?{role}"
                             rf"|{role}单位(?:有|是)?(?P<n2>{_NUM})(?:个|家)(?P<s2>{_SCOPE})?")),
    ]


@dataclass
class Count:
    role: str
    kind: str  # zero, one, many, exact
    n: int = 0
    province_only: bool = False

    def holds(self, clause) -> bool:
        units = clause.lead_units if self.role == "lead" else clause.support_units
        if self.province_only:
            units = [u for u in units if u.startswith("省")]
        return {"zero": len(units) == 0, "one": len(units) == 1, "many": len(units) > 1,
                "exact": len(units) == self.n}[self.kind]


def counts_asked(text: str) -> list[Count]:
    """The counts the question asks of each role, empty when it asks none or does not ask which tasks."""
    if not ASKS_WHICH.search(text):
        return []
    found: list[Count] = []
    for role, word in _ROLES:
        for kind, pattern in _patterns(word):
            m = pattern.search(text)
            if m is None:
                continue
            groups = m.groupdict()
            n = groups.get("n") or groups.get("n2")
            number = (int(n) if n.isdigit() else cn_to_int(n) or 0) if n else 0
            scoped = bool(groups.get("s1") or groups.get("s2"))
            found.append(Count(role, "one" if kind == "exact" and number == 1 else kind, number, scoped))
            break
    return found


def _describe(count: Count, lang: str) -> str:
    scope = msg("policy.count.scope_province", lang) if count.province_only else ""
    return msg(f"policy.count.{count.kind}", lang, n=count.n, scope=scope,
               role_word=msg(f"policy.role_word.{count.role}", lang))


def by_count(ctx, lang: str, counts: list[Count]) -> PolicyTurn:
    picked = [t for t in ctx.corpus.tasks() if all(c.holds(t) for c in counts)]
    sep = "、" if lang == "zh" else "; "
    text = template("unit_count", lang, desc=sep.join(_describe(c, lang) for c in counts), tasks=[view(t) for t in picked])
    reply = Reply("answered", text, citations=[cite(ctx.corpus, t) for t in picked])
    return PolicyTurn(reply, "unit_tasks", Shown([t.clause_id for t in picked], []))
