"""The answer contract shared by every channel (see the Answer JSON in the architecture doc)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Status = Literal["answered", "no_data", "out_of_scope", "error"]
Mode = Literal["offline", "llm"]


class Citation(BaseModel):
    doc_id: str
    doc_title: str
    clause_id: str
    label: str
    title: str = ""
    lead_units: list[str] = Field(default_factory=list)
    support_units: list[str] = Field(default_factory=list)
    quote: str = ""


class Fact(BaseModel):
    name: str
    value: float | int | str
    unit: str = ""
    year: int | None = None
    entity: str = ""
    source: str = ""
    demo: bool = False
    vintage: str | None = None


class ToolCall(BaseModel):
    name: str
    arguments: dict = Field(default_factory=dict)


class ParserInfo(BaseModel):
    """Which parser read the question into its typed query, when the model parser was asked for."""

    requested: Literal["rules", "llm"] = "llm"
    used: Literal["rules", "llm"] = "rules"
    fallback: str | None = None  # why the rule parser read it: not_configured, timeout, unknown_entity, …
    detail: str | None = None  # what was refused (a name, an op), never the model's text at length


class Answer(BaseModel):
    question: str
    answer: str
    status: Status
    citations: list[Citation] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)
    mode: Mode = "offline"
    latency_ms: float = 0.0
    parser: ParserInfo | None = None  # in the JSON only when the model parser was asked for
    # Not part of the JSON contract: kept for the audit log and the channels.
    tool_calls: list[ToolCall] = Field(default_factory=list, exclude=True)
    suggestions: list[str] = Field(default_factory=list, exclude=True)
    intent: str | None = Field(default=None, exclude=True)
    lang: str = Field(default="zh", exclude=True)
    exchange_id: int | None = Field(default=None, exclude=True)
    data_vintage: str | None = Field(default=None, exclude=True)

    @property
    def uses_demo_data(self) -> bool:
        return any(f.demo for f in self.facts)

    def contract_json(self) -> str:
        return self.model_dump_json(exclude={"parser"} if self.parser is None else None)


class Question(BaseModel):
    """One question as any channel hands it to the core."""

    text: str
    channel: str = "cli"
    user: str = "local"
    thread: str = "default"

    @property
    def conversation_key(self) -> str:
        return f"{self.channel}:{self.thread}"
