"""The layering, read from the source: no import cycles, retrieval and tools never reach into bot,
and no module imports another module's private names.

Every import counts, the ones inside functions too: a lazy import that closes a cycle still ties the
two modules together.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.paths import REPO_ROOT

LAYERS = {"clusterbot.bot": "bot", "clusterbot.retrieval": "retrieval", "clusterbot.tools": "tools",
          "clusterbot.evals": "evals"}


def modules() -> dict[str, Path]:
    found = {}
    for package, folder in LAYERS.items():
        for path in (REPO_ROOT / folder).rglob("*.py"):
            parts = [p for p in path.relative_to(REPO_ROOT / folder).with_suffix("").parts if p != "__init__"]
            found[".".join([package, *parts])] = path
    for path in (REPO_ROOT / "clusterbot").glob("*.py"):
        found["clusterbot" if path.stem == "__init__" else f"clusterbot.{path.stem}"] = path
    return found


MODULES = modules()


def imports_of(path: Path) -> list[tuple[str, list[str]]]:
    """(module, names) for every absolute import in the file."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.module, [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            out.extend((a.name, []) for a in node.names)
    return out


def graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        deps = set()
        for module, names in imports_of(path):
            for imported in names or [None]:
                full = f"{module}.{imported}" if imported else module
                target = full if full in MODULES else module
                if target in MODULES and target != name:
                    deps.add(target)
        edges[name] = deps
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (iterative Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_walker_sees_the_whole_package():
    assert {"clusterbot.config", "clusterbot.bot.core", "clusterbot.retrieval.search", "clusterbot.tools.store",
            "clusterbot.evals.harness", "clusterbot.bot.offline.engine"} <= set(MODULES)
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_there_are_no_import_cycles():
    assert cycles(graph()) == []


def test_retrieval_and_tools_never_import_the_bot_layer():
    edges = graph()
    reaching_up = sorted(f"{name} -> {dep}" for name, deps in edges.items()
                         if name.startswith(("clusterbot.retrieval", "clusterbot.tools"))
                         for dep in deps if dep.startswith("clusterbot.bot"))
    assert reaching_up == []


def test_the_foundation_imports_no_layer():
    edges = graph()
    foundation = [name for name in MODULES if name.count(".") <= 1 and name not in LAYERS]
    upward = sorted(f"{name} -> {dep}" for name in foundation for dep in edges[name] if dep.startswith(tuple(LAYERS)))
    assert upward == []


def test_no_module_imports_private_names_of_another():
    private = sorted(f"{name}: {module}.{imported}" for name, path in MODULES.items()
                     for module, names in imports_of(path) if module.startswith("clusterbot")
                     for imported in names if imported.startswith("_") and not imported.startswith("__"))
    assert private == []


def test_pyproject_lists_every_subpackage_it_maps():
    """The wheel maps the layers by an explicit package list (no symlinks needed): a new subpackage must be
    added to pyproject.toml's [tool.setuptools] packages, or it would silently be left out of the wheel."""
    import tomllib

    config = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    found = {"clusterbot", "clusterbot.prompts", "clusterbot.data"}
    found |= {".".join(["clusterbot", *p.parent.relative_to(REPO_ROOT / "clusterbot").parts])
              for p in (REPO_ROOT / "clusterbot").glob("*/**/__init__.py")
              if not (REPO_ROOT / "clusterbot" / p.relative_to(REPO_ROOT / "clusterbot").parts[0]).is_symlink()}
    for package, folder in LAYERS.items():
        found |= {".".join([package, *p.parent.relative_to(REPO_ROOT / folder).parts])
                  for p in (REPO_ROOT / folder).rglob("__init__.py") if "__pycache__" not in p.parts}
    assert set(config["packages"]) == found
    assert config["package-dir"] == {**{k: v for k, v in LAYERS.items()}, "clusterbot.prompts": "prompts",
                                     "clusterbot.data": "data"}
