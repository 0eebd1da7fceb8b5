"""Reference data shipped under data/: cities, counties, clusters, metric dictionary, province totals.

`sync_reference` rewrites these tables from the files (indicator rows are never touched) and
derives the aliases the name resolver uses: short names, pinyin, former names, nicknames, and
each cluster's industry words with and without its county.
"""

from __future__ import annotations

import csv
import hashlib
import re
from pathlib import Path
from typing import TYPE_CHECKING

from clusterbot.paths import SHIPPED_DATA

if TYPE_CHECKING:
    import duckdb

REFERENCE_DIR = SHIPPED_DATA / "reference"
METRICS_FILE = SHIPPED_DATA / "metrics.csv"
REFERENCE_FILES = (
    REFERENCE_DIR / "cities.csv",
    REFERENCE_DIR / "counties.csv",
    REFERENCE_DIR / "clusters.csv",
    REFERENCE_DIR / "province_totals.csv",
    METRICS_FILE,
)
CLEAR_STATEMENTS = (
    "DELETE FROM cluster_aliases",
    "DELETE FROM clusters",
    "DELETE FROM county_aliases",
    "DELETE FROM counties",
    "DELETE FROM cities",
    "DELETE FROM metrics",
    "DELETE FROM province_totals",
)
CLUSTER_SUFFIXES = ("特色产业集群(基地)", "集群(基地)", "特色产业集群", "产业集群", "集群")


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def reference_hash() -> str:
    digest = hashlib.sha256()
    for path in REFERENCE_FILES:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cluster_core(name: str, county: str) -> str:
    """The industry words of a cluster name: 潜山市刷业(制刷)特色产业集群(基地) -> 刷业(制刷)."""
    core = name[len(county):] if name.startswith(county) else name
    for suffix in CLUSTER_SUFFIXES:
        if core.endswith(suffix):
            return core[: -len(suffix)]
    return core


def cluster_aliases(name: str, county: str, county_short: str, short_name: str, nicknames: str) -> set[tuple[str, str]]:
    core = cluster_core(name, county)
    parts = {core}
    bracket = re.match(r"^(.*?)\((.*)\)$", core)
    if bracket:
        parts |= {bracket.group(1), bracket.group(2), bracket.group(1) + bracket.group(2)}
    found = {(short_name, "short")}
    for part in parts:
        found |= {(part, "alias"), (county + part, "alias"), (county_short + part, "alias")}
    for nick in filter(None, (n.strip() for n in nicknames.split(";"))):
        found.add((nick, "nickname"))
    return {(alias, kind) for alias, kind in found if len(alias) >= 2 and alias != name}


def sync_reference(con: duckdb.DuckDBPyConnection, digest: str) -> None:
    """Replace the reference tables from the shipped files inside the caller's transaction."""
    for statement in CLEAR_STATEMENTS:
        con.execute(statement)
    con.executemany("INSERT INTO cities VALUES (?, ?, ?)",
                    [[r["city"], r["short_name"], r["pinyin"]] for r in read_csv(REFERENCE_DIR / "cities.csv")])
    counties, county_aliases = [], []
    shorts = {}
    for row in read_csv(REFERENCE_DIR / "counties.csv"):
        name = row["county"]
        shorts[name] = row["short_name"]
        counties.append([name, row["city"], row["kind"], row["short_name"], row["pinyin"], row["source"]])
        aliases = {(row["short_name"], "short"), (row["pinyin"], "pinyin")}
        aliases |= {(former, "former") for former in row["former_names"].split(";") if former}
        county_aliases += [[name, alias, kind] for alias, kind in sorted(aliases) if alias != name]
    con.executemany("INSERT INTO counties VALUES (?, ?, ?, ?, ?, ?)", counties)
    con.executemany("INSERT INTO county_aliases VALUES (?, ?, ?)", county_aliases)
    clusters, aliases_rows = [], {}
    for row in read_csv(REFERENCE_DIR / "clusters.csv"):
        name, county = row["cluster"], row["county"]
        basis = row["name_basis"]
        clusters.append([name, county, row["short_name"], row["sector"], row["manufacturing"] == "1",
                         int(row["recognition_year"]) if row["recognition_year"] else None, basis == "invented",
                         basis, row["source"], row["note"]])
        for alias, kind in sorted(cluster_aliases(name, county, shorts[county], row["short_name"], row["nicknames"])):
            aliases_rows.setdefault((name, alias), [name, alias, kind])
    con.executemany("INSERT INTO clusters VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", clusters)
    con.executemany("INSERT INTO cluster_aliases VALUES (?, ?, ?)", list(aliases_rows.values()))
    con.executemany(
        "INSERT INTO metrics VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [[r["code"], r["name"], r["name_en"], r["unit"], int(r["decimals"]), r["integer"] == "1", r["scope"],
          float(r["min_value"]), float(r["max_value"]), r["definition"]] for r in read_csv(METRICS_FILE)],
    )
    con.executemany(
        "INSERT INTO province_totals VALUES (?, ?, ?, ?, ?, ?)",
        [[r["code"], int(r["year"]), float(r["value"]), r["unit"], r["source"], r["note"]]
         for r in read_csv(REFERENCE_DIR / "province_totals.csv")],
    )
    con.execute("INSERT OR REPLACE INTO store_meta VALUES ('reference_hash', ?)", [digest])
