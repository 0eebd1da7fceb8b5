"""The Chroma collection of clause vectors: embedded on disk, or a Chroma server when configured."""

from __future__ import annotations

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


def collection(settings: Settings) -> Any:
    """The clause collection (created on first use); one client per data dir / server per process."""
    use_cache_dir(Path(settings.data_dir) / "cache")  # the encoder's tokenizer tables, for a fast start
    key = settings.chroma_url or str(DocStore(settings).chroma_dir)
    with _lock:
        client = _clients.get(key)
        if client is None:
            try:
                client = _client(settings)
            except Exception as exc:
                raise DataError("retrieval.index_unavailable", reason=type(exc).__name__, path=key) from exc
            _clients[key] = client
    return client.get_or_create_collection(COLLECTION, embedding_function=UseEmbeddingFunction(),
                                           metadata={"hnsw:space": "cosine"})


def forget_clients() -> None:
    """Drop cached clients (after a data directory is removed or replaced)."""
    from chromadb.api.shared_system_client import SharedSystemClient

    with _lock:
        _clients.clear()
        SharedSystemClient.clear_system_cache()


def record_id(doc_id: str, clause_id: str) -> str:
    return f"{doc_id}::{clause_id}"


def stored_hash(coll: Any, doc_id: str) -> str | None:
    got = coll.get(where={"doc_id": doc_id}, limit=1, include=["metadatas"])
    metas = got.get("metadatas") or []
    return str(metas[0].get("hash")) if metas else None


def replace_document(coll: Any, doc: PolicyDocument) -> None:
    """Remove every vector of the document's older version, then add the new clauses."""
    doc_id = doc.meta.doc_id
    coll.delete(where={"doc_id": doc_id})
    if not doc.clauses:
        return
    texts = [c.index_text() for c in doc.clauses]
    coll.add(
        ids=[record_id(doc_id, c.clause_id) for c in doc.clauses],
        embeddings=embed(texts),
        documents=texts,
        metadatas=[{"doc_id": doc_id, "clause_id": c.clause_id, "hash": doc.meta.content_hash} for c in doc.clauses],
    )


def delete_document(coll: Any, doc_id: str) -> None:
    coll.delete(where={"doc_id": doc_id})
