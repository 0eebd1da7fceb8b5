"""Slots found in a normalised question: years, thresholds, ranks, metrics, sectors, tasks, terms."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from clusterbot.retrieval.references import clause_reference
from clusterbot.yamlfiles import read_yaml

TIER_WORDS = {"百亿": 100.0, "千亿": 1000.0}
EN_AMOUNTS = {  # English "N billion (yuan)" → 亿元
    "10 billion": 100.0, "ten billion": 100.0, "30 billion": 300.0, "thirty billion": 300.0,
    "50 billion": 500.0, "fifty billion": 500.0, "100 billion": 1000.0, "hundred billion": 1000.0,
}
_EN_BILLION = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)[\s-]*(billion|trillion)", re.IGNORECASE)
KNOWN_THRESHOLDS = (100.0, 300.0, 500.0, 1000.0)
MAX_LISTED = 100  # the rank tool's limit

_BASE_YEAR = re.compile(r"(?:比|较|相比|对比)\s*((?:20)?[1-4]\d)\s*年|(?:比|较|相比|对比)\s*(20[1-4]\d)"
                        r"|(?:和|与|跟|同)\s*((?:20)?[1-4]\d)\s*年?\s*(?:相比|比)"
                        r"|from\s+(20[1-4]\d)\s+to\b|between\s+(20[1-4]\d)\s+and\b|compared (?:with|to)\s+(20[1-4]\d)",
                        re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(20[1-4]\d)(?:\s*年|(?!\d))")
_SHORT_YEAR = re.compile(r"(?<!\d)([1-3]\d)年")
# Two-digit years listed with 年 written once at the end (23、25、27年; 23、25和27 3年).
_SHORT_YEAR_LIST = re.compile(r"(?<![\d.])((?:[1-3]\d\s*[、,，和及与]\s*)+[1-3]\d)\s*(?:这|那)?\s*(?:\d\s*)?(?:个)?年")
_AMOUNT_YI = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*亿")
_AMOUNT_WANYI = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)\s*万亿")
_TOP_N = re.compile(r"(?:前|哪|top\s*|top-|first\s+|bottom\s*|后|最后)(\d{1,3})(?!\d*\s*(?:年|亿|%))", re.IGNORECASE)
_NTH = re.compile(r"(?:排名?|排在|位列|倒数)\s*第\s*(\d{1,3})\s*(?:名|位)?|第\s*(?=\d{1,3}\s*(?:[名位]|呢|$))(\d{1,3})")
EN_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
              "fifteen": 15, "twenty": 20}
_BEST_N = re.compile(r"(?:最(高|低|大|小|多|少|快|慢)|(垫底|末尾|倒数))的?\s*(\d{1,3})\s*(?:个|家|名|位)")
_CUSTOM_THRESHOLD = re.compile(r"(?:到|离|距|距离|达到|突破|过|超过|迈过|上)(?:了|的)?\s*(\d+(?:\.\d+)?)\s*亿|(\d+(?:\.\d+)?)\s*亿(?:元)?以上")
# "27年能到300吗", "冲500": a tier of the policy written without 亿, after a verb of reaching.
_BARE_TIER = re.compile(r"(?:到|过|突破|达到|迈过|跨过|冲|上|离|距|差|够|破)\s*(100|300|500|1000|百|三百|五百|千)"
                        r"(?![\d.])(?!\s*(?:年(?!均)|%|个|家|名|位|万|亿|多(?!少)))"
                        r"|(?<![\d.])(100|300|500|1000)\s*(?=还差|差多少|差几|了没|了吗|没有)")
BARE_TIER_WORDS = {"百": 100.0, "三百": 300.0, "五百": 500.0, "千": 1000.0}
_RANGE = re.compile(r"(?<![\d.])(\d+)\s*(?:—|–|-|－|~|～|至|到)\s*(\d+)\s*亿")


@cache
def vocab() -> dict:
    return read_yaml(resources.files("clusterbot.bot.offline").joinpath("vocab.yaml"))


@dataclass
class Slots:
    years: list[int] = field(default_factory=list)
    threshold: float | None = None
    tier_range: tuple[float, float] | None = None
    amounts_yi: list[float] = field(default_factory=list)
    top_n: int | None = None
    ascending: bool = False
    metric: str | None = None
    sector: str | None = None
    tasks: list[str] = field(default_factory=list)
    term: str | None = None
    clause_ref: str | None = None
    absent_metrics: list[str] = field(default_factory=list)  # asked-for figures the indicator store does not hold
    base_year: int | None = None  # 比/和 a year (…比, …相比), "from Y1 to Y2": the year compared against

    @property
    def year(self) -> int | None:
        return self.years[0] if self.years else None


def position(lowered: str, word: str) -> int:
    """Where the keyword stands in the text, -1 if nowhere; an English keyword only as whole words ("trade" is
    not in "trademarks")."""
    if not word.isascii() or not word[:1].isalpha():
        return lowered.find(word)
    if word not in lowered:  # the pattern below needs the word itself: spare compiling one per keyword
        return -1
    m = re.search(rf"(?<![a-z]){re.escape(word)}(?:s|es|ed|ing|ers?)?(?![a-z])", lowered)
    return m.start() if m else -1


def find_keyword(text: str, table: dict[str, list[str]]) -> list[str]:
    """Canonical keys whose keywords occur in text, longest keyword first, in order of position."""
    hits: list[tuple[int, int, str]] = []
    lowered = text.lower()
    for key, words in table.items():
        best = None
        for word in sorted(words, key=len, reverse=True):
            pos = position(lowered, word.lower())
            if pos >= 0:
                best = (pos, -len(word), key)
                break
        if best:
            hits.append(best)
    return [key for _, _, key in sorted(hits)]


def extract(text: str) -> Slots:
    """Slots from a question already passed through normalize()."""
    slots = Slots()
    lowered = text.lower()
    slots.years = [int(y) for y in _YEAR.findall(text)]
    if not slots.years:
        listed = [y for run in _SHORT_YEAR_LIST.findall(text) for y in re.findall(r"[1-3]\d", run)]
        slots.years = [2000 + int(y) for y in listed or _SHORT_YEAR.findall(text) if 10 <= int(y) <= 35]
    base = _BASE_YEAR.search(text)
    if base:
        found = int(next(g for g in base.groups() if g))
        slots.base_year = found if found > 1000 else 2000 + found  # two-digit years (23年比21年)
        if slots.base_year in slots.years:
            slots.years.remove(slots.base_year)
    r = _RANGE.search(text)
    if r and float(r.group(1)) in KNOWN_THRESHOLDS and float(r.group(2)) in KNOWN_THRESHOLDS:
        slots.tier_range = (float(r.group(1)), float(r.group(2)))
    text_for_amounts = text
    for words in vocab()["metrics"].values():
        for word in words:
            if "亿" in word and word in text_for_amounts:  # 百亿级重点企业 names an indicator, not a level
                text_for_amounts = text_for_amounts.replace(word, " " * len(word))
    for m in _AMOUNT_WANYI.finditer(text_for_amounts):
        slots.amounts_yi.append(float(m.group(1)) * 10000)
    masked = _AMOUNT_WANYI.sub(" ", text_for_amounts)
    for m in _AMOUNT_YI.finditer(masked):
        slots.amounts_yi.append(float(m.group(1)))
    for word, value in TIER_WORDS.items():
        if word in masked and value not in slots.amounts_yi:
            slots.amounts_yi.append(value)
    for word, value in EN_AMOUNTS.items():
        if word in lowered:
            slots.amounts_yi.append(value)
    for m in _EN_BILLION.finditer(lowered):  # "20 billion yuan", "a 30-billion-yuan tier": 1 billion = 10 亿
        value = float(m.group(1)) * (10 if m.group(2) == "billion" else 10000)  # 1 trillion = 1 万亿
        if value not in slots.amounts_yi:
            slots.amounts_yi.append(value)
    tiers = [a for a in slots.amounts_yi if a in KNOWN_THRESHOLDS]
    custom = _CUSTOM_THRESHOLD.search(masked)
    if tiers:
        slots.threshold = max(tiers) if ("换成" in text or "改为" in text) else tiers[-1]
    elif custom and 0 < float(custom.group(1) or custom.group(2)) <= 100000:
        slots.threshold = float(custom.group(1) or custom.group(2))  # a level of the asker's own, not a tier of the policy
    elif (bare := _BARE_TIER.search(masked)) is not None:
        word = bare.group(1) or bare.group(2)
        slots.threshold = BARE_TIER_WORDS.get(word) or float(word)
    if slots.threshold is None and (en := _EN_BILLION.search(lowered)) is not None:
        # a level written in English is the level asked
        slots.threshold = float(en.group(1)) * (10 if en.group(2) == "billion" else 10000)
    m = _TOP_N.search(text)
    best = _BEST_N.search(text)
    nth = _NTH.search(text)
    if nth:  # a place in a ranking (排第N): list down to it, so the answer shows it with those above
        slots.top_n = int(nth.group(1) or nth.group(2))
        slots.ascending = bool(re.search(r"倒数|垫底", text))
    elif best:
        slots.top_n = int(best.group(3))
        slots.ascending = bool(best.group(2)) or (best.group(1) or "") in "低小少慢"
    elif m:
        slots.top_n = int(m.group(1))
        slots.ascending = m.group(0).lower().startswith(("bottom", "后", "最后")) or bool(
            re.search(r"最(低|小|少|慢)|垫底|倒数|lowest|smallest", lowered))
    elif (en := _english_top_n(lowered)) is not None:
        slots.top_n, slots.ascending = en
    elif re.search(r"最大|最高|最多|第一|领先|largest|biggest|highest|top\b", lowered):
        slots.top_n = 1 if re.search(r"最大|最高|最多|第一|largest|biggest|highest", lowered) else 5
    elif re.search(r"最小|最低|最少|垫底|倒数|smallest|lowest", lowered):
        slots.top_n, slots.ascending = 1, True
    if slots.top_n is not None:  # "前0名", "top 500": the lists hold 1 to 100 entries
        slots.top_n = max(1, min(slots.top_n, MAX_LISTED))
    v = vocab()
    metrics = find_keyword(_without_task_names(text, v), v["metrics"])
    slots.metric = metrics[0] if metrics else None
    sectors = find_keyword(text, v["sectors"])
    slots.sector = sectors[0] if sectors else None
    slots.tasks = find_keyword(text, v["tasks"])
    terms = find_keyword(text, v["definitions"])
    slots.term = terms[0] if terms else None
    slots.clause_ref = clause_reference(text)
    slots.absent_metrics = find_keyword(text, v["absent_metrics"])
    return slots


def _without_task_names(text: str, v: dict) -> str:
    """The text with task titles that hold an indicator's word blanked (引育群主企业 names a task, not the count of
    群主企业): the indicator is asked only when its word stands outside such a name."""
    metric_words = [str(w) for ws in v["metrics"].values() for w in ws]
    names = {str(key) for key in v["tasks"]}
    for word in sorted((w for w in names if w in text), key=len, reverse=True):
        if any(m in word and m != word for m in metric_words):
            text = text.replace(word, " " * len(word))
    return text


def _english_top_n(lowered: str) -> tuple[int, bool] | None:
    """"which three clusters had the lowest…", "the top five counties" → (n, ascending)."""
    m = re.search(r"\b(\d{1,3}|" + "|".join(EN_NUMBERS) + r")\s+(?:[a-z-]+\s+){0,2}?(?:clusters?|count(?:y|ies)|cities)\b",
                  lowered)
    if not m or not re.search(r"largest|biggest|highest|\btop\b|most|smallest|lowest|bottom|least|fastest|slowest",
                              lowered):
        return None
    word = m.group(1)
    n = int(word) if word.isdigit() else EN_NUMBERS[word]
    return n, bool(re.search(r"smallest|lowest|bottom|least|slowest", lowered))
