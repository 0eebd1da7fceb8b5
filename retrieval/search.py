"""Hybrid clause search: dense vectors in Chroma + BM25 over jieba tokens, fused by reciprocal rank.

The engine (encoder, collection, BM25 table) is built once per data directory and process and
reused; it is rebuilt only when the index manifest changes (an ingest).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from clusterbot.config import Settings
from clusterbot.errors import InputError
from clusterbot.retrieval.bm25 import BM25
from clusterbot.retrieval.corpus import Corpus, load_corpus
from clusterbot.retrieval.docstore import DocStore
from clusterbot.retrieval.models import Clause, SearchHit
from clusterbot.retrieval.references import clause_reference
from clusterbot.retrieval.terms import expansion_terms, normalise_query, tokens
from clusterbot.retrieval.units import find_units

if TYPE_CHECKING:  # numpy is imported where vectors are used: a data question never needs it
    import numpy as np

log = logging.getLogger("clusterbot.retrieval")
RRF_K = 60
CANDIDATES = 20
DENSE_WEIGHT = 1.0
SPARSE_WEIGHT = 1.0
UNIT_WEIGHT = 1.0  # a unit named in the query ("省林业局要配合啥") ranks the clauses that name it
HEADING_WEIGHT = 0.7  # a bare heading (no text of its own) yields to the clauses under it
# Up to this many clauses the vectors are read from Chroma once and scored in memory: no round trip
# per query (which matters most with a Chroma server). Larger corpora query the collection.
IN_MEMORY_LIMIT = 20000


class HybridSearcher:
    def __init__(self, settings: Settings, corpus: Corpus) -> None:
        from clusterbot.retrieval import vectors

        self.corpus = corpus
        self.clauses: list[Clause] = corpus.clauses()
        self.position = {(c.doc_id, c.clause_id): i for i, c in enumerate(self.clauses)}
        self.bm25 = BM25([tokens(c.index_text()) for c in self.clauses])
        # Vectors of another version of a document (left by a replace that stopped half-way) are never used.
        self.version = {d.meta.doc_id: d.meta.content_hash for d in corpus.documents.values()}
        try:
            self.collection: Any = vectors.collection(settings)
        except vectors.DamagedVectors:
            self.collection = _repaired(settings)
        self.matrix: np.ndarray | None = None
        if len(self.clauses) <= IN_MEMORY_LIMIT:
            self.matrix = self._load_vectors()
            if self.matrix is None and self.clauses:  # vectors lost or incomplete: embed the missing ones
                self.collection = _repaired(settings)
                self.matrix = self._load_vectors()

    def _index(self, meta: Mapping[str, Any] | None) -> int | None:
        if not meta:
            return None
        doc_id, clause_id = str(meta.get("doc_id")), str(meta.get("clause_id"))
        if self.version.get(doc_id) != meta.get("hash"):
            return None
        return self.position.get((doc_id, clause_id))

    def _load_vectors(self) -> np.ndarray | None:
        import numpy as np

        got = self.collection.get(include=["embeddings", "metadatas"])
        rows: dict[int, np.ndarray] = {}
        for vector, meta in zip(got["embeddings"], got["metadatas"], strict=True):
            index = self._index(meta)
            if index is not None:
                rows[index] = np.asarray(vector, dtype=np.float32)
        if len(rows) != len(self.clauses):
            return None  # the collection lags behind the corpus: fall back to querying it
        matrix = np.stack([rows[i] for i in range(len(self.clauses))])
        return matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)

    def _dense(self, query: str, doc_id: str | None, n: int) -> list[int]:
        from clusterbot.retrieval.encoder import embed

        vector = embed([query])
        if self.matrix is not None:
            import numpy as np

            similarity = self.matrix @ vector[0]
            order = np.argsort(-similarity)
            return [int(i) for i in order if doc_id is None or self.clauses[i].doc_id == doc_id][:n]
        where = {"doc_id": doc_id} if doc_id else None
        got = self.collection.query(query_embeddings=vector, n_results=n, where=where, include=["metadatas"])
        ranked = []
        for meta in (got.get("metadatas") or [[]])[0]:
            index = self._index(meta)
            if index is not None and index not in ranked:
                ranked.append(index)
        return ranked

    def _sparse(self, query: str, doc_id: str | None, n: int) -> tuple[list[int], list[float]]:
        scores = self.bm25.scores(tokens(query) + expansion_terms(query))
        order = sorted((i for i, s in enumerate(scores) if s > 0 and (doc_id is None or self.clauses[i].doc_id == doc_id)),
                       key=lambda i: -scores[i])
        return order[:n], scores

    def _by_unit(self, query: str, doc_id: str | None) -> list[int]:
        """Clauses that name a unit of the query: those it leads first, then those it supports."""
        units = set(find_units(query))
        if not units:
            return []
        allowed = [i for i, c in enumerate(self.clauses) if doc_id is None or c.doc_id == doc_id]
        led = [i for i in allowed if units & set(self.clauses[i].lead_units)]
        supported = [i for i in allowed if i not in led and units & set(self.clauses[i].support_units)]
        return led + supported

    def _referenced(self, query: str, doc_id: str | None) -> int | None:
        reference = clause_reference(query)
        clause = self.corpus.clause(reference, doc_id) if reference else None
        return self.position.get((clause.doc_id, clause.clause_id)) if clause is not None else None

    def search(self, query: str, k: int = 5, doc_id: str | None = None) -> list[SearchHit]:
        text = normalise_query(query or "")
        if not text:
            raise InputError("retrieval.empty_query")
        if doc_id is not None:
            self.corpus.document(doc_id)  # unknown id -> clear error
        k = max(1, min(int(k), 50))
        n = min(max(CANDIDATES, k * 2), len(self.clauses))
        if n == 0:
            return []
        fused: dict[int, float] = {}
        sparse, bm25 = self._sparse(text, doc_id, n)
        rankings = [(DENSE_WEIGHT, self._dense(text, doc_id, n)), (SPARSE_WEIGHT, sparse),
                    (UNIT_WEIGHT, self._by_unit(text, doc_id))]
        for weight, ranking in rankings:
            for rank, index in enumerate(ranking):
                fused[index] = fused.get(index, 0.0) + weight / (RRF_K + rank + 1)
        for index in fused:
            clause = self.clauses[index]
            if not clause.text and clause.children:
                fused[index] *= HEADING_WEIGHT
        # Equal fused scores: exact-term evidence (BM25) decides.
        best = sorted(fused, key=lambda i: (-round(fused[i], 9), -bm25[i]))
        named = self._referenced(text, doc_id)
        if named is not None:  # "三（二）1那条讲的啥": the clause asked for by its number comes first
            fused[named] = max(fused.values(), default=1.0)
            best = [named] + [i for i in best if i != named]
        best = best[:k]
        top = fused[best[0]] if best else 1.0
        return [_hit(self.clauses[i], fused[i] / top) for i in best]


def _repaired(settings: Settings) -> Any:
    """Rebuild what is missing or damaged in the vector store from the parsed documents, then reopen it."""
    from clusterbot.retrieval import vectors
    from clusterbot.retrieval.index import repair_index

    try:
        repair_index(settings)
    except OSError as exc:  # a read-only data directory: search with what the store has
        log.warning("policy vectors not repaired (%s)", exc.strerror or exc)
    return vectors.collection(settings)


def _hit(clause: Clause, score: float) -> SearchHit:
    return SearchHit(doc_id=clause.doc_id, clause_id=clause.clause_id, label=clause.label, title=clause.title,
                     breadcrumb=clause.breadcrumb, score=round(score, 4), text=clause.text,
                     lead_units=clause.lead_units, support_units=clause.support_units)


_cache: dict[str, tuple[Corpus, HybridSearcher]] = {}
_lock = threading.Lock()


def searcher(settings: Settings) -> HybridSearcher:
    """The process's searcher for settings.data_dir (rebuilt after an ingest changes the corpus)."""
    corpus = load_corpus(settings)
    key = f"{DocStore(settings).root}|{settings.chroma_url or ''}"
    cached = _cache.get(key)
    if cached is not None and cached[0] is corpus:
        return cached[1]
    with _lock:
        cached = _cache.get(key)
        if cached is not None and cached[0] is corpus:
            return cached[1]
        engine = HybridSearcher(settings, corpus)
        _cache[key] = (corpus, engine)
        return engine


def search(settings: Settings, query: str, k: int = 5, doc_id: str | None = None) -> list[SearchHit]:
    """The k best clauses for `query` (Chinese or English), best first; scores are relative to the best (1.0)."""
    return searcher(settings).search(query, k=k, doc_id=doc_id)


def warm_up(settings: Settings) -> None:
    """Load the encoder, tokenizer and collection now rather than on the first question."""
    searcher(settings).search("集群", k=1)
