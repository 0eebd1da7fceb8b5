"""The policy-text side of the offline engine: questions about units, tasks, clauses and terms read as parts.

Readers run in a fixed order and each either answers or passes (None):
declines for what the record lacks → follow-ups by referent → yes/no on a unit's role →
the task with most units → a unit's tasks by role and set operations over units → whether the
text mentions a phrase → a term it defines or only uses → a number stated per cluster or county.
Every answer cites exactly the clauses it lists, and says what the next turn may refer to.
"""

from __future__ import annotations

import re

from clusterbot.bot.offline import (
    clause_focus,
    locate,
    referents,
    target_readers,
    task_by_units,
    text_answers,
    text_replies,
    unit_filters,
    unit_replies,
    unit_sets,
)
from clusterbot.bot.offline.lexicon import hit
from clusterbot.bot.offline.policy_declines import declined_part
from clusterbot.bot.offline.policy_turn import PolicyTurn, sole_lead
from clusterbot.bot.offline.policy_turn import decline as _decline
from clusterbot.bot.offline.policy_turn import template as _t
from clusterbot.bot.offline.policy_turn import view as _view
from clusterbot.bot.offline.referents import Shown
from clusterbot.bot.offline.reply import Reply, cite
from clusterbot.bot.offline.slots import extract
from clusterbot.bot.offline.unit_sets import YES_NO
from clusterbot.lazy_regex import LazyPattern
from clusterbot.messages import msg
from clusterbot.models import ToolCall

ASKS_TEXT = LazyPattern(r"原文|全文|讲的?(?:啥|什么)|说的?(?:啥|什么)|写的?(?:啥|什么)|写了(?:啥|什么)|内容|具体|是什么|啥意思|发我|发一下|"
                       r"\btext\b|\bsay\b|\bsays\b|\babout\b")
ASKS_WHO = LazyPattern(r"有谁|是谁|谁|哪些单位|哪些部门|哪个部门|哪个单位|哪几家|几家|单位呢|部门呢|\bwho\b"
                      r"|(?:牵头|配合|参与|责任)的?(?:单位|部门)(?:都|还)?(?:有|是)"
                      r"|\bwhich (?:units|departments|agencies|bodies|organi[sz]ations|offices)\b")
ASKS_TASK_LIST = LazyPattern(r"任务|哪些事|哪几项|哪些工作|配合的呢|牵头的呢|配合哪些|牵头哪些|\btasks?\b")
SPLIT = LazyPattern(r"[？?。；;！!]+")
ROLE_ASKED = LazyPattern(r"角色|身份|什么单位|哪类单位|牵头还是配合|配合还是牵头|担任|\brole\b|\bin what capacity\b")
UNITS_WORD = LazyPattern(r"单位|部门|\bunits?\b|\bdepartments?\b")
# "有配合吗", "有没有写牵头": whether the task lists units in that role at all.
HAS_ROLE = LazyPattern(r"有(?:没有)?(?:列|写|设)?(?:明)?(?:配合|牵头)")
# "写了配合单位没有": a statement closed by 没有 asks whether it holds.
ENDS_WHETHER = LazyPattern(r"没有?\s*[?？]?\s*$")
FULL_TEXT = LazyPattern(r"原文|全文|发我|发一下|讲的?(?:啥|什么)|说的?(?:啥|什么)|写的?(?:啥|什么)|写了(?:啥|什么)|怎么写|\btext\b")
FOLLOWS_ON = LazyPattern(r"^(?:那|那么|还有)|呢\s*[?？]?\s*$")
UNIT_PRONOUN = LazyPattern(r"它|这个部门|该部门|这个单位|该单位|他们|这家|\bit\b|\bthey\b"
                          r"|\b(?:that|this|the same) (?:lead |leading )?(?:department|unit|agency|office|bureau)\b")
# "它别的还配合什么", "which other tasks": more of what the unit just shown holds.
OTHER = LazyPattern(r"另外|其他|其它|别的|还有|还.{0,2}(?:牵头|配合|参与)了?(?:啥|什么|哪)|\bother\b|\belse\b")


def pieces(text: str) -> list[str]:
    """The questions of a line, split at question marks and full stops (pieces too short to stand alone kept
    with the one before)."""
    out: list[str] = []
    for piece in (p.strip() for p in SPLIT.split(text)):
        if not piece:
            continue
        if out and len(re.findall(r"[\u4e00-\u9fffA-Za-z]", piece)) < 5:
            out[-1] += "，" + piece
        else:
            out.append(piece)
    return out


def split_declined(text: str, units_of) -> tuple[str, list[str]] | None:
    """(the pieces still to answer, the declines of the others) when some pieces of a several-piece question ask
    for what the record lacks and some do not; None otherwise."""
    pieces = [p for p in SPLIT.split(text) if p.strip()]
    if len(pieces) < 2:
        return None
    declines = [(p, declined_part(p, units_of(p))) for p in pieces]
    kept = [p for p, d in declines if d is None]
    said = [d for _, d in declines if d is not None]
    if not kept or not said:
        return None
    return "？".join(kept) + "？", list(dict.fromkeys(said))


def answer(ctx, u, shown: Shown) -> PolicyTurn | None:
    """The policy readers' answer to the understood question `u`, or None to leave it to the other readers."""
    if u.injection or u.intent in ("help", "other_province") or unit_sets.places_outside_units(u):
        return None
    if u.intent == "out_of_scope" and text_answers.missing_field(u.text.lower()):
        # a field of this document's record (who drafted it, a phone number): the record lacks it, not the domain
        return _decline(ctx, u.lang, declined_part(u.text.lower(), u.units) or "")
    if u.intent == "out_of_scope":  # a word of the text read as off-topic (trains): only where the text has it
        return text_replies.where(ctx, u.raw or u.text, u.text.lower(), u.lang, off_topic=True)
    targets = target_readers.answer(ctx, u, shown)  # the targets clause and its table, read as text
    if targets is not None:
        return targets
    corpus = ctx.corpus
    lang = u.lang
    text = u.text.lower()
    declined = declined_part(text, u.units)
    if declined is not None and u.intent not in ("gap", "province") and not u.slots.metric:
        return _decline(ctx, lang, declined)
    own = extract(text)  # this turn's own words: a follow-up's carried slots are not what it names
    named_units = [m.unit for m in unit_sets.mentions(text)]
    explicit = bool(own.tasks or own.clause_ref)
    no_subject = not named_units and not explicit
    if no_subject and own.metric and own.top_n is not None and not hit("TARGET", text):
        return None  # "研发投入强度最高的三个集群": a ranking of an indicator, the data's
    both = task_by_units.both_units(ctx, u, shown) if no_subject else None
    if both is not None:
        return both
    role = unit_sets._role_in(UNIT_PRONOUN.sub(" ", text))  # "that lead department" names the unit, not the role
    continues_unit = shown.unit_list and (ASKS_TASK_LIST.search(text) or FOLLOWS_ON.search(text)
                                          or UNIT_PRONOUN.search(text))
    unit_pronoun = UNIT_PRONOUN.search(text) and (ASKS_TASK_LIST.search(text) or re.search(r"哪[些几]", text)
                                                  or OTHER.search(text))
    about_a_clause = referents.CLAUSE_WORD.search(text) or text_answers.CONTENT.search(text)
    if no_subject and shown.units and role and not ASKS_WHO.search(text) and not about_a_clause \
            and (continues_unit or unit_pronoun):
        # a role asked with no unit named ("那X的呢" for the other role, "它牵头的有哪些"): the last answer's unit, in that role
        turn = _unit_tasks(ctx, u, unit_sets.UnitAsk([(shown.units[0], role)], "all"))
        if OTHER.search(text) and set(turn.shown.clauses) <= set(shown.clauses) and turn.shown.clauses:
            # more tasks asked of a unit whose only one in that role was just shown: say there is none
            only = msg("policy.no_other", lang, unit=shown.units[0], n=len(turn.shown.clauses),
                       role_word=msg(f"policy.role_word.{role}", lang))
            listing = turn.reply.text.removeprefix(msg("policy.yes", lang)).lstrip()
            turn.reply.text = f"{only}\n\n{listing}"
        return turn
    by_unit = unit_sets.unit_most(text) if not named_units else None
    if by_unit is not None:
        return unit_replies.unit_most(ctx, lang, *by_unit)
    most = unit_sets.most(text)
    if most is not None:
        return unit_replies.most_units(ctx, lang, *most)
    counts = unit_filters.counts_asked(text) if no_subject else []
    if counts:  # "哪项只有一家配合单位": tasks picked by how many units they list in a role
        return unit_filters.by_count(ctx, lang, counts)
    section = ctx.engine.section_named(u.text) if not own.tasks and referents.ORDINAL.search(text) else None
    if section is not None and own.clause_ref and own.clause_ref.startswith(f"{section}."):
        section = None  # "三（一）第二条" names its clause itself
    if section is None and own.clause_ref and referents.ORDINAL.search(text) and referents.INSIDE.search(text):
        section = own.clause_ref  # "三（一）下面第一条": counted inside the clause named by its label
    inside = referents.in_section(corpus, section, text) if section is not None else None
    if inside is not None:  # "主要任务里的第二条": counted inside the section named, not in the last answer
        return about_clause(ctx, u, corpus.clause(inside))
    kind = referents.points(text, explicit)
    if kind is None and no_subject and shown.clauses and len(text) <= 16 and (
            (role and (ASKS_WHO.search(text) or FOLLOWS_ON.search(text)
                       or (re.search(r"哪些|哪几", text) and not shown.unit_list)))
            or re.search(r"原文|全文|发我|发一下", text)):
        kind = "this"  # "配合的有谁", "把原文发我": the one task just shown
    if kind == "this" and not shown.clauses and not referents.CLAUSE_WORD.search(text):
        kind = None  # a bare 它 after a data answer is that answer's place: not ours
    if kind == "pair" and len(shown.clauses) != 2 and len(shown.recent) < 2:
        kind = None  # two things of a data answer: not ours
    if kind == "this" and referents.described(text) and not (named_units and role and shown.clauses):
        kind = None  # a demonstrative after a description of the work: the question describes the task itself; retrieval finds it
    if kind is not None and (shown.clauses or kind != "ordinal"):
        turn = _referent(ctx, u, shown, kind)
        if turn is not None:
            return turn
    listing = referents.section_listed(corpus, u.text) if kind is None and not named_units and not own.clause_ref else None
    if listing is not None:  # "X那块下面有哪几项": the section's items, with their units
        return about_clause(ctx, u, corpus.clause(listing))
    who_does = text_replies.actors(ctx, u.raw or u.text, text, lang) if kind is None and not named_units else None
    if who_does is not None:
        return who_does
    listed_units = task_by_units.tasks_then_units(ctx, u, ASKS_WHO) if kind is None and not explicit else None
    if listed_units is not None:
        return listed_units
    described = _described_task(ctx, u, own) if kind is None else None
    if described is not None:
        return described
    ask = unit_sets.read_units(text)
    if ask is not None and not explicit and role is None and shown.unit_list and shown.role in ("lead", "support") \
            and FOLLOWS_ON.search(text) and len(text) <= 16:
        # "那工信厅呢" after a unit's lead list: the same role asked of the unit now named
        carried = unit_sets.UnitAsk([(unit, shown.role) for unit, _ in ask.units], "each")  # type: ignore[misc]
        return _unit_tasks(ctx, u, carried)
    if ask is not None and len(ask.units) == 1 and not explicit and role is None and not shown.unit_list \
            and len(shown.clauses) == 1 and FOLLOWS_ON.search(text) and len(text) <= 16:
        clause = corpus.clause(shown.clauses[0])  # "那X呢" right after one task's units: X's part in that task
        if clause is not None and clause.lead_units:
            return unit_replies.yes_no_role(ctx, lang, ask, clause, plain=True)
    if ask is not None and explicit and (YES_NO.search(text) or ROLE_ASKED.search(text)):
        tasks = _named_tasks(ctx, own)
        if len(tasks) == 1:  # "X是不是Y的牵头单位", "X在Y里是什么角色"
            return unit_replies.yes_no_role(ctx, lang, ask, tasks[0], plain=not YES_NO.search(text))
    if ask is None and explicit and YES_NO.search(text) and role in ("lead", "support") \
            and (UNITS_WORD.search(text) or HAS_ROLE.search(text)):
        tasks = _named_tasks(ctx, own)
        if len(tasks) == 1:  # "Y列没列配合单位": whether the task names units in that role, then who
            return unit_replies.role_listed(ctx, lang, tasks[0], role)
    if ask is not None and YES_NO.search(text) and not explicit and len(shown.clauses) == 1 \
            and not unit_sets.ASKS_TASKS.search(text):
        clause = ctx.corpus.clause(shown.clauses[0])  # "X参与了吗" right after one task: X's role in it
        if clause is not None and clause.lead_units:
            return unit_replies.yes_no_role(ctx, lang, ask, clause)
    if ask is not None and not explicit and len(ask.units) >= 2 and not ask.without and unit_sets.SAME.search(text) \
            and (YES_NO.search(text) or re.search(r"吗|么|[?？]", text)):
        return unit_replies.same_tasks(ctx, lang, ask)  # "A和B配合的是否相同": the lists compared
    if ask is not None and not explicit and unit_sets.asks_tasks(text):
        return _unit_tasks(ctx, u, ask)
    limited = text_replies.beyond_the_text(ctx, lang, text) if ask is None else None
    if limited is not None:
        return limited
    located = text_replies.where(ctx, u.raw or u.text, text, lang)
    if located is not None:
        return located
    section = locate.section_named(corpus, u.raw or u.text) if lang == "en" else None
    if section is not None:  # "what does the section on X say": that clause
        return about_clause(ctx, u, section)
    phrase = text_answers.mention_phrase(text)
    if phrase is not None:
        return text_replies.mention(ctx, lang, phrase)
    term = text_answers.define_term(u.raw, text, u.slots.term, corpus)
    if term is not None and ask is None and not (explicit and text_answers.CONTENT.search(text)):
        return text_replies.define(ctx, lang, term)
    structure = text_replies.parts(ctx, text, lang) if not explicit and ask is None else None
    if structure is not None:
        return structure
    if text_answers.asks_table(text) and not u.slots.metric and not own.years:
        return text_replies.table(ctx, lang)
    data_asked = own.metric or own.years or own.threshold is not None or own.amounts_yi or u.entities
    named = _named_tasks(ctx, own) if explicit else []
    known = " ".join(f"{c.title} {' '.join(own.tasks)}" for c in named)
    items = text_replies.listed(ctx, text, lang, known) if not (data_asked or ask) else None
    if items is not None and (not explicit or set(items.shown.clauses) <= {c.clause_id for c in named}):
        return items  # a task named too: only a list it holds itself
    per = text_answers.per_quantity(text, corpus)
    thing = text_answers.counted_thing(text) if per is not None else None
    if per is not None and thing is not None and not text_answers.states_count_of(per.sentence, thing):
        # the number found counts something else: the text gives none for the thing asked
        if ctx_in(corpus, thing):
            return _decline(ctx, lang, msg("policy.no_number", lang, term=thing), "search")
        per = None
    if per is not None:
        return text_replies.cited(ctx, "per_quantity", lang, per.clause, per.sentence, quote=per.sentence)
    quoted = [q for q in text_answers.QUOTED.findall(u.raw or "") if re.search(r"[\u4e00-\u9fff]", q)]
    if quoted and ask is None and not explicit and not any(ctx_in(corpus, q) for q in quoted):
        return _decline(ctx, lang, msg("policy.not_mentioned", lang, phrase=quoted[0]), "search")
    return None


def last_resort(ctx, u) -> PolicyTurn | None:
    """A reading tried only when no reader answered: an English question on what the guidance asks about a topic,
    read through the glossary's Chinese terms (a glossary word alone may stand in many clauses, so never first)."""
    about = locate.about_english(ctx, u.raw or u.text) if u.lang == "en" else None
    if about is None:
        return None
    return text_replies.cited(ctx, "per_quantity", u.lang, about.clause, about.sentence,
                              quote=about.sentence.rstrip("。；"))


def _described_task(ctx, u, own) -> PolicyTurn | None:
    """Who leads (and supports) a task the question describes in its own words, found by search; a later piece
    asking whether a named unit takes part is answered for that task too. None when no piece asks who in a role
    without naming a unit, or when the kind reader answers a lone who-leads question the same way."""
    text = u.text.lower()
    pieces = [p for p in SPLIT.split(text) if p.strip()]
    who = next((p for p in pieces if ASKS_WHO.search(p) and unit_sets._role_in(p) and not unit_sets.mentions(p)), None)
    checks = [p for p in pieces if p is not who and unit_sets.mentions(p) and YES_NO.search(p)]
    if who is None or u.followup or u.lang != "zh" or ASKS_TEXT.search(text):
        return None  # a task's content asked with its units is the clause reader's
    # the text's own words before a title keyword; words of the other pieces when the who piece has none
    tasks = task_by_units.task_quoted(ctx.corpus, who) or task_by_units.task_quoted(ctx.corpus, text) or _named_tasks(ctx, own)
    if not tasks:
        ctx.tool_calls.append(ToolCall(name="search_policy", arguments={"query": who, "k": 5}))
        hits = [ctx.corpus.clause(h.clause_id, h.doc_id) for h in ctx.search(who, 5)]
        tasks = [c for c in hits if c is not None and c.lead_units][:1]
    if len(tasks) != 1:
        return None
    clause = tasks[0]
    ctx.tool_calls.append(ToolCall(name="get_clause", arguments={"clause_id": clause.clause_id}))
    texts = [_t("task_units", u.lang, t=_view(clause), focus="lead")]
    for piece in checks:
        ask = unit_sets.read_units(piece)
        if ask is not None:
            texts.append(unit_replies.yes_no_role(ctx, u.lang, ask, clause).reply.text.split("\n")[0])
    reply = Reply("answered", "\n\n".join(texts), citations=[cite(ctx.corpus, clause)])
    return PolicyTurn(reply, "who_leads", Shown([clause.clause_id], sole_lead(clause)))


def ctx_in(corpus, phrase: str) -> bool:
    from clusterbot.bot.offline.corpus_words import in_corpus

    return in_corpus(phrase, corpus) or bool(text_answers.find_mention(corpus, phrase))


def _named_tasks(ctx, slots) -> list:
    tasks = ctx.corpus.tasks()
    found = [c for title in slots.tasks for c in tasks if c.title.replace("“", "").replace("”", "")
             == title.replace("“", "").replace("”", "")]
    if not found and slots.clause_ref:
        clause = ctx.corpus.clause(slots.clause_ref)
        found = [clause] if clause is not None and clause.lead_units else []
    return [c for i, c in enumerate(found) if c not in found[:i]]


def _referent(ctx, u, shown: Shown, kind: str) -> PolicyTurn | None:
    lang = u.lang
    ref = referents.resolve(u.text, kind, shown, ctx.corpus)
    if ref.ask_back is not None:
        if ref.ask_back == "end":
            return _decline(ctx, lang, msg("policy.end_of_text", lang), "clause")
        if ref.ask_back == "nothing":
            if _after_data_list(ctx):  # "next one" after a ranking of clusters: the next of that list
                return None
            return _decline(ctx, lang, msg("policy.no_referent", lang), "clause")
        role = unit_sets._role_in(u.text.lower())
        if role in ("lead", "support") and len(shown.units) == 1:
            # "它牵头的那条": of the clauses shown, the one the unit shown holds in that role
            held = [c for c in shown.clauses if (clause := ctx.corpus.clause(c)) is not None
                    and unit_sets.holds(clause, shown.units[0], role)]
            if len(held) == 1:
                return about_clause(ctx, u, ctx.corpus.clause(held[0]))
        items = [ctx.corpus.clause(c) for c in shown.clauses]
        names = "；".join(f"{c.label} {c.title}" for c in items if c is not None)
        return _decline(ctx, lang, msg("policy.which_referent", lang, n=len(shown.clauses), items=names), "clause")
    if len(ref.clauses) == 2:
        pair = [c for c in (ctx.corpus.clause(cid) for cid in ref.clauses) if c is not None and c.lead_units]
        if len(pair) == 2:
            reply = clause_focus.pair_reply(ctx, u.lang, u.text.lower(), pair)
            return PolicyTurn(reply, "who_leads", Shown([c.clause_id for c in pair], []))
    clause = ctx.corpus.clause(ref.clauses[0])
    if clause is None:
        return None
    return about_clause(ctx, u, clause)


def about_clause(ctx, u, clause) -> PolicyTurn:
    """What a follow-up asks of one clause: a unit's role in it, its units, or its text."""
    lang, text = u.lang, u.text.lower()
    ctx.tool_calls.append(ToolCall(name="get_clause", arguments={"clause_id": clause.clause_id}))
    ask = unit_sets.read_units(text)
    if ask is not None and clause.lead_units and (YES_NO.search(text) or ROLE_ASKED.search(text)):
        return unit_replies.yes_no_role(ctx, lang, ask, clause, plain=not YES_NO.search(text))
    role = unit_sets._role_in(text)
    if ask is None and clause.lead_units and (YES_NO.search(text) or ENDS_WHETHER.search(text)) \
            and role in ("lead", "support") \
            and (UNITS_WORD.search(text) or HAS_ROLE.search(text)):
        return unit_replies.role_listed(ctx, lang, clause, role)  # "这条列没列配合单位": whether, then who
    if ask is None and not FULL_TEXT.search(text):
        reply = clause_focus.focus_reply(ctx, lang, clause, text, bool(YES_NO.search(text)))
        if reply is not None:
            return PolicyTurn(reply, "clause", Shown([clause.clause_id], sole_lead(clause)))
    if clause.lead_units and (unit_sets.LEAD.search(text) or unit_sets.SUPPORT.search(text) or ASKS_WHO.search(text)) \
            and not ASKS_TEXT.search(text):
        focus = "support" if unit_sets.SUPPORT.search(text) and not unit_sets.LEAD.search(text) else "lead"
        reply = Reply("answered", _t("task_units", lang, t=_view(clause), focus=focus),
                      citations=[cite(ctx.corpus, clause)])
        return PolicyTurn(reply, "who_leads", Shown([clause.clause_id], sole_lead(clause)))
    from clusterbot.bot.offline.policy_answers import clause_reply

    u.carried = {}
    reply = clause_reply(ctx, u, clause)
    reply.citations = reply.citations[:1] if clause.lead_units or not clause.children else reply.citations
    shown = referents.listed([c.clause_id for c in reply.citations])  # a part listed stands for its items
    return PolicyTurn(reply, "clause", Shown(shown, sole_lead(clause)))


def _unit_tasks(ctx, u, ask: unit_sets.UnitAsk) -> PolicyTurn:
    """A unit's tasks by the role asked (or the units' combined list); "发改委牵头的第三项": the n-th of that list."""
    m = referents.ORDINAL.search(u.text)
    if len(ask.units) == 1 and m is not None:
        unit, role = ask.units[0]
        listed = [t for t in ctx.corpus.tasks() if unit_sets.holds(t, unit, role)]
        n = referents.ordinal_number(m.group(1))
        if 1 <= n <= len(listed):
            return about_clause(ctx, u, listed[n - 1])
    picked = unit_sets.select(ctx.corpus.tasks(), ask) if ask.combine != "each" else []
    if len(picked) == 1 and FULL_TEXT.search(u.text.lower()):
        return about_clause(ctx, u, picked[0])  # "X牵头的那条，原文": the one task the units pick, in full
    return unit_replies.unit_tasks(ctx, u, ask)


def _after_data_list(ctx) -> bool:
    """Whether the last answer listed places or clusters (a ranking, a count with names), not clauses."""
    conversation = getattr(ctx, "conversation", None) or {}
    last = conversation.get("last") or {}
    return bool(conversation.get("list") or (last.get("carried") or {}).get("referents")) and not last.get("tasks") \
        and last.get("intent") not in ("who_leads", "unit_tasks", "clause", "task_content", "definition", "search")

