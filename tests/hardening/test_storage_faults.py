"""The database files read-only, unreadable, corrupt or missing: a clear one-line error, or it just works.

Permissions are real (chmod). Root ignores them, so when the suite runs as root the CLI child process
drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH first and is bound by them like any other user.
"""

from __future__ import annotations

import ctypes
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from clusterbot.errors import DataError
from clusterbot.state import StateStore

REPO = Path(__file__).resolve().parents[2]
QUESTION = "天长市离百亿还有多远？"
PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 24, 1, 2


def _drop_file_override() -> None:
    if os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        for cap in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
            if libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) != 0:
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def ask(data_dir: Path) -> subprocess.CompletedProcess:
    script = Path(sys.executable).with_name("clusterbot")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "clusterbot.bot.cli.main"]
    return subprocess.run([*command, "--data-dir", str(data_dir), "ask", QUESTION], cwd=REPO, env=dict(os.environ),
                          capture_output=True, text=True, timeout=120, preexec_fn=_drop_file_override)


def _one_clear_line(result: subprocess.CompletedProcess, *fragments: str) -> str:
    assert result.returncode != 0
    err = result.stderr.strip().splitlines()[-1]
    assert "Traceback" not in result.stderr and err.startswith("错误：")
    for fragment in fragments:
        assert fragment in err
    return err


@pytest.fixture
def data_dir(ready_data_dir):
    yield ready_data_dir
    for path in [ready_data_dir, *ready_data_dir.iterdir()]:  # let tmp_path clean-up remove everything
        path.chmod(path.stat().st_mode | stat.S_IWUSR | stat.S_IRUSR | stat.S_IXUSR)


def test_read_only_indicator_store_still_answers(data_dir):
    """Workers read the store read-only (the multi-worker layout); only writers need write access."""
    (data_dir / "indicators.duckdb").chmod(0o444)
    result = ask(data_dir)
    assert result.returncode == 0, result.stderr
    assert "5.8 亿元" in result.stdout


def test_read_only_state_database_is_a_clear_error(data_dir):
    for path in data_dir.glob("state.sqlite3*"):
        path.unlink()
    StateStore(data_dir / "state.sqlite3").close()
    (data_dir / "state.sqlite3").chmod(0o444)
    err = _one_clear_line(ask(data_dir), "状态数据库", "state.sqlite3", "可写")
    assert "OperationalError" not in err


def test_unreadable_indicator_store_is_a_clear_error(data_dir):
    (data_dir / "indicators.duckdb").chmod(0o000)
    _one_clear_line(ask(data_dir), "指标数据库", "indicators.duckdb")


def test_unreadable_indicator_store_is_a_clear_error_though_its_snapshot_is_cached(data_dir):
    assert ask(data_dir).returncode == 0  # reads the store and keeps its snapshot in <data dir>/cache/
    (data_dir / "indicators.duckdb").chmod(0o000)
    _one_clear_line(ask(data_dir), "指标数据库", "indicators.duckdb")


def test_corrupt_indicator_store_is_a_clear_error(data_dir):
    (data_dir / "indicators.duckdb").write_bytes(b"not a database\n" * 100)
    _one_clear_line(ask(data_dir), "指标数据库", "indicators.duckdb", "重建")


def test_missing_store_in_a_read_only_directory_is_a_clear_error(data_dir):
    (data_dir / "indicators.duckdb").unlink()
    data_dir.chmod(0o555)
    _one_clear_line(ask(data_dir), "指标数据库", "indicators.duckdb")


def test_missing_store_in_a_writable_directory_is_rebuilt(data_dir):
    (data_dir / "indicators.duckdb").unlink()
    result = ask(data_dir)
    assert result.returncode == 0 and "5.8 亿元" in result.stdout
    assert "正在初始化指标数据库" in result.stderr


def test_state_store_error_names_the_file_in_process(tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    with pytest.raises(DataError, match="not-a-dir"):
        StateStore(blocker / "state.sqlite3")
