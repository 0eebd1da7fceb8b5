"""Which indicators of the province's targets (二、工作目标 and its table) a question names."""

from __future__ import annotations

import re

from clusterbot.bot.offline.slots import vocab
from clusterbot.bot.offline.understand import Understanding
from clusterbot.lazy_regex import LazyPattern

# The tiers whose number of clusters the targets count.
TIER_COUNTS = {100.0: "clusters_100", 500.0: "clusters_500", 1000.0: "clusters_1000"}
RANGE_300_500 = LazyPattern(r"300\s*(?:亿)?\s*(?:—|–|-|－|~|～|至|到)\s*500\s*亿级?(?:集群)?")


def indicators_named(text: str, u: Understanding) -> list[str]:
    """Indicator codes named in the question; a longer keyword hides the shorter ones inside it."""
    lowered = text.lower()
    found: list[tuple[int, str]] = []
    if u.slots.tier_range == (300.0, 500.0):
        # the range names its own indicator; its "500亿" is not the 500亿级 count
        span = RANGE_300_500.search(lowered)
        if span is None:
            return ["clusters_300_500"]
        found.append((span.start(), "clusters_300_500"))
        lowered = lowered[:span.start()] + " " * (span.end() - span.start()) + lowered[span.end():]
    words = sorted(((w.lower(), code) for code, ws in vocab()["indicators"].items() for w in ws),
                   key=lambda pair: -len(pair[0]))
    for word, code in words:
        pos = lowered.find(word)
        if pos >= 0:
            lowered = lowered[:pos] + " " * len(word) + lowered[pos + len(word):]
            if code not in (c for _, c in found):
                found.append((pos, code))
    codes = [c for _, c in sorted(found)]
    tier = TIER_COUNTS.get(u.slots.threshold or 0.0)
    if tier and tier not in codes and u.has("COUNT") and u.has("CLUSTER_WORD") and not u.slots.tier_range:
        # "how many clusters of at least 10 billion": a count of clusters above a tier, however the tier is written
        codes.append(tier)
    # "百亿级集群营收" asks about the count of clusters, not total revenue.
    if "revenue_total" in codes and len(codes) > 1 and not re.search(r"总规模|总营收|总收入|total", text):
        codes.remove("revenue_total")
    return codes
