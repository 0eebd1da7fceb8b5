"""Replies quoted from the policy text: whether it mentions a phrase, what it says a term is, the indicator
table as a list, and what it leaves out (criteria, items, the contents of plans it only refers to)."""

from __future__ import annotations

import re

from clusterbot.bot.offline import locate, text_answers
from clusterbot.bot.offline.policy_turn import PolicyTurn, decline, template
from clusterbot.bot.offline.referents import Shown
from clusterbot.bot.offline.reply import Reply, cite
from clusterbot.lazy_regex import LazyPattern
from clusterbot.messages import msg
from clusterbot.models import ToolCall
from clusterbot.templates import render

MEANING = LazyPattern(r"指|意思|含义|定义|\bmeans?\b|\bmeant\b")


def beyond_the_text(ctx, lang: str, text: str) -> PolicyTurn | None:
    """What counts as X, which items X stands for, what a plan X holds: quoted where the text says it, else
    declined by name — never answered with the sentence that merely mentions X."""
    corpus = ctx.corpus
    referred = text_answers.referred_content(text, corpus)
    if referred is not None:
        return decline(ctx, lang, msg("policy.no_content", lang, term=referred), "search")
    members = text_answers.members_asked(text, corpus)
    if members is not None:
        if text_answers.defining_sentence(corpus, members) is not None:
            return define(ctx, lang, members)
        used = text_answers.first_use(corpus, members)
        if used is None or not MEANING.search(text):
            return decline(ctx, lang, msg("policy.no_members", lang, term=members), "definition")
        # what the term means, asked of a term the text never spells out: say so, and show where it stands
        return cited(ctx, "members_unlisted", lang, used.clause, used.sentence, quote=used.sentence, term=members)
    criteria = text_answers.criteria_asked(text, corpus)
    if criteria is None:
        return None
    term, found = criteria
    if found is None:
        return decline(ctx, lang, msg("policy.no_criteria", lang, term=term), "definition")
    return cited(ctx, "per_quantity", lang, found.clause, found.sentence, quote=found.sentence.rstrip("。；"))


def cited(ctx, name: str, lang: str, clause, sentence: str, **values) -> PolicyTurn:
    ctx.tool_calls.append(ToolCall(name="search_policy", arguments={"query": sentence[:40], "k": 5}))
    text = template(name, lang, label=clause.label, title=clause.title, lead_units=clause.lead_units,
                    support_units=clause.support_units, **values)
    reply = Reply("answered", text, citations=[cite(ctx.corpus, clause, quote=sentence)])
    return PolicyTurn(reply, "search", Shown([clause.clause_id], []))


def mention(ctx, lang: str, phrase: str) -> PolicyTurn:
    from clusterbot.bot.offline.corpus_words import fold

    hits = text_answers.find_mention(ctx.corpus, phrase)
    if not hits:
        return decline(ctx, lang, msg("policy.not_mentioned", lang, phrase=phrase), "search")
    hit = hits[0]
    return cited(ctx, "mention", lang, hit.clause, hit.sentence, quote=hit.sentence, phrase=phrase,
                  exact=fold(phrase) in fold(hit.sentence))


def define(ctx, lang: str, term: str) -> PolicyTurn:
    defined = text_answers.defining_sentence(ctx.corpus, term)
    if defined is not None:
        text = render(f"answer/definition.{lang}", term=term, quote=defined.sentence, label=defined.clause.label,
                      title=defined.clause.title, lead_units=defined.clause.lead_units)
        reply = Reply("answered", text, citations=[cite(ctx.corpus, defined.clause, quote=defined.sentence)])
        return PolicyTurn(reply, "definition", Shown([defined.clause.clause_id], []))
    used = text_answers.first_use(ctx.corpus, term)
    if used is None:
        return decline(ctx, lang, msg("policy.not_mentioned", lang, phrase=term), "definition")
    return cited(ctx, "term_undefined", lang, used.clause, used.sentence, quote=used.sentence, term=term)


def table(ctx, lang: str) -> PolicyTurn | None:
    """The indicator table as a list: how many indicators it holds, and which."""
    rows = ctx.corpus.indicator_rows()
    table = ctx.corpus.clause(rows[0].parent_id) if rows and rows[0].parent_id else None
    if table is None:
        return None
    ctx.tool_calls.append(ToolCall(name="get_clause", arguments={"clause_id": table.clause_id}))
    text = template("indicator_table", lang, title=table.title, label=table.label, rows=[r.title for r in rows])
    reply = Reply("answered", text, citations=[cite(ctx.corpus, table)])
    return PolicyTurn(reply, "clause", Shown([r.clause_id for r in rows], []))


def where(ctx, raw: str, text: str, lang: str, off_topic: bool = False) -> PolicyTurn | None:
    """The clause a phrase of the text stands in, for a question asking where it is; None for other questions
    (and for a question with other pieces, which the other readers answer whole).

    `off_topic`: the question was read as outside the domain; only a term the text holds is looked for."""
    pieces = [p for p in re.split(r"[？?。；;！!]+|\s{1,}(?=[\u4e00-\u9fff])", text.strip()) if p.strip()]
    if not locate.asks_where(text) or (len(pieces) > 1 and not all(locate.asks_where(p) for p in pieces)):
        return None
    if re.search(r"[\u4e00-\u9fff]", text):
        phrase = locate.phrase_of(raw, text)
        if len(phrase) < 2:
            return None
        found = locate.find(ctx.corpus, phrase)
        if found is None:
            quoted = bool(re.search(r"[“\"「『]", raw or ""))  # a quotation the text lacks is not in it
            return decline(ctx, lang, msg("policy.not_mentioned", lang, phrase=phrase), "search") if quoted else None
    else:
        found = locate.find_english(ctx, text, search=not off_topic)
        if found is None:
            return None
    return cited(ctx, "locate", lang, found.clause, found.sentence, quote=found.sentence.rstrip("。；"))


# How the document is divided: its parts, counted or named.
PARTS_ASKED = LazyPattern(r"(?:分|有|包括|包含|由)(?:几|多少|哪几)(?:个|大)?(?:部分|块|章|大块|板块)|(?:几|哪几)(?:个|大)?部分"
                         r"|\bhow many (?:parts|sections)\b|\bwhat are the (?:parts|sections)\b")


def parts(ctx, text: str, lang: str) -> PolicyTurn | None:
    """The document's top-level parts, for a question asking how it is divided (structure, so nothing is cited)."""
    if not PARTS_ASKED.search(text):
        return None
    top = [c for c in ctx.corpus.clauses() if c.kind == "section" and c.parent_id is None]
    if not top:
        return None
    body = template("document_parts", lang, parts=[{"label": c.label, "title": c.title} for c in top])
    return PolicyTurn(Reply("answered", body), "clause", Shown([c.clause_id for c in top], []))


def listed(ctx, text: str, lang: str, known: str = "") -> PolicyTurn | None:
    """Which items: the sentence of the text that lists them, quoted with its clause."""
    found = locate.listed_sentence(ctx.corpus, text, known)
    if found is None:
        return None
    return cited(ctx, "per_quantity", lang, found.clause, found.sentence, quote=found.sentence.rstrip("。；"))


# "靠谁来共建", "联合谁来做": who does a thing the text describes, asked with the text's own verb rather than
# a role of the unit table (牵头, 配合); the sentence holding that verb names them.
WHO_VERB = LazyPattern(r"谁(?:来|去|一起|一道)?(?P<after>[\u4e00-\u9fff]{2})|(?P<before>联合|会同|依托|携手|依靠)谁")
_ROLE_VERBS = LazyPattern(r"^(?:牵头|负责|配合|主抓|主管|协助|参与|管理|主责|来管|来抓|分管)")
_ASKING = LazyPattern(r"谁|是否|是不是|有没有|吗|呢|怎么|如何|什么|哪|请问|文件|原文|政策|要求|如果有|来做|[，,。？?！!“”\"\s]")


def actors(ctx, raw: str, text: str, lang: str) -> PolicyTurn | None:
    """The sentence that says who does what the question describes, for a 谁 asked with the text's own verb."""
    from clusterbot.bot.offline.corpus_words import fold, sentences

    m = WHO_VERB.search(fold(text))
    if m is None or lang != "zh":
        return None
    verb = m.group("after") or m.group("before")
    if _ROLE_VERBS.match(verb):
        return None
    quoted = [fold(q) for q in text_answers.QUOTED.findall(raw or "")]
    words = _ASKING.sub(" ", fold(text).replace(verb, " "))
    asked = {w[i:i + 2] for w in words.split() for i in range(len(w) - 1)}
    best: tuple[int, object, str] | None = None
    for clause in ctx.corpus.clauses():
        if clause.kind in ("table", "table_row"):
            continue
        for sentence in sentences(clause.text):
            folded = fold(sentence)
            if verb not in folded or not all(q in folded for q in quoted):
                continue
            score = len(asked & {folded[i:i + 2] for i in range(len(folded) - 1)})
            if score >= 2 and (best is None or score > best[0]):
                best = (score, clause, sentence)
    if best is None:
        return None
    _, clause, sentence = best
    turn = cited(ctx, "per_quantity", lang, clause, sentence, quote=sentence.rstrip("。；"))
    if re.search(r"是否|是不是|有没有|吗", text.split("，")[0]):
        turn.reply.text = f"{msg('policy.yes', lang)}{turn.reply.text}"
    return turn
