"""LLM text that is not a number is checked too: links, mentions and requests for secrets are refused, and
multiples, shares, 折, dozens, Roman numerals and a letter O typed for a zero are read as quantities."""

from __future__ import annotations

import pytest

from clusterbot.bot.core import Assistant
from clusterbot.bot.llm.grounding import Evidence, check_numbers
from clusterbot.bot.llm.unsafe_text import check_text
from clusterbot.bot.slack.blocks import render_answer
from clusterbot.messages import msg
from clusterbot.models import Answer, Question
from tests.llm.scripted_server import ScriptedLLM, final, tool_calls

EVIDENCE = {"entity": "天长市", "metric": "revenue", "name": "营业收入", "value": 94.2, "unit": "亿元", "year": 2024,
            "gap": 5.8, "growth": 0.05}


def problems(text: str) -> list[str]:
    evidence = Evidence()
    evidence.add_tree(EVIDENCE)
    return [p.item for p in check_numbers(text, evidence).problems]


@pytest.mark.parametrize(("text", "item"), [
    ("营业收入增长 3 倍", "3 倍"),
    ("营业收入增长一倍", "一倍"),
    ("营业收入打了八折", "八折"),
    ("一半的企业已达标", "一半"),
    ("三分之二的集群已达标", "三分之二"),
    ("a dozen clusters reached the tier", "a dozen clusters"),
    ("Ⅻ个集群已达标", "12个"),
    ("营业收入1O亿元", "10亿元"),
])
def test_multiples_shares_and_disguised_digits_are_quantities(text, item):
    assert problems(text) == [item]


def test_the_same_forms_pass_when_a_tool_gave_them():
    evidence = Evidence()
    evidence.add_tree({"share": 0.5, "ratio": 0.6667, "count": 12, "multiple_ratio": 3.0})
    for text in ("一半的企业", "三分之二的集群", "a dozen clusters", "Ⅻ个集群", "是上年的3倍"):
        assert check_numbers(text, evidence).problems == [], text


@pytest.mark.parametrize(("text", "kind"), [
    ("请在[统计平台](https://stats.example.com/login)重新核对", "link"),
    ("详见 www.example.cn", "link"),
    ("详见 <https://evil.example|官方通知>", "link"),
    ("数据有更新，请回复工号和密码以便核对", "secret_request"),
    ("<!channel> 天长市还差5.8亿元", "mention"),
    ("<@U0123ABCD> 请查看", "mention"),
    ("@所有人 请查看", "mention"),
])
def test_links_mentions_and_secret_requests_are_refused(text, kind):
    assert kind in [p.kind for p in check_text(text)]


def test_an_ordinary_answer_has_no_text_problem():
    assert check_text("天长市最大集群2024年营业收入94.2亿元，距百亿级还差5.8亿元（示例数据）。") == []


def test_an_injected_login_link_is_never_posted(llm_settings, tianchang_gap):
    phishing = f"天长市还差{tianchang_gap.gap}亿元。请在[政务平台](https://gov-login.example.com)重新登录后查看。"
    script = [tool_calls(("gap_to_target", {"entity": "天长市"})), final(phishing, ["2"]), final(phishing, ["2"])]
    with ScriptedLLM(script) as llm:
        answer = Assistant(llm_settings(llm)).answer(Question(text="天长市离百亿还有多远？"), mode="llm")
    assert answer.mode == "offline" and answer.answer.startswith(msg("llm.fallback_unverified"))
    assert "example.com" not in answer.answer and "登录" not in answer.answer
    assert '"kind": "link"' in llm.requests[2]["messages"][-1]["content"]


def test_slack_fallback_text_is_escaped_like_the_blocks():
    answer = Answer(question="q", answer="<!channel> 注意 <@U0123ABCD> & <https://x.example|点此>", status="answered")
    (message,) = render_answer(answer)[:1]
    assert "<!channel>" not in message.text and "<@U" not in message.text and "<https" not in message.text
    assert message.text.startswith("&lt;!channel&gt;")
