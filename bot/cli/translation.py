"""Click's own messages in Chinese, like the rest of the CLI.

Click translates through `gettext` (each module binds `_` and `ngettext` at import); there is no
Chinese catalogue for it, so the command group installs ours, read from prompts/cli/click.zh.yaml,
into those modules before any command is declared. Unknown texts pass through unchanged.
"""

from __future__ import annotations

import importlib
from functools import cache

from clusterbot.paths import PROMPTS_DIR
from clusterbot.yamlfiles import read_yaml

CATALOG = PROMPTS_DIR / "cli" / "click.zh.yaml"
CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types", "utils")


@cache
def table() -> dict[str, str]:
    return {str(k): str(v) for k, v in (read_yaml(CATALOG) or {}).items()}


def gettext(message: str) -> str:
    return table().get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return gettext(singular if n == 1 else plural)


def install() -> None:
    for name in CLICK_MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            setattr(module, "_", gettext)  # noqa: B010  (the attribute is private to Click's modules)
        if hasattr(module, "ngettext"):
            setattr(module, "ngettext", ngettext)  # noqa: B010
