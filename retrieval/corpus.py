"""The parsed corpus in memory: clause lookup, the tree, tasks, indicator rows and units.

`load_corpus(settings)` is cached per data directory and refreshed when the index manifest
changes, so the engine's lookups are dictionary reads after the first call.
"""

from __future__ import annotations

import logging
import re
import threading

from pydantic import BaseModel, Field

from clusterbot.config import Settings
from clusterbot.errors import InputError
from clusterbot.retrieval.docstore import DocStore
from clusterbot.retrieval.models import Clause, DocumentMeta, PolicyDocument
from clusterbot.retrieval.units import canonical_unit, find_units, normalise_punctuation

DEFAULT_DOC_ID = "ah-county-clusters-2024"
log = logging.getLogger("clusterbot.retrieval")


class UnitTasks(BaseModel):
    """The tasks a unit leads and the tasks it supports, kept apart."""

    unit: str
    led: list[Clause] = Field(default_factory=list)
    supported: list[Clause] = Field(default_factory=list)


def _label_key(text: str) -> str:
    return re.sub(r"[\s、．.]", "", normalise_punctuation(text))


class Corpus:
    def __init__(self, documents: list[PolicyDocument]) -> None:
        order = sorted(documents, key=lambda d: (d.meta.doc_id != DEFAULT_DOC_ID, d.meta.doc_id))
        self.documents: dict[str, PolicyDocument] = {d.meta.doc_id: d for d in order}
        self._by_id: dict[tuple[str, str], Clause] = {}
        self._by_label: dict[tuple[str, str], Clause] = {}
        for doc in order:
            for clause in doc.clauses:
                self._by_id[(doc.meta.doc_id, clause.clause_id)] = clause
                self._by_label.setdefault((doc.meta.doc_id, _label_key(clause.label)), clause)
        self._units = sorted({u for c in self.clauses() for u in c.lead_units + c.support_units})

    @property
    def default_doc_id(self) -> str:
        return next(iter(self.documents), DEFAULT_DOC_ID)

    def metas(self) -> list[DocumentMeta]:
        return [d.meta for d in self.documents.values()]

    def document(self, doc_id: str | None = None) -> PolicyDocument:
        doc_id = doc_id or self.default_doc_id
        if doc_id not in self.documents:
            raise InputError("retrieval.doc_unknown", doc_id=doc_id, known="、".join(self.documents) or "无")
        return self.documents[doc_id]

    def clauses(self, doc_id: str | None = None) -> list[Clause]:
        docs = [self.document(doc_id)] if doc_id else list(self.documents.values())
        return [c for d in docs for c in d.clauses]

    def clause(self, reference: str, doc_id: str | None = None) -> Clause | None:
        """A clause by id (`3.2.1`) or by label (`三（二）1`, `四(一)`, `第四条`); default document first."""
        reference = reference.strip()
        doc_ids = [doc_id] if doc_id else list(self.documents)
        for candidate in doc_ids:
            found = self._by_id.get((candidate, reference)) or self._by_label.get((candidate, _label_key(reference)))
            if found is not None:
                return found
        return None

    def parent(self, clause: Clause) -> Clause | None:
        return self._by_id.get((clause.doc_id, clause.parent_id)) if clause.parent_id else None

    def children(self, clause_id: str, doc_id: str | None = None) -> list[Clause]:
        clause = self.clause(clause_id, doc_id)
        if clause is None:
            return []
        return [self._by_id[(clause.doc_id, c)] for c in clause.children]

    def tasks(self, doc_id: str | None = None) -> list[Clause]:
        """Every clause that names a lead unit (the tasks of 三 and 四 in the shipped policy)."""
        return [c for c in self.clauses(doc_id) if c.lead_units]

    def indicator_rows(self, doc_id: str | None = None) -> list[Clause]:
        """Indicator table rows (`2.table.N`); each clause carries its parsed `table_row`."""
        return [c for c in self.clauses(doc_id or self.default_doc_id) if c.table_row is not None]

    def units(self) -> list[str]:
        return list(self._units)

    def resolve_unit(self, name: str) -> str | None:
        """`发改委` -> `省发展改革委`; also finds a unit inside a longer phrase."""
        unit = canonical_unit(name, self._units)
        if unit is None:
            found = find_units(name)
            unit = found[0] if found else None
        return unit

    def tasks_for_unit(self, name: str, doc_id: str | None = None) -> UnitTasks:
        unit = self.resolve_unit(name)
        if unit is None:
            raise InputError("retrieval.unit_unknown", unit=name, known="、".join(self._units))
        clauses = self.clauses(doc_id)
        return UnitTasks(unit=unit, led=[c for c in clauses if unit in c.lead_units],
                         supported=[c for c in clauses if unit in c.support_units])


_cache: dict[str, tuple[tuple[int, int] | None, Corpus]] = {}
_lock = threading.Lock()


def load_corpus(settings: Settings) -> Corpus:
    """The corpus of settings.data_dir, building the index on first use; in-memory after that."""
    from clusterbot.retrieval.index import ensure_index, repair_index

    store = DocStore(settings)
    key = str(store.root)
    cached = _cache.get(key)
    signature = store.signature()
    if cached is not None and signature is not None and cached[0] == signature:
        return cached[1]
    with _lock:
        ensure_index(settings)
        signature = store.signature()
        documents = _read_documents(store, strict=True)
        if documents is None:  # a parsed document or the manifest is damaged: rebuild, then read once more
            try:
                repair_index(settings)
            except OSError as exc:  # a read-only data directory: answer with the documents that are intact
                log.warning("policy index not repaired (%s); using the intact documents", exc.strerror or exc)
            signature = store.signature()
            documents = _read_documents(store, strict=False)
        corpus = Corpus(documents or [])
        _cache[key] = (signature, corpus)
        return corpus


def _read_documents(store: DocStore, strict: bool) -> list[PolicyDocument] | None:
    """The documents the manifest names; strict: None when one is missing, damaged or another version."""
    manifest = store.read_manifest()
    documents = []
    for doc_id, entry in manifest.documents.items():
        doc = store.load_document(doc_id)
        if doc is None or doc.meta.content_hash != entry.hash:
            if strict:
                return None
            continue
        documents.append(doc)
    return documents
