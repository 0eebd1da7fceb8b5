"""Questions about the targets clause (二) and its indicator table that read the text itself: a table row asked by
its place (第六项, 下一项, 最后一项), which years the table has a column for, and how one target year words a term
of the text (五个一 … 全面建立)."""

from __future__ import annotations

import re

from clusterbot.bot.offline import referents
from clusterbot.bot.offline.indicator_words import indicators_named
from clusterbot.bot.offline.policy_turn import PolicyTurn, decline, template
from clusterbot.bot.offline.referents import Shown
from clusterbot.bot.offline.reply import Reply, cite
from clusterbot.bot.offline.slots import extract
from clusterbot.bot.offline.unit_sets import YES_NO
from clusterbot.lazy_regex import LazyPattern
from clusterbot.messages import msg
from clusterbot.models import ToolCall
from clusterbot.tools.policy_targets import POLICY_YEARS, TARGET_CLAUSE

# The table named as such (its caption's words), not an indicator of it.
TABLE_NAMED = LazyPattern(r"指标表|主要指标|指标一览|\bindicator table\b|\btable of (?:main )?indicators\b", re.I)
# A column of the table asked for: a year the question names, asked whether it is there.
COLUMN_ASKED = LazyPattern(r"(?:那|这)?[一1]?(?:列|栏)|\bcolumn\b|目标值|数值|数据", re.I)
# A target year written as the one a target is set for (到2030年, by 2030, 2030年要…).
YEAR_OF_TARGET = LazyPattern(r"(?:到|至|by)\s*(20\d\d)|(20\d\d)\s*年?\s*\S{0,12}?要", re.I)
_UNIT_WORDS = {"万亿": "万亿元"}
# A place in the table's order: 第六项, 排第三的, row 2, the fourth one.
ROW_ORDINAL = LazyPattern(r"第\s*(\d{1,2}|[一二两三四五六七八九十]{1,3})(?!\s*(?:年|部分|章))|\brow (\d{1,2})\b"
                          r"|\bthe (first|second|third|fourth|fifth|sixth|seventh|eighth)\b", re.I)
_ENGLISH = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8}


def answer(ctx, u, shown: Shown) -> PolicyTurn | None:
    """The reply of one of these readers, or None when the question is none of theirs."""
    text = u.text.lower()
    rows = ctx.corpus.indicator_rows()
    if not rows:
        return None
    row = _row_asked(text, rows, shown)
    if row == "end":
        return decline(ctx, u.lang, msg("policy.end_of_table", u.lang, n=len(rows)))
    if row is not None:
        code = _code_of(ctx, row.table_row.indicator)
        if code is not None:  # a target year asked next is of this row
            u.carried["indicators"] = [code]
        return _row_reply(ctx, u.lang, row, rows)
    shown_row = _shown_row(ctx, u, text, rows, shown)
    if shown_row is not None:  # a year asked right after a row: that row's figure for the year
        years = [str(y) for y in sorted(set(extract(text).years))]
        return _row_reply(ctx, u.lang, shown_row, rows, years)
    columns = _columns(ctx, u, text, rows)
    if columns is not None:
        return columns
    return _term_in_year(ctx, u, text)


def _row_asked(text: str, rows: list, shown: Shown):
    """The row an ordinal points at: counted in the table when the question names it, or a neighbour of the row
    the last answer showed (下一项, 第七项, 最后一项)."""
    ids = [r.clause_id for r in rows]
    ordinal = ROW_ORDINAL.search(text)
    last = referents.LAST_ONE.search(text)
    if TABLE_NAMED.search(text) and (ordinal or last):
        n = len(rows) if last and not ordinal else _place(ordinal)
        return rows[n - 1] if 1 <= n <= len(rows) else "end"
    # the row shown last, also when a target of it was asked in between (a year, then 下一项)
    current = [c for c in shown.clauses or shown.recent[-1:] if c in ids]
    if len(current) != 1 or len(text) > 24:  # one row shown, and a short follow-up, not a question of its own
        return None
    at = ids.index(current[0])
    if ordinal:
        at = _place(ordinal) - 1
    elif last:
        at = len(rows) - 1
    elif referents.NEXT.search(text):
        at += 1
    elif referents.PREVIOUS.search(text):
        at -= 1
    else:
        return None
    return rows[at] if 0 <= at < len(rows) else "end"


def _code_of(ctx, name: str) -> str | None:
    """The store's code of the indicator a table row prints."""
    from clusterbot.tools.store import snapshot

    return next((code for code, (label, *_rest) in snapshot(ctx.settings).indicators.items() if label == name), None)


def _place(m: re.Match[str] | None) -> int:
    if m is None:
        return 0
    if m.group(3):
        return _ENGLISH[m.group(3).lower()]
    return referents.ordinal_number(m.group(1) or m.group(2))


def _value(value, unit: str) -> str:
    if isinstance(value, str):
        return value
    return f"{value:g}{_UNIT_WORDS.get(unit, unit)}"  # as printed: the table's own digits


def _shown_row(ctx, u, text: str, rows: list, shown: Shown):
    """The one row the last answer showed, when this short question asks only a year of the table of it."""
    current = [ctx.corpus.clause(c) for c in shown.clauses if c.startswith(rows[0].parent_id + ".")]
    if len(current) != 1 or len(shown.clauses) != 1 or len(text) > 24 or u.entities:
        return None
    row = current[0]
    held = row.table_row.values
    years = extract(text).years  # this turn's own years, not those a follow-up carries
    if not years or not all(str(y) in held for y in years) or indicators_named(u.text, u):
        return None
    return row


def _row_reply(ctx, lang: str, row, rows: list, years: list[str] | None = None) -> PolicyTurn:
    table = ctx.corpus.clause(row.parent_id)
    ctx.tool_calls.append(ToolCall(name="get_clause", arguments={"clause_id": row.clause_id}))
    data = row.table_row
    values = [{"year": y, "value": _value(v, data.unit)} for y, v in data.values.items() if not years or y in years]
    text = template("indicator_row", lang, n=data.row, total=len(rows), indicator=data.indicator,
                    table=table.title if table else "", label=table.label if table else row.label, values=values)
    reply = Reply("answered", text, citations=[cite(ctx.corpus, row, quote=row.text)])
    return PolicyTurn(reply, "clause", Shown([row.clause_id], []))


def _columns(ctx, u, text: str, rows: list) -> PolicyTurn | None:
    """Whether the table has a column for a year: the years it holds, and whether the one asked is among them."""
    if not TABLE_NAMED.search(text) or not u.slots.years or indicators_named(u.text, u) \
            or not (YES_NO.search(text) and COLUMN_ASKED.search(text)):
        return None
    table = ctx.corpus.clause(rows[0].parent_id)
    if table is None:
        return None
    held = [int(y) for y in rows[0].table_row.values]
    asked = sorted(set(u.slots.years))
    ctx.tool_calls.append(ToolCall(name="get_clause", arguments={"clause_id": table.clause_id}))
    text = template("indicator_columns", u.lang, table=table.title, label=table.label, held=held, asked=asked,
                    has=all(y in held for y in asked), base=held[0])
    return PolicyTurn(Reply("answered", text, citations=[cite(ctx.corpus, table)]), "clause", Shown([table.clause_id]))


def _term_in_year(ctx, u, text: str) -> PolicyTurn | None:
    """A term of the text asked for a target year ("到2030年X要做到什么程度"), read elsewhere than as a target: the
    sentence of that year's targets that names it."""
    from clusterbot.bot.offline.corpus_words import fold, sentences

    term = u.slots.term
    m = YEAR_OF_TARGET.search(text)
    if not term or m is None or u.intent == "province":
        return None
    year = int(m.group(1) or m.group(2))
    clause = ctx.corpus.clause(TARGET_CLAUSE)
    if year not in POLICY_YEARS or clause is None:
        return None
    paragraph = next((p for p in clause.text.split("\n") if re.match(rf"\s*到\s*{year}\s*年", p)), "")
    said = [s for part in sentences(paragraph) for s in re.split(r"[；;]", part) if fold(term) in fold(s)]
    if not said:
        return None
    quote = said[0].strip().rstrip("。；;，,")
    body = re.split(r"[，,]", quote)
    quote = next((b for b in body if fold(term) in fold(b)), quote)
    text = template("target_term", u.lang, year=year, label=clause.label, title=clause.title, quote=quote)
    return PolicyTurn(Reply("answered", text, citations=[cite(ctx.corpus, clause, quote=quote)]), "province",
                      Shown([clause.clause_id]))
