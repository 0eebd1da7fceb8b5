"""The indicator store: one DuckDB file per data directory, replaced atomically by every write.

Writers (first use, migrations, imports) copy the live file, change the copy inside one
transaction, checkpoint it and `os.replace` it over the live file, under an exclusive file lock.
A crash or an error before the replace leaves the live file untouched. Readers never hold the
file open: `snapshot()` reads it once into an immutable in-memory Snapshot, cached per process
and re-read when the file's identity (inode, mtime, size) changes — so every reader sees either
the old or the new data as a whole. A new process takes its snapshot, and the migration and
reference-data check of `ensure_store`, from the JSON copy in `<data dir>/cache/` when that copy was
read from the live file (tools.snapshot_cache), without importing DuckDB.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import sys
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import TYPE_CHECKING

from clusterbot.config import Settings
from clusterbot.errors import DataError
from clusterbot.messages import msg
from clusterbot.migrations import numbered_sql
from clusterbot.tools import snapshot_cache
from clusterbot.tools.snapshot import Snapshot, load_snapshot
from clusterbot.tools.snapshot_cache import StoreState

if TYPE_CHECKING:  # DuckDB is imported where the file is opened: a start with a current cache never opens it
    import duckdb

STORE_FILE = "indicators.duckdb"
LOCK_FILE = "indicators.lock"
MIGRATIONS_PACKAGE = "clusterbot.tools.migrations"

Progress = Callable[[str], None] | None

_cache: dict[Path, Snapshot] = {}
_cache_lock = threading.Lock()
# DuckDB shares one database instance per path inside a process; opening the live file only
# under this lock guarantees that an open never reuses an instance of a replaced file.
_open_lock = threading.Lock()
# Snapshots pinned for the answer being computed in this context: one answer, one data vintage.
_pinned: ContextVar[dict[Path, Snapshot] | None] = ContextVar("clusterbot_pinned_snapshots", default=None)


def store_path(data_dir: Path) -> Path:
    return Path(data_dir) / STORE_FILE


def migrations() -> list[tuple[int, str, str]]:
    """(version, file name, SQL) of tools/migrations/NNN_*.sql in order."""
    return numbered_sql(MIGRATIONS_PACKAGE)


def apply_migrations(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply pending migrations inside the caller's transaction; each is recorded once."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, "
        "applied_at TIMESTAMP DEFAULT current_timestamp)"
    )
    done = {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}
    applied = []
    for version, name, sql in migrations():
        if version in done:
            continue
        con.execute(sql)
        con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [version, name])
        applied.append(version)
    return applied


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def _exclusive(data_dir: Path) -> Iterator[None]:
    data_dir.mkdir(parents=True, exist_ok=True)
    with open(data_dir / LOCK_FILE, "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def write_transaction(data_dir: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to a private copy of the store; leaving the block without error publishes it."""
    import duckdb

    data_dir = Path(data_dir)
    live = store_path(data_dir)
    with _exclusive(data_dir):
        for stale in data_dir.glob(".indicators.*.tmp*"):
            stale.unlink(missing_ok=True)
        tmp = data_dir / f".indicators.{os.getpid()}.{uuid.uuid4().hex}.tmp.duckdb"
        try:
            if live.exists():
                shutil.copyfile(live, tmp)
            con = duckdb.connect(str(tmp))
            try:
                con.execute("BEGIN TRANSACTION")
                try:
                    yield con
                except BaseException:
                    con.execute("ROLLBACK")
                    raise
                con.execute("COMMIT")
                con.execute("CHECKPOINT")
            finally:
                con.close()
            _fsync(tmp)
            os.replace(tmp, live)
            _fsync(data_dir)
        finally:
            for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
                leftover.unlink(missing_ok=True)
    invalidate(data_dir)


def invalidate(data_dir: Path) -> None:
    """Forget this process's snapshot; the next snapshot() re-reads the file."""
    with _cache_lock:
        _cache.pop(store_path(data_dir), None)


def _identity(path: Path) -> tuple[int, int, int]:
    st = os.stat(path)
    return (st.st_ino, st.st_mtime_ns, st.st_size)


@contextmanager
def _plain_errors(path: Path) -> Iterator[None]:
    """An unreadable, corrupt or unwritable store file becomes one error naming the file."""
    try:
        yield
    except Exception as exc:
        # DuckDB is imported only where a file is opened, so only then can one of its errors arrive.
        duckdb = sys.modules.get("duckdb")
        if not isinstance(exc, OSError) and not (duckdb is not None and isinstance(exc, duckdb.Error)):
            raise
        raise DataError("store.unavailable", path=str(path), reason=str(exc)[:200]) from exc


def _readable(path: Path) -> None:
    """Raises OSError when the store file cannot be read: the cached copy never stands in for such a file."""
    with open(path, "rb"):
        pass


def _read(path: Path) -> Snapshot:
    with _plain_errors(path):
        _readable(path)
        cached = snapshot_cache.load(path, _identity(path))
        if cached is not None:
            return cached[1]
        state, snap = _read_once_stable(path)
    snapshot_cache.save(path, state, snap)
    return snap


def _read_once_stable(path: Path) -> tuple[StoreState, Snapshot]:
    import duckdb

    for _ in range(20):
        before = _identity(path)
        with _open_lock:
            con = duckdb.connect(str(path), read_only=True)
            try:
                snap = load_snapshot(con, path, before)
                done, recorded = _recorded(con)
            finally:
                con.close()
        if _identity(path) == before:
            return StoreState(before, tuple(sorted(done)), recorded), snap
    raise RuntimeError(f"{path} kept changing while being read")


def snapshot(settings: Settings | Path) -> Snapshot:
    """The current data of this data dir, read once per version of the file (thread-safe)."""
    data_dir = Path(settings.data_dir if isinstance(settings, Settings) else settings)
    path = store_path(data_dir)
    pinned = _pinned.get()
    if pinned is not None and path in pinned:
        return pinned[path]
    try:
        ident = _identity(path)
    except FileNotFoundError:
        ensure_store(data_dir)
        ident = _identity(path)
    snap = _cache.get(path)
    if snap is not None and snap.identity == ident:
        return snap
    with _cache_lock:
        snap = _cache.get(path)
        if snap is None or snap.identity != _identity(path):
            snap = _read(path)
            _cache[path] = snap
        return snap


@contextmanager
def pinned_snapshot(settings: Settings | Path) -> Iterator[Snapshot]:
    """Inside the block every snapshot() of this data dir (in this context) returns the same data, even
    when a new file is published meanwhile: an answer never mixes two data vintages."""
    snap = snapshot(settings)
    token = _pinned.set({**(_pinned.get() or {}), snap.path: snap})
    try:
        yield snap
    finally:
        _pinned.reset(token)


def publish_file(source: Path, data_dir: Path) -> Snapshot:
    """Put a store built elsewhere (`clusterbot data import` on the import host) in place atomically.

    The file is read in full first (a damaged or foreign file is refused), copied beside the live one
    and renamed over it: workers see the old or the new data as a whole and switch on their next question.
    """
    source, data_dir = Path(source), Path(data_dir)
    if not source.is_file():
        raise DataError("publish.missing", path=str(source))
    new = _read(source)
    pending, _hash = _pending(source)
    if pending:
        raise DataError("publish.outdated", path=str(source))
    live = store_path(data_dir)
    with _exclusive(data_dir):
        tmp = data_dir / f".indicators.{os.getpid()}.{uuid.uuid4().hex}.tmp.duckdb"
        try:
            shutil.copyfile(source, tmp)
            _fsync(tmp)
            os.replace(tmp, live)
            _fsync(data_dir)
        finally:
            tmp.unlink(missing_ok=True)
    invalidate(data_dir)
    return new


@contextmanager
def read_connection(settings: Settings | Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """A short-lived read-only connection to the live file (export, status); close it soon."""
    import duckdb

    data_dir = Path(settings.data_dir if isinstance(settings, Settings) else settings)
    with _open_lock:
        con = duckdb.connect(str(store_path(data_dir)), read_only=True)
        try:
            yield con
        finally:
            con.close()


def _recorded(con: duckdb.DuckDBPyConnection) -> tuple[set[int], str]:
    """The migration versions applied to a store file and the reference-data hash recorded in it."""
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    if "schema_migrations" not in tables:
        return set(), ""
    done = {r[0] for r in con.execute("SELECT version FROM schema_migrations").fetchall()}
    row = next(iter(con.execute("SELECT value FROM store_meta WHERE key = 'reference_hash'").fetchall()), None)
    return done, row[0] if row else ""


def _pending(path: Path) -> tuple[bool, str]:
    """Whether migrations are pending, and the reference-data hash recorded in the file."""
    _readable(path)
    recorded = snapshot_cache.state(path, _identity(path))  # what the last read of this very file found
    if recorded is not None:
        done, reference = set(recorded.migrations), recorded.reference_hash
    else:
        import duckdb

        with _open_lock:
            con = duckdb.connect(str(path), read_only=True)
            try:
                done, reference = _recorded(con)
            finally:
                con.close()
    return any(v not in done for v, _, _ in migrations()), reference


def ensure_store(settings: Settings | Path, progress: Progress = None) -> Path:
    """Create or upgrade the store of a data dir; cheap when it is already current.

    A new data dir gets the schema, the reference data (counties, clusters, metric dictionary)
    and the demo dataset. An existing one gets pending migrations and changed reference data;
    its indicator rows are kept.
    """
    data_dir = Path(settings.data_dir if isinstance(settings, Settings) else settings)
    path = store_path(data_dir)
    with _plain_errors(path):
        return _ensure_store(data_dir, path, progress)


def _ensure_store(data_dir: Path, path: Path, progress: Progress) -> Path:
    from clusterbot.tools.reference import reference_hash, sync_reference

    say = progress or (lambda _text: None)
    wanted = reference_hash()
    if path.exists():
        pending, recorded = _pending(path)
        if not pending and recorded == wanted:
            return path
        say(msg("store.progress.upgrading"))
        with write_transaction(data_dir) as con:
            apply_migrations(con)
            sync_reference(con, wanted)
        return path
    from clusterbot.tools.seeding import load_demo  # numpy: imported only when a store is created

    say(msg("store.progress.creating", path=str(path)))
    with write_transaction(data_dir) as con:
        if con.execute("SELECT count(*) FROM information_schema.tables").fetchall()[0][0]:
            # another process created it while we waited for the lock
            return path
        apply_migrations(con)
        sync_reference(con, wanted)
        rows = load_demo(con)
    say(msg("store.progress.ready", rows=rows))
    return path
