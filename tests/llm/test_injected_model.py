"""The chat model is injected: any LangChain chat model with bind_tools can stand in for ChatOpenAI."""

from __future__ import annotations

from langchain_core.language_models.fake_chat_models import FakeMessagesListChatModel
from langchain_core.messages import AIMessage

from clusterbot.bot.llm.agent import answer_with_llm
from clusterbot.bot.offline.engine import OfflineEngine
from clusterbot.models import Question


class ScriptedChatModel(FakeMessagesListChatModel):
    """Plays its responses in order and keeps the tool names it was bound to."""

    bound: list[str] = []

    def bind_tools(self, tools, **kwargs):
        self.bound = [t.name for t in tools]
        return self


def test_an_injected_model_runs_the_same_tools_and_checks(settings, tianchang_gap):
    answer_text = f"天长市最大集群营业收入{tianchang_gap.latest.value}亿元，还差{tianchang_gap.gap}亿元。"
    model = ScriptedChatModel(responses=[
        AIMessage(content="", tool_calls=[{"name": "gap_to_target", "args": {"entity": "天长市"}, "id": "c1"}]),
        AIMessage(content="", tool_calls=[{"name": "final_answer", "id": "c2",
                                           "args": {"answer": answer_text, "clause_ids": ["2"]}}]),
    ])
    answer, conversation = answer_with_llm(settings, Question(text="天长市离百亿还有多远？"), {},
                                           OfflineEngine.shared(settings), chat_model=model)

    assert "gap_to_target" in model.bound and "final_answer" in model.bound
    assert answer.mode == "llm" and answer.answer.startswith(answer_text)
    assert [c.clause_id for c in answer.citations] == ["2"]
    assert conversation["llm_history"] == [["天长市离百亿还有多远？", answer_text]]
