"""A question that states a figure and asks to have it confirmed ("…目标是N个吧"): yes or no first.

The verdict comes from the answer's own figures in the unit the question used: the figure stated is among
them, or figures in that unit are there and it is not. Whether a level was reached is another question
(达到…了吗), so only a figure that follows a copula and ends the question is read as one to confirm.
"""

from __future__ import annotations

import re

_UNITS = r"%|个|家|项|万亿元|万亿|亿元|亿"
STATED = re.compile(r"(?:是|为|定为|定的是|就是|目标|要求)\s*(\d+(?:\.\d+)?)\s*(" + _UNITS + r")\s*(?:左右|以上)?\s*"
                    r"(?:吧|吗|么|嘛|对吧|对吗|没错吧|是吧|对不对)\s*[?？]?\s*$"
                    r"|是不是\s*(\d+(?:\.\d+)?)\s*(" + _UNITS + r")")
FIGURE = re.compile(r"(\d+(?:\.\d+)?)\s*(" + _UNITS + r")(?!\s*年)")


def verdict(question: str, answer: str) -> bool | None:
    """True when the answer holds the figure the question states, False when it holds others in that unit only,
    None when the question states none to confirm or the answer gives none in its unit."""
    m = STATED.search(question.strip())
    if m is None:
        return None
    value, unit = float(m.group(1) or m.group(3)), m.group(2) or m.group(4)
    shown = [float(v) for v, u in FIGURE.findall(answer) if u == unit]
    if not shown:
        return None
    return value in shown
