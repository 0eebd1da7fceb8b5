"""Isolation for every test: a temporary data directory, a cleared environment, no network."""

from __future__ import annotations

import ipaddress
import os
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

CLEARED_PREFIXES = ("CLUSTERBOT_", "OPENAI_", "SLACK_", "WECOM_", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")

_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex


def _is_loopback(address) -> bool:
    if isinstance(address, (str, bytes)):  # unix socket path
        return True
    host = address[0]
    if host in ("localhost", "", None):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _guarded_connect(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address):
        raise OSError(f"network access outside loopback is blocked in tests: {address!r}")
    return _real_connect(self, address)


def _guarded_connect_ex(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_loopback(address):
        raise OSError(f"network access outside loopback is blocked in tests: {address!r}")
    return _real_connect_ex(self, address)


@pytest.fixture(autouse=True)
def _no_network(monkeypatch):
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)
    monkeypatch.setattr(socket.socket, "connect_ex", _guarded_connect_ex)


@pytest.fixture(scope="session", autouse=True)
def user_cache_home(tmp_path_factory) -> Iterator[Path]:
    """The per-user cache of parsed shipped files (clusterbot.parsed_cache): one per worker, never the operator's."""
    home = tmp_path_factory.mktemp("cache-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(home))
        yield home


@pytest.fixture(autouse=True)
def isolated_env(monkeypatch, tmp_path) -> Path:
    """Each test gets its own empty data directory and none of the operator's variables."""
    for name in list(os.environ):
        if name.upper().startswith(CLEARED_PREFIXES):
            monkeypatch.delenv(name, raising=False)
    data_dir = tmp_path / "data"
    monkeypatch.setenv("CLUSTERBOT_DATA_DIR", str(data_dir))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("ANONYMIZED_TELEMETRY", "False")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    return data_dir


@pytest.fixture(scope="session")
def template_data_dir(tmp_path_factory) -> Path:
    """A data directory initialised once per worker (store + index), copied by `ready_data_dir`."""
    from clusterbot.bot.bootstrap import ensure_ready
    from clusterbot.config import Settings

    path = tmp_path_factory.mktemp("template") / "data"
    ensure_ready(Settings(data_dir=path))
    return path


@pytest.fixture
def ready_data_dir(template_data_dir, isolated_env) -> Path:
    """A ready-to-use copy of the initialised data directory, private to this test.

    The tokenizer cache stays behind: the encoder is loaded once per worker, and the copy would be 5 MB a test.
    """
    shutil.copytree(template_data_dir, isolated_env, ignore=shutil.ignore_patterns("usem3-tokenizer-*.npz"))
    return isolated_env


@pytest.fixture
def settings(ready_data_dir):
    from clusterbot.config import load_settings

    return load_settings(data_dir=ready_data_dir)
