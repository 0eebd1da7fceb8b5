"""A question answered by the real offline engine arrives in WeCom with its citation rendered."""

from __future__ import annotations

from clusterbot.bot.server import build_app
from clusterbot.config import load_settings
from clusterbot.state import open_state
from tests.loopback import serve_asgi as serve
from tests.wecom.conftest import Sender


def test_real_engine_answer_arrives_with_its_citation(wecom_env, ready_data_dir):
    mock = wecom_env
    settings = load_settings(data_dir=ready_data_dir)
    with serve(build_app(settings, ["wecom"])) as base:
        sender = Sender(base)
        assert sender.send("数字化改造谁牵头？").status_code == 200
        mock.wait_for("message/send", 1, timeout_s=30)
    sends = mock.calls_to("message/send")
    assert len(sends) == 1
    content = sends[0].json["markdown"]["content"]
    exchange = open_state(settings.data_dir).tail(1)[0]
    assert exchange["channel"] == "wecom" and exchange["user_id"] == "zhangsan"
    cited = [c for c in exchange["citations"] if c["lead_units"]]
    assert cited, "the answer should cite a clause with its lead unit"
    for c in cited:
        assert f"- {c['label']} · {c['title']} · 牵头单位：{'、'.join(c['lead_units'])}" in content
    assert "省工业和信息化厅" in content


def test_push_answer_posts_the_cited_answer_to_the_robot(monkeypatch, mock_wecom, ready_data_dir, capsys):
    from clusterbot.bot.cli.main import main

    monkeypatch.setenv("WECOM_WEBHOOK_URL", mock_wecom.webhook_url)
    assert main(["--data-dir", str(ready_data_dir), "push", "--wecom-webhook", "--answer", "数字化改造谁牵头？"]) == 0
    sends = mock_wecom.calls_to("webhook/send")
    assert len(sends) == 1
    content = sends[0].json["markdown"]["content"]
    assert "· 牵头单位：省工业和信息化厅" in content and "三（二）1" in content
    assert mock_wecom.webhook_key not in "".join(capsys.readouterr())
