"""How an Answer looks in a terminal: the answer, its citations, the data note."""

from __future__ import annotations

from clusterbot.models import Answer
from clusterbot.templates import render


def answer_text(answer: Answer) -> str:
    return render(f"cli/answer.{answer.lang}", answer=answer)
