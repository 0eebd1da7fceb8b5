"""Every channel briefs through `Assistant.brief`: the CLI, Slack, the WeCom app and the WeCom robot push.

Each test drives the channel as a user does (command line, signed Slack event, encrypted WeCom
callback, `clusterbot push`) and checks two things: the one dispatch was called with the place asked
for, and the files it wrote reached the user through that channel. The dispatch is observed, not
replaced: the recorder calls the real method.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from clusterbot.bot.cli.main import main
from clusterbot.bot.core import Assistant
from clusterbot.bot.server import build_app
from clusterbot.config import load_settings
from tests.loopback import serve_asgi
from tests.slack.harness import BOT_TOKEN, SIGNING_SECRET, SlackSender, envelope, mention
from tests.slack.mock_slack import MockSlack
from tests.wecom.conftest import AES_KEY, AGENT_ID, CORP_ID, SECRET, TOKEN, Sender
from tests.wecom.mock_wecom import MockWeCom


@pytest.fixture
def slack_api(monkeypatch):
    api = MockSlack()
    for name, value in {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
                        "CLUSTERBOT_SLACK_API_URL": api.base_url}.items():
        monkeypatch.setenv(name, value)
    yield api
    api.close()


@pytest.fixture
def wecom_api(monkeypatch):
    with MockWeCom(corp_id=CORP_ID, secret=SECRET) as api:
        for name, value in {"WECOM_CORP_ID": CORP_ID, "WECOM_AGENT_ID": AGENT_ID, "WECOM_SECRET": SECRET,
                            "WECOM_TOKEN": TOKEN, "WECOM_AES_KEY": AES_KEY,
                            "CLUSTERBOT_WECOM_API_URL": api.base_url}.items():
            monkeypatch.setenv(name, value)
        yield api


@pytest.fixture
def briefed(monkeypatch) -> list[dict]:
    """Records each call of Assistant.brief (target, formats, files written) and lets it run."""
    calls: list[dict] = []
    real = Assistant.brief

    def recording(self, target, out_dir, **kwargs):
        briefing = real(self, target, out_dir, **kwargs)
        calls.append({"target": target, "formats": tuple(kwargs.get("formats", ("md", "docx"))),
                      "files": [Path(p).name for p in briefing.files]})
        return briefing

    monkeypatch.setattr(Assistant, "brief", recording)
    return calls


def test_cli_briefs_through_the_assistant(ready_data_dir, briefed, tmp_path, capsys):
    assert main(["brief", "--county", "天长市", "--format", "md", "--out", str(tmp_path)]) == 0
    assert [(c["target"], c["formats"]) for c in briefed] == [("天长市", ("md",))]
    written = [p.name for p in tmp_path.glob("*.md")]
    assert written == briefed[0]["files"] and written[0] in capsys.readouterr().out


def test_slack_briefs_through_the_assistant(ready_data_dir, briefed, slack_api):
    with serve_asgi(build_app(load_settings(data_dir=ready_data_dir), ["slack"])) as base:
        sender = SlackSender(base)
        sender.event(envelope(mention("简报 天长市", ts="1700000060.000100"), "EvB1"))
        complete = slack_api.wait_for("files.completeUploadExternal", timeout=60)[0]["params"]
        sender.close()
    assert [c["target"] for c in briefed] == ["天长市"]
    assert sorted(f["title"].split("（")[-1] for f in complete["files"]) == ["docx）", "md）"]
    assert len(briefed[0]["files"]) == len(complete["files"]) == 2


def test_wecom_app_briefs_through_the_assistant(ready_data_dir, briefed, wecom_api):
    with serve_asgi(build_app(load_settings(data_dir=ready_data_dir), ["wecom"])) as base:
        Sender(base).send("简报 天长市")
        wecom_api.wait_for("message/send", 2, timeout_s=60)
    assert [(c["target"], c["formats"]) for c in briefed] == [("天长市", ("docx",))]
    assert len(wecom_api.calls_to("media/upload")) == 1
    assert [c.json["msgtype"] for c in wecom_api.calls_to("message/send")] == ["markdown", "file"]


def test_wecom_push_briefs_through_the_assistant(ready_data_dir, briefed, wecom_api):
    assert main(["push", "--wecom-webhook", wecom_api.webhook_url, "--brief", "天长市"]) == 0
    assert [c["target"] for c in briefed] == ["天长市"]
    assert wecom_api.calls_to("webhook/upload_media") and wecom_api.calls_to("webhook/send")
