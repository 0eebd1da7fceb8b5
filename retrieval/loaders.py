"""Reading policy files (.txt, .md, .docx, .pdf) into text, refusing what is not a document.

A file is bounded on every axis that can grow from a small input, checked before the expensive
step: its size on disk, a .docx's unpacked size, entry count and the XML elements of every part
python-docx would load (retrieval/docx_limits.py; a 263 KB zip can unpack to gigabytes of XML), a
PDF's pages, content bytes and parsing time (retrieval/pdf_limits.py), the extracted text, the
clauses it parses into, and a `.meta.yaml` sidecar's size and shape (YAML aliases are refused: a few hundred
bytes of nested aliases expand to gigabytes).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Literal

import yaml

from clusterbot.errors import InputError
from clusterbot.retrieval.doc_ids import check_doc_id
from clusterbot.retrieval.doc_ids import default_doc_id as default_doc_id
from clusterbot.retrieval.docx_limits import MAX_UNPACKED_BYTES as MAX_UNPACKED_BYTES
from clusterbot.retrieval.docx_limits import MAX_XML_ELEMENTS as MAX_XML_ELEMENTS
from clusterbot.retrieval.docx_limits import MAX_ZIP_ENTRIES as MAX_ZIP_ENTRIES
from clusterbot.retrieval.docx_limits import check_docx
from clusterbot.retrieval.models import DocumentMeta, PolicyDocument
from clusterbot.retrieval.parser import TooManyParts, parse_document
from clusterbot.retrieval.pdf_limits import MAX_PDF_PAGES as MAX_PDF_PAGES
from clusterbot.retrieval.pdf_limits import pdf_text
from clusterbot.yaml_limits import BoundedLoader, YAMLTooComplex

MAX_BYTES = 20 * 1024 * 1024
MAX_TEXT_CHARS = 2_000_000  # about 1,300 pages of Chinese text
MAX_LINES = 200_000  # a 2,000-page PDF extraction has under 100,000; each line costs the paragraph step time
MAX_CLAUSES = 10_000
MAX_SIDECAR_BYTES = 64 * 1024
SUFFIXES = (".txt", ".md", ".docx", ".pdf")
PARSER_VERSION = "2"  # bump when parsing changes, so stored documents are rebuilt
SIDECAR_KEYS = ("doc_id", "title", "issuer", "date", "source")


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


def read_text(path: Path, data: bytes) -> str:
    suffix = path.suffix.lower()
    try:
        if suffix == ".docx":
            check_docx(path)
            text = _docx_text(path)
        elif suffix == ".pdf":
            text = pdf_text(path, MAX_TEXT_CHARS)
        else:
            text = _decode_text(data, path)
    except InputError:
        raise
    except Exception as exc:  # any library failure on a broken file is the file's fault
        raise InputError("retrieval.file_unreadable", path=str(path), reason=type(exc).__name__) from exc
    if not text.replace("\0", "").strip():
        raise InputError("retrieval.no_text" if suffix == ".pdf" else "retrieval.file_empty", path=str(path))
    if len(text) > MAX_TEXT_CHARS:
        raise InputError("retrieval.text_too_long", path=str(path), limit=MAX_TEXT_CHARS)
    if text.count("\n") > MAX_LINES:
        raise InputError("retrieval.text_too_many_lines", path=str(path), limit=MAX_LINES)
    # Some PDF fonts map each glyph to a NUL-padded code; the padding carries no text.
    return text.replace("\0", "")


class _SidecarLoader(BoundedLoader):
    """Safe YAML without aliases: metadata never needs them, and they are how a small file expands."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            raise _AliasFound
        return super().compose_node(parent, index)


class _AliasFound(Exception):
    pass


def sidecar_path(path: Path) -> Path:
    return path.with_name(path.stem + ".meta.yaml")


def sidecar_hash(path: Path) -> str:
    """The digest of the document's sidecar ("" without one): a changed sidecar makes the shipped copy stale."""
    side = sidecar_path(path)
    return content_hash(side.read_bytes()) if side.is_file() else ""


def sidecar_meta(path: Path) -> dict:
    """Metadata from `<name>.meta.yaml` next to the file, if there is one: a small mapping of plain values."""
    side = sidecar_path(path)
    if not side.is_file():
        return {}
    if side.stat().st_size > MAX_SIDECAR_BYTES:
        raise InputError("retrieval.meta_bad", path=str(side), reason=f"> {MAX_SIDECAR_BYTES // 1024} KB")
    try:
        values = yaml.load(side.read_bytes().decode("utf-8-sig"), Loader=_SidecarLoader) or {}  # noqa: S506
    except _AliasFound as exc:
        raise InputError("retrieval.meta_bad", path=str(side), reason="YAML alias (*)") from exc
    except YAMLTooComplex as exc:
        raise InputError("retrieval.meta_bad", path=str(side), reason=str(exc)) from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InputError("retrieval.meta_bad", path=str(side), reason=type(exc).__name__) from exc
    if not isinstance(values, dict):
        raise InputError("retrieval.meta_bad", path=str(side), reason=type(values).__name__)
    found = {}
    for key in SIDECAR_KEYS:
        value = values.get(key)
        if value is None:
            continue
        if isinstance(value, (dict, list)) or _has_control(str(value)):
            raise InputError("retrieval.meta_bad", path=str(side), reason=key)
        found[key] = str(value).strip()
    return found


def _is_control(ch: str) -> bool:
    """C0/C1 controls (ANSI escapes start with one) and the bidi overrides that reorder what a reader sees."""
    code = ord(ch)
    return code < 32 or 0x7F <= code < 0xA0 or 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069


def _has_control(text: str) -> bool:
    return any(_is_control(ch) for ch in text)


def load_document(path: Path, doc_id: str | None = None,
                  origin: Literal["shipped", "ingested"] = "ingested") -> PolicyDocument:
    """Read, check and parse one file. Raises InputError with a one-line Chinese message."""
    data = check_file(path)
    known = sidecar_meta(path)
    doc_id = doc_id or known.pop("doc_id", None) or default_doc_id(path)
    known.pop("doc_id", None)
    check_doc_id(doc_id)
    text = read_text(path, data)
    meta = DocumentMeta(doc_id=doc_id, source_file=path.name, content_hash=content_hash(data),
                        origin=origin, **known)

    try:
        doc = parse_document(text, meta, max_parts=MAX_CLAUSES)
    except TooManyParts as exc:
        raise InputError("retrieval.too_many_clauses", path=str(path), count=exc.count, limit=MAX_CLAUSES) from exc
    if len(doc.clauses) > MAX_CLAUSES:  # headings of their own add clauses to the parts counted first
        raise InputError("retrieval.too_many_clauses", path=str(path), count=len(doc.clauses), limit=MAX_CLAUSES)
    return doc
