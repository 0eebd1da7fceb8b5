"""Numbered SQL migrations (NNN_name.sql) shipped inside a package, found in version order."""

from __future__ import annotations

from importlib import resources


def numbered_sql(package: str) -> list[tuple[int, str, str]]:
    """(version, file name, SQL) of the package's NNN_*.sql files, lowest version first."""
    found = []
    for entry in resources.files(package).iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:3].isdigit():
            found.append((int(name[:3]), name, entry.read_text(encoding="utf-8")))
    return sorted(found)
