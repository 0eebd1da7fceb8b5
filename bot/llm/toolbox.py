"""The typed tools as the model sees them, and what one turn learned from calling them.

Every call is validated with the tool's pydantic input model; bad arguments or a failing tool
become an error message for the model, never an exception out of the agent. An unknown tool name
is a protocol failure (the caller falls back to the offline engine). The toolbox remembers, for
the grounding check, every number and every clause id the tools returned in this turn.
"""

from __future__ import annotations

import logging
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError

from clusterbot.bot.llm.framing import fence
from clusterbot.bot.llm.grounding import ClauseKey, Evidence
from clusterbot.config import Settings
from clusterbot.errors import ClusterbotError
from clusterbot.models import ToolCall

log = logging.getLogger("clusterbot.llm")

FINAL_TOOL = "final_answer"
MAX_OUTPUT_CHARS = 16000
MAX_DESCRIPTION_CHARS = 1000


class FinalAnswer(BaseModel):
    """Give your final answer to the official, with the ids of the clauses it rests on. Call this once,
    after the other tools; every number in `answer` must be copied from a tool output or a cited clause."""

    answer: str = Field(min_length=1, description="The answer in Markdown: key number first, then the basis")
    clause_ids: list[str] = Field(
        default_factory=list,
        description="Ids of the clauses returned by tools in this turn that support the answer, e.g. 2, 3.2.1, "
                    "2.table.1, 4.1",
    )
    status: Literal["answered", "no_data", "out_of_scope"] = Field(
        default="answered", description="no_data: the policy and the data do not say; out_of_scope: not about "
                                        "Anhui county clusters")


class UnknownTool(Exception):
    """The model asked for a tool that does not exist."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def _error_text(exc: ValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ())) or "arguments"
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return "; ".join(parts)


class Toolbox:
    """One turn's tools. Not shared between turns (it records what the turn retrieved)."""

    def __init__(self, settings: Settings, default_doc_id: str, specs: dict[str, Any] | None = None) -> None:
        if specs is None:
            from clusterbot.tools.registry import all_tools

            specs = all_tools()
        self.settings = settings
        self.specs = specs
        self.default_doc_id = default_doc_id
        self.calls: list[ToolCall] = []
        self.outputs: list[BaseModel] = []
        self.evidence = Evidence()
        self.retrieved: set[ClauseKey] = set()

    def names(self) -> list[str]:
        return sorted(self.specs) + [FINAL_TOOL]

    def langchain_tools(self) -> list:
        """StructuredTools for `bind_tools`: the registry's input models are the argument schemas."""
        from langchain_core.tools import StructuredTool

        tools = []
        for name, spec in sorted(self.specs.items()):
            tools.append(StructuredTool.from_function(
                func=self._runner(name), name=name, description=spec.description[:MAX_DESCRIPTION_CHARS],
                args_schema=spec.input_model, infer_schema=False))
        tools.append(StructuredTool.from_function(
            func=self._runner(FINAL_TOOL), name=FINAL_TOOL, description=FinalAnswer.__doc__.strip(),
            args_schema=FinalAnswer, infer_schema=False))
        return tools

    def _runner(self, name: str):
        def run(**arguments: Any) -> str:
            return self.run(name, arguments)

        return run

    def parse_final(self, arguments: Any) -> FinalAnswer | str:
        """The final answer, or an error text for the model."""
        try:
            return FinalAnswer.model_validate(arguments if isinstance(arguments, dict) else {})
        except ValidationError as exc:
            return fence("tool_error", _error_text(exc), name=FINAL_TOOL)

    def run(self, name: str, arguments: Any) -> str:
        """Validate, call, record; the fenced text to send back to the model."""
        spec = self.specs.get(name)
        if spec is None:
            raise UnknownTool(name)
        if not isinstance(arguments, dict):
            return fence("tool_error", "arguments must be a JSON object", name=name)
        try:
            validated = spec.input_model.model_validate(arguments)
        except ValidationError as exc:
            return fence("tool_error", _error_text(exc), name=name)
        plain = validated.model_dump(mode="json", exclude_unset=True)
        self.calls.append(ToolCall(name=name, arguments=plain))
        try:
            from clusterbot.tools.registry import call

            output = call(name, plain, self.settings)
        except ClusterbotError as exc:
            return fence("tool_error", exc.message, name=name)
        except Exception as exc:  # a tool bug must not end the turn; the log keeps it visible
            log.exception("tool %s failed", name)
            return fence("tool_error", f"the tool failed ({type(exc).__name__})", name=name)
        self.remember(output, plain)
        text = output.model_dump_json(exclude_none=True)
        if len(text) > MAX_OUTPUT_CHARS:
            text = text[:MAX_OUTPUT_CHARS] + " …(truncated)"
        return fence("tool_output", text, name=name)

    def remember(self, output: BaseModel, arguments: dict[str, Any] | None = None) -> None:
        self.outputs.append(output)
        tree = output.model_dump(mode="json")
        # A tool echoing the model's own text (resolve's `query`) does not make its numbers evidence.
        echoes = {v for v in (arguments or {}).values() if isinstance(v, str)}
        self.evidence.add_tree(tree, skip_strings=echoes)
        self._collect_clauses(tree)

    def _collect_clauses(self, data: Any) -> None:
        if isinstance(data, dict):
            clause_id = data.get("clause_id")
            if isinstance(clause_id, str) and clause_id:
                self.retrieved.add((data.get("doc_id") or self.default_doc_id, clause_id))
            for value in data.values():
                self._collect_clauses(value)
        elif isinstance(data, list):
            for value in data:
                self._collect_clauses(value)

    def figures(self) -> list:
        """Every Figure (number with provenance) in this turn's tool outputs, in order."""
        from clusterbot.tools.models import Figure

        found: list[Figure] = []

        def walk(value: Any) -> None:
            if isinstance(value, Figure):
                found.append(value)
            elif isinstance(value, BaseModel):
                for name in type(value).model_fields:
                    walk(getattr(value, name))
            elif isinstance(value, (list, tuple)):
                for item in value:
                    walk(item)
            elif isinstance(value, dict):
                for item in value.values():
                    walk(item)

        for output in self.outputs:
            walk(output)
        return found
