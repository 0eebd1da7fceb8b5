"""Every quantity in a text, with the role it plays there: a value, a rate, a year or a count.

One reader for both sides of the grounding check (the model's answer, and the text in tool outputs and
clauses), so a number is read the same way wherever it is written:

- digits (94.2, 12,000, full width), exponents (5.8e1, 5.8×10^1), Chinese numerals (三十七点五, 一万二千亿,
  二〇二七, 壹佰), English number words (seventy-three billion, 1.5 million);
- magnitudes (万 亿 万亿 thousand million billion trillion) and units glued on either side (RMB860亿,
  CAGR37.5%, ¥, US$, 元, 个百分点, 百分之…, 三成);
- ranges (30-40亿元, 三至五成: the first end takes the unit of the second);
- signs: a minus, 负, or a word of decline before the number (下降 减少 decline fell …) makes it negative;
  "降至 / fell to" introduces a level, not a change;
- years (2027年, FY2027, a bare 1900–2100 integer) are years, never values; a year in a forecast clause
  (预计 / projected …) is marked `projected`.

Dates (8月16日), document numbers (〔2024〕56号) and clause numbering are not quantities.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from clusterbot.bot.llm.numerals import CN_CHARS, CN_FOLD, EN_RUN, cn_number, en_number
from clusterbot.bot.offline.script import to_simplified

VALUE, RATE, YEAR, COUNT = "value", "rate", "year", "count"
YEAR_RANGE = (1900, 2100)
ROUNDING_SHARE = 0.05

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻", "0123456789+-")
_SUPERSCRIPT_POWER = re.compile(r"[×xX*]\s*10([⁺⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)")
# Digits grouped by spaces (12 000, after NFKC turned thin spaces into spaces) are one number.
_SPACE_GROUPS = re.compile(r"(?<![\d.,])\d{1,3}(?: \d{3})+(?![\d.,]|\s?\d)")
_MAY_HOLD_NUMBER = re.compile(rf"[\d０-９{CN_CHARS}萬億兩\u2160-\u2188]|{EN_RUN.pattern}|dozen|half|半", re.IGNORECASE)
_CN_RUN = rf"[{CN_CHARS}]+(?:点[零〇一二三四五六七八九]+)?"
_ARABIC = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?(?:[eE][+-]?\d+)?(?:\s*[×xX*]\s*10\s*\^\s*[+-]?\d+)?"
_CN_SMALL = "[零〇一二三四五六七八九十两]+"
# Shares and dozens: 三分之二, 一半, half, a dozen (multiples 3倍 and 八折 are suffixes below).
_SHARES = (rf"(?P<frac>(?:\d+|{_CN_SMALL})分之(?:\d+|{_CN_SMALL}))|(?P<half>一半|半数|过半|\bhalf\b)"
           r"|(?P<dz>\b(?:(?:a|one|two|three|four|five|six|seven|eight|nine|ten|\d+)\s+)?dozens?\b|一打)")
_TOKEN = re.compile(rf"{_SHARES}|(?P<ar>(?<![\d.]){_ARABIC})|(?P<cn>{_CN_RUN})|(?P<en>{EN_RUN.pattern})",
                    re.IGNORECASE)
_ROMAN = re.compile("[\u2160-\u2188]+")
# A letter O typed for a zero inside a number: 1O, 2O24, 9O.5 (not O2O or CO2).
_LETTER_O = re.compile(r"(?<![A-Za-z\d])\d[\d.,]*[Oo][\dOo.,]*(?![A-Za-z])")

_MAGNITUDE = re.compile(
    r"(?:\s*|-)(?P<mag>万亿|千亿|百亿|千万|百万|亿|万|千(?![米克瓦])|trillion|billion|million|thousand|bn\b|mn\b)",
    re.IGNORECASE)
_MAGNITUDES = {"万亿": 1e12, "千亿": 1e11, "百亿": 1e10, "千万": 1e7, "百万": 1e6, "亿": 1e8, "万": 1e4, "千": 1e3,
               "trillion": 1e12, "billion": 1e9, "bn": 1e9, "million": 1e6, "mn": 1e6, "thousand": 1e3}
_SUFFIX = re.compile(
    r"\s*(?:(?P<pp>个百分点|百分点|percentage points?|pp\b)|(?P<pct>%|‰|percent\b|per cent\b|pct\b)"
    r"|(?P<cheng>成(?![为员本果立长效就功熟型交品绩都了]))"
    r"|(?P<usd>美元|US dollars?|dollars?\b|USD\b)|(?P<cny>元|yuan\b|RMB\b|CNY\b)"
    r"|(?P<date>月|日|号)"
    r"|(?P<nian>年(?!均|化|增|复合))"
    r"|(?P<mult>倍|-?fold\b|times\b)|(?P<zhe>折(?![扣旧算合叠中线腾服射]))"
    r"|(?P<cls>[个家项名人位户件条座所批次]"
    r"|(?:enterprises?|compan(?:y|ies)|firms?|clusters?|count(?:y|ies)|cities|city|people|persons?"
    r"|items?|projects?)\b))",
    re.IGNORECASE)
_PREFIX_CURRENCY = re.compile(r"(?P<usd>US\$|USD|\$)\s*$|(?P<cny>RMB|CNY|¥|￥|人民币)\s*$", re.IGNORECASE)
_PREFIX_PERCENT = re.compile(r"百分之$")
_PREFIX_MINUS = re.compile(r"(?:(?<![A-Za-z0-9_.])[-–]|负|minus\s+)\s*$", re.IGNORECASE)
_PREFIX_ORDINAL = re.compile(r"第\s*$")
_RANGE = re.compile(r"^\s*(?:-|–|—|~|～|至|到|to)\s*$", re.IGNORECASE)
_LIST_JOIN = re.compile(r"^\s*(?:和|与|及|、|,|，|and|or|或)?\s*$", re.IGNORECASE)
_BOUNDARY = re.compile(r"[。；;！？!?\n，,]|(?<!\d)\.(?!\d)")

_NEGATIVE = re.compile(
    r"(?:下降|下滑|下跌|减少|降低|回落|萎缩|缩减|缩水|收缩|倒退|负增长|降幅|跌幅|减幅)(?!到|至)(?:了|为)?"
    r"|\b(?:declin\w*|decreas\w*|fell|fall(?:s|ing)?|dropp?\w*|shr[aiu]nk\w*|contract\w*|down)\b(?!\s+to\b)",
    re.IGNORECASE)
_POSITIVE = re.compile(r"增长|增加|提高|提升|上升|上涨|增幅|增速|涨幅|扩大|降至|降到|跌至|跌到|减少到|减少至|下降到|下降至"
                       r"|\b(?:grow\w*|grew|rose|ris(?:e|es|ing)|increas\w*|up|gain\w*|expand\w*|to)\b",
                       re.IGNORECASE)
_NEGATIVE_AFTER = re.compile(r"\s*(?:的)?(?:降幅|跌幅|减幅|负增长|萎缩|下滑|decline|drop|decrease|fall|contraction)",
                             re.IGNORECASE)
_PROJECTION = re.compile(r"预计|预测|预期|有望|可望|将于|将在|(?:按|照|以|依)(?:照)?[^，。；,;]{0,8}(?:增速|速度|势头|趋势)"
                         r"|\b(?:project\w*|expect\w*|forecast\w*|on track|at (?:the|this|its|that) \w+ pace"
                         r"|(?:would|will|could|can|may|should) (?:reach|cross|pass|exceed|hit|top))\b", re.IGNORECASE)
# A year followed by "can / will reach" is a forecast too: 2027年就能迈过.
_PROJECTION_AFTER = re.compile(r"\s*(?:年)?(?:底|末|前后|前|左右|内)?\s*(?:就|即|便|才)?(?:能够|能|可以|可|将会|将|会|有望|可望)"
                               r"\s*(?:迈过|突破|跨过|越过|达到|实现|超过|迈上|跨上|站上)")
_SENTENCE = re.compile(r"[。；;！？!?\n]|(?<!\d)\.(?!\d)")
_TARGET_AFTER = re.compile(r"\s*(?:的)?(?:目标|target)", re.IGNORECASE)
_REQUIREMENT = re.compile(r"需|须|要实现|必须|\b(?:requir\w*|need\w*|must)\b", re.IGNORECASE)

# Numbering, dates and names that contain digits but state no quantity.
_NOT_QUANTITIES = (
    re.compile(r"\b\d+(?:\.\d+)*\.table(?:\.\d+)?\b"),
    re.compile(r"(?<![\d.])\d+(?:\.\d+){2,}(?![\d.])"),
    re.compile(r"[一二三四五六七八九十]+\s*[（(]\s*[一二三四五六七八九十]+\s*[）)]\s*\d*"),
    re.compile(r"第\s*[\d一二三四五六七八九十百]+\s*[条款项章节]"),
    re.compile(r"\b(?:clause|article|section)\s+\d+(?:\.\d+)*", re.IGNORECASE),
    re.compile(r"[〔\[（(]\s*\d{4}\s*[〕\]）)]\s*\d+\s*号"),
    re.compile(r"十[一二三四五六七八九]五"),  # five-year plans: 十四五
    re.compile(r"[一二三四五六七八九十百]+(?=大(?!于|约|概|幅)|届|中全会|次全会)"),
    re.compile(r"[百千]亿(?:元)?级"),  # tier names (百亿级); the tier itself comes with the tool's threshold
)
_LIST_MARKER = re.compile(r"(?m)^\s*(?:[-*]\s+)?\d{1,2}[.)、．]\s*(?!\d)")


@dataclass(frozen=True)
class Quantity:
    """A quantity as written (`text`) and what it means.

    `number` is the written figure with its sign (-5.1 for 下降5.1%), `scale` the written magnitude
    (1e8 for 亿, 0.01 for %), so `base` is the value in plain units: yuan, a fraction, a count, a year.
    `tolerance` is half a unit of the last written digit, in the units of `number`.
    """

    text: str
    number: float
    scale: float
    tolerance: float
    role: str
    currency: str = ""  # "cny" or "usd" for money, "" when none was written
    magnitude: bool = False  # a magnitude or unit was written (亿, %, billion, 元, a classifier)
    projected: bool = False  # a year stated as a forecast
    points: bool = False  # percentage points, a difference of rates
    explicit_sign: bool = False  # a minus or a word of decline was written
    start: int = -1  # where it stands in the prepared text (`prepare`), for reading its claim
    end: int = -1

    @property
    def base(self) -> float:
        return self.number * self.scale

    @property
    def base_tolerance(self) -> float:
        return self.tolerance * self.scale


@dataclass
class _Token:
    start: int
    end: int
    number: float
    decimals: int
    scale: float = 1.0
    kind: str = ""  # ar, cn, en
    digits_only: bool = False  # a Chinese numeral written digit by digit (二〇二七)
    place_only: bool = False  # a Chinese numeral without digits (百, 千万)
    integer_text: str = ""
    suffix: str = ""  # which suffix group matched
    suffix_end: int = 0
    mag: bool = False
    currency: str = ""
    percent_prefix: bool = False
    minus: bool = False
    ordinal: bool = False
    share: bool = False  # a fraction written as one (三分之二, 一半): a rate of 1


def prepare(text: str, numbering: bool = False) -> str:
    """NFKC, simplified characters, and (unless `numbering`) clause numbers blanked out.

    Invisible format characters go first: "9\u200b4.2" shows as 94.2 and must be read as 94.2.
    A full-width comma separates a list (94，120), so it never becomes a thousands separator.
    """
    text = "".join(ch for ch in (text or "") if unicodedata.category(ch) != "Cf")
    text = _ROMAN.sub(lambda m: str(roman_value(m.group(0))), text)  # Ⅻ is 12, not the letters XII
    text = _SUPERSCRIPT_POWER.sub(lambda m: "×10^" + m.group(1).translate(_SUPERSCRIPTS), text.replace("，", ", "))
    text = to_simplified(unicodedata.normalize("NFKC", text)).translate(CN_FOLD)
    text = _SPACE_GROUPS.sub(lambda m: m.group(0).replace(" ", ","), text.replace("−", "-"))
    text = _LETTER_O.sub(lambda m: m.group(0).replace("O", "0").replace("o", "0"), text)
    if not numbering:
        for pattern in _NOT_QUANTITIES:
            text = pattern.sub(lambda m: " " * len(m.group(0)), text)
        text = _LIST_MARKER.sub(lambda m: " " * len(m.group(0)), text)
    return text


def roman_value(numerals: str) -> int:
    """Ⅻ → 12, ⅩⅣ → 14: Unicode Roman numerals with the subtractive rule."""
    values = [int(unicodedata.numeric(ch)) for ch in numerals]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _share_token(match: re.Match[str]) -> _Token | None:
    raw = match.group(0)
    if match.group("half"):
        return _Token(match.start(), match.end(), 0.5, 3, kind="share", share=True, mag=True)
    if match.group("dz"):
        count = raw.lower().replace("dozens", "").replace("dozen", "").replace("一打", "").strip()
        number = {"": 1, "a": 1}.get(count) or (int(count) if count.isdigit() else en_number(count)[0]
                                                if en_number(count) else 1)
        return _Token(match.start(), match.end(), 12.0 * number, 0, kind="dz", mag=True)
    denominator, _, numerator = raw.partition("分之")
    parts = [float(p) if p.isdigit() else (cn_number(p) or (None, 0))[0] for p in (numerator, denominator)]
    if parts[0] is None or not parts[1]:
        return None
    return _Token(match.start(), match.end(), parts[0] / parts[1], 3, kind="share", share=True, mag=True)


def _read_token(match: re.Match[str], text: str) -> _Token | None:
    raw = match.group(0)
    if match.group("frac") or match.group("half") or match.group("dz"):
        return _share_token(match)
    if match.group("ar"):
        body, _, power = raw.replace(" ", "").partition("10^")
        body = re.sub(r"[×xX*]$", "", body)
        mantissa, _, exponent = body.lower().partition("e")
        whole = mantissa.replace(",", "")
        decimals = len(whole.partition(".")[2])
        number = float(whole) * 10 ** int(exponent or 0) * 10 ** int(power or 0)
        shift = int(exponent or 0) + int(power or 0)
        return _Token(match.start(), match.end(), number, decimals - shift, kind="ar",
                      integer_text=whole if not (exponent or power) else "")
    if match.group("cn"):
        parsed = cn_number(raw)
        if parsed is None:
            return None
        number, decimals = parsed
        integer_part = raw.partition("点")[0]
        scale = 1.0
        # 三百亿: the magnitude inside the numeral is the written scale (so tolerance is half 亿).
        for word, factor in (("万亿", 1e12), ("亿", 1e8), ("万", 1e4)):
            if integer_part.endswith(word) and not decimals and number % factor == 0 and len(integer_part) > 1:
                number, scale = number / factor, factor
                break
        return _Token(match.start(), match.end(), number, decimals, scale=scale, kind="cn",
                      mag=scale != 1.0,
                      digits_only=len(integer_part) > 1 and all(ch in "零〇一二三四五六七八九两" for ch in integer_part),
                      place_only=all(ch in "十百千万亿拾佰仟" for ch in integer_part))
    parsed_en = en_number(raw)
    if parsed_en is None:
        return None
    number, scale = parsed_en
    decimals = len(raw.lower().partition("point")[2].split()) if "point" in raw.lower() else 0
    return _Token(match.start(), match.end(), number, decimals, scale=scale, kind="en", mag=scale != 1.0)


def _read_affixes(token: _Token, text: str) -> None:
    before = text[max(0, token.start - 12):token.start]
    if (m := _PREFIX_CURRENCY.search(before)) is not None:
        token.currency = "usd" if m.group("usd") else "cny"
    token.percent_prefix = bool(_PREFIX_PERCENT.search(before))
    token.minus = bool(_PREFIX_MINUS.search(before))
    token.ordinal = bool(_PREFIX_ORDINAL.search(before))
    position = token.end
    if not token.mag:
        m = _MAGNITUDE.match(text, position)
        if m is not None and not (m.group("mag").isascii() and token.kind == "cn"):
            token.scale *= _MAGNITUDES[m.group("mag").lower()]
            token.mag = True
            position = m.end()
    m = _SUFFIX.match(text, position)
    if m is not None:
        token.suffix = next(name for name, value in m.groupdict().items() if value)
        position = m.end()
        if token.suffix in ("usd", "cny"):
            token.currency = token.suffix
    token.suffix_end = position


def _accept(token: _Token, text: str) -> bool:
    """Chinese numerals count only where they quantify something; English words likewise."""
    if token.kind in ("ar", "share", "dz"):
        return True
    unit = bool(token.suffix and token.suffix != "date") or token.currency or token.percent_prefix
    if token.kind == "en":
        return bool(unit or token.mag or token.number > 10 or token.decimals)
    if token.digits_only:
        if token.suffix == "zhe":
            return True  # 八五折
        return token.suffix == "nian" and len(token.integer_text or text[token.start:token.end]) == 4
    if token.place_only:
        return bool(unit) or text.startswith("级", token.suffix_end)
    return bool(unit or token.mag or token.decimals or token.number > 10)


def _role(token: _Token) -> str:
    if token.suffix in ("pct", "pp", "cheng", "mult", "zhe") or token.percent_prefix or token.share:
        return RATE
    bare = not (token.mag or token.currency or token.suffix in ("cls",))
    if (bare and token.decimals <= 0 and token.number.is_integer()
            and YEAR_RANGE[0] <= token.number <= YEAR_RANGE[1]
            and (token.kind == "cn" or "," not in token.integer_text)
            and token.suffix in ("", "nian") and not token.ordinal):
        return YEAR
    if token.suffix in ("cls", "nian") or token.ordinal:
        return COUNT
    return VALUE


def _percent_scale(token: _Token, text: str) -> float:
    if token.suffix == "cheng":
        return 0.1
    if token.share or token.suffix == "mult":
        return 1.0  # 三分之二 is 0.667, 3倍 is 3
    if token.suffix == "zhe":
        return 0.1 if token.number < 10 else 0.01  # 八折 0.8, 八五折 0.85
    if token.suffix == "pct" and "‰" in text[token.end:token.suffix_end]:
        return 0.001
    return 0.01


def _sign(token: _Token, text: str, previous: _Token | None, previous_sign: int) -> tuple[int, bool]:
    if token.minus:
        return -1, True
    floor = previous.suffix_end if previous is not None else 0
    window = text[floor:token.start]
    boundary = list(_BOUNDARY.finditer(window))
    clause = window[boundary[-1].end():] if boundary else window
    if previous is not None and not boundary and _LIST_JOIN.match(clause) or (
            previous is not None and _RANGE.match(window)):
        return previous_sign, previous_sign < 0  # 分别下降5%和3%, 下降3%-5%
    cues = [(m.end(), -1) for m in _NEGATIVE.finditer(clause)] + [(m.end(), 1) for m in _POSITIVE.finditer(clause)]
    if cues:
        sign = max(cues, key=lambda cue: (cue[0], cue[1] < 0))[1]  # 负增长 ends where its 增长 does
        return sign, sign < 0
    if _NEGATIVE_AFTER.match(text, token.suffix_end):
        return -1, True
    return 1, False


def _projected(token: _Token, text: str, years_before: list[_Token]) -> bool:
    """A year is a forecast when a forecast word precedes it in its sentence, no other year stands between
    them, the sentence states no requirement (需 / required …) and the year is not called a target."""
    start = max((m.end() for m in _SENTENCE.finditer(text, 0, token.start)), default=0)
    ends = [m.start() for m in _SENTENCE.finditer(text, token.end)]
    sentence_end = ends[0] if ends else len(text)
    cues = [m.end() for m in _PROJECTION.finditer(text, start, token.start)]
    if _REQUIREMENT.search(text, start, sentence_end) or _TARGET_AFTER.match(text, token.suffix_end):
        return False
    if _PROJECTION_AFTER.match(text, token.suffix_end):
        return True
    return bool(cues) and not any(cues[-1] <= year.start for year in years_before)


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    last_end = 0
    for match in _TOKEN.finditer(text):
        if match.start() < last_end:
            continue  # the magnitude of the previous number (3千万: 千万 is not a number of its own)
        token = _read_token(match, text)
        if token is None:
            continue
        _read_affixes(token, text)
        tokens.append(token)
        last_end = token.suffix_end
    # A range's first end takes the second end's unit: 30-40亿元, 三至五成, 2025—2027年.
    for first, second in zip(tokens, tokens[1:], strict=False):
        bare_first = not (first.mag or first.suffix or first.currency or first.percent_prefix)
        if bare_first and _RANGE.match(text[first.suffix_end:second.start]):
            if second.mag:
                first.scale *= second.scale
                first.mag = True
            first.suffix, first.currency = second.suffix, first.currency or second.currency
            first.percent_prefix = first.percent_prefix or second.percent_prefix
    return [t for t in tokens if t.suffix != "date" and _accept(t, text)]


def extract_quantities(text: str, numbering: bool = False) -> list[Quantity]:
    """Every quantity in `text`. `numbering=True` keeps clause numbers (evidence text reads them too)."""
    if not _MAY_HOLD_NUMBER.search(text or ""):
        return []
    return list(_extract(text, numbering))


@lru_cache(maxsize=4096)  # tool outputs repeat the same names and labels many times
def _extract(text: str, numbering: bool) -> tuple[Quantity, ...]:
    text = prepare(text, numbering)
    quantities: list[Quantity] = []
    previous: _Token | None = None
    previous_sign = 1
    years: list[_Token] = []
    for token in _tokens(text):
        role = _role(token)
        scale = token.scale * (_percent_scale(token, text) if role == RATE else 1.0)
        sign, explicit = _sign(token, text, previous, previous_sign) if role != YEAR else (1, False)
        # Half a unit of the last written digit, but never more than 5 %: "1万亿" is not 0.79万亿.
        # A written 0 keeps its half unit: "0%" stands for anything below 0.5 %.
        half_unit = 0.5 * 10 ** (-token.decimals)
        tolerance = (min(half_unit, ROUNDING_SHARE * abs(token.number)) if token.number else half_unit) + 1e-9
        quantities.append(Quantity(
            text=text[token.start - (len("百分之") if token.percent_prefix else 0):token.suffix_end].strip(),
            number=sign * abs(token.number), scale=scale, tolerance=tolerance if role != YEAR else 0.0,
            role=role, currency=token.currency,
            magnitude=bool(token.mag or token.suffix or token.currency or token.percent_prefix),
            projected=role == YEAR and _projected(token, text, years),
            points=token.suffix == "pp", explicit_sign=explicit,
            start=token.start - (len("百分之") if token.percent_prefix else 0), end=token.suffix_end,
        ))
        previous, previous_sign = token, sign
        if role == YEAR:
            years.append(token)
    return tuple(quantities)
