"""Read question sets, turning any YAML or schema problem into one Chinese error with file and line.

The YAML is composed into nodes first so that a pydantic error location (cases → 3 → numbers → 0
→ unit) can be traced back to the line it was written on.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from clusterbot.errors import InputError
from clusterbot.evals.schema import QuestionSet
from clusterbot.yamlfiles import SafeLoader, parse_yaml


class LoadedSet:
    """A validated set plus where it came from and the line of each case (for reports)."""

    def __init__(self, path: Path, data: QuestionSet, case_lines: dict[str, int]) -> None:
        self.path = path
        self.data = data
        self.case_lines = case_lines

    @property
    def name(self) -> str:
        return self.data.name


def _node_at(root: yaml.Node, loc: tuple) -> yaml.Node:
    """The deepest node along `loc` (keys and list indexes) that exists in the document."""
    node = root
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            found = next((value for key, value in node.value if getattr(key, "value", None) == str(part)), None)
            if found is None:
                return node
            node = found
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            return node
    return node


def _reason(error: Mapping[str, Any]) -> str:
    """The schema problem in Chinese when we have a wording for its kind, else pydantic's own text."""
    from clusterbot.messages import catalog, msg

    key = f"eval.schema.{error['type']}"
    if key in catalog("zh"):
        ctx = error.get("ctx") or {}
        return msg(key, input=str(error.get("input"))[:60], **{k: str(v) for k, v in ctx.items()})
    return str(error["msg"]).removeprefix("Value error, ")


def _where(loc: tuple) -> str:
    return " → ".join(str(p) for p in loc) or "（顶层）"


def load_set(path: Path | str) -> LoadedSet:
    path = Path(path)
    if not path.is_file():
        raise InputError("eval.set_missing", file=str(path))
    text = path.read_text(encoding="utf-8")
    try:
        root = yaml.compose(text, Loader=SafeLoader)  # noqa: S506  (a safe loader; the nodes give line numbers)
        raw = parse_yaml(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise InputError("eval.yaml_syntax", file=str(path), line=line,
                         reason=(exc.problem or str(exc)).strip()) from exc
    if root is None or not isinstance(raw, dict):
        raise InputError("eval.not_a_set", file=str(path), line=1)
    try:
        data = QuestionSet.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = tuple(p for p in first["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        node = _node_at(root, loc)
        reason = _reason(first)
        more = len(exc.errors()) - 1
        raise InputError("eval.schema_error_more" if more else "eval.schema_error", file=str(path),
                         line=node.start_mark.line + 1, where=_where(loc), reason=reason, more=more) from exc
    cases_node = _node_at(root, ("cases",))
    case_lines: dict[str, int] = {}
    for index, case in enumerate(data.cases):
        line = _node_at(cases_node, (index,)).start_mark.line + 1 if isinstance(cases_node, yaml.SequenceNode) else 0
        if case.id in case_lines:
            raise InputError("eval.duplicate_id", file=str(path), line=line, id=case.id, first=case_lines[case.id])
        case_lines[case.id] = line
    return LoadedSet(path, data, case_lines)


def load_sets(paths: list[Path | str]) -> list[LoadedSet]:
    sets = [load_set(p) for p in paths]
    seen: dict[str, Path] = {}
    for loaded in sets:
        if loaded.name in seen:
            raise InputError("eval.duplicate_set", name=loaded.name, first=str(seen[loaded.name]),
                             file=str(loaded.path))
        seen[loaded.name] = loaded.path
    return sets
