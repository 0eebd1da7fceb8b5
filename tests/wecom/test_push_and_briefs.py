"""`clusterbot push` and the app's "简报 天长市" against the mock WeCom API."""

from __future__ import annotations

import pytest

from clusterbot.bot.cli.main import main
from clusterbot.bot.server import build_app
from clusterbot.config import load_settings
from clusterbot.messages import msg
from clusterbot.templates import render
from tests.loopback import serve_asgi as serve
from tests.wecom.conftest import Sender


@pytest.fixture
def robot_env(monkeypatch, mock_wecom):
    monkeypatch.setenv("WECOM_WEBHOOK_URL", mock_wecom.webhook_url)
    monkeypatch.setenv("CLUSTERBOT_WECOM_API_URL", mock_wecom.base_url)
    return mock_wecom


def test_push_answer_uses_the_env_webhook_and_never_prints_the_key(robot_env, capsys):
    assert main(["push", "--wecom-webhook", "--answer", "重新开始"]) == 0
    out = capsys.readouterr()
    sends = robot_env.calls_to("webhook/send")
    assert [c.json["markdown"]["content"] for c in sends] == [render("reset_done")]
    assert msg("wecom.push_done", messages=1, files=0) in out.out
    assert robot_env.webhook_key not in out.out + out.err


def test_push_brief_sends_summary_and_file(robot_env, capsys):
    assert main(["push", "--wecom-webhook", robot_env.webhook_url, "--brief", "天长市"]) == 0
    sends = robot_env.calls_to("webhook/send")
    assert "天长市县域特色产业集群发展简报" in sends[0].json["markdown"]["content"]
    assert "最接近百亿级。2025年营业收入94.2亿元，差5.8亿元" in sends[0].json["markdown"]["content"]
    assert sends[1].json["msgtype"] == "file"
    uploads = robot_env.calls_to("webhook/upload_media")
    assert len(uploads) == 1 and b".docx" in uploads[0].body and b"word/document.xml" in uploads[0].body
    assert robot_env.webhook_key not in "".join(capsys.readouterr())


@pytest.mark.parametrize(("argv", "needle"), [
    (["push", "--answer", "问题"], "--wecom-webhook"),
    (["push", "--wecom-webhook"], "--answer"),
    (["push", "--wecom-webhook", "--answer", "问题", "--brief", "天长市"], "--answer"),
])
def test_push_usage_errors_are_one_line(robot_env, capsys, argv, needle):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert needle in err and len(err.strip().splitlines()) == 1
    assert robot_env.calls == []


def test_push_without_any_webhook_names_the_variable(monkeypatch, capsys):
    assert main(["push", "--wecom-webhook", "--answer", "问题"]) == 2
    assert "WECOM_WEBHOOK_URL" in capsys.readouterr().err


def test_push_brief_of_an_unknown_place_sends_nothing_and_says_why(robot_env, capsys):
    assert main(["push", "--wecom-webhook", "--brief", "火星县"]) == 2  # an input error
    err = capsys.readouterr().err
    assert err.startswith("错误：") and "火星县" in err and len(err.strip().splitlines()) == 1
    assert robot_env.calls == []


def test_app_brief_request_uploads_and_sends_the_file(wecom_env):
    mock = wecom_env
    with serve(build_app(load_settings(), ["wecom"])) as base:
        sender = Sender(base)
        sender.send("简报 天长市")
        sender.send("简报 不存在县", user="lisi")
        mock.wait_for("message/send", 3)
    sends = mock.calls_to("message/send")
    to_zhang = [c.json for c in sends if c.json["touser"] == "zhangsan"]
    assert "天长市县域特色产业集群发展简报" in to_zhang[0]["markdown"]["content"]
    assert to_zhang[1]["msgtype"] == "file" and to_zhang[1]["file"]["media_id"].startswith("media-")
    assert len(mock.calls_to("media/upload")) == 1
    to_li = [c.json for c in sends if c.json["touser"] == "lisi"]
    assert to_li[0]["text"]["content"].startswith(msg("wecom.brief_failed", reason="")[:5])
