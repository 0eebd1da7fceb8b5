"""Moving a deployment's state to another store (SQLite -> PostgreSQL): every table, ids kept.

The target must be empty, so nothing is merged by accident; the copy is one transaction on the
target, and the row counts are compared afterwards, so the audit log is either all there or not at all.
"""

from __future__ import annotations

from clusterbot.errors import DataError
from clusterbot.state_base import TABLES, StateStore


def row_counts(store: StateStore) -> dict[str, int]:
    return {table: int(store._rows(f"SELECT COUNT(*) AS n FROM {table}")[0]["n"]) for table in TABLES}  # noqa: S608


def copy_state(source: StateStore, target: StateStore) -> dict[str, int]:
    """Copy every row of `source` into the empty `target`; the number of rows per table."""
    if source.schema_version() != target.schema_version():
        raise DataError("state.copy_versions", source=source.schema_version(), target=target.schema_version())
    if any(row_counts(target).values()):
        raise DataError("state.copy_target_not_empty", target=target.describe())
    with target._tx() as db:
        for table in TABLES:
            for row in source._rows(f"SELECT * FROM {table}"):  # noqa: S608 (a fixed table name)
                columns = ", ".join(row)
                marks = ", ".join("?" for _ in row)
                db.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(row.values()))  # noqa: S608
    reset = getattr(target, "reset_sequences", None)
    if reset is not None:  # new exchanges and votes continue after the copied ids
        reset()
    copied, expected = row_counts(target), row_counts(source)
    if copied != expected:
        raise DataError("state.copy_mismatch", expected=expected, copied=copied)
    return copied
