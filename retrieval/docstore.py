"""Parsed documents and the index manifest on disk, under <data_dir>/policy_index/.

The manifest records each document's content hash; a document whose hash is unchanged is
never parsed or embedded again.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, Field

from clusterbot.config import Settings
from clusterbot.retrieval.models import PolicyDocument

INDEX_DIRNAME = "policy_index"


class ManifestEntry(BaseModel):
    hash: str
    origin: str = "ingested"
    source_file: str = ""
    title: str = ""
    clauses: int = 0
    sidecar: str = ""  # digest of a shipped document's .meta.yaml when it was parsed


class Manifest(BaseModel):
    version: int = 1
    documents: dict[str, ManifestEntry] = Field(default_factory=dict)


class DocStore:
    def __init__(self, settings: Settings) -> None:
        self.root = Path(settings.data_dir) / INDEX_DIRNAME
        self.docs_dir = self.root / "docs"
        self.manifest_path = self.root / "manifest.json"
        self.chroma_dir = self.root / "chroma"

    def signature(self) -> tuple[int, int] | None:
        """Changes whenever the manifest is rewritten (used to refresh in-process caches)."""
        try:
            stat = self.manifest_path.stat()
        except FileNotFoundError:
            return None
        return (stat.st_mtime_ns, stat.st_size)

    def read_manifest(self) -> Manifest:
        try:
            return Manifest.model_validate_json(self.manifest_path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return Manifest()

    def write_manifest(self, manifest: Manifest) -> None:
        self._atomic_write(self.manifest_path, manifest.model_dump_json(indent=1))

    def doc_path(self, doc_id: str) -> Path:
        return self.docs_dir / f"{doc_id}.json"

    def has_document(self, doc_id: str) -> bool:
        return self.doc_path(doc_id).is_file()

    def read_document(self, doc_id: str) -> PolicyDocument:
        return PolicyDocument.model_validate_json(self.doc_path(doc_id).read_text(encoding="utf-8"))

    def load_document(self, doc_id: str) -> PolicyDocument | None:
        """The stored document, or None when its file is missing or damaged (not JSON, wrong shape, wrong id)."""
        try:
            doc = self.read_document(doc_id)
        except (OSError, ValueError):  # pydantic's ValidationError and JSON errors are ValueErrors
            return None
        return doc if doc.meta.doc_id == doc_id else None

    def stored_documents(self) -> tuple[dict[str, PolicyDocument], list[str]]:
        """Every parsed document on disk, and the ids of the damaged files (the manifest can be rebuilt from these)."""
        found: dict[str, PolicyDocument] = {}
        damaged: list[str] = []
        for path in sorted(self.docs_dir.glob("*.json")) if self.docs_dir.is_dir() else []:
            doc = self.load_document(path.stem)
            if doc is None:
                damaged.append(path.stem)
            else:
                found[path.stem] = doc
        return found, damaged

    def set_aside(self, doc_id: str) -> Path:
        """Keep a damaged document file for inspection, out of the way of the rebuild."""
        aside = self.doc_path(doc_id).with_suffix(".json.damaged")
        os.replace(self.doc_path(doc_id), aside)
        return aside

    def write_document(self, doc: PolicyDocument) -> None:
        self._atomic_write(self.doc_path(doc.meta.doc_id), doc.model_dump_json())

    def delete_document(self, doc_id: str) -> None:
        self.doc_path(doc_id).unlink(missing_ok=True)

    def _atomic_write(self, path: Path, text: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(path.suffix + f".{os.getpid()}.tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)

