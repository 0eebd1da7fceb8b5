"""clusterbot — 县域特色产业集群政策助手.

One import name for the whole product. The foundation every layer relies on lives here
(config, errors, models, paths, templates, messages, migrations, state); the layers are
subpackages: clusterbot.retrieval and clusterbot.tools (policy index, indicator store, typed
tools), clusterbot.bot (the assistant and its channels) and clusterbot.evals (evaluation).
Prompts and the shipped data are package data (clusterbot/prompts, clusterbot/data).
"""

from pathlib import Path as _Path

# The layers are subpackages of this package: the wheel maps bot/, retrieval/, tools/ and evals/ into it
# (pyproject.toml, package-dir); a POSIX checkout links them here (clusterbot/bot -> ../bot). A checkout
# without links (a Windows clone writes each link as a small text file) finds them beside the package.
_HERE = _Path(__file__).resolve().parent
if not (_HERE / "tools").is_dir() and (_HERE.parent / "tools" / "__init__.py").is_file():
    __path__.append(str(_HERE.parent))  # noqa: F821  (the package's own search path)

