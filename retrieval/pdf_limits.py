"""Text from a PDF within bounds on pages, content bytes and time.

pypdf parses each content stream in Python at under 1 MB a second, once for every page that draws it:
a small PDF whose 2,000 pages share one 3.6 MB drawing stream is hours of work. Before any text is
extracted, the decoded content each page draws is summed — its /Contents and the form XObjects its
resources name — with a stream counted again on every page that uses it; over the limit, the file is
refused. Extraction then stops at a wall-time limit, checked between pages; the per-page limit keeps
any one page short.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from clusterbot.errors import InputError

MAX_PDF_PAGES = 2000
# A text page draws 5–30 KB of content; 32 MiB is over 1,000 such pages with room for drawings.
MAX_PDF_CONTENT_BYTES = 32 * 1024 * 1024
MAX_PDF_PAGE_CONTENT_BYTES = 8 * 1024 * 1024
MAX_PDF_SECONDS = 60.0
_MAX_FORM_DEPTH = 8


def _stream_size(obj: Any) -> int:
    """Decoded bytes of one content stream (pypdf keeps the decoded data, so a shared stream decodes once)."""
    from pypdf.generic import StreamObject

    obj = obj.get_object() if obj is not None else None
    return len(obj.get_data()) if isinstance(obj, StreamObject) else 0


def _forms_size(resources: Any, seen: set[int], depth: int) -> int:
    """Decoded bytes of the form XObjects `resources` names, nested forms included, each once per page."""
    from pypdf.generic import DictionaryObject, StreamObject

    resources = resources.get_object() if resources is not None else None
    if depth > _MAX_FORM_DEPTH or not isinstance(resources, DictionaryObject):
        return 0
    xobjects = resources.get("/XObject")
    xobjects = xobjects.get_object() if xobjects is not None else None
    if not isinstance(xobjects, DictionaryObject):
        return 0
    total = 0
    for ref in xobjects.values():
        form = ref.get_object()
        if id(form) in seen or not isinstance(form, StreamObject) or form.get("/Subtype") != "/Form":
            continue
        seen.add(id(form))
        total += _stream_size(form) + _forms_size(form.get("/Resources"), seen, depth + 1)
    return total


def page_content_bytes(page: Any) -> int:
    """What extracting one page's text may parse: its content streams and the forms it can draw."""
    contents = page.get("/Contents")
    contents = contents.get_object() if contents is not None else None
    streams = list(contents) if isinstance(contents, list) else [contents]
    return sum(_stream_size(s) for s in streams) + _forms_size(page.get("/Resources"), set(), 0)


def check_content(path: Path, pages: Any) -> None:
    """Refuse the PDF when its pages together draw more decoded content than the limits allow."""
    total = 0
    for number, page in enumerate(pages, start=1):
        size = page_content_bytes(page)
        total += size
        if size > MAX_PDF_PAGE_CONTENT_BYTES or total > MAX_PDF_CONTENT_BYTES:
            raise InputError("retrieval.pdf_too_much_content", path=str(path), page=number,
                             limit_mb=MAX_PDF_CONTENT_BYTES >> 20, page_limit_mb=MAX_PDF_PAGE_CONTENT_BYTES >> 20)


def pdf_text(path: Path, max_text_chars: int) -> str:
    """The text of every page, joined by blank lines; InputError when a bound is crossed."""
    from pypdf import PdfReader

    started = time.monotonic()
    reader = PdfReader(str(path))
    pages = reader.pages
    if len(pages) > MAX_PDF_PAGES:
        raise InputError("retrieval.pdf_too_many_pages", path=str(path), count=len(pages), limit=MAX_PDF_PAGES)
    check_content(path, pages)
    parts: list[str] = []
    length = 0
    for number, page in enumerate(pages, start=1):
        if time.monotonic() - started > MAX_PDF_SECONDS:
            raise InputError("retrieval.pdf_too_slow", path=str(path), page=number, seconds=f"{MAX_PDF_SECONDS:.0f}")
        parts.append(page.extract_text() or "")
        length += len(parts[-1])
        if length > max_text_chars:
            break  # the caller refuses the document; no need to extract the rest
    return "\n\n".join(parts)
