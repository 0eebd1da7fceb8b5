"""The Chroma collection of clause vectors: embedded on disk, or a Chroma server when configured."""

from __future__ import annotations

import logging
import re
import shutil
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function

from clusterbot.config import Settings
from clusterbot.errors import DataError
from clusterbot.retrieval.docstore import DocStore
from clusterbot.retrieval.encoder import MODEL_NAME, embed, use_cache_dir
from clusterbot.retrieval.models import PolicyDocument

COLLECTION = "policy_clauses"
# Adds go in batches no larger than this (and never larger than the store's own limit, 5461 for the
# embedded store): a document with more clauses than one batch would otherwise be refused whole.
BATCH_LIMIT = 1000
# SQLite's "database disk image is malformed" (11) and "file is not a database" (26).
_CORRUPT = re.compile(r"code: (11|26)\)|malformed|not a database", re.IGNORECASE)
log = logging.getLogger("clusterbot.retrieval")
_clients: dict[str, Any] = {}
_lock = threading.Lock()


@register_embedding_function
class UseEmbeddingFunction(EmbeddingFunction[Documents]):
    """Chroma embedding function over the offline USE encoder (cosine space)."""

    def __init__(self) -> None:
        pass

    def __call__(self, input: Documents) -> Embeddings:
        return list(embed(list(input)))

    @staticmethod
    def name() -> str:
        return "clusterbot-usem3"

    def default_space(self) -> str:
        return "cosine"

    def get_config(self) -> dict[str, Any]:
        return {"model": MODEL_NAME}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> UseEmbeddingFunction:
        return UseEmbeddingFunction()


def _client(settings: Settings) -> Any:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        return chromadb.HttpClient(host=url.hostname or "localhost", port=url.port or (443 if url.scheme == "https" else 8000),
                                   ssl=url.scheme == "https", settings=chroma_settings)
    path = DocStore(settings).chroma_dir
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


class DamagedVectors(DataError):
    """The embedded vector store's database is corrupt; it is derived data and can be rebuilt."""


def collection(settings: Settings) -> Any:
    """The clause collection (created on first use); one client per data dir / server per process.

    Raises DamagedVectors when the embedded database is corrupt (see `set_aside`), DataError otherwise.
    """
    use_cache_dir(Path(settings.data_dir) / "cache")  # the encoder's tokenizer tables, for a fast start
    key = settings.chroma_url or str(DocStore(settings).chroma_dir)
    try:
        with _lock:
            client = _clients.get(key)
            if client is None:
                client = _client(settings)
                _clients[key] = client
        coll = client.get_or_create_collection(COLLECTION, embedding_function=UseEmbeddingFunction(),
                                               metadata={"hnsw:space": "cosine"})
        coll.count()  # reads the database: a damaged file fails here rather than in the first search
        return coll
    except Exception as exc:
        if settings.chroma_url:  # a server that is down or refusing: the next call simply tries again
            raise DataError("retrieval.index_unavailable", reason=type(exc).__name__, path=key) from exc
        forget_clients()  # a failed open leaves Chroma's shared system half-built; the next try starts clean
        if _is_corrupt(exc):
            raise DamagedVectors("retrieval.index_unavailable", reason=type(exc).__name__, path=key) from exc
        raise DataError("retrieval.index_unavailable", reason=type(exc).__name__, path=key) from exc


def _is_corrupt(exc: BaseException | None) -> bool:
    """SQLite reported corruption anywhere in the chain (Chroma wraps it, sometimes twice)."""
    for _ in range(8):
        if exc is None:
            return False
        if _CORRUPT.search(str(exc)):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def set_aside(settings: Settings) -> Path:
    """Move a damaged embedded store to `chroma.damaged` (one copy kept for inspection) so a new one can be built."""
    forget_clients()
    path = DocStore(settings).chroma_dir
    aside = path.with_name(path.name + ".damaged")
    shutil.rmtree(aside, ignore_errors=True)
    if path.exists():
        path.rename(aside)
    log.warning("policy vector store %s was damaged; moved to %s and rebuilt from the parsed documents", path, aside)
    return aside


def forget_clients() -> None:
    """Drop cached clients (after a data directory is removed or replaced)."""
    from chromadb.api.shared_system_client import SharedSystemClient

    with _lock:
        _clients.clear()
        SharedSystemClient.clear_system_cache()


def record_id(doc_id: str, clause_id: str, content_hash: str) -> str:
    """One record per clause and document version, so a new version is added before the old one is removed."""
    return f"{doc_id}::{clause_id}::{content_hash[:12]}"


def _version(doc_id: str, content_hash: str) -> dict:
    return {"$and": [{"doc_id": doc_id}, {"hash": content_hash}]}


def has_version(coll: Any, doc: PolicyDocument) -> bool:
    """Every clause of exactly this version of the document has its vector."""
    got = coll.get(where=_version(doc.meta.doc_id, doc.meta.content_hash), include=[])
    return len(got["ids"]) == len(doc.clauses)


def batch_size(coll: Any) -> int:
    try:
        limit = int(coll._client.get_max_batch_size())
    except (AttributeError, TypeError, ValueError):
        limit = BATCH_LIMIT
    return max(1, min(limit, BATCH_LIMIT))


def add_version(coll: Any, doc: PolicyDocument) -> None:
    """Add the vectors of this version of the document in batches, next to any other version.

    All or nothing: if a batch fails, the batches already added are removed again and the error
    is raised; other versions of the document are never touched here.
    """
    doc_id, digest = doc.meta.doc_id, doc.meta.content_hash
    coll.delete(where=_version(doc_id, digest))  # leftovers of an earlier attempt that stopped half-way
    size = batch_size(coll)
    try:
        for start in range(0, len(doc.clauses), size):
            part = doc.clauses[start:start + size]
            texts = [c.index_text() for c in part]
            coll.add(ids=[record_id(doc_id, c.clause_id, digest) for c in part], embeddings=embed(texts),
                     documents=texts,
                     metadatas=[{"doc_id": doc_id, "clause_id": c.clause_id, "hash": digest} for c in part])
    except BaseException:
        drop_version(coll, doc_id, digest)
        raise


def drop_version(coll: Any, doc_id: str, content_hash: str) -> None:
    try:
        coll.delete(where=_version(doc_id, content_hash))
    except Exception as exc:  # cleaning up after a failure must not hide the failure; searches filter by hash
        log.warning("vectors of %s (%s) not removed: %s", doc_id, content_hash[:12], type(exc).__name__)


def drop_other_versions(coll: Any, doc_id: str, keep: str) -> None:
    """Remove the vectors of every version of the document but `keep` (after the manifest names it)."""
    coll.delete(where={"$and": [{"doc_id": doc_id}, {"hash": {"$ne": keep}}]})


def delete_document(coll: Any, doc_id: str) -> None:
    coll.delete(where={"doc_id": doc_id})
