"""Counting what an Office Open XML package (.docx, .xlsx) will cost to load, without loading it.

python-docx and openpyxl reach a package's parts the same way: the relationships from `_rels/.rels`
(the officeDocument one names the main part, whatever its file name) and from each part's own `.rels`,
each part typed by `[Content_Types].xml` (an override for the part name, else the default for its
extension). `scan_package` walks the package that way and counts, as a stream that builds nothing, the
elements of `[Content_Types].xml`, of every `.rels` it reads and of every part it reaches whose content
type is XML, and the bytes it unpacks. A file name never decides whether a part is counted.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, field
from typing import IO

CONTENT_TYPES = "[Content_Types].xml"
_CHUNK = 1 << 16


class PackageTooLarge(Exception):
    """A limit of `Limits` was crossed; `what` is "bytes", "elements" or the element name of a `per_tag` limit."""

    def __init__(self, what: str, limit: int) -> None:
        super().__init__(f"{what} > {limit}")
        self.what = what
        self.limit = limit


@dataclass
class Limits:
    """What the whole package may hold: unpacked bytes, XML elements, and elements of some names."""

    max_bytes: int
    max_elements: int
    per_tag: dict[str, int] = field(default_factory=dict)


class _Budget:
    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.bytes = limits.max_bytes
        self.elements = limits.max_elements
        self.tags = dict(limits.per_tag)

    def spend_bytes(self, size: int) -> None:
        self.bytes -= size
        if self.bytes < 0:
            raise PackageTooLarge("bytes", self.limits.max_bytes)


class _Scan:
    """A parser target that counts start tags, keeps the attributes of the elements named in `keep` and builds
    nothing else."""

    def __init__(self, budget: _Budget, keep: tuple[str, ...]) -> None:
        self.budget = budget
        self.keep = keep
        self.kept: list[tuple[str, dict[str, str]]] = []

    def start(self, tag, attrib, nsmap=None) -> None:  # type: ignore[no-untyped-def]
        budget = self.budget
        budget.elements -= 1
        if budget.elements < 0:
            raise PackageTooLarge("elements", budget.limits.max_elements)
        name = str(tag).rsplit("}", 1)[-1]
        if name in budget.tags:
            budget.tags[name] -= 1
            if budget.tags[name] < 0:
                raise PackageTooLarge(name, budget.limits.per_tag[name])
        if name in self.keep:
            self.kept.append((name, dict(attrib)))

    def end(self, tag) -> None:  # type: ignore[no-untyped-def]
        pass

    def data(self, data) -> None:  # type: ignore[no-untyped-def]
        pass

    def close(self) -> None:
        pass


def _scan(stream: IO[bytes], budget: _Budget, keep: tuple[str, ...] = ()) -> list[tuple[str, dict[str, str]]]:
    """Count the elements of one XML stream against the budget; the names and attributes of the `keep` ones."""
    import lxml.etree as etree  # only when a package is read

    target = _Scan(budget, keep)
    parser = etree.XMLParser(target=target, resolve_entities=False, no_network=True, load_dtd=False,
                             huge_tree=False)
    while chunk := stream.read(_CHUNK):
        budget.spend_bytes(len(chunk))
        parser.feed(chunk)
    parser.close()
    return target.kept


class _Package:
    """The zip read the way the Office libraries read it: members by part name, types from [Content_Types].xml."""

    def __init__(self, archive: zipfile.ZipFile, budget: _Budget) -> None:
        self.archive = archive
        self.budget = budget
        self.members = set(archive.namelist())
        self.overrides: dict[str, str] = {}
        self.defaults: dict[str, str] = {}
        if CONTENT_TYPES not in self.members:
            return  # the library refuses such a package itself
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
            found.append(posixpath.normpath(posixpath.join(base, rel["Target"])))
        return found


def scan_package(archive: zipfile.ZipFile, limits: Limits) -> None:
    """Walk the parts the package's relationships reach and count them; PackageTooLarge at the first limit crossed.

    A part that is missing or of no known type is left to the library, which refuses it.
    """
    package = _Package(archive, _Budget(limits))
    pending = package.targets("/")
    seen: set[str] = set()
    while pending:
        partname = pending.pop()
        if partname in seen or partname[1:] not in package.members:
            continue
        seen.add(partname)
        if "xml" in (package.content_type(partname) or "").lower():
            package.count(partname)
        pending.extend(package.targets(partname))
