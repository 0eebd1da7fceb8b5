"""Okapi BM25 over pre-tokenised clauses (small corpora: everything stays in memory)."""

from __future__ import annotations

import math
from collections import Counter


class BM25:
    def __init__(self, documents: list[list[str]], k1: float = 1.4, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.freqs = [Counter(doc) for doc in documents]
        self.lengths = [len(doc) for doc in documents]
        self.avg_length = (sum(self.lengths) / len(documents)) if documents else 0.0
        df: Counter[str] = Counter()
        for freq in self.freqs:
            df.update(freq.keys())
        n = len(documents)
        self.idf = {term: math.log(1 + (n - count + 0.5) / (count + 0.5)) for term, count in df.items()}

    def scores(self, query: list[str]) -> list[float]:
        result = [0.0] * len(self.freqs)
        terms = [t for t in dict.fromkeys(query) if t in self.idf]
        if not terms:
            return result
        k1, b, avg = self.k1, self.b, self.avg_length or 1.0
        for i, freq in enumerate(self.freqs):
            norm = k1 * (1 - b + b * self.lengths[i] / avg)
            total = 0.0
            for term in terms:
                tf = freq.get(term)
                if tf:
                    total += self.idf[term] * tf * (k1 + 1) / (tf + norm)
            result[i] = total
        return result
