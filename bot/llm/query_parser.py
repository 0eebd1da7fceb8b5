"""The model as a question reader: one call that returns the typed query (bot/offline/query.py), nothing else.

The question goes to the model with a small context — the data's years, the store's names of the places the
question mentions, the indicator codes and sectors, and the previous turn's query when there is one — and the
model answers with a JSON object of `Query`'s schema: OpenAI structured output (`response_format` json_schema)
first, plain JSON mode when the endpoint refuses that. The object is then checked (bot/llm/query_checks.py).

The call uses LLM mode's own client (the bounded transport: a deadline and a byte cap per call) and the
endpoint's circuit breaker. Any failure — breaker open, timeout, HTTP error, text that is not JSON, a query
that fails a check — comes back as a `Parsed` without a query and with the reason, and the caller reads the
question with the rule parser instead.
"""

from __future__ import annotations

import json
import logging
import re
import time
from dataclasses import dataclass
from functools import cache
from typing import Any

from clusterbot.bot.llm.breaker import breaker_for
from clusterbot.bot.llm.framing import fence
from clusterbot.bot.llm.query_checks import Asked, Rejected, check
from clusterbot.bot.llm.transport import turn_deadline
from clusterbot.bot.llm.turn import LLMFailure, failure_reason, is_timeout
from clusterbot.bot.offline.query import Query
from clusterbot.config import Settings
from clusterbot.templates import read_prompt

log = logging.getLogger("clusterbot.llm.query")

QUERY_PROMPT = "llm/query.md"
SCHEMA_REFUSED = (400, 404, 415, 422)  # an endpoint without json_schema support says so with one of these
_FENCED = re.compile(r"^\s*```(?:json)?\s*(.*?)\s*```\s*$", re.DOTALL)


@dataclass
class Parsed:
    """The model's query, or why there is none (`reason`, a short code; `detail`, what was refused)."""

    query: Query | None
    reason: str | None = None
    detail: str = ""
    response_format: str = ""


@cache
def query_schema() -> dict[str, Any]:
    return Query.model_json_schema()


def response_formats() -> list[tuple[str, dict[str, Any]]]:
    """Structured output first, then plain JSON mode (the schema then travels in the system prompt)."""
    return [("json_schema", {"type": "json_schema",
                             "json_schema": {"name": "Query", "schema": query_schema(), "strict": False}}),
            ("json_object", {"type": "json_object"})]


def context_for(snap: Any, data_years: tuple[int, int], entities: list[Any],
                previous: dict[str, Any] | None) -> dict[str, Any]:
    """What the model needs besides the question: only the names the question mentions, not the whole store."""
    context: dict[str, Any] = {
        "data_years": list(data_years),
        "names": [{"kind": e.kind, "name": e.name, "typed": e.matched or e.name} for e in entities
                  if e.kind in ("county", "cluster", "city")],
        "metrics": {code: m.name for code, m in snap.metrics.items()},
        "sectors": sorted({c.sector for c in snap.clusters.values()}),
    }
    if previous:
        context["previous_query"] = Query.model_validate(previous).model_dump(exclude_defaults=True)
    return context


class QueryReader:
    """Reads questions into typed queries through the configured endpoint (or an injected chat model)."""

    def __init__(self, settings: Settings, chat_model: Any = None) -> None:
        self.settings = settings
        self.chat_model = chat_model
        self._model: Any = None

    def model(self) -> Any:
        if self._model is None:
            if self.chat_model is not None:
                self._model = self.chat_model
            else:
                from clusterbot.bot.llm.agent import build_chat_model

                self._model = build_chat_model(self.settings)
        return self._model

    def read(self, question: str, context: dict[str, Any], asked: Asked, snap: Any, data_years: tuple[int, int],
             executable: set[str]) -> Parsed:
        breaker = breaker_for(self.settings, self.chat_model)
        if not breaker.allow():
            return Parsed(None, "breaker_open")
        timed_out: bool | None = None
        try:
            content, used_format = self._ask(question, context)
            timed_out = False
        except LLMFailure as exc:
            timed_out = exc.timed_out
            return Parsed(None, "timeout" if exc.timed_out else "unavailable", exc.reason)
        finally:
            breaker.record(timed_out)
        try:
            data = json.loads(_unfenced(content))
        except ValueError:
            return Parsed(None, "non_json", response_format=used_format)
        try:
            query = check(data, asked, snap, data_years, executable)
        except Rejected as exc:
            return Parsed(None, exc.reason, exc.detail, used_format)
        return Parsed(query, response_format=used_format)

    def _ask(self, question: str, context: dict[str, Any]) -> tuple[str, str]:
        """The model's reply text, and the response format that produced it."""
        from langchain_core.messages import HumanMessage, SystemMessage

        end = time.monotonic() + self.settings.llm_timeout_s
        human = HumanMessage(content=fence("question", question) + "\n"
                             + fence("context", json.dumps(context, ensure_ascii=False)))
        with turn_deadline(end):  # both attempts, with the client's retries, end within one timeout
            for name, response_format in response_formats():
                system = read_prompt(QUERY_PROMPT)
                if name == "json_object":
                    system += "\n\n" + json.dumps(query_schema(), ensure_ascii=False)
                remaining = end - time.monotonic()
                if remaining <= 0.05:
                    raise LLMFailure("deadline", timed_out=True)
                try:
                    reply = self.model().bind(response_format=response_format).invoke(
                        [SystemMessage(content=system), human], timeout=remaining)
                except Exception as exc:  # any client, HTTP or decoding failure: the rule parser reads it
                    if getattr(exc, "status_code", None) in SCHEMA_REFUSED and name == "json_schema":
                        log.info("endpoint refused json_schema output (%s); plain JSON mode", failure_reason(exc))
                        continue
                    raise LLMFailure(failure_reason(exc), timed_out=is_timeout(exc)) from exc
                return _text(reply.content), name
        raise LLMFailure("no_response_format")


def _text(content: Any) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(b.get("text", "") if isinstance(b, dict) else str(b) for b in content)
    return ""


def _unfenced(content: str) -> str:
    """A JSON object the model wrapped in a ``` block anyway."""
    match = _FENCED.match(content)
    return match.group(1) if match else content
