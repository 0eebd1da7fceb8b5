"""Clause references in free text: 三（二）1 → 3.2.1, 四(一) → 4.1, 第四条 → 4, clause 3.2.1,
第三部分…第（四）项…第2条 → 3.4.2. Shared by the question understanding and the clause search."""

from __future__ import annotations

import re

from clusterbot.retrieval.numbering import cn_to_int

_PART_ITEM = re.compile(
    r"第\s*(?P<part>[一二三四五六七八九十\d]+)\s*(?:部分|章节|大项|节)[^第]{0,10}"
    r"(?:第\s*[（(]?\s*(?P<sub>[一二三四五六七八九十\d]+)\s*[)）]?\s*(?:项|小节|方面)[^第]{0,6})?"
    r"(?:第\s*(?P<item>[一二三四五六七八九十\d]+)\s*(?:条|点|款))?"
)
_CLAUSE_REF = re.compile(
    r"(?P<cn>[一二三四五六七八九十]+)\s*[（(]\s*(?P<sub>[一二三四五六七八九十]+)\s*[)）]\s*(?P<item>\d+)?"
    r"|第\s*(?P<dotted2>\d+(?:\.\d+)+)\s*条"
    r"|第\s*(?P<art>[一二三四五六七八九十百\d]+)\s*条"
    r"|(?:clause|section|条款)\s*(?P<dotted>\d+(?:\.\d+){0,2})",
    re.IGNORECASE,
)


def _cn_small(text: str) -> int:
    try:
        return cn_to_int(text)
    except ValueError:
        return 0


def clause_reference(text: str) -> str | None:
    """三（二）1 → 3.2.1; 四(一) → 4.1; 第四条 → 4; clause 3.2.1 → 3.2.1; 第三部分第（四）项第2条 → 3.4.2."""
    part = _PART_ITEM.search(text)
    if part and part.group("part"):
        ids = [str(_cn_small(part.group("part")))]
        if part.group("sub"):
            ids.append(str(_cn_small(part.group("sub"))))
            if part.group("item"):
                ids.append(str(_cn_small(part.group("item"))))
        return ".".join(ids)
    match = _CLAUSE_REF.search(text)
    if not match:
        return None
    if match.group("dotted") or match.group("dotted2"):
        return match.group("dotted") or match.group("dotted2")
    if match.group("art"):
        return str(_cn_small(match.group("art")))
    parts = [str(_cn_small(match.group("cn"))), str(_cn_small(match.group("sub")))]
    if match.group("item"):
        parts.append(match.group("item"))
    return ".".join(parts)
