"""Where the shipped files and the default data directory live.

Prompts and the shipped data are package data of `clusterbot`, found through importlib.resources,
so an installed wheel and a checkout read them the same way. The data directory is `var/` inside a
checkout and a per-user directory for an installed package; CLUSTERBOT_DATA_DIR overrides both
(see clusterbot.config).
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

PACKAGE_ROOT = Path(str(resources.files("clusterbot")))


def _shipped(name: str) -> Path:
    """clusterbot/<name> of the wheel or a POSIX checkout; <checkout>/<name> where links are plain files (Windows)."""
    inside = PACKAGE_ROOT / name
    beside = PACKAGE_ROOT.parent / name
    return inside if inside.is_dir() or not beside.is_dir() else beside


SHIPPED_DATA = _shipped("data")
PROMPTS_DIR = _shipped("prompts")


def checkout_root() -> Path | None:
    """The source checkout this package runs from, or None for an installed package."""
    root = PACKAGE_ROOT.parent
    if (root / "pyproject.toml").is_file() and (root / "bot").is_dir() and (root / "clusterbot").is_dir():
        return root
    return None


def user_data_dir() -> Path:
    """The per-user data directory of an installed package (XDG on Linux, the usual places elsewhere)."""
    if os.name == "nt":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
    elif os.uname().sysname == "Darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "clusterbot"


def user_cache_dir() -> Path:
    """The per-user cache directory (XDG on Linux, the usual places elsewhere): shipped files parsed once."""
    if os.name == "nt":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "clusterbot" / "Cache"
    if os.uname().sysname == "Darwin":
        return Path.home() / "Library" / "Caches" / "clusterbot"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "clusterbot"


def default_data_dir() -> Path:
    root = checkout_root()
    return root / "var" if root is not None else user_data_dir()


DEFAULT_DATA_DIR = default_data_dir()
