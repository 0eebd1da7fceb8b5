"""Where the text says something, asked in wordings written for these tests.

The clause expected is found in the corpus by the words the question uses, so the rule is checked against
the text: a quoted phrase, a paraphrase, a heading or table by its title, an English term via the glossary.
"""

from __future__ import annotations

from clusterbot.bot.offline import locate
from tests.engine.asking import ask


def cited(answer) -> list[str]:
    return [c.clause_id for c in answer.citations]


def holding(corpus, words: str) -> str:
    return next(c.clause_id for c in corpus.clauses() if words in c.text and c.kind not in ("table", "table_row"))


def test_the_phrase_is_what_is_left_after_the_asking_words():
    assert locate.phrase_of("", "嗯那个碳足迹测算是在哪一条里面写的来着") == "碳足迹测算"
    assert locate.phrase_of("“开放一批垂直应用场景机会”出自哪里", "“开放一批垂直应用场景机会”出自哪里") == "开放一批垂直应用场景机会"
    assert not locate.asks_where("千亿级集群在哪里")  # where a cluster is, a question of the data


def test_a_quoted_phrase_is_located_in_its_clause(assistant, corpus):
    answer = ask(assistant, "“鼓励相关企业开展产品碳足迹测算”是哪一条讲的")
    assert answer.status == "answered" and cited(answer) == [holding(corpus, "碳足迹测算")]


def test_a_paraphrased_sentence_is_located_by_the_pieces_it_shares(assistant, corpus):
    answer = ask(assistant, "推动集群所在的园区做循环化改造，这句在哪一条")
    assert cited(answer) == [holding(corpus, "循环化改造")]


def test_a_table_asked_for_by_its_title_is_that_table(assistant, corpus):
    table = next(c for c in corpus.clauses() if c.kind == "table")
    answer = ask(assistant, f"{table.title}表放在文件的哪个位置")
    assert cited(answer) == [table.clause_id]


def test_a_quotation_the_text_lacks_is_declined(assistant):
    answer = ask(assistant, "“对集群企业给予贷款贴息”出自哪一条")
    assert answer.status == "no_data" and not answer.citations


def test_an_english_term_is_located_through_the_glossary(assistant, corpus):
    answer = ask(assistant, "In which section are science and innovation enclaves mentioned? Where is it?")
    assert cited(answer) == [holding(corpus, "科创飞地")]


def test_a_term_of_the_text_read_as_off_topic_is_still_located(assistant, corpus):
    answer = ask(assistant, "Where does the guidance talk about China-Europe freight trains?")
    assert cited(answer) == [holding(corpus, "定制班列")]
    weather = ask(assistant, "Where does the guidance mention tomorrow's weather?")
    assert weather.status == "out_of_scope"


def test_an_english_section_named_by_its_topic_is_quoted_whole(assistant, corpus):
    section = next(c for c in corpus.clauses() if "赋能" in c.title)
    answer = ask(assistant, "Show me the part about empowerment, what does it say?")
    assert cited(answer)[0] == section.clause_id


def test_which_items_are_quoted_from_the_phrase_that_lists_them(assistant, corpus):
    answer = ask(assistant, "设区的市要集中哪些要素资源")
    assert cited(answer) == [holding(corpus, "污染物排放")]
    assert "土地" in answer.answer and "能耗" in answer.answer
    four = ask(assistant, "集群的主攻方向是哪几个")
    assert all(word in four.answer for word in ("高端化", "智能化", "绿色化", "国际化"))


def test_which_items_of_the_data_are_left_to_the_data_readers(assistant):
    answer = ask(assistant, "2025年营收超过300亿的是哪些集群")
    assert answer.intent != "search"


def test_how_the_document_is_divided_lists_its_parts_without_citing(assistant, corpus):
    top = [c.title for c in corpus.clauses() if c.kind == "section" and c.parent_id is None]
    answer = ask(assistant, "这份意见正文一共分成哪几个部分")
    assert all(title in answer.answer for title in top) and not answer.citations


def test_a_list_of_units_in_a_sentence_about_the_topic_is_not_the_list_asked(assistant, corpus):
    answer = ask(assistant, "集群主攻方向的“N化”具体是哪几化")
    assert cited(answer) == [holding(corpus, "国际化为主攻方向")]
