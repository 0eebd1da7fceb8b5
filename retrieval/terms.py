"""Search terms: jieba segmentation that keeps policy terms and unit names whole."""

from __future__ import annotations

import re
import threading
from functools import cache
from typing import Any

from clusterbot.paths import SHIPPED_DATA
from clusterbot.retrieval.units import alias_table

TERMS_FILE = SHIPPED_DATA / "policy" / "terms.txt"
_STOP = set("的 了 和 与 及 等 在 是 为 对 将 把 要 有 中 以 于 或 并 其 由 从 向 也 就 都 而 各 之 这 那 哪 吗 呢 啊 吧 么 "
            "什么 怎么 如何 哪些 哪个 哪里 多少 是否 一下 请问 关于 政策 文件 规定 提到 说 了吗 "
            "the a an of to in and or for on by with what which who how is are does do be".split())
_KEEP = re.compile(r"[\w%]")
_lock = threading.Lock()
_tokenizer: Any = None


def _user_words() -> list[str]:
    words = []
    for line in TERMS_FILE.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.append(line.split()[0])
    for alias in alias_table():
        if not alias.isascii() and "、" not in alias:
            words.append(alias)
    return words


def tokenizer() -> Any:
    """The process's jieba tokenizer with our user dictionary (built once, about 1 s)."""
    global _tokenizer
    with _lock:
        if _tokenizer is None:
            import logging

            import jieba

            jieba.setLogLevel(logging.WARNING)
            tk = jieba.Tokenizer()
            tk.initialize()
            for word in _user_words():
                tk.add_word(word, freq=2000)
            _tokenizer = tk
    return _tokenizer


@cache
def _simplify(text: str) -> str:
    import zhconv

    return zhconv.convert(text, "zh-cn")


def normalise_query(text: str) -> str:
    """Full-width letters/digits folded, traditional characters simplified, case folded."""
    folded = "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" and c not in "（），：；！？" else c for c in text)
    return _simplify(folded.strip()).lower()


def tokens(text: str) -> list[str]:
    """Search-mode tokens (whole words plus their shorter parts), without stop words or punctuation."""
    out = []
    for token in tokenizer().lcut_for_search(text.lower()):
        token = token.strip()
        if token and token not in _STOP and _KEEP.search(token):
            out.append(token)
    return out


GLOSSARY_FILE = SHIPPED_DATA / "policy" / "glossary_en.yaml"


@cache
def _glossary() -> list[tuple[re.Pattern[str], list[str]]]:
    from clusterbot.yamlfiles import read_yaml

    entries = read_yaml(GLOSSARY_FILE) or {}
    ordered = sorted(entries.items(), key=lambda item: -len(item[0]))
    return [(re.compile(rf"(?<![a-z0-9]){re.escape(phrase.lower())}(?![a-z0-9])"), list(terms)) for phrase, terms in ordered]


def glossary_terms(query: str) -> list[str]:
    """The whole Chinese terms the glossary gives for the English phrases of a query, longest phrase first."""
    text = query.lower()
    found: list[str] = []
    for pattern, terms in _glossary():
        if pattern.search(text):
            text = pattern.sub(" ", text)
            found.extend(t for t in terms if t not in found)
    return found


def expansion_terms(query: str) -> list[str]:
    """Chinese policy terms for the English phrases in a query (keyword matching cannot cross languages)."""
    text = query.lower()
    if not re.search(r"[a-z]", text):
        return []
    extra: list[str] = []
    for pattern, terms in _glossary():
        if pattern.search(text):
            text = pattern.sub(" ", text)
            for term in terms:
                extra.extend(tokens(term))
    return extra
