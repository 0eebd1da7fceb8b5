"""The policy corpus as a vocabulary: its text, its terms, one-character typos of them, and sentences.

A word that stands in the policy text is a word of this domain, wherever a question uses it. A word
one character away from a term of the policy (or from a unit's name) that is not itself in the text
is read as that term, and the answer says so ("按“…”理解").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from clusterbot.bot.offline.slots import vocab
from clusterbot.paths import SHIPPED_DATA
from clusterbot.retrieval.models import Clause

_QUOTES = str.maketrans("", "", "“”‘’\"'「」『』《》〈〉")
_CJK_ONLY = re.compile(r"^[\u4e00-\u9fff]+$")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{3,}")
# Characters whose change makes a different quantity or tier, never a typo (千亿 vs 百亿).
_NUMERALS = set("零〇一二两三四五六七八九十百千万亿0123456789")
_SENTENCE = re.compile(r"[^。；！？!?]+[。；！？!?]?")


def fold(text: str) -> str:
    """The form questions are compared in: NFKC, no quotes, no spaces, lower case."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or "").translate(_QUOTES)).lower()


@dataclass(frozen=True)
class Vocabulary:
    text: str  # every clause's title and text, folded, one clause a line
    terms: tuple[str, ...]  # longest first
    term_set: frozenset[str]
    unit_names: frozenset[str]
    masked: dict[int, dict[str, str]]  # length -> term with one character masked ("专精?新") -> term
    masked_units: dict[int, dict[str, str]]  # the same for unit names only


@cache
def shipped_terms() -> tuple[str, ...]:
    """Policy terms kept whole by the tokenizer (data/policy/terms.txt)."""
    path = SHIPPED_DATA / "policy" / "terms.txt"
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.append(line.split()[0])
    return tuple(words)


def _vocab_terms() -> set[str]:
    v = vocab()
    words: set[str] = set()
    for table in ("tasks", "definitions", "indicators", "metrics"):
        for key, keywords in v[table].items():
            words.add(str(key))
            words.update(str(k) for k in keywords)
    return words


_cache: dict[int, Vocabulary] = {}


def vocabulary(corpus) -> Vocabulary:
    """The corpus's folded text and its terms (policy terms, task words, unit names), cached per corpus."""
    found = _cache.get(id(corpus))
    if found is not None:
        return found
    from clusterbot.retrieval.units import alias_table

    text = "\n".join(fold(f"{c.title} {c.text} {' '.join(c.lead_units + c.support_units)}") for c in corpus.clauses())
    # three characters are enough for the policy's own coined terms (海外仓, 新三样); four for everyday task words
    terms = {fold(t) for t in shipped_terms() if len(fold(t)) >= 3}
    terms |= {fold(t) for t in _vocab_terms() if len(fold(t)) >= 4}
    terms |= {t for t in (fold(c.title) for c in corpus.tasks()) if len(t) >= 4}
    # unit names are long enough that one wrong character still names one unit
    # a unit's name of three characters or more: one wrong character before its 厅/局/委 still names it
    terms |= {a for a in alias_table() if len(a) >= 3 and _CJK_ONLY.match(a)}
    terms |= {fold(u) for u in corpus.units() if len(fold(u)) >= 5}
    kept = sorted((t for t in terms if _CJK_ONLY.match(t)), key=len, reverse=True)
    shorter = {fold(t) for t in (*shipped_terms(), *_vocab_terms(), *alias_table())}
    built = Vocabulary(text=text, terms=tuple(kept), term_set=frozenset(shorter | set(kept)),
                       unit_names=frozenset(a for a in alias_table() if _CJK_ONLY.match(a)),
                       masked=_masked(kept),
                       masked_units=_masked([t for t in kept if t in set(alias_table()) | {fold(u) for u in corpus.units()}]))
    _cache.clear()  # one corpus per data directory in a process; keep the newest only
    _cache[id(corpus)] = built
    return built


def _masked(terms: list[str]) -> dict[int, dict[str, str]]:
    table: dict[int, dict[str, str]] = {}
    for term in terms:  # longest first, so the first term kept under a key is the longest
        for i in range(len(term)):
            table.setdefault(len(term), {}).setdefault(term[:i] + "?" + term[i + 1:], term)
    return table


def _typo_of(window: str, term: str, corpus_text: str, terms: frozenset[str], units: frozenset[str]) -> bool:
    """Whether `window` is `term` with one character replaced, where the replaced character makes no
    two-character run of the policy text (a real word such as 高新技术产业 keeps a known run: 产业)."""
    diffs = [i for i, (a, b) in enumerate(zip(window, term, strict=True)) if a != b]
    if len(diffs) != 1:
        return False
    i = diffs[0]
    if window[i] in _NUMERALS or term[i] in _NUMERALS:
        return False
    if len(term) < 4 and i == len(term) - 1 and term in units:
        return False  # 教育厅 → 教育局 is another kind of body, not a typo
    if i in (0, len(term) - 1) and (term[1:] if i == 0 else term[:-1]) in terms:
        return False  # 龙头企业 + 要 is that word and the next, not 龙头企业数 mistyped
    runs = [window[j:j + 2] for j in (i - 1, i) if 0 <= j and j + 2 <= len(window)]
    return not any(run in corpus_text for run in runs)


def _starts_a_word(text: str, start: int, window: str, term: str) -> bool:
    """Whether the character that differs, at the edge of the window, makes a dictionary word with its neighbour
    outside it (省财政 + 补贴: the word 补贴 follows the unit's stem, nothing is mistyped)."""
    i = next(j for j, (a, b) in enumerate(zip(window, term, strict=True)) if a != b)
    if i == len(window) - 1:
        pair = text[start + i:start + i + 2]
    elif i == 0:
        pair = text[start - 1:start + 1] if start > 0 else ""
    else:
        return False
    if len(pair) != 2 or not _CJK_ONLY.match(pair):
        return False
    from clusterbot.retrieval.terms import tokenizer

    return tokenizer().FREQ.get(pair, 0) > 0


def correct_typos(text: str, corpus, units_only: bool = False) -> tuple[str, list[tuple[str, str]]]:
    """The question with one-character typos of policy terms and unit names replaced, and the (typed, read) pairs.

    `text` is the normalised question. A run that already stands in the policy text is never changed.
    `units_only`: only unit names (a near miss of one names that unit; a near miss of a term may be a word of its own).
    """
    vocab_ = vocabulary(corpus)
    folded_text = vocab_.text
    fixes: list[tuple[str, str]] = []
    out = text
    masked = vocab_.masked_units if units_only else vocab_.masked
    runs = [(m.start(), m.end()) for m in _CJK_RUN.finditer(out)]  # a replacement keeps every length
    for n in sorted((n for n in masked if n <= len(out)), reverse=True):
        table = masked[n]
        for run_start, run_end in runs:
            start = run_start
            while start + n <= run_end:
                window = out[start:start + n]
                term = None
                for i in range(n):  # the cheap lookup first; the checks against the text only for a near miss
                    candidate = table.get(window[:i] + "?" + window[i + 1:])
                    if candidate and candidate != window and candidate not in out \
                            and window not in folded_text and window not in vocab_.term_set \
                            and _typo_of(window, candidate, folded_text, vocab_.term_set, vocab_.unit_names) \
                            and not _starts_a_word(out, start, window, candidate):
                        term = candidate
                        break
                if term is None:
                    start += 1
                    continue
                fixes.append((window, term))
                out = out[:start] + term + out[start + n:]
                start += n
    return out, fixes


def in_corpus(word: str, corpus) -> bool:
    return bool(word) and fold(word) in vocabulary(corpus).text


def corpus_text(corpus) -> str:
    return vocabulary(corpus).text


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.findall(text or "") if s.strip()]


def find_phrase(corpus, phrase: str) -> list[tuple[Clause, str]]:
    """(clause, sentence) pairs whose sentence holds `phrase` (quotes and spaces ignored), document order."""
    key = fold(phrase)
    found = []
    for clause in corpus.clauses():
        if clause.kind in ("table", "table_row"):
            continue
        for sentence in sentences(clause.text):
            if key and key in fold(sentence):
                found.append((clause, sentence))
    return found


def find_variant(corpus, phrase: str, gap: int = 8) -> list[tuple[Clause, str]]:
    """Sentences holding a close variant of `phrase`: its first and last two characters a few characters apart
    (中欧班列 in 中欧“定制班列”), for phrases of four characters or more."""
    key = fold(phrase)
    if len(key) < 4:
        return []
    head, tail = key[:2], key[-2:]
    pattern = re.compile(re.escape(head) + r".{0," + str(gap) + r"}?" + re.escape(tail))
    found = []
    for clause in corpus.clauses():
        if clause.kind in ("table", "table_row"):
            continue
        for sentence in sentences(clause.text):
            if pattern.search(fold(sentence)):
                found.append((clause, sentence))
    return found
