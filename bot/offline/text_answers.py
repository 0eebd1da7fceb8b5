"""Answers read out of the policy text itself: whether it mentions a phrase, what it says a term is, a
number stated for each cluster or county, and the fields of the document it does not hold.

Each reader returns None when the question is not of its kind, so the next reader (or the kind path)
can take it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from clusterbot.bot.offline.corpus_words import (
    find_phrase,
    find_variant,
    fold,
    in_corpus,
    sentences,
    vocabulary,
)
from clusterbot.lazy_regex import LazyPattern
from clusterbot.retrieval.models import Clause

MENTION = LazyPattern(r"提没提|提到|提及|提起|说没说|讲没讲|写没写|说到|讲到|写到|谈到|涉及到?|"
                     r"\bmention(?:s|ed)?\b|\brefers? to\b|\bsay anything about\b|\btalk about\b")
ASKING_WHETHER = LazyPattern(r"吗|没|有没有|是否|有无|[?？]|\b(?:does|do|did|is|whether)\b"
                            r"|哪[一1]?[条项部段处]|哪里|哪儿|\bwhere\b|\bwhich (?:clause|part|section)\b")
# What stands around the phrase asked about, never part of it.
_AROUND = LazyPattern(r"^(?:了|过|的|有|关于|对|到|没有?|吗)+|(?:了吗|吗|呢|没有|没|了|过|的内容|这个词|这个说法|相关内容|的事情?|"
                     r"的要求|方面的?|这一块|这块|的说法)+$")
_CONTEXT = LazyPattern(r"文件里|文件中|文件|原文里|原文中|原文|政策里|政策中|政策|指导意见里|指导意见|意见里|这份|里面|当中|中|里|"
                      r"有没有|是否|有无")
DEFINE = LazyPattern(r"什么意思|啥意思|是个啥|是个什么|什么说法|什么概念|啥说法|啥概念|是啥|是什么|指的是|指什么|指啥|含义|定义|界定|怎么理解|如何理解|怎么解释|如何解释|作何解释|是指|什么样的?|"
                    r"哪[几些]样|\bwhat (?:does|do) .+ mean\b|\bwhat is meant by\b|\bdefin(?:e|ition)\b|\bwhat is\b")
# What an English question asks of a term it gives in Chinese: its meaning, not a figure of it.
EN_MEANING = LazyPattern(r"\bdefin(?:e|es|ed|ition)\b|\bmean(?:s|ing|t)?\b|\bstand for\b|\brefers? to\b")
QUOTED = LazyPattern(r"[“\"「『]([^”\"」』]{2,20})[”\"」』]")
# "一批要培育多久", "一个集群引育几家": one of a kind asked for, as the text's 每批 / 每个集群 states it
PER = LazyPattern(r"每(?:一)?(?:个|家|批|年|户)?(?:县|市|集群|企业|园区|批|家|年)|一(?:批|个(?:县|集群))")
EN_PER = LazyPattern(r"\b(?:each|every|per)\s+(county|counties|cluster|clusters|batch|batches)\b")
EN_PER_WORDS = {"county": "每个县", "counties": "每个县", "cluster": "每个集群", "clusters": "每个集群", "batch": "每批",
                "batches": "每批"}
COUNT_ASK = LazyPattern(r"几家|几个|多少家|多少个|几项|多少项|几批|几年|多少年|多长时间|多久|多少|\bhow (?:many|long)\b")
_DIGIT = LazyPattern(r"\d")
# Where things stand now is a figure of the data, not a number the text states.
NOW = LazyPattern(r"现在|目前|实际|已经|已有|还有几|还差|\bnow\b|\bcurrently\b|\bso far\b")
_CJK = LazyPattern(r"[\u4e00-\u9fff]")
CONTENT = LazyPattern(r"内容|具体|要求|措施|写了|讲了|说了|做什么|干什么|干啥|怎么做|怎么干")
_TIME_PIECE = LazyPattern(r"^到\s*\d{4}\s*年$")

# Fields of a document that the record of this one does not hold, and the words that ask for them.
MISSING_FIELDS = (
    ("doc_number", re.compile(r"文号|发文字号|文件编号|\bdocument number\b|\breference number\b")),
    ("validity", re.compile(r"有效期|施行日期|实施日期|生效日期|失效|废止|到期|执行期限|(?:什么时候|何时|哪天)(?:开始)?(?:实施|施行|生效)"
                            r"|\bvalid(?:ity)?\b|\bexpir|\beffective date\b|\bin force\b")),
    ("contact", re.compile(r"联系人|联络员|联系电话|电话|手机号|邮箱|联系方式|\bcontacts?\b|\bphone\b|\bemail\b")),
    ("signer", re.compile(r"签发人|起草人|拟稿人|\bsigned by\b|\bdrafted by\b|\bdrafter\b")),
)
# Details the guidance leaves to measures issued later: asked for, they are not in the text.
DETAILS = LazyPattern(r"细则|评分标准|评分办法|打分|权重|分值|申报条件|申报流程|申报材料|申报时间|怎么申报|如何申报|报名|截止时间|截止日期|"
                     r"考核办法|\bscoring\b|\bweights?\b|\bapplication (?:process|form|deadline)\b")
# People attached to the document or to its units (a director, who signed it): the record names none.
PERSON = LazyPattern(r"书记|县长|市长|局长|厅长|省长|主任|分管|负责人|领导|姓名|\bdirector\b|\bgovernor\b|\bhead of\b")
PERSON_ASKED = LazyPattern(r"是谁|哪位|叫什么|哪个人|谁|\bwho\b")
ABOUT_DOCUMENT = LazyPattern(r"文件|意见|政策|这份|\bdocument\b|\bguidance\b|\bpolicy\b")


@dataclass
class Found:
    clause: Clause
    sentence: str


def mention_phrase(text: str) -> str | None:
    """The phrase a 'does the text mention Z' question asks about, or None for another kind of question."""
    folded = fold(text)
    m = MENTION.search(folded)
    if not m or not ASKING_WHETHER.search(folded):
        return None
    after = re.split(r"[，,。？?！!]", folded[m.end():])[0]
    phrase = _AROUND.sub("", after)
    if len(phrase) < 2:
        before = _CONTEXT.sub("", folded[:m.start()])
        phrase = _AROUND.sub("", before)
    phrase = re.sub(r"^(?:the|any|anything about|about)\s*", "", phrase).strip(" ?")
    if re.search(r"什么|哪些|哪个|多少|几|怎么|如何|谁|啥", phrase):
        return None  # "文件提到的五个一是什么" asks about the thing, not whether it is mentioned
    return phrase if len(phrase) >= 2 else None


def find_mention(corpus, phrase: str) -> list[Found]:
    """Where the text holds the phrase, else a close variant of it, else a shorter head of it (three characters
    or more); empty when it holds none."""
    hits = find_phrase(corpus, phrase) or find_variant(corpus, phrase)
    key = fold(phrase)
    while not hits and len(key) > 3:
        key = key[:-1]
        hits = find_phrase(corpus, key)
    return [Found(c, s) for c, s in hits]


def define_term(raw: str, text: str, term_slot: str | None, corpus) -> str | None:
    """The term a 'what is X' question asks about, when the question asks that; None otherwise."""
    folded = fold(text)
    bare = re.sub(r"[（(][^）)]*[)）]|[“\"「『][^”\"」』]*[”\"」』]", "", raw or text)
    if not _CJK.search(bare) and EN_MEANING.search((raw or text).lower()):
        # an English question that gives the Chinese term beside its own words: that term is the one asked
        given = [t for t in re.findall(r"[\u4e00-\u9fff]{2,}", raw or text) if in_corpus(t, corpus)]
        if given:
            return given[0]
    asked = DEFINE.search(folded)
    if not asked:
        return None
    quoted = [q for q in QUOTED.findall(raw or "") if _CJK.search(q)]
    if quoted:
        return quoted[0]

    def right_before(term: str) -> bool:  # the term is what 是什么 asks about, not a word earlier in the line
        at = folded.rfind(fold(term), 0, asked.start() + 1)
        return at >= 0 and asked.start() - (at + len(fold(term))) <= 4

    if term_slot and in_corpus(term_slot, corpus) and right_before(term_slot):
        return term_slot
    terms = [t for t in _policy_terms(corpus) if t in folded and right_before(t)]
    if terms:
        return terms[0]
    # the words right before the asking words, when the text holds them (群链协同是什么意思)
    before = _CONTEXT.sub("", folded[:DEFINE.search(folded).start()])  # type: ignore[union-attr]
    before = re.sub(r"(?:的|这个词|这个说法|这个提法|这个|所谓|说的|讲的|提的|里)+$|^(?:所谓|这个|那个|的)+", "", before)
    return before if len(before) >= 2 and in_corpus(before, corpus) else None


_TERMS: dict[int, list[str]] = {}


def _policy_terms(corpus) -> list[str]:
    """Policy terms the text holds, longest first (cached per corpus)."""
    if id(corpus) not in _TERMS:
        _TERMS.clear()
        _TERMS[id(corpus)] = _policy_terms_of(corpus)
    return _TERMS[id(corpus)]


def _policy_terms_of(corpus) -> list[str]:
    from clusterbot.bot.offline.corpus_words import shipped_terms

    words = {fold(t) for t in shipped_terms() if len(fold(t)) >= 3}
    words |= {t for t in vocabulary(corpus).terms if len(t) <= 8}
    generic = {"产业集群", "县域特色产业集群", "营业收入", "百亿级", "千亿级", "500亿级"}
    return sorted((w for w in words if w not in generic and in_corpus(w, corpus)), key=len, reverse=True)


def defining_sentence(corpus, term: str) -> Found | None:
    """The sentence where the text defines the term: 'X，即…', 'X是指…', or a list right before it (A、B、C“X”)."""
    key = re.escape(fold(term))
    defines = re.compile(key + r".{0,8}?[，,]?(?:即|是指|指的是|就是|主要包括|包括)|以下简称" + key)
    # a quoted name right after the list it names: 灵活性改造、供热改造“三改联动”
    names_list = re.compile(r"、[^，,。；、“”]{1,16}“" + re.escape(term) + "”")
    for clause, sentence in find_phrase(corpus, term):
        if defines.search(fold(sentence)) or names_list.search(sentence):
            return Found(clause, sentence)
    return None


def first_use(corpus, term: str) -> Found | None:
    """Where the text first uses the term: a task named by it first (its opening sentence), else the first sentence
    that holds it."""
    key = fold(term)
    for clause in corpus.tasks():
        if key in fold(clause.title):
            opening = sentences(clause.text)
            return Found(clause, opening[0] if opening else clause.title)
    hits = find_phrase(corpus, term)
    # "what kind of X": a sentence that describes X with a long attribute (…的X) before the first mention
    described = re.compile(r"[^，,。；]{12,}的" + re.escape(key))
    for clause, sentence in hits:
        if described.search(fold(sentence)):
            return Found(clause, sentence)
    return Found(*hits[0]) if hits else None


def per_quantity(text: str, corpus) -> Found | None:
    """A count asked 'for each cluster / county' that a sentence of the text states with its number."""
    folded = fold(text)
    english = EN_PER.search(text.lower())
    per = PER.search(folded)
    if not (per or english) or not COUNT_ASK.search(folded + " " + text.lower()) or NOW.search(folded):
        return None
    phrase = per.group(0) if per else EN_PER_WORDS[english.group(1)]  # type: ignore[union-attr]
    phrase = "每" + phrase[1:] if phrase.startswith("一") else phrase
    noun = re.sub(r"^每[一个家批年户]*", "", phrase)
    if noun and re.search(r"(?:几|多少)个?" + re.escape(noun), folded):
        return None  # "还有几个县没有": the counties themselves are counted, a figure of the data
    variants = [phrase, phrase.replace("每", "每个", 1) if "个" not in phrase else phrase.replace("个", "", 1)]
    best: tuple[int, Found] | None = None
    asked = {folded[i:i + 2] for i in range(len(folded) - 1)}
    for clause in corpus.clauses():
        if clause.kind in ("table", "table_row"):
            continue
        for sentence in sentences(clause.text):
            pieces = re.split(r"[，,]", sentence)
            for at, piece in enumerate(pieces):
                fp = fold(piece)
                if not any(v in fp for v in variants) or not _DIGIT.search(fp):
                    continue
                quote = [piece]
                for rest in pieces[at + 1:]:
                    if _DIGIT.search(rest):
                        break
                    quote.append(rest)
                if at > 0 and _TIME_PIECE.match(fold(pieces[at - 1])):
                    quote.insert(0, pieces[at - 1])
                score = len(asked & {fp[i:i + 2] for i in range(len(fp) - 1)})
                found = Found(clause, "，".join(p.strip() for p in quote).rstrip("。；"))
                if best is None or score > best[0]:
                    best = (score, found)
    return best[1] if best else None


COUNTED = LazyPattern(r"(?:几|多少)(?:个|家|项|批|条|种|所|座)?([\u4e00-\u9fff]{2,8})")


def counted_thing(text: str) -> str | None:
    """What a count question counts: the words right after 几个 / 多少 (集体商标 of 几个集体商标), or None."""
    m = COUNTED.search(fold(text))
    if m is None:
        return None
    thing = re.sub(r"(?:吗|呢|啊|了|的|呀)+$", "", m.group(1))
    return thing if len(thing) >= 2 else None


def states_count_of(sentence: str, thing: str) -> bool:
    """Whether a sentence with a number counts the thing asked: its head noun (last two characters) stands in it."""
    return thing[-2:] in fold(sentence)


def _both(text: str) -> str:
    """The folded question and its lower-case form with spaces (English patterns need word boundaries)."""
    return f"{fold(text)}\n{text.lower()}"


def missing_field(text: str) -> str | None:
    """The key of a document field the question asks for that the record does not hold."""
    fields = missing_fields(text)
    return fields[0] if fields else None


def missing_fields(text: str) -> list[str]:
    """Every field of the document the question asks for that the record does not hold, in table order."""
    folded = _both(text)
    return [key for key, pattern in MISSING_FIELDS if pattern.search(folded)]


def asks_details(text: str) -> str | None:
    m = DETAILS.search(_both(text))
    return m.group(0) if m else None


def asks_person(text: str, units: list[str]) -> bool:
    """A person attached to the document or one of its units (not a local official: that is out of scope)."""
    folded = _both(text)
    return bool(PERSON.search(folded) and PERSON_ASKED.search(folded) and (units or ABOUT_DOCUMENT.search(folded)))


# How many indicators the table holds, or which: the table read as a list.
TABLE_COUNT = LazyPattern(r"(?:几|多少)[个项条]?(?:主要)?指标|指标(?:一共|总共|共)?(?:有)?(?:几|多少)[个项条]|指标表.{0,6}(?:哪些|几|多少)"
                         r"|\bhow many (?:main )?indicators\b|\bwhich indicators\b")


def asks_table(text: str) -> bool:
    return bool(TABLE_COUNT.search(fold(text)))


# What a question may ask of a thing the text names (哪一条 asks where, so items count from two): the conditions to count as one, the items it stands
# for, or the contents of a document the text only refers to. The text states these for some things only.
CRITERIA = LazyPattern(r"(?:认定|评定|评选|入选)?(?:标准|条件|门槛|资格)|(?:怎么|如何|按什么|依据什么)(?:认定|评定|算)"
                      r"|\bcriteria\b|\bqualif")
MEMBERS = LazyPattern(r"(?:具体)?(?:是指|指的是|指|是|包括|包含|都有|有)哪(?:[几二三四五六七八九十两]|[2-9]|\d{2})(?:样|个|项|种|类|条|家|化|改|大)"
                     r"|具体(?:是|指|包括)哪些|都?包括哪些")
# The criteria word asked about, not a word of a quoted sentence (…的联盟标准，出自哪条).
_ASKING_NEAR = LazyPattern(r"什么|啥|哪些|怎么|如何|多少|几|\bwhat\b|\bwhich\b")
REFERRED_DOC = LazyPattern(r"[\u4e00-\u9fff“”\"]{2,14}?(?:方案|办法|细则|规划|清单|目录)")
CONTENT_ASKED = LazyPattern(r"内容|具体|讲了?(?:什么|啥)|写了?(?:什么|啥)|包括|有哪些|有什么")
_TRAILING = LazyPattern(r"(?:是按|按|是|的|具体|指的是|指|就是|都|有|提了|提出了|提的|规定了|定了|什么|啥|要求|对于|对|里)+$")
_LEADING = LazyPattern(r"^(?:文件里|文件中|文件|原文里|原文|政策里|政策|意见里|里面|提到的|提的|所说的|说的|对|关于)+")


def _variants(phrase: str) -> list[str]:
    """A phrase with a bracketed alternative read both ways: 群主（龙头）企业 → 群主企业, 龙头企业."""
    m = re.search(r"([\u4e00-\u9fff]+)[（(]([\u4e00-\u9fff]+)[)）]([\u4e00-\u9fff]*)", phrase)
    if not m:
        return [phrase]
    head = phrase[:m.start()]
    return [head + m.group(1) + m.group(3), head + m.group(2) + m.group(3)]


_FUNCTION_CHARS = "的要是在和与了都也就才能会应需得把被对按于"


def asked_term(text: str, end: int, corpus) -> list[str]:
    """The terms of the text named before position `end` of the question: for each reading of it, the run the
    text holds that ends nearest to `end` (the longest run ending there)."""
    before = _LEADING.sub("", _TRAILING.sub("", fold(text[:end])))
    found = []
    for variant in _variants(before):
        variant = re.sub(r"[^\u4e00-\u9fff]", "", variant)
        term = _nearest_run(variant, corpus)
        if term:
            found.append(term)
    return found


def _nearest_run(words: str, corpus) -> str | None:
    for stop in range(len(words), 2, -1):
        for start in range(max(0, stop - 12), stop - 2):
            run = words[start:stop]
            if run[0] in _FUNCTION_CHARS or run[-1] in _FUNCTION_CHARS or "的" in run:
                continue
            if in_corpus(run, corpus):
                return run
    return None


def described_sentence(corpus, term: str, names: list[str]) -> Found | None:
    """A sentence that describes what the term must be (a long attribute before …的X, or X是指/即 …), first in a
    clause titled with one of the names the question gives it."""
    key = fold(term)
    described = re.compile(r"[^，,。；]{12,}的" + re.escape(key) + r"|" + re.escape(key) + r"[，,]?(?:即|是指)")
    hits = find_phrase(corpus, term)
    hits.sort(key=lambda hit: not any(fold(n) in fold(hit[0].title) for n in names))
    for clause, sentence in hits:
        if described.search(fold(sentence)):
            return Found(clause, sentence)
    return None


def criteria_asked(text: str, corpus) -> tuple[str, Found | None] | None:
    """(the term, the sentence describing it or None) for a question asking what counts as the term."""
    folded = fold(text)
    m = next((m for m in CRITERIA.finditer(folded) if _ASKING_NEAR.search(folded[max(0, m.start() - 6):m.end() + 6])),
             None)
    if m is None:
        return None
    terms = [t for t in asked_term(text, m.start(), corpus) if "级" not in t]  # a tier's name is its own measure
    for term in terms:
        found = described_sentence(corpus, term, terms)
        if found is not None:
            return term, found
    return (terms[0], None) if terms else None


def members_asked(text: str, corpus) -> str | None:
    """The term a question asks the items of ("X具体指哪三样"), when the text holds the term."""
    m = MEMBERS.search(fold(text))
    if m is None:
        return None
    # only the text's own coined terms (a heading's items, a ranking's members are other questions)
    known = vocabulary(corpus).term_set
    terms = [t for t in asked_term(text, m.start(), corpus) if t in known]
    return terms[0] if terms else None


def referred_content(text: str, corpus) -> str | None:
    """A document the text only refers to (a plan, measures), when the question asks for its contents."""
    folded = fold(text)
    if not CONTENT_ASKED.search(folded):
        return None
    for m in REFERRED_DOC.finditer(folded):
        phrase = m.group(0)
        for start in range(len(phrase) - 3):
            if in_corpus(phrase[start:], corpus):
                return phrase[start:].strip("“”\"")
    return None
