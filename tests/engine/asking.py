"""Asking the assistant one question in a thread of its own, or in a named thread for a conversation."""

from __future__ import annotations

from clusterbot.models import Answer, Question


def ask(assistant, text: str, thread: str | None = None) -> Answer:
    return assistant.answer(Question(text=text, channel="test", user="u1", thread=thread or text))
