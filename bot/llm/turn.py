"""One LLM turn: the tool-calling loop over a LangChain chat model, bounded in steps and time.

The loop sends the conversation, runs the tool calls the model asks for (through the Toolbox),
and stops at the model's final answer: a `final_answer` tool call, or plain text (parsed for a
JSON block with the same fields). `repair()` continues the same conversation with the grounding
problems of the last answer.
"""

from __future__ import annotations

import json
import re
import time
from typing import Any

from pydantic import ValidationError

from clusterbot.bot.llm.framing import fence
from clusterbot.bot.llm.toolbox import FINAL_TOOL, FinalAnswer, Toolbox, UnknownTool

MAX_STEPS = 8  # model calls in one turn
REPAIR_STEPS = 4  # of which the repair round may use at most this many
_JSON_BLOCK = re.compile(r"```(?:json)?\s*(\{.*?\})\s*```|(\{[^{}]*\"answer\"[^{}]*\})\s*$", re.DOTALL)


class LLMFailure(Exception):
    """The model could not give a usable answer (timeout, HTTP error, garbage, protocol breach).
    `timed_out`: the endpoint did not answer in time (what the circuit breaker counts)."""

    def __init__(self, reason: str, timed_out: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.timed_out = timed_out
        self.calls: list = []  # the tool calls made before the failure, for the audit record


class Deadline:
    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds

    def remaining(self) -> float:
        return self.end - time.monotonic()


def parse_plain_answer(content: str) -> FinalAnswer:
    """A final answer written as text: a trailing JSON block {answer, clause_ids, status}, else the text."""
    match = _JSON_BLOCK.search(content)
    if match:
        try:
            data = json.loads(match.group(1) or match.group(2))
            return FinalAnswer.model_validate(data)
        except (json.JSONDecodeError, ValidationError):
            pass
    return FinalAnswer(answer=content.strip(), clause_ids=[])


def _text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # content blocks
        return "".join(b.get("text", "") if isinstance(b, dict) else str(b) for b in content)
    return ""


class Turn:
    def __init__(self, model: Any, toolbox: Toolbox, messages: list, deadline: Deadline,
                 per_call_timeout: float, retries: int) -> None:
        self.model = model.bind_tools(toolbox.langchain_tools())
        self.toolbox = toolbox
        self.messages = messages
        self.deadline = deadline
        self.per_call_timeout = per_call_timeout
        self.retries = retries
        self.steps = 0
        self._pending_final_id: str | None = None

    def _invoke(self):
        remaining = self.deadline.remaining()
        if remaining <= 0.05:
            raise LLMFailure("deadline", timed_out=True)
        # Each attempt gets a share of what is left, so retries cannot outlast the deadline.
        timeout = max(0.05, min(self.per_call_timeout, remaining / (self.retries + 1)))
        try:
            return self.model.invoke(self.messages, timeout=timeout)
        except Exception as exc:  # any client, HTTP or decoding failure means: use the offline engine
            raise LLMFailure(failure_reason(exc), timed_out=is_timeout(exc)) from exc

    def run(self) -> FinalAnswer:
        """Call the model and its tools until it gives a final answer."""
        from langchain_core.messages import ToolMessage

        while self.steps < MAX_STEPS:
            self.steps += 1
            reply = self._invoke()
            self.messages.append(reply)
            final: FinalAnswer | None = None
            for bad in reply.invalid_tool_calls or []:
                name = bad.get("name") or ""
                if name != FINAL_TOOL and name not in self.toolbox.specs:
                    raise LLMFailure("unknown_tool")
                self.messages.append(ToolMessage(
                    content=fence("tool_error", "arguments are not valid JSON", name=name),
                    tool_call_id=bad.get("id") or "", status="error"))
            for call in reply.tool_calls:
                if call["name"] == FINAL_TOOL:
                    parsed = self.toolbox.parse_final(call["args"])
                    if isinstance(parsed, FinalAnswer) and final is None:
                        final, self._pending_final_id = parsed, call["id"]
                        continue
                    content = parsed if isinstance(parsed, str) else fence(
                        "tool_error", "only one final answer per message", name=FINAL_TOOL)
                else:
                    try:
                        content = self.toolbox.run(call["name"], call["args"])
                    except UnknownTool as exc:
                        raise LLMFailure("unknown_tool") from exc
                self.messages.append(ToolMessage(content=content, tool_call_id=call["id"] or ""))
            if final is not None:
                return final
            if not reply.tool_calls and not reply.invalid_tool_calls:
                text = _text(reply.content).strip()
                if not text:
                    raise LLMFailure("empty_reply")
                self._pending_final_id = None
                return parse_plain_answer(text)
        raise LLMFailure("too_many_steps")

    def repair(self, instructions: str, problems: list[dict[str, str]]) -> FinalAnswer:
        """Tell the model what failed the check and let it answer once more."""
        from langchain_core.messages import HumanMessage, ToolMessage

        content = instructions.strip() + "\n" + fence("problems", json.dumps(problems, ensure_ascii=False))
        if self._pending_final_id is not None:
            self.messages.append(ToolMessage(content=content, tool_call_id=self._pending_final_id, status="error"))
        else:
            self.messages.append(HumanMessage(content=content))
        self._pending_final_id = None
        self.steps = min(self.steps, MAX_STEPS - REPAIR_STEPS)
        return self.run()


def failure_reason(exc: Exception) -> str:
    """A short, secret-free label for the log: the exception type and an HTTP status if there is one."""
    status = getattr(exc, "status_code", None)
    return f"{type(exc).__name__}{f' {status}' if status else ''}"


def is_timeout(exc: BaseException) -> bool:
    """A timeout anywhere in the chain (openai's APITimeoutError wraps httpx's ReadTimeout)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, TimeoutError) or any("Timeout" in cls.__name__ for cls in type(current).__mro__):
            return True
        current = current.__cause__ or current.__context__
    return False
