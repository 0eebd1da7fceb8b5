"""The shape of a question set (evals/sets/*.yaml), validated by pydantic.

A set has thresholds and cases. A case is one question (`q`) with its expectations, or a
conversation (`turns`), each turn with its own expectations; the turns of one case share one thread.

Expectations (all optional except status):
    status         answered | no_data | out_of_scope | error
    clauses        gold clause ids; citing one of them or a descendant (3.2 -> 3.2.1) counts
    also_ok        clause ids that may be cited without counting against precision (not required)
    lead_units     units the answer must name as lead (牵头) — in the text and in a cited clause's lead units
    support_units  units the answer must name as supporting (配合) — likewise
    numbers        [{value, unit, tol, rel}]: each must appear in the answer text within tolerance
    require        terms that must appear ("a|b" = either); forbid: terms that must not appear
    check_invented false skips the no-invented-numbers check (help texts)
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Status = Literal["answered", "no_data", "out_of_scope", "error"]
CLAUSE_ID = r"^(\d+(\.\d+)*(\.table(\.\d+)?)?|p\d+)$"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ExpectedNumber(Strict):
    value: float
    unit: str = ""
    tol: float | None = Field(default=None, ge=0, description="absolute tolerance in `unit`")
    rel: float | None = Field(default=None, ge=0, description="relative tolerance (0.01 = 1 %)")
    label: str = ""

    def tolerance(self) -> float:
        """Absolute tolerance in `unit`; by default half a unit of the last printed decimal (0.05 for 87.3)."""
        allowed = 0.0
        if self.tol is not None:
            allowed = self.tol
        elif self.rel is None:
            text = f"{self.value:.6f}".rstrip("0").rstrip(".")
            decimals = len(text.split(".")[1]) if "." in text else 0
            allowed = 0.5 * 10 ** (-decimals) if decimals else 0.0
        if self.rel is not None:
            allowed = max(allowed, abs(self.value) * self.rel)
        return allowed


class Expect(Strict):
    """What one answer must look like."""

    status: Status = "answered"
    clauses: list[str] = Field(default_factory=list)
    also_ok: list[str] = Field(default_factory=list)
    lead_units: list[str] = Field(default_factory=list)
    support_units: list[str] = Field(default_factory=list)
    numbers: list[ExpectedNumber] = Field(default_factory=list)
    require: list[str] = Field(default_factory=list)
    forbid: list[str] = Field(default_factory=list)
    check_invented: bool = True  # false for answers about the assistant itself (help), which state no data

    @field_validator("clauses", "also_ok")
    @classmethod
    def _clause_ids(cls, value: list[str]) -> list[str]:
        import re

        for clause_id in value:
            if not re.match(CLAUSE_ID, clause_id):
                raise ValueError(f"条款编号“{clause_id}”格式不对，应为 3.2.1、4.1、2.table.3 这样的编号")
        return value


class Turn(Expect):
    q: str = Field(min_length=1)
    intent: str | None = None


class Case(Expect):
    id: str = Field(min_length=1, pattern=r"^[A-Za-z0-9_.\-]+$")
    intent: str
    tags: list[str] = Field(default_factory=list)
    q: str | None = None
    turns: list[Turn] = Field(default_factory=list)
    note: str = ""

    @model_validator(mode="after")
    def _one_form(self) -> Case:
        if bool(self.q) == bool(self.turns):
            raise ValueError("每个用例要么写 q（单轮问题），要么写 turns（多轮对话），二者只能有一个")
        return self

    def steps(self) -> list[Turn]:
        """The turns to ask, in order; a one-question case is one turn carrying the case's expectations."""
        if self.turns:
            return self.turns
        fields = Expect.model_fields
        return [Turn(q=self.q or "", intent=self.intent, **{name: getattr(self, name) for name in fields})]


class Thresholds(Strict):
    """Minimum scores a run must reach (fractions 0–1), and the slowest acceptable p95."""

    accuracy: float | None = Field(default=None, ge=0, le=1)
    status: float | None = Field(default=None, ge=0, le=1)
    citation_precision: float | None = Field(default=None, ge=0, le=1)
    citation_recall: float | None = Field(default=None, ge=0, le=1)
    units: float | None = Field(default=None, ge=0, le=1)
    numbers: float | None = Field(default=None, ge=0, le=1)
    terms: float | None = Field(default=None, ge=0, le=1)
    no_invented: float | None = Field(default=None, ge=0, le=1)
    retrieval_recall: float | None = Field(default=None, ge=0, le=1)
    retrieval_mrr: float | None = Field(default=None, ge=0, le=1)
    latency_p95_ms: float | None = Field(default=None, gt=0)
    answered_wrong: int | None = Field(default=None, ge=0, description="Most turns allowed to be answered but wrong "
                                       "(an answer to a different question); 0 = every miss must be a decline")


class QuestionSet(Strict):
    version: int = 1
    name: str = Field(min_length=1)
    description: str = ""
    retrieval_k: int = Field(default=5, ge=1, le=50)
    thresholds: Thresholds = Field(default_factory=Thresholds)
    tag_thresholds: dict[str, Thresholds] = Field(default_factory=dict)
    cases: list[Case] = Field(min_length=1)
