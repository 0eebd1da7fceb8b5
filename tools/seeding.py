"""Seeding a new store with the shipped demo dataset (data/demo/indicators_*.csv)."""

from __future__ import annotations

import hashlib

import duckdb

from clusterbot.paths import SHIPPED_DATA
from clusterbot.tools.upsert import apply_rows
from clusterbot.tools.validation import Reference, read_table, validate_rows

DEMO_DIR = SHIPPED_DATA / "demo"


def load_demo(con: duckdb.DuckDBPyConnection) -> int:
    """Load the committed demo CSVs (data/demo/indicators_*.csv) into a new store; returns the row count."""
    ref = Reference.from_connection(con)
    total = 0
    for path in sorted(DEMO_DIR.glob("indicators_*.csv")):
        rows = validate_rows(read_table(path), ref, path.name)
        apply_rows(con, rows, path.name, hashlib.sha256(path.read_bytes()).hexdigest())
        total += len(rows)
    return total
