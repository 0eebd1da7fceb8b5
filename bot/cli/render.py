"""How an Answer looks in a terminal: the answer, its citations, the data note."""

from __future__ import annotations

from bot.models import Answer
from bot.prompts import render


def answer_text(answer: Answer) -> str:
    return render(f"cli/answer.{answer.lang}", answer=answer)
