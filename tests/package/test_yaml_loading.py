"""One YAML loader (clusterbot.yamlfiles) for every file the product reads, and it reads them as PyYAML's own does."""

from __future__ import annotations

import ast

import yaml

from clusterbot.yamlfiles import SafeLoader, parse_yaml
from tests.paths import REPO_ROOT

SOURCE_DIRS = ("clusterbot", "bot", "retrieval", "tools", "evals")
# The policy sidecar loader refuses YAML aliases in files an administrator supplies (retrieval/loaders.py).
# The two loaders: the shared fast one, and the bounded one (nesting, aliases, size) for YAML an operator or a
# user hands in (eval sets, document sidecars). The oracles in evals/oracles are tools for set writers.
OWN_LOADERS = {"retrieval/loaders.py", "clusterbot/yaml_limits.py"}
LOADING_CALLS = {"load", "safe_load", "full_load", "unsafe_load", "load_all", "safe_load_all"}


def test_every_shipped_yaml_file_reads_the_same_with_the_fast_loader():
    files = [p for d in SOURCE_DIRS + ("prompts", "data") for p in (REPO_ROOT / d).rglob("*.yaml")]
    assert len(files) > 30
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert parse_yaml(text) == yaml.load(text, Loader=yaml.SafeLoader), path  # noqa: S506


def test_the_fast_loader_is_used_where_pyyaml_has_libyaml():
    assert SafeLoader is (yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader)


def test_no_module_parses_yaml_around_the_shared_loader():
    offenders = []
    for folder in SOURCE_DIRS:
        for path in (REPO_ROOT / folder).rglob("*.py"):
            name = path.relative_to(REPO_ROOT).as_posix()
            if name in OWN_LOADERS or name == "clusterbot/yamlfiles.py" or name.startswith("evals/oracles/"):
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (isinstance(node, ast.Attribute) and node.attr in LOADING_CALLS
                        and isinstance(node.value, ast.Name) and node.value.id == "yaml"):
                    offenders.append(f"{name}:{node.lineno} yaml.{node.attr}")
    assert offenders == []
