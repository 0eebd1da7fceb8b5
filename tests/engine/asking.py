"""Asking the assistant one question in a thread of its own."""

from __future__ import annotations

from clusterbot.models import Answer, Question


def ask(assistant, text: str) -> Answer:
    return assistant.answer(Question(text=text, channel="test", user="u1", thread=text))
