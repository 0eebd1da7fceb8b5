"""Who does what the text describes, the task a description in another piece names, whether a task lists units
in a role, and English questions that give the Chinese term or ask what the guidance says on a topic."""

from __future__ import annotations

from tests.engine.asking import ask


def cited(answer) -> list[str]:
    return [c.clause_id for c in answer.citations]


def test_who_with_the_texts_own_verb_quotes_the_sentence_naming_them(assistant, corpus):
    answer = ask(assistant, "新型研发机构由谁来共建")
    assert cited(answer) == ["3.1.3"]
    assert "高校" in answer.answer and "科研院所" in answer.answer


def test_whether_and_with_whom_gets_a_yes_and_the_sentence(assistant):
    answer = ask(assistant, "是否提到要做产品碳足迹测算？要鼓励谁开展")
    assert answer.status == "answered"
    assert "碳足迹" in answer.answer


def test_a_role_verb_still_reads_the_unit_table(assistant, corpus):
    answer = ask(assistant, "场景创新谁牵头")
    task = next(t for t in corpus.tasks() if "场景创新" in t.title)
    assert cited(answer) == [task.clause_id]
    assert task.lead_units[0] in answer.answer


def test_a_description_in_the_locating_piece_finds_the_task_whose_lead_is_asked(assistant, corpus):
    answer = ask(assistant, "推进种养殖智慧化属于哪一项任务？由谁牵头？")
    task = next(t for t in corpus.tasks() if "种养殖智慧化" in t.text)
    assert cited(answer) == [task.clause_id]
    assert task.lead_units[0] in answer.answer


def test_has_a_role_asks_whether_the_task_lists_units_in_it(assistant, corpus):
    task = next(t for t in corpus.tasks() if not t.support_units)
    answer = ask(assistant, f"{task.title}这项有没有配合吗")
    assert answer.answer.startswith("没有")
    other = next(t for t in corpus.tasks() if t.support_units)
    assert ask(assistant, f"{other.title}有配合吗").answer.startswith("有")


def test_an_english_question_giving_the_chinese_term_is_answered_in_english(assistant):
    answer = ask(assistant, "What does the policy mean by listed companies (上市公司)?")
    assert answer.lang == "en"
    assert "does not define" in answer.answer and "上市公司" in answer.answer


def test_an_english_question_on_a_topic_quotes_the_sentence_on_it(assistant):
    answer = ask(assistant, "What does the guidance require concerning overseas training on regulations?")
    assert answer.status == "answered"
    assert cited(answer) == ["3.4.2"]


def test_which_items_of_a_named_task_quote_its_own_list(assistant):
    answer = ask(assistant, "推动绿色转型要求哪几类新兴技术和绿色低碳技术融合")
    assert cited(answer) == ["3.3.2"]
    assert "人工智能" in answer.answer


def test_a_named_tasks_requirements_stay_the_whole_task(assistant):
    answer = ask(assistant, "推动数字化改造都有哪些要求")
    assert cited(answer) == ["3.2.1"]
    assert "数字农业工厂" in answer.answer
