"""The list of tools the offline engine and the LLM agent may call.

How to add a tool: in a module under tools/, write

    @tool
    def my_tool(inp: MyInput, settings: Settings) -> MyOutput:
        \"\"\"First line: what it answers. The rest: when to use it (this is the LLM's schema text).\"\"\"

with pydantic models for input and output, and list the module in TOOL_MODULES below.
The decorator reads the input and output models from the annotations and the description
from the docstring. A module listed here but not present yet is skipped.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import typing
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel

TOOL_MODULES = (
    "clusterbot.tools.entities",
    "clusterbot.tools.profile",
    "clusterbot.tools.gap",
    "clusterbot.tools.progress",
    "clusterbot.tools.rank",
    "clusterbot.tools.policy_tools",
)


@dataclass(frozen=True)
class ToolSpec:
    name: str
    func: Callable[..., BaseModel]
    input_model: type[BaseModel]
    output_model: type[BaseModel]
    description: str

    def json_schema(self) -> dict[str, Any]:
        """OpenAI-style function schema: name, description, parameters."""
        return {"name": self.name, "description": self.description,
                "parameters": self.input_model.model_json_schema()}


_TOOLS: dict[str, ToolSpec] = {}


ToolFunc = TypeVar("ToolFunc", bound=Callable[..., BaseModel])


def tool(func: ToolFunc) -> ToolFunc:
    """Register `func(inp: InputModel, settings) -> OutputModel` under its function name."""
    hints = typing.get_type_hints(func)
    params = list(inspect.signature(func).parameters)
    input_model, output_model = hints[params[0]], hints["return"]
    if not (issubclass(input_model, BaseModel) and issubclass(output_model, BaseModel)):
        raise TypeError(f"tool {func.__name__} must take and return pydantic models")
    _TOOLS[func.__name__] = ToolSpec(func.__name__, func, input_model, output_model,
                                     inspect.cleandoc(func.__doc__ or ""))
    return func


def all_tools() -> dict[str, ToolSpec]:
    """Every registered tool by name (imports the tool modules on first call)."""
    for module in TOOL_MODULES:
        if importlib.util.find_spec(module) is not None:
            importlib.import_module(module)
    return dict(_TOOLS)


def _tool(name: str) -> ToolSpec:
    """The tool `name`, importing the tool modules in order only until one registers it (a cold start
    answering a data question need not import the policy tools and their search)."""
    for module in TOOL_MODULES:
        if name in _TOOLS:
            break
        if importlib.util.find_spec(module) is not None:
            importlib.import_module(module)
    return _TOOLS[name]


def call(name: str, arguments: dict[str, Any], settings) -> Any:
    """Validate `arguments` with the tool's input model and run it.

    The result is the tool's own output model; its type depends on `name`, so callers that
    dispatch by name get it untyped (call the tool function itself for a typed result).
    """
    spec = _tool(name)
    return spec.func(spec.input_model.model_validate(arguments), settings)
