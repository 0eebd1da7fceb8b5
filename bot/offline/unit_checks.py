"""Checks on how a question names responsible units: role words typed with a same-sounding slip, and departments
the guidance never lists."""

from __future__ import annotations

import re

from clusterbot.lazy_regex import LazyPattern

# Only the support role: a lead slip (签头) already reads as a who-leads question.
ROLE_WORDS = ("配合",)
# Real words one sound away from a role word: never read as a slip.
_REAL_WORDS = {"前头"}
# A role slip is only read so where units are being talked about.
_UNIT_CONTEXT = LazyPattern(r"厅|局|委|办|政府|单位|部门|任务")
# A department named by its short form (住建厅, 统计局): two characters before the office word.
_DEPARTMENT = LazyPattern(r"([\u4e00-\u9fff]{2})(厅|局)")
# Two characters that only point at a department (哪个局, 这个厅) name none.
_POINTING = LazyPattern(r"[哪这那该本各每某个些什么们里]")
# Office words inside ordinary words (布局, 格局, 大厅) name no department.
_NOT_OFFICE = LazyPattern(r"[布格全大结开时当饭棋定战客餐展歌舞门][厅局]")
_ASKS_ROLE = LazyPattern(r"牵头|配合|任务|工作|负责|参与|角色|分工")


def fix_role_slips(text: str) -> str:
    """`陪合` → `配合`: a role word with one character swapped for one of the same sound."""
    if not _UNIT_CONTEXT.search(text):
        return text
    from clusterbot.bot.offline.typos import one_off, sounds_same

    out = list(text)
    for i in range(len(text) - 1):
        pair = text[i:i + 2]
        if pair in ROLE_WORDS or pair in _REAL_WORDS:
            continue
        for word in ROLE_WORDS:
            if one_off(pair, word) and sounds_same(pair, word):
                out[i:i + 2] = list(word)
    return "".join(out)


def unknown_department(text: str, known_units: list[str]) -> str | None:
    """A department the question asks about by a short form no unit of the guidance answers to, or None.

    Only when the question names no listed unit and asks about roles or tasks: the guidance does not list that
    department, so no clause answers for it."""
    from clusterbot.retrieval.units import alias_table, fold

    if known_units or not _ASKS_ROLE.search(text):
        return None
    aliases = [a for a in alias_table() if not a.isascii()]
    for match in _DEPARTMENT.finditer(text):
        name = match.group(0)
        if _POINTING.search(match.group(1)) or re.match(r"^[省市县]", name) or _NOT_OFFICE.search(name):
            continue
        if not any(fold(name) in alias or alias.endswith(fold(name)) for alias in aliases):
            return name
    return None
