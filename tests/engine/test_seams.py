"""The Assistant's seams: a test injects the engine or the chat model instead of patching internals."""

from __future__ import annotations

from langchain_core.language_models.fake_chat_models import FakeMessagesListChatModel
from langchain_core.messages import AIMessage

from clusterbot.bot.core import Assistant
from clusterbot.models import Answer, Question


class EchoEngine:
    """Answers with the question and counts the turns of its conversation."""

    def answer(self, question: Question, conversation: dict) -> tuple[Answer, dict]:
        turns = conversation.get("turns", 0) + 1
        return Answer(question=question.text, answer=f"{turns}:{question.text}", status="answered"), {"turns": turns}


class ToolCallingModel(FakeMessagesListChatModel):
    def bind_tools(self, tools, **kwargs):
        return self


def test_an_injected_engine_answers_and_its_conversation_is_kept(settings):
    assistant = Assistant(settings, engine=EchoEngine())
    first = assistant.answer(Question(text="第一问", thread="t"))
    second = assistant.answer(Question(text="第二问", thread="t"))
    other = assistant.answer(Question(text="别的线程", thread="u"))
    assert (first.answer, second.answer, other.answer) == ("1:第一问", "2:第二问", "1:别的线程")
    assert [row["question"] for row in assistant.state.tail(3)] == ["第一问", "第二问", "别的线程"]


def test_an_injected_chat_model_answers_in_llm_mode_without_an_endpoint(settings):
    assert not settings.llm_configured
    model = ToolCallingModel(responses=[
        AIMessage(content="", tool_calls=[{"name": "search_policy", "args": {"query": "数字化改造"}, "id": "c1"}]),
        AIMessage(content="", tool_calls=[{"name": "final_answer", "id": "c2", "args": {
            "answer": "数字化改造由省工业和信息化厅牵头。", "clause_ids": ["3.2.1"]}}]),
    ])
    answer = Assistant(settings, chat_model=model).answer(Question(text="数字化改造由哪个部门牵头？"), mode="llm")
    assert answer.mode == "llm" and answer.answer.startswith("数字化改造由省工业和信息化厅牵头。")
    assert [c.clause_id for c in answer.citations] == ["3.2.1"]
    assert answer.citations[0].lead_units == ["省工业和信息化厅"]


def test_the_briefing_dispatch_writes_where_it_is_told(settings, tmp_path):
    """The seam itself; that every channel goes through it is tests/engine/test_brief_channels.py."""
    briefing = Assistant(settings).brief("天长", tmp_path, formats=("md",))
    assert [p.suffix for p in briefing.files] == [".md"] and briefing.files[0].parent == tmp_path
    assert "天长市" in briefing.title and "示例数据" in briefing.files[0].read_text(encoding="utf-8")


def _profile_then(answer: str) -> ToolCallingModel:
    return ToolCallingModel(responses=[
        AIMessage(content="", tool_calls=[{"name": "profile", "args": {"entity": "天长市"}, "id": "c1"},
                                          {"name": "get_clause", "args": {"clause_id": "2"}, "id": "c3"}]),
        AIMessage(content="", tool_calls=[{"name": "final_answer", "id": "c2",
                                           "args": {"answer": answer, "clause_ids": ["2"]}}]),
    ])


def test_llm_mode_answers_when_it_leads_with_the_indicator_asked(settings):
    model = _profile_then("天长市2025年研发投入强度为2.57%。")
    answer = Assistant(settings, chat_model=model).answer(Question(text="天长这几个集群研发强度多少"), mode="llm")
    assert answer.mode == "llm" and answer.answer.startswith("天长市2025年研发投入强度为2.57%。")


def test_llm_mode_falls_back_when_it_leads_with_another_indicator(settings):
    """Grounded numbers are not enough: revenue is not what was asked, so the offline answer is given."""
    model = _profile_then("天长市2025年集群营业收入146.8亿元，同比增长0.6%。")
    answer = Assistant(settings, chat_model=model).answer(Question(text="天长这几个集群研发强度多少"), mode="llm")
    assert answer.mode == "offline"
    lead = next(line for line in answer.answer.splitlines()[1:] if line.strip())
    assert "研发投入强度" in lead and "2.57%" in lead
