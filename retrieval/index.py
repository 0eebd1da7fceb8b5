"""Building the policy index: the shipped documents on first use, and documents an administrator ingests.

`ensure_index(settings)` is what the rest of the system calls: idempotent, and when the index is
warm it only reads the manifest and hashes the shipped files (a few milliseconds, no model load).
"""

from __future__ import annotations

import fcntl
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from clusterbot.config import Settings
from clusterbot.errors import DataError, InputError
from clusterbot.messages import msg
from clusterbot.paths import SHIPPED_DATA
from clusterbot.retrieval.doc_ids import check_not_twin
from clusterbot.retrieval.docstore import DocStore, Manifest, ManifestEntry
from clusterbot.retrieval.loaders import (
    SUFFIXES,
    content_hash,
    default_doc_id,
    load_document,
    sidecar_hash,
    sidecar_meta,
)
from clusterbot.retrieval.models import PolicyDocument

Progress = Callable[[str], None] | None
SHIPPED_POLICY_DIR = SHIPPED_DATA / "policy"
log = logging.getLogger("clusterbot.retrieval")


class IngestResult(BaseModel):
    doc_id: str
    title: str
    clauses: int
    action: str  # added | replaced | unchanged


def shipped_files() -> list[Path]:
    """Policy documents shipped with the code: every document file with a `.meta.yaml` sidecar."""
    return sorted(p for p in SHIPPED_POLICY_DIR.iterdir()
                  if p.suffix.lower() in SUFFIXES and p.with_name(p.stem + ".meta.yaml").is_file())


def _say(progress: Progress, key: str, **values: Any) -> None:
    if progress is not None:
        progress(msg(key, **values))


@contextmanager
def _build_lock(store: DocStore) -> Iterator[None]:
    """One builder per data directory at a time (CLI, server and bench may start together)."""
    store.root.mkdir(parents=True, exist_ok=True)
    with open(store.root / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _pending_shipped(store: DocStore, manifest: Manifest) -> list[tuple[Path, str]]:
    pending = []
    for path in shipped_files():
        doc_id = sidecar_meta(path).get("doc_id") or default_doc_id(path)
        entry = manifest.documents.get(doc_id)
        if entry is not None and entry.origin == "ingested":
            continue  # an administrator has replaced the shipped version
        digest = content_hash(path.read_bytes())
        if entry is None or entry.hash != digest or entry.sidecar != sidecar_hash(path) \
                or not store.has_document(doc_id):
            pending.append((path, doc_id))
    return pending


def _vectors_missing(settings: Settings, store: DocStore, manifest: Manifest) -> bool:
    return bool(manifest.documents) and not settings.chroma_url and not store.chroma_dir.is_dir()


def ensure_index(settings: Settings, progress: Progress = None) -> None:
    """Make sure the shipped policy is parsed and indexed in settings.data_dir; cheap when warm."""
    store = DocStore(settings)
    manifest = store.read_manifest()
    if not _pending_shipped(store, manifest) and not _vectors_missing(settings, store, manifest):
        return
    _rebuild(settings, progress)


def repair_index(settings: Settings, progress: Progress = None) -> None:
    """Bring every derived file (parsed documents, manifest, vectors) back in line with what can be trusted.

    Called when a reader finds one damaged; shipped documents are parsed again from their sources.
    """
    _rebuild(settings, progress)


def _open_collection(settings: Settings) -> Any:
    """The vector collection; a damaged embedded store is set aside and a new one started (the lock is held)."""
    from clusterbot.retrieval import vectors

    try:
        return vectors.collection(settings)
    except vectors.DamagedVectors:
        vectors.set_aside(settings)
        return vectors.collection(settings)


def _trusted_documents(store: DocStore, manifest: Manifest) -> dict[str, PolicyDocument]:
    """The parsed documents on disk that can be used as they are; damaged files are set aside with one log line."""
    docs, damaged = store.stored_documents()
    shipped_ids = {sidecar_meta(p).get("doc_id") or default_doc_id(p) for p in shipped_files()}
    for doc_id in damaged:
        aside = store.set_aside(doc_id)
        if doc_id in shipped_ids:
            log.warning("parsed policy document %s was damaged (kept as %s); parsing the shipped source again",
                        doc_id, aside.name)
        else:
            log.warning("parsed policy document %s was damaged (kept as %s) and has no shipped source; "
                        "ingest it again", doc_id, aside.name)
    for doc_id in manifest.documents:
        if doc_id not in docs and doc_id not in damaged and doc_id not in shipped_ids:
            log.warning("parsed policy document %s is missing and has no shipped source; ingest it again", doc_id)
    return docs


def _rebuild(settings: Settings, progress: Progress) -> None:
    store = DocStore(settings)
    with _build_lock(store):
        manifest = store.read_manifest()
        docs = _trusted_documents(store, manifest)
        parsed: dict[str, PolicyDocument] = {}
        sidecars: dict[str, str] = {}
        for path in shipped_files():
            doc_id = sidecar_meta(path).get("doc_id") or default_doc_id(path)
            stored = docs.get(doc_id)
            entry = manifest.documents.get(doc_id)
            sidecars[doc_id] = side = sidecar_hash(path)
            if stored is not None and (stored.meta.origin == "ingested"
                                       or (stored.meta.content_hash == content_hash(path.read_bytes())
                                           and entry is not None and entry.sidecar == side)):
                continue  # an administrator's version, or the shipped version already parsed with this metadata
            if not manifest.documents and not parsed:
                _say(progress, "retrieval.progress.first_use")
            _say(progress, "retrieval.progress.parsing", name=path.name)
            parsed[doc_id] = load_document(path, doc_id=doc_id, origin="shipped")
        docs.update(parsed)
        coll = _open_collection(settings)
        _add_vectors(coll, list(docs.values()), progress)
        for doc in parsed.values():
            store.write_document(doc)
        for gone in set(manifest.documents) - set(docs):
            _drop_document_vectors(coll, gone)
        rebuilt = Manifest(documents={doc_id: _entry(doc, sidecars.get(doc_id, "") if doc.meta.origin == "shipped" else "")
                                      for doc_id, doc in docs.items()})
        if rebuilt != manifest:
            store.write_manifest(rebuilt)
        _drop_old_versions(coll, docs.values())
        if parsed or rebuilt != manifest:
            _say(progress, "retrieval.progress.ready", docs=len(rebuilt.documents),
                 clauses=sum(e.clauses for e in rebuilt.documents.values()))


def _entry(doc: PolicyDocument, sidecar: str = "") -> ManifestEntry:
    return ManifestEntry(hash=doc.meta.content_hash, origin=doc.meta.origin, source_file=doc.meta.source_file,
                         title=doc.meta.title, clauses=len(doc.clauses), sidecar=sidecar)


def _add_vectors(coll: Any, docs: list[PolicyDocument], progress: Progress) -> None:
    """Add every missing document version; if one fails, the versions added here are removed again."""
    from clusterbot.retrieval import vectors

    added: list[PolicyDocument] = []
    try:
        for doc in docs:
            if not vectors.has_version(coll, doc):
                _say(progress, "retrieval.progress.embedding", doc_id=doc.meta.doc_id, count=len(doc.clauses))
                vectors.add_version(coll, doc)
                added.append(doc)
    except BaseException:
        for doc in added:
            vectors.drop_version(coll, doc.meta.doc_id, doc.meta.content_hash)
        raise


def _drop_old_versions(coll: Any, docs: Iterable[PolicyDocument]) -> None:
    """After the manifest names the new versions: the old vectors go (a failure leaves only unused records)."""
    from clusterbot.retrieval import vectors

    for doc in docs:
        try:
            vectors.drop_other_versions(coll, doc.meta.doc_id, keep=doc.meta.content_hash)
        except Exception as exc:
            log.warning("old vectors of %s not removed yet: %s", doc.meta.doc_id, type(exc).__name__)


def _drop_document_vectors(coll: Any, doc_id: str) -> None:
    from clusterbot.retrieval import vectors

    try:
        vectors.delete_document(coll, doc_id)
    except Exception as exc:  # unused records only: searches keep to the documents of the manifest
        log.warning("vectors of %s not removed: %s", doc_id, type(exc).__name__)


def ingest_files(settings: Settings, paths: list[Path], doc_id: str | None = None,
                 progress: Progress = None) -> list[IngestResult]:
    """Add or replace documents, all or nothing.

    Every file is read and checked first, then the new vectors are added next to the old ones; only when
    all of them are in are the parsed documents and the manifest replaced, and the old vectors removed.
    A failure at any step before that leaves the previous versions (vectors, documents, manifest) in use.
    """
    if doc_id and len(paths) > 1:
        raise InputError("retrieval.doc_id_needs_one_file")
    docs = []
    for path in paths:
        _say(progress, "retrieval.progress.parsing", name=Path(path).name)
        docs.append(load_document(Path(path), doc_id=doc_id))
    ids = [d.meta.doc_id for d in docs]
    duplicate = next((i for i in ids if ids.count(i) > 1), None)
    if duplicate:
        raise InputError("retrieval.duplicate_doc_id", doc_id=duplicate)
    ensure_index(settings, progress)
    store = DocStore(settings)
    results = []
    with _build_lock(store):
        manifest = store.read_manifest()
        for n, doc in enumerate(docs):
            check_not_twin(doc.meta.doc_id, [*manifest.documents, *ids[:n]])
        coll = _open_collection(settings)
        changed = []
        for doc in docs:
            entry = manifest.documents.get(doc.meta.doc_id)
            stored = store.load_document(doc.meta.doc_id) if entry is not None else None
            if entry is not None and stored is not None and entry.hash == doc.meta.content_hash == stored.meta.content_hash:
                action = "unchanged"
            else:
                action = "replaced" if entry is not None else "added"
                changed.append(doc)
            results.append(IngestResult(doc_id=doc.meta.doc_id, title=doc.meta.title, clauses=len(doc.clauses),
                                        action=action))
        _add_vectors(coll, changed, progress)
        for doc in changed:
            store.write_document(doc)
            manifest.documents[doc.meta.doc_id] = _entry(doc)
        store.write_manifest(manifest)
        _drop_old_versions(coll, changed)
    return results


def index_healthy(settings: Settings) -> bool:
    """True when the manifest, every parsed document and (embedded store) the vector database are usable.

    A read-only check for health endpoints: it repairs nothing (the next question does, see `repair_index`).
    """
    from clusterbot.retrieval import vectors

    store = DocStore(settings)
    if not store.manifest_path.is_file():
        return False
    manifest = store.read_manifest()
    if not manifest.documents:
        return False
    for doc_id, entry in manifest.documents.items():
        doc = store.load_document(doc_id)
        if doc is None or doc.meta.content_hash != entry.hash:
            return False
    try:
        vectors.collection(settings)
    except DataError:
        return False
    return True
