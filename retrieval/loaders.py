"""Reading policy files (.txt, .md, .docx, .pdf) into text, refusing what is not a document."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import yaml

from clusterbot.errors import InputError
from clusterbot.retrieval.models import DocumentMeta, PolicyDocument
from clusterbot.retrieval.parser import parse_document

MAX_BYTES = 20 * 1024 * 1024
SUFFIXES = (".txt", ".md", ".docx", ".pdf")
PARSER_VERSION = "2"  # bump when parsing changes, so stored documents are rebuilt
_DOC_ID = re.compile(r"^[\w.\-]{1,80}$")


def content_hash(data: bytes) -> str:
    return hashlib.sha256(PARSER_VERSION.encode() + b"\0" + data).hexdigest()[:24]


def check_file(path: Path) -> bytes:
    """The file's bytes, or a one-line InputError saying what is wrong with it."""
    if not path.is_file():
        raise InputError("retrieval.file_missing", path=str(path))
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError("retrieval.file_bad_type", path=str(path), suffix=suffix or "（无扩展名）")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputError("retrieval.file_too_large", path=str(path), size_mb=f"{size / 1048576:.1f}",
                         limit_mb=MAX_BYTES // 1048576)
    data = path.read_bytes()
    if not data.strip():
        raise InputError("retrieval.file_empty", path=str(path))
    return data


def _decode_text(data: bytes, path: Path) -> str:
    if b"\0" in data[:65536]:
        raise InputError("retrieval.file_binary", path=str(path))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise InputError("retrieval.file_binary", path=str(path))
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > max(8, len(text) // 100):
        raise InputError("retrieval.file_binary", path=str(path))
    return text


def _docx_text(path: Path) -> str:
    """Paragraphs and tables in body order; table rows become tab-separated lines."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    parts: list[str] = []
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            parts.append(Paragraph(child, document).text)
        elif tag == "tbl":
            rows = ["\t".join(cell.text.strip() for cell in row.cells) for row in Table(child, document).rows]
            parts.append("\n".join(rows))
    return "\n\n".join(p for p in parts if p.strip())


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    return "\n\n".join(page.extract_text() or "" for page in reader.pages)


def read_text(path: Path, data: bytes) -> str:
    suffix = path.suffix.lower()
    try:
        if suffix == ".docx":
            text = _docx_text(path)
        elif suffix == ".pdf":
            text = _pdf_text(path)
        else:
            text = _decode_text(data, path)
    except InputError:
        raise
    except Exception as exc:  # any library failure on a broken file is the file's fault
        raise InputError("retrieval.file_unreadable", path=str(path), reason=type(exc).__name__) from exc
    if not text.replace("\0", "").strip():
        raise InputError("retrieval.no_text" if suffix == ".pdf" else "retrieval.file_empty", path=str(path))
    # Some PDF fonts map each glyph to a NUL-padded code; the padding carries no text.
    return text.replace("\0", "")


def sidecar_meta(path: Path) -> dict:
    """Metadata from `<name>.meta.yaml` next to the file, if there is one."""
    side = path.with_name(path.stem + ".meta.yaml")
    if not side.is_file():
        return {}
    values = yaml.safe_load(side.read_text(encoding="utf-8")) or {}
    return {k: str(v) for k, v in values.items() if k in ("doc_id", "title", "issuer", "date")}


def default_doc_id(path: Path) -> str:
    return re.sub(r"[^\w.\-]+", "-", path.stem).strip("-") or "document"


def load_document(path: Path, doc_id: str | None = None, origin: str = "ingested") -> PolicyDocument:
    """Read, check and parse one file. Raises InputError with a one-line Chinese message."""
    data = check_file(path)
    known = sidecar_meta(path)
    doc_id = doc_id or known.pop("doc_id", None) or default_doc_id(path)
    known.pop("doc_id", None)
    if not _DOC_ID.match(doc_id):
        raise InputError("retrieval.bad_doc_id", doc_id=doc_id)
    text = read_text(path, data)
    meta = DocumentMeta(doc_id=doc_id, source_file=path.name, content_hash=content_hash(data),
                        origin=origin, **known)
    return parse_document(text, meta)
