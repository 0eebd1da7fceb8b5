"""Building the policy index: the shipped documents on first use, and documents an administrator ingests.

`ensure_index(settings)` is what the rest of the system calls: idempotent, and when the index is
warm it only reads the manifest and hashes the shipped files (a few milliseconds, no model load).
"""

from __future__ import annotations

import fcntl
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from clusterbot.config import Settings
from clusterbot.errors import InputError
from clusterbot.messages import msg
from clusterbot.paths import SHIPPED_DATA
from clusterbot.retrieval.docstore import DocStore, Manifest, ManifestEntry
from clusterbot.retrieval.loaders import SUFFIXES, content_hash, default_doc_id, load_document, sidecar_meta
from clusterbot.retrieval.models import PolicyDocument

Progress = Callable[[str], None] | None
SHIPPED_POLICY_DIR = SHIPPED_DATA / "policy"


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
        if entry is None or entry.hash != digest or not store.has_document(doc_id):
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
    with _build_lock(store):
        manifest = store.read_manifest()
        pending = _pending_shipped(store, manifest)
        rebuild = _vectors_missing(settings, store, manifest)
        if not pending and not rebuild:
            return
        if not manifest.documents:
            _say(progress, "retrieval.progress.first_use")
        docs = []
        for path, doc_id in pending:
            _say(progress, "retrieval.progress.parsing", name=path.name)
            docs.append(load_document(path, doc_id=doc_id, origin="shipped"))
        from clusterbot.retrieval import vectors

        coll = vectors.collection(settings)
        if rebuild:
            pending_ids = {d.meta.doc_id for d in docs}
            docs += [store.read_document(i) for i in manifest.documents if i not in pending_ids and store.has_document(i)]
        for doc in docs:
            _store(store, manifest, coll, doc, progress, force=rebuild)
        store.write_manifest(manifest)
        _say(progress, "retrieval.progress.ready", docs=len(manifest.documents),
             clauses=sum(e.clauses for e in manifest.documents.values()))


def _store(store: DocStore, manifest: Manifest, coll, doc: PolicyDocument, progress: Progress,
           force: bool = False) -> None:
    from clusterbot.retrieval import vectors

    doc_id = doc.meta.doc_id
    if force or vectors.stored_hash(coll, doc_id) != doc.meta.content_hash:
        _say(progress, "retrieval.progress.embedding", doc_id=doc_id, count=len(doc.clauses))
        vectors.replace_document(coll, doc)
    store.write_document(doc)
    manifest.documents[doc_id] = ManifestEntry(hash=doc.meta.content_hash, origin=doc.meta.origin,
                                               source_file=doc.meta.source_file, title=doc.meta.title,
                                               clauses=len(doc.clauses))


def ingest_files(settings: Settings, paths: list[Path], doc_id: str | None = None,
                 progress: Progress = None) -> list[IngestResult]:
    """Add or replace documents. Every file is read and checked first: one bad file changes nothing."""
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
    from clusterbot.retrieval import vectors

    with _build_lock(store):
        manifest = store.read_manifest()
        coll = vectors.collection(settings)
        for doc in docs:
            entry = manifest.documents.get(doc.meta.doc_id)
            if entry is not None and entry.hash == doc.meta.content_hash and store.has_document(doc.meta.doc_id):
                action = "unchanged"
            else:
                action = "replaced" if entry is not None else "added"
                _store(store, manifest, coll, doc, progress)
            results.append(IngestResult(doc_id=doc.meta.doc_id, title=doc.meta.title, clauses=len(doc.clauses),
                                        action=action))
        store.write_manifest(manifest)
    return results
