"""What one clause says about a topic the question names: the sentences on it, or that it says nothing.

A follow-up that points at a clause (这条, 里面, 其中) often asks about one thing in it ("里面对X有什么
要求", "X也是这条讲的吗"). The topic is what is left of the question once the pointer and the asking
words are taken away; the sentences of the clause that share the longest run of characters with it answer.
"""

from __future__ import annotations

from dataclasses import dataclass

from clusterbot.bot.offline.corpus_words import fold, sentences
from clusterbot.bot.offline.reply import Reply, cite
from clusterbot.lazy_regex import LazyPattern
from clusterbot.messages import msg
from clusterbot.templates import render

# Words that point, ask or join: never part of the topic.
_NOT_TOPIC = LazyPattern(
    r"那么|那|这一?条|这一?项|该条|该项|这里面|这里头|这里|里面|里头|其中|当中|之中|里|中|对于|对|关于|有关|"
    r"有啥|有什么|什么|啥|哪些|哪|要求|规定|提法|说法|怎么说|怎么讲|怎么写|怎么提|如何|写了|讲了|说了|提了|讲的|说的|写的|提的|"
    r"也是|是不是|是否|有没有|还是|就是|是|吗|呢|吧|的|了|具体|内容|方面|有|讲|说|写|提到|提及|提|还|都|也|在|给|"
    r"原文|这条|本条|它|"
    r"[？?。，,！!、\s“”\"'‘’]")
# Asking what a clause says on one thing: 对X有什么要求, 关于X怎么说, X方面.
TOPIC_ASKED = LazyPattern(r"对.{2,}(?:有|提|作|做)|关于|有关|方面|要求|规定|怎么说|怎么讲|提到|\babout\b|\bregarding\b")
LEAD = LazyPattern(r"牵头|\blead")
SUPPORT = LazyPattern(r"配合|协助|\bsupport")
_GENERIC = {"集群", "企业", "支持", "推动", "加快", "发展", "建设", "产业", "推进"}


@dataclass
class Focus:
    topic: str
    sentences: list[str]
    run: str  # the longest piece of the topic the clause holds


def topic_of(text: str) -> str:
    """The words of the question that name what it asks about, pointer and asking words removed."""
    return _NOT_TOPIC.sub("", fold(text))


def longest_run(topic: str, sentence: str) -> str:
    best = ""
    for i in range(len(topic)):
        for j in range(i + len(best) + 1, len(topic) + 1):
            if topic[i:j] in sentence:
                best = topic[i:j]
            else:
                break
    return best


def focus(clause, text: str) -> Focus | None:
    """The clause's sentences on the question's topic, or an empty list when it holds none of it;
    None when the question names no topic of its own (then the whole clause is what it asks)."""
    topic = topic_of(text)
    if len(topic) < 2:
        return None
    scored = []
    for sentence in sentences(clause.text):
        run = longest_run(topic, fold(sentence))
        if len(run) >= 2 and run not in _GENERIC:
            scored.append((len(run), run, sentence))
    if not scored:
        return Focus(topic, [], "")
    best = max(n for n, _, _ in scored)
    picked = [(run, s) for n, run, s in scored if n == best]
    return Focus(topic, [s for _, s in picked], picked[0][0])


def covers(found: Focus) -> bool:
    """Whether the clause holds the topic itself, not only a fragment of it (a yes to "X也是这条讲的吗")."""
    return bool(found.sentences) and len(found.run) * 2 >= len(found.topic)


def _view(clause) -> dict:
    return {"title": clause.title, "label": clause.label, "lead_units": clause.lead_units,
            "support_units": clause.support_units}


def focus_reply(ctx, lang: str, clause, text: str, yes_no: bool) -> Reply | None:
    """What the clause says about the topic the question names, or None when it names none to look for."""
    found = focus(clause, text)
    if found is None or (not found.sentences and not yes_no and not TOPIC_ASKED.search(text)):
        return None
    yes = covers(found) if yes_no else None
    body = render(f"answer/policy/in_clause.{lang}", label=clause.label, title=clause.title, topic=found.topic,
                  yes=yes, sentences=found.sentences, lead_units=clause.lead_units,
                  support_units=clause.support_units)
    quote = found.sentences[0] if found.sentences else None
    return Reply("answered", body, citations=[cite(ctx.corpus, clause, quote=quote)])


def pair_reply(ctx, lang: str, text: str, pair: list) -> Reply:
    """Two tasks shown over the last turns, their units side by side: those in common, and each one's own."""
    support, lead = SUPPORT.search(text), LEAD.search(text)
    roles = ["support"] if support and not lead else ["lead"] if lead and not support else ["lead", "support"]
    rows = []
    for role in roles:
        first, second = (c.lead_units if role == "lead" else c.support_units for c in pair)
        rows.append({"role_word": msg(f"policy.role_word.{role}", lang), "same": set(first) == set(second),
                     "common": [x for x in first if x in second], "only_first": [x for x in first if x not in second],
                     "only_second": [x for x in second if x not in first]})
    body = render(f"answer/policy/pair_units.{lang}", first=_view(pair[0]), second=_view(pair[1]), rows=rows)
    return Reply("answered", body, citations=[cite(ctx.corpus, c) for c in pair])


def best_sentence(clause, text: str, run: str) -> str:
    """The sentence of the clause that answers the question best: the one sharing most two-character pieces
    with the question (a year, a scope word), then the one holding the run shared with it, then the first."""
    asked = fold(text)
    pairs = {asked[i:i + 2] for i in range(len(asked) - 1)}
    parts = sentences(clause.text) or [clause.title]

    def score(sentence: str) -> tuple[int, bool, int]:
        folded = fold(sentence)
        return sum(1 for pair in pairs if pair in folded), fold(run) in folded, -parts.index(sentence)

    return max(parts, key=score)
