"""Safe YAML with bounds, for every YAML file a user can hand the product (eval sets, document sidecars).

`yaml.safe_load` forbids arbitrary objects but not size: a few lines of aliases (a "billion laughs") expand
to billions of values for whatever walks the result, and 20 000 nested brackets end in a RecursionError.
`BoundedLoader` refuses, while composing, more than `MAX_DEPTH` levels of nesting, more than `MAX_ALIASES`
aliases and more than `MAX_NODES` values, counting each alias as the values it repeats; the error is a `yaml.YAMLError`, so callers report it as bad YAML.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_DEPTH = 64
MAX_ALIASES = 100
MAX_NODES = 500_000


class YAMLTooComplex(yaml.YAMLError):
    """The document is nested too deeply, uses too many aliases or has too many values."""


class BoundedLoader(yaml.SafeLoader):
    def __init__(self, stream: Any) -> None:
        super().__init__(stream)
        self._depth = 0
        self._aliases = 0
        self._nodes = 0
        self._sizes: dict[str, int] = {}  # anchor → how many values it stands for

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise YAMLTooComplex(f"more than {MAX_ALIASES} aliases (*)")
            self._count(self._sizes.get(event.anchor, 1))  # an alias costs what it repeats, expanded
            return super().compose_node(parent, index)
        before = self._nodes
        self._count(1)
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise YAMLTooComplex(f"nested deeper than {MAX_DEPTH} levels")
        try:
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            self._sizes[anchor] = self._nodes - before
        return node

    def _count(self, nodes: int) -> None:
        self._nodes += nodes
        if self._nodes > MAX_NODES:
            raise YAMLTooComplex(f"more than {MAX_NODES} values (aliases expanded)")


def load(text: str) -> Any:
    """yaml.safe_load within the bounds above."""
    return yaml.load(text, Loader=BoundedLoader)  # noqa: S506 (a SafeLoader subclass)


def compose(text: str) -> yaml.Node | None:
    """yaml.compose (for line numbers) within the bounds above."""
    return yaml.compose(text, Loader=BoundedLoader)
