"""Answers from the policy text: clauses, who leads what, what a unit leads, definitions."""

from __future__ import annotations

import re

from clusterbot.bot.offline import clause_focus
from clusterbot.bot.offline.reply import Reply, cite, quote_for, sentences
from clusterbot.bot.offline.understand import Understanding
from clusterbot.errors import ClusterbotError
from clusterbot.lazy_regex import LazyPattern
from clusterbot.messages import msg
from clusterbot.models import ToolCall
from clusterbot.templates import render

# Shared phrases that prove nothing about which clause is meant.
GENERIC_RUN = LazyPattern(r".{0,2}(集群|产业集群|特色产业|县域特色|高质量发展|支持集群|推动集群|集群企业).{0,2}")


def _t(name: str, u: Understanding, **values) -> str:
    return render(f"answer/{name}.{u.lang}", **values)


def _task_view(clause) -> dict:
    return {"title": clause.title, "label": clause.label, "lead_units": clause.lead_units,
            "support_units": clause.support_units}


def find_task_clauses(ctx, u: Understanding) -> list:
    """Task clauses named by the question: by task title keywords first, then by search."""
    corpus = ctx.corpus
    tasks = corpus.tasks()
    found = []
    for title in u.slots.tasks:
        key = title.replace("“", "").replace("”", "")
        for clause in tasks:
            if clause.title.replace("“", "").replace("”", "") == key and clause not in found:
                found.append(clause)
    if found:
        return found
    earlier = ctx.corpus.clause(u.carried["clause"]) if u.followup and u.carried.get("clause") else None
    if earlier is not None and earlier.lead_units:  # who leads "this work", asked after a definition or a clause
        return [earlier]
    hits = ctx.search(u.text, 5)
    ctx.tool_calls.append(ToolCall(name="search_policy", arguments={"query": u.text, "k": 5}))
    for hit in hits:
        clause = corpus.clause(hit.clause_id, hit.doc_id)
        if clause is not None and clause.lead_units:
            return [clause]
    return []


def who_leads(ctx, u: Understanding) -> Reply:
    clauses = find_task_clauses(ctx, u)
    if not clauses:
        topic = u.slots.tasks[0] if u.slots.tasks else u.text
        return ctx.not_answerable(u, "no_data", msg("engine.no_task", u.lang, topic=topic))
    ctx.tool_calls.append(ToolCall(name="get_clause", arguments={"clause_ids": [c.clause_id for c in clauses]}))
    if len(clauses) == 1 and len(clauses[0].lead_units) == 1:
        u.carried["unit_ref"] = clauses[0].lead_units[0]  # what "它" means in the next turn ("它还牵头哪些")
    text = _t("who_leads", u, tasks=[_task_view(c) for c in clauses])
    return Reply("answered", text, citations=[cite(ctx.corpus, c) for c in clauses])



def unit_tasks(ctx, u: Understanding) -> Reply:
    name = u.units[0]
    ctx.tool_calls.append(ToolCall(name="tasks_for_unit", arguments={"unit": name}))
    try:
        result = ctx.corpus.tasks_for_unit(name)
    except ClusterbotError:
        return ctx.not_answerable(u, "no_data", msg("engine.unknown_unit", u.lang, name=name))
    if not (result.led or result.supported):
        return ctx.not_answerable(u, "no_data", msg("engine.unknown_unit", u.lang, name=name))
    lead_only = u.has("LEAD_ONLY") or (u.has("LEAD_ASKED") and not u.has("SUPPORT_WORD"))
    support_only = not lead_only and u.has("SUPPORT_ONLY") and not u.has("LEAD_WORD")
    led = [] if support_only else result.led
    if len(result.led) == 1:
        u.carried["clause"] = result.led[0].clause_id  # "the one it leads" in the next turn
    supported = [] if lead_only else result.supported
    text = _t("unit_tasks", u, unit=result.unit, led=[_task_view(c) for c in led],
              supported=[_task_view(c) for c in supported], lead_only=lead_only, support_only=support_only)
    return Reply("answered", text, citations=[cite(ctx.corpus, c) for c in led + supported])


def clause(ctx, u: Understanding) -> Reply:
    ref = u.slots.clause_ref
    ctx.tool_calls.append(ToolCall(name="get_clause", arguments={"clause_id": ref}))
    found = ctx.corpus.clause(ref)
    if found is None:
        return ctx.not_answerable(u, "no_data", msg("engine.no_clause", u.lang, ref=ref))
    u.carried["clause"] = found.clause_id
    return clause_reply(ctx, u, found)


def clause_reply(ctx, u: Understanding, found) -> Reply:
    children = ctx.corpus.children(found.clause_id, found.doc_id or None)
    text = _t("clause", u, label=found.label, title=found.title, breadcrumb=found.breadcrumb,
              text=found.text, lead_units=found.lead_units, support_units=found.support_units,
              children=[{"label": c.label, "title": c.title, "lead_units": c.lead_units} for c in children])
    quote = sentences(found.text)[0] if found.text else found.title
    citations = [cite(ctx.corpus, found, quote=quote)]
    citations += [cite(ctx.corpus, c) for c in children if c.lead_units]  # the units listed come from the tasks
    return Reply("answered", text, citations=citations)


def task_content(ctx, u: Understanding) -> Reply:
    clauses = find_task_clauses(ctx, u)
    if not clauses:
        return ctx.not_answerable(u, "no_data", msg("engine.no_task", u.lang, topic=u.text))
    return clause_reply(ctx, u, clauses[0])


def definition(ctx, u: Understanding) -> Reply:
    """Quote the clause that explains the term (the one with 即/是 near it), else the first that uses it."""
    term = u.slots.term or ""
    ctx.tool_calls.append(ToolCall(name="search_policy", arguments={"query": term, "k": 5}))
    candidates = [c for c in ctx.corpus.clauses() if term in (c.text or "") and c.kind != "table_row"]
    if not candidates:
        return ctx.not_answerable(u, "no_data", msg("engine.no_task", u.lang, topic=term))

    def explains(c) -> int:
        sentence = quote_for(c, term, limit=400)
        return 2 if "即" in sentence else (1 if term in c.title else 0)

    best = max(candidates, key=lambda c: (explains(c), -candidates.index(c)))
    u.carried["clause"] = best.clause_id
    quote = quote_for(best, term, limit=400)
    text = _t("definition", u, term=term, quote=quote, label=best.label, title=best.title,
              lead_units=best.lead_units)
    return Reply("answered", text, citations=[cite(ctx.corpus, best, quote=quote)])


# "集群（基地）（以下简称“集群”）": where the policy names its own short forms.
SHORT_FORM = LazyPattern(r"[（(]以下简称[“\"]([^”\"]{1,12})[”\"][)）]")


def abbreviation(ctx, u: Understanding) -> Reply:
    """"集群是什么的简称？": quote the sentence where the policy introduces the short form."""
    ctx.tool_calls.append(ToolCall(name="search_policy", arguments={"query": "以下简称", "k": 5}))
    for c in ctx.corpus.clauses():
        for m in SHORT_FORM.finditer(c.text or ""):
            short = m.group(1)
            if short in u.text:
                quote = quote_for(c, m.group(0), limit=400)
                text = _t("definition", u, term=short, quote=quote, label=c.label, title=c.title,
                          lead_units=c.lead_units)
                return Reply("answered", text, citations=[cite(ctx.corpus, c, quote=quote)])
    return search_answer(ctx, u)


def _common_run(a: str, b: str) -> str:
    """The longest run of characters the question shares with a clause (for grounding a search hit)."""
    best = ""
    for i in range(len(a)):
        for j in range(i + len(best) + 1, len(a) + 1):
            if a[i:j] in b:
                best = a[i:j]
            else:
                break
    return best


def search_answer(ctx, u: Understanding) -> Reply:
    """A question no rule recognised: answer from the clause that shares a real phrase with it, or say so."""
    if not re.search(r"[\u4e00-\u9fffA-Za-z0-9]", u.text):
        return ctx.not_answerable(u, "no_data", msg("engine.not_understood", u.lang))
    ctx.tool_calls.append(ToolCall(name="search_policy", arguments={"query": u.text, "k": 3}))
    for hit in ctx.search(u.text, 3):
        clause = ctx.corpus.clause(hit.clause_id, hit.doc_id)
        if clause is None or clause.kind in ("table", "table_row"):
            continue
        run = _common_run(u.text, clause.text)
        if len(re.sub(r"[^\u4e00-\u9fffA-Za-z0-9]", "", run)) >= 4 and not GENERIC_RUN.fullmatch(run):
            quote = clause_focus.best_sentence(clause, u.text, run)
            quote = quote if len(quote) <= 300 else quote[:299] + "…"
            text = _t("search_hit", u, label=clause.label, title=clause.title, quote=quote,
                      lead_units=clause.lead_units, support_units=clause.support_units)
            return Reply("answered", text, citations=[cite(ctx.corpus, clause, quote=quote)])
    if re.search(r"[\u4e00-\u9fffA-Za-z]{2}", u.text) and not u.has("DOMAIN"):
        return ctx.not_answerable(u, "out_of_scope", msg("engine.out_of_scope", u.lang))
    return ctx.not_answerable(u, "no_data", msg("engine.not_understood", u.lang))


# The fields of the document's record, and the words that ask for each.
RECORD_FIELDS = (
    ("issuer", re.compile(r"谁发|谁印发|谁出台|谁制定|哪[个家]?(?:单位|部门|机关).{0,4}(?:发|印发|发布|出台|制定)|发文(?:机关|单位)|"
                          r"(?:印发|发布|出台|制定)的?(?:单位|部门|机关)|还是.{1,12}(?:发|印发|发布|出台|制定)的|"
                          r"\bissued by\b|\bwho issued\b|\bissuer\b|\bissuing\b")),
    ("date", re.compile(r"什么时候|啥时候|何时|哪天|哪一天|日期|时间|几月|哪[一1]?年|\bwhen\b|\bdate\b|\bwhat year\b")),
    ("addressees", re.compile(r"主送|发给|下发给|\baddressed\b|\brecipients?\b")),
    ("cc", re.compile(r"抄送|抄报|\bcc\b|\bcopied\b|\bcopy\b")),
    ("title", re.compile(r"全称|标题|名称|文件名|叫什么|叫啥|\btitle\b|\bfull name\b")),
    # where the document was published: the web address of the record
    ("source", re.compile(r"网址|网站|官网|链接|出处|来源|原文.{0,4}(?:在哪|哪里|哪儿|去哪)|\bsource\b|\burl\b|\blink\b|\bwebsite\b|\bweb address\b"
                          r"|\bpublished (?:at|on|where)\b")),
)


def record_fields(text: str) -> list[str]:
    """The fields of the document's record a question asks for; empty when it names none (then all are given)."""
    return [name for name, pattern in RECORD_FIELDS if pattern.search(text)]


def document(ctx, u: Understanding) -> Reply:
    """Who issued the guidance, when, and to whom: the fields asked of the document's own record.

    The record is no clause of the text, so nothing is cited; its title and date ground the reply."""
    ctx.tool_calls.append(ToolCall(name="get_clause", arguments={"clause_id": "0"}))
    meta = ctx.corpus.document().meta
    asked = record_fields(u.text.lower()) or ["issuer", "date", "addressees", "cc"]
    text = _t("document", u, meta=meta, asked=asked)
    return Reply("answered", text, grounds=[meta.title, meta.date])
