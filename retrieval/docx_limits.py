"""The bounds a .docx must stay within before python-docx opens it.

python-docx holds every part it reaches in memory and builds a full lxml tree for each XML part, at
about 200 bytes an element. Which parts it reaches is decided by the package itself: the relationships
from `_rels/.rels` (the officeDocument one names the main part, whatever its file name) and from each
part's own `.rels`, and each part's type by `[Content_Types].xml` (an override for the part name, else
the default for its extension). The check below walks the package the same way and counts, as a stream
that builds nothing, the elements of `[Content_Types].xml`, of every `.rels` it reads and of every part
it reaches whose content type is XML; it also counts the bytes it unpacks.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path
from typing import IO

from clusterbot.errors import InputError

# A .docx unpacked: all entries together, how many entries, and XML elements over all parts. A long
# policy document (200 pages with tables) has a few hundred thousand elements; each costs python-docx
# about 200 bytes, so the element cap keeps a parse near 100 MB.
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
MAX_ZIP_ENTRIES = 2000
MAX_XML_ELEMENTS = 500_000
CONTENT_TYPES = "[Content_Types].xml"
_CHUNK = 1 << 16


class _Counted(Exception):
    """The element budget ran out: stop parsing at once."""


class _Budget:
    """Elements and unpacked bytes left for the whole package."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.elements = MAX_XML_ELEMENTS
        self.bytes = MAX_UNPACKED_BYTES

    def spend_bytes(self, size: int) -> None:
        self.bytes -= size
        if self.bytes < 0:
            raise InputError("retrieval.docx_too_large", path=str(self.path), size_mb=f"> {MAX_UNPACKED_BYTES >> 20}",
                             limit_mb=MAX_UNPACKED_BYTES >> 20)

    def too_complex(self) -> InputError:
        return InputError("retrieval.docx_too_complex", path=str(self.path), limit=MAX_XML_ELEMENTS)


class _Scan:
    """A parser target that counts start tags, keeps the attributes of the elements named in `keep` and builds
    nothing else."""

    def __init__(self, budget: _Budget, keep: tuple[str, ...]) -> None:
        self.budget = budget
        self.keep = keep
        self.kept: list[tuple[str, dict[str, str]]] = []

    def start(self, tag, attrib, nsmap=None) -> None:  # type: ignore[no-untyped-def]
        self.budget.elements -= 1
        if self.budget.elements < 0:
            raise _Counted
        if self.keep and (name := str(tag).rsplit("}", 1)[-1]) in self.keep:
            self.kept.append((name, dict(attrib)))

    def end(self, tag) -> None:  # type: ignore[no-untyped-def]
        pass

    def data(self, data) -> None:  # type: ignore[no-untyped-def]
        pass

    def close(self) -> None:
        pass


def _scan(stream: IO[bytes], budget: _Budget, keep: tuple[str, ...] = ()) -> list[tuple[str, dict[str, str]]]:
    """Count the elements of one XML stream against the budget; the names and attributes of the `keep` ones."""
    import lxml.etree as etree  # only when a .docx is read, not when the index is checked at start

    target = _Scan(budget, keep)
    parser = etree.XMLParser(target=target, resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    try:
        while chunk := stream.read(_CHUNK):
            budget.spend_bytes(len(chunk))
            parser.feed(chunk)
        parser.close()
    except _Counted:
        raise budget.too_complex() from None
    return target.kept


class _Package:
    """The zip read the way python-docx reads it: members by part name, types from [Content_Types].xml."""

    def __init__(self, archive: zipfile.ZipFile, budget: _Budget) -> None:
        self.archive = archive
        self.budget = budget
        self.members = set(archive.namelist())
        self.overrides: dict[str, str] = {}
        self.defaults: dict[str, str] = {}
        if CONTENT_TYPES not in self.members:
            return  # python-docx refuses such a package itself
        with archive.open(CONTENT_TYPES) as stream:
            found = _scan(stream, budget, keep=("Override", "Default"))
        for name, attrib in found:
            content_type = attrib.get("ContentType", "")
            if name == "Override" and attrib.get("PartName"):
                self.overrides[attrib["PartName"].lower()] = content_type
            elif name == "Default" and attrib.get("Extension"):
                self.defaults[attrib["Extension"].lower()] = content_type

    def content_type(self, partname: str) -> str | None:
        if partname.lower() in self.overrides:
            return self.overrides[partname.lower()]
        extension = posixpath.splitext(partname)[1]
        return self.defaults.get(extension[1:].lower() if extension.startswith(".") else extension.lower())

    def count(self, partname: str) -> None:
        with self.archive.open(partname[1:]) as stream:
            _scan(stream, self.budget)

    def targets(self, source: str) -> list[str]:
        """The internal parts that `source` ("/" for the package) relates to, after counting its .rels."""
        base, name = posixpath.split(source)
        rels = posixpath.join(base, "_rels", f"{name}.rels")
        if rels[1:] not in self.members:
            return []
        with self.archive.open(rels[1:]) as stream:
            relationships = _scan(stream, self.budget, keep=("Relationship",))
        found = []
        for _name, rel in relationships:
            if rel.get("TargetMode") == "External" or not rel.get("Target"):
                continue
            found.append(posixpath.abspath(posixpath.join(base, rel["Target"])))
        return found


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
        package = _Package(archive, _Budget(path))
        pending = package.targets("/")
        seen: set[str] = set()
        while pending:
            partname = pending.pop()
            if partname in seen or partname[1:] not in package.members:
                continue  # python-docx refuses a missing part itself
            seen.add(partname)
            content_type = package.content_type(partname) or ""
            if "xml" in content_type.lower():
                package.count(partname)
            pending.extend(package.targets(partname))
