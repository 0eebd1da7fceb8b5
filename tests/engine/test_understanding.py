"""Question understanding without any data: normalisation, slots, clause references, intents."""

import pytest

from clusterbot.bot.offline.normalize import cn_to_int, language, normalize
from clusterbot.bot.offline.registry import classify
from clusterbot.bot.offline.slots import clause_reference, extract


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("長豐縣離百億目標還有多遠？", "长丰县离百亿目标还有多远?"),
        ("壹佰亿", "100亿"),
        ("换成五百亿", "换成500亿"),
        ("二〇二七年目标", "2027年目标"),
        ("２０２５年", "2025年"),
        ("前五名", "前5名"),
        ("五河县离百亿", "五河县离百亿"),  # a place name keeps its numeral
        ("六安市有哪些集群", "六安市有哪些集群"),
        ("什么是五个一", "什么是五个一"),
        ("千亿级集群", "千亿级集群"),
    ],
)
def test_normalize(raw, expected):
    assert normalize(raw) == expected


def test_chinese_numerals():
    assert cn_to_int("一百") == 100
    assert cn_to_int("壹佰") == 100
    assert cn_to_int("十五") == 15
    assert cn_to_int("一千") == 1000
    assert cn_to_int("二〇三〇") == 2030


def test_language():
    assert language("How far is Tianchang?") == "en"
    assert language("天长市 gap") == "zh"
    assert language("2025") == "zh"


@pytest.mark.parametrize(
    ("text", "ref"),
    [("三（二）1说了什么", "3.2.1"), ("四(一)", "4.1"), ("第四条", "4"), ("clause 3.4.2", "3.4.2"), ("你好", None)],
)
def test_clause_reference(text, ref):
    assert clause_reference(text) == ref


def test_slots_thresholds_years_ranks():
    s = extract(normalize("天长市2027年能达到五百亿吗"))
    assert s.threshold == 500.0 and s.years == [2027]
    s = extract(normalize("营收前五的集群"))
    assert s.top_n == 5 and s.metric == "revenue" and not s.ascending
    s = extract(normalize("集群营业收入1.4万亿"))
    assert s.amounts_yi == [14000.0] and s.threshold is None
    s = extract("How far is Tianchang from the 10 billion target?")
    assert s.threshold == 100.0
    s = extract(normalize("27年呢？"))
    assert s.years == [2027]


def test_slots_tasks_terms_metrics():
    assert extract("数字化改造谁牵头").tasks == ["推动数字化改造"]
    assert extract("who leads digital transformation").tasks == ["推动数字化改造"]
    assert extract("什么是三改联动").term == "三改联动"
    assert extract("2025年高新技术企业目标").metric == "high_tech_enterprises"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("数字化改造谁牵头", "who_leads"),
        ("什么是五个一", "definition"),
        ("三（二）1说了什么", "clause"),
        ("2027年集群营收目标是多少", "province"),
        ("营收前五的集群", "rank"),
        ("你能做什么", "help"),
        ("今天天气怎么样", "out_of_scope"),
        ("随便聊聊", None),
    ],
)
def test_classify_without_entities(text, intent):
    text = normalize(text)
    assert classify(text, extract(text), [], []) == intent
