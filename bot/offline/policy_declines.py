"""Declines of a question, or one piece of it, asking for what the guidance's record does not hold."""

from __future__ import annotations

import re

from clusterbot.bot.offline import text_answers, unit_checks
from clusterbot.messages import msg


def declined_part(text: str, units: list[str]) -> str | None:
    """The decline of a question (or one piece of it) asking for something the record does not hold."""
    from clusterbot.bot.offline.registry import has

    lang = "en" if not re.search(r"[\u4e00-\u9fff]", text) else "zh"
    fields = text_answers.missing_fields(text)
    if fields:
        joiner = "、" if lang == "zh" else ", "
        return msg("policy.field_missing", lang, field=joiner.join(msg(f"policy.field.{key}", lang) for key in fields))
    department = unit_checks.unknown_department(text, units)
    if department:
        return msg("engine.unknown_unit", lang, name=department)
    if text_answers.asks_person(text, units):
        return msg("policy.person", lang)
    what = text_answers.asks_details(text)
    if what:
        return msg("policy.details", lang, what=what)
    if has(text, "MONEY") and not has(text, "GAP_WORDS"):
        return msg("engine.no_amount", lang)
    return None
