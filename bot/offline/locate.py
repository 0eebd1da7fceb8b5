"""Where the text says something: the clause (and sentence) a phrase, a paraphrase or a heading stands in.

The phrase is what the question quotes, or what is left once the asking words are taken away. A heading
or table named by its title is that clause; a short phrase is found as written (or nearly); a longer one —
usually a sentence recalled in the asker's own words — is the sentence sharing most of its two-character
pieces. English questions are read through the glossary's Chinese terms, then through search.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from clusterbot.bot.offline.corpus_words import fold, sentences
from clusterbot.lazy_regex import LazyPattern

_TAIL = r"(?:任务)?(?:里面|里头|里|中|当中)?(?:说|讲|提|写|规定|有)?的?(?:来着)?"
LOCATE = LazyPattern(
    r"出自哪[一1]?(?:条|项|部分|节|段|处|里)?|出自|(?:是|就是)?在哪[一1]?(?:条|项|部分|节|段|处|块)" + _TAIL
    + r"|(?:是|就是)?在(?:文件|原文|意见)(?:的|里)?哪(?:[一1]?(?:条|项|部分|节|段|处|块)|里|儿|个位置)" + _TAIL
    + r"|(?:是|就是)?哪[一1]?(?:条|项|部分|节|段|处)" + _TAIL.replace("?(?:说", "(?:说")
    + r"|属于哪[一1]?(?:条|项|部分|节)|哪[一1]?(?:条|项)任务里")
LOCATE_EN = LazyPattern(r"\bwhere (?:does|do|is|in)\b|\bin which (?:clause|section|part|task)\b")
SECTION_EN = LazyPattern(r"\b(?:section|part|clause|task|paragraph) (?:on|about|titled|called)\b")
_NOT_PHRASE = LazyPattern(r"这句话|这句|这个说法|这段话|这段|这一条|这条|这个|文件里|文件中|文件|原文里|原文中|原文|指导意见里|指导意见|意见里|"
                         r"政策里|来着|呢|吗|啊|[？?。，,！!\s“”\"「」『』]")
_EDGE = LazyPattern(r"^(?:嗯|那个|就是|的|是|在|把|关于|有关)+|(?:的事情?|这件事|这事|那块|这块|方面|的内容|的说法|的提法|的|是|在|里|中|这|那个|这些|那些|等)+$")
_CJK = LazyPattern(r"[\u4e00-\u9fff]")


@dataclass
class Located:
    clause: object
    sentence: str


def asks_where(text: str) -> bool:
    return bool(LOCATE.search(fold(text)) or LOCATE_EN.search(text.lower()))


def phrase_of(raw: str, text: str) -> str:
    """The phrase a locate question asks about: its quoted words, else the question without the asking words."""
    quoted = re.findall(r"[“\"「『]([^”\"」』]{2,80})[”\"」』]", raw or "")
    if quoted and _CJK.search(quoted[0]):
        return fold(quoted[0])
    rest = LOCATE.sub(" ", fold(text))
    rest = _NOT_PHRASE.sub("", rest)
    return _EDGE.sub("", rest)


def _pairs(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)}


def find(corpus, phrase: str) -> Located | None:
    """The clause a phrase stands in: a title holding it (or held by it), the sentence holding it, or for a
    phrase of eight characters or more the sentence sharing at least half its two-character pieces."""
    if len(phrase) < 2:
        return None
    named = phrase.removesuffix("表")  # a table is asked for as "X表", titled X
    titled = [c for c in corpus.clauses() if c.title and len(fold(c.title)) >= 4
              and (fold(c.title) in phrase or (len(named) >= 4 and named in fold(c.title)))]
    if titled:
        best = max(titled, key=lambda c: len(fold(c.title)))
        opening = sentences(best.text)
        return Located(best, opening[0] if opening else best.title)
    pairs = _pairs(phrase)
    found: tuple[float, Located] | None = None
    for clause in corpus.clauses():
        if clause.kind in ("table", "table_row"):
            continue
        for sentence in sentences(clause.text):
            folded = fold(sentence)
            if phrase in folded:
                return Located(clause, sentence)
            if len(phrase) >= 8:
                share = len(pairs & _pairs(folded)) / len(pairs)
                if share >= 0.5 and (found is None or share > found[0]):
                    found = (share, Located(clause, sentence))
    return found[1] if found else None


def find_english(ctx, text: str, search: bool = True) -> Located | None:
    """An English locate question: a glossary term the text holds, else (when `search`) the first clause search
    ranks."""
    from clusterbot.retrieval.terms import glossary_terms

    for term in glossary_terms(text):
        located = find(ctx.corpus, fold(term))
        if located is not None:
            return located
    for hit in ctx.search(text, 3) if search else []:
        clause = ctx.corpus.clause(hit.clause_id, hit.doc_id)
        if clause is not None and clause.text and clause.kind not in ("table", "table_row", "preamble"):
            opening = sentences(clause.text)
            return Located(clause, opening[0] if opening else clause.title)
    return None


ABOUT_EN = LazyPattern(r"\bwhat (?:does|do|did) (?:the )?(?:guidance|document|policy|text|opinions?)\s+(?:\w+\s+){0,2}?"
                      r"(?:say|ask|require|state|propose|call for|expect|demand)\w*\b.*?\b(?:about|regarding|on|concerning|for|of)\b")


def about_english(ctx, text: str) -> Located | None:
    """"What does the guidance ask regarding X": the sentence holding most of X's glossary terms, or None."""
    if not ABOUT_EN.search(text.lower()):
        return None
    corpus = ctx.corpus
    from clusterbot.retrieval.terms import glossary_terms

    terms = [fold(t) for t in glossary_terms(text)]
    best: tuple[int, Located] | None = None
    for clause in corpus.clauses():
        if clause.kind in ("table", "table_row") or not terms:
            continue
        for sentence in sentences(clause.text):
            held = sum(1 for t in terms if t in fold(sentence))
            if held and (best is None or held > best[0]):
                best = (held, Located(clause, sentence))
    return best[1] if best else None


def section_named(corpus, text: str):
    """"What does the section on X say": the clause whose title holds a glossary term of X, or None."""
    if not SECTION_EN.search(text.lower()):
        return None
    from clusterbot.retrieval.terms import glossary_terms

    for term in glossary_terms(text):
        titled = [c for c in corpus.clauses() if term in (c.title or "")]
        if titled:
            return titled[0]
    return None


# "哪些X", "哪几类", "是哪四化": the question asks for the items of a list.
WHICH = LazyPattern(r"哪(?:些|几(?:个|类|种|项|条|样|方面|大)?|(?:[二三四五六七八九十两]|[2-9])(?:个|类|种|项|条|样|化|大|改)?)")
ENUMERATION = LazyPattern(r"(?:[^，,。；、（）()]{1,12}、){2,}[^，,。；、（）()]{1,12}")
_COMMON_PAIRS = {"集群", "产业", "发展", "企业", "支持", "推动", "加快", "建设", "文件", "要求"}


def listed_sentence(corpus, text: str, known: str = "") -> Located | None:
    """For a question asking which items, the phrase holding an enumeration that shares most with it (at least
    three two-character pieces beyond the commonest words and those of `known`, the title of a task the question
    names), else None. The phrase is the comma-separated piece
    of a sentence that holds the list, scored on its own words."""
    folded = fold(text)
    if not WHICH.search(folded):
        return None
    asked = _pairs(WHICH.sub(" ", folded)) - _COMMON_PAIRS - _pairs(fold(known))  # words naming the task prove nothing
    best: tuple[int, Located] | None = None
    for clause in corpus.clauses():
        if clause.kind in ("table", "table_row"):
            continue
        for sentence in sentences(clause.text):
            for piece in re.split(r"[，,；;]", sentence):
                if not ENUMERATION.search(piece):
                    continue
                score = len(asked & _pairs(fold(piece)))
                if score >= 3 and (best is None or score > best[0]):
                    best = (score, Located(clause, piece))
    return best[1] if best else None
