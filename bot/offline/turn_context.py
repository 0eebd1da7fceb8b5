"""What one turn's handlers share (the sources, the tool-call record, reply helpers), and the suggested questions."""

from __future__ import annotations

from typing import Any

from clusterbot.bot.offline.parse import Reading
from clusterbot.bot.offline.reply import Reply
from clusterbot.bot.offline.understand import Understanding
from clusterbot.messages import msg
from clusterbot.models import Question, ToolCall
from clusterbot.templates import render


def examples(lang: str) -> list[str]:
    """Questions shown as suggestions (prompts/messages engine.examples, separated by |)."""
    return msg("engine.examples", lang).split("|")


class TurnContext:
    """What one turn's handlers share: the sources, the tool-call record, helpers for replies."""

    def __init__(self, engine: Any, question: Question) -> None:  # engine: the OfflineEngine answering
        self.engine = engine
        self.settings = engine.settings
        self.corpus = engine.corpus()
        self.question = question
        self.tool_calls: list[ToolCall] = []
        self.conversation: dict[str, Any] = {}
        self.composed: Reply | None = None  # the composable reader's reply this turn, and its reading
        self.reading: Reading | None = None

    def call(self, tool_name: str, **arguments: Any):
        from clusterbot.tools.registry import call

        self.tool_calls.append(ToolCall(name=tool_name, arguments=arguments))
        return call(tool_name, arguments, self.settings)

    def search(self, query: str, k: int = 5):
        from clusterbot.retrieval.search import search

        return search(self.settings, query, k=k)

    def not_answerable(self, u: Understanding, status: str, reason: str) -> Reply:
        suggestions = examples(u.lang)[:3]
        text = render(f"answer/not_answerable.{u.lang}", reason=reason, suggestions=suggestions)
        return Reply(status, text, suggestions=suggestions)


def recent_places(u: Understanding, conversation: dict[str, Any]) -> list[dict[str, Any]]:
    """The places and clusters the last few turns were about, the latest first ("两个市" across two turns)."""
    named = [e.model_dump() for e in u.entities] + list(conversation.get("recent") or [])
    return list({(e["kind"], e["name"]): e for e in reversed(named)}.values())[::-1][:4]
