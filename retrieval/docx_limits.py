"""The bounds a .docx must stay within before python-docx opens it.

python-docx holds every part it reaches in memory and builds a full lxml tree for each XML part, at
about 200 bytes an element. The zip directory is checked first (entries, declared sizes); then every
part python-docx would reach is counted by its content type, not its file name
(`clusterbot/ooxml_limits.py`), with the bytes actually unpacked.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from clusterbot.errors import InputError
from clusterbot.ooxml_limits import Limits, PackageTooLarge, scan_package

# A .docx unpacked: all entries together, how many entries, and XML elements over all parts. A long
# policy document (200 pages with tables) has a few hundred thousand elements; each costs python-docx
# about 200 bytes, so the element cap keeps a parse near 100 MB.
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
MAX_ZIP_ENTRIES = 2000
MAX_XML_ELEMENTS = 500_000


def check_docx(path: Path) -> None:
    """Refuse a .docx over the entry, unpacked-size or element limits, reading it as a stream."""
    with zipfile.ZipFile(path) as archive:
        entries = archive.infolist()
        if len(entries) > MAX_ZIP_ENTRIES:
            raise InputError("retrieval.docx_too_many_parts", path=str(path), count=len(entries),
                             limit=MAX_ZIP_ENTRIES)
        # zipfile stops at the declared size (and then fails the CRC check), so declared sizes bound memory.
        unpacked = sum(e.file_size for e in entries)
        if unpacked > MAX_UNPACKED_BYTES:
            raise InputError("retrieval.docx_too_large", path=str(path), size_mb=f"{unpacked / 1048576:.0f}",
                             limit_mb=MAX_UNPACKED_BYTES // 1048576)
        try:
            scan_package(archive, Limits(max_bytes=MAX_UNPACKED_BYTES, max_elements=MAX_XML_ELEMENTS))
        except PackageTooLarge as exc:
            if exc.what == "bytes":
                raise InputError("retrieval.docx_too_large", path=str(path), size_mb=f"> {exc.limit >> 20}",
                                 limit_mb=exc.limit >> 20) from None
            raise InputError("retrieval.docx_too_complex", path=str(path), limit=MAX_XML_ELEMENTS) from None
