"""No secret or token configured for a run ever reaches a log.

Fake secrets are set for every channel; Slack, WeCom (app callback, token refresh, group robot) and
LLM mode (failing endpoint, fallback) run with every logger at DEBUG into a file and pytest's capture;
then the file and the captured text are scanned for each secret and for bearer/query forms of tokens.
"""

from __future__ import annotations

import json
import logging
import re
import time

import pytest

from clusterbot.bot.cli.main import main as cli_main
from clusterbot.bot.core import Assistant
from clusterbot.bot.server import build_app
from clusterbot.config import load_settings
from clusterbot.models import Question
from tests.hardening.conftest import channel_env
from tests.llm.conftest import API_KEY
from tests.llm.scripted_server import ScriptedLLM, garbage, http_error
from tests.slack.harness import BOT_TOKEN, SIGNING_SECRET, SlackSender, command, envelope, mention, serve_asgi
from tests.slack.mock_slack import MockSlack
from tests.wecom.conftest import AES_KEY, CORP_ID, SECRET, TOKEN, Sender
from tests.wecom.mock_wecom import MockWeCom

ROBOT_KEY = "robot-key-0001"
ISSUED_TOKEN = re.compile(r"access_token=token-\d|Bearer\s+xox")


@pytest.fixture
def debug_log(tmp_path):
    path = tmp_path / "debug.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setLevel(logging.DEBUG)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    yield path
    root.removeHandler(handler)
    root.setLevel(old_level)
    handler.close()


def test_no_secret_appears_in_any_log(ready_data_dir, monkeypatch, debug_log, caplog, capsys):
    caplog.set_level(logging.DEBUG)
    mock_slack = MockSlack()
    try:
        with MockWeCom(corp_id=CORP_ID, secret=SECRET, webhook_key=ROBOT_KEY) as mock_wecom:
            channel_env(monkeypatch, mock_slack.base_url, mock_wecom.base_url)
            monkeypatch.setenv("WECOM_WEBHOOK_URL", mock_wecom.webhook_url)
            app = build_app(load_settings(), ["slack", "wecom"])
            with serve_asgi(app) as base:
                slack = SlackSender(base)
                mock_slack.script("chat.postMessage", 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": "0"})
                slack.event(envelope(mention("数字化改造谁牵头？", "1700000000.000001"), "EvS1"))
                slack.form(command("天长市离百亿还有多远？", trigger_id="trig-1"))
                slack.event(envelope(mention("x", "1700000000.000002"), "EvS2"), signature="v0=" + "0" * 64)
                mock_slack.wait_for("chat.update", 1)
                wecom = Sender(base)
                wecom.send("数字化改造谁牵头？", user="zhangsan")
                mock_wecom.wait_for("message/send", 1)
                mock_wecom.expire_tokens()  # the next send refreshes the token (corpsecret in the query)
                wecom.send("天长市离百亿还有多远？", user="lisi")
                mock_wecom.wait_for("gettoken", 2)
                mock_wecom.wait_for("message/send", 3)
                wecom.post({"msg_signature": "0" * 40, "timestamp": str(int(time.time())), "nonce": "1"}, b"<xml/>")
                slack.close()
                wecom.http.close()
            assert cli_main(["--debug", "push", "--wecom-webhook", "--answer", "数字化改造谁牵头？"]) == 0
            assert mock_wecom.calls_to("webhook/send")
        for step in ([http_error(500)], [garbage()]):
            with ScriptedLLM(step, repeat_last=True) as llm:
                monkeypatch.setenv("OPENAI_BASE_URL", llm.base_url)
                monkeypatch.setenv("OPENAI_API_KEY", API_KEY)
                monkeypatch.setenv("CLUSTERBOT_LLM_MODEL", "scripted-model")
                settings = load_settings(llm_timeout_s=3.0, llm_max_retries=0)
                answer = Assistant(settings).answer(Question(text="天长市离百亿还有多远？"), mode="llm")
                assert answer.mode == "offline"
    finally:
        mock_slack.close()

    captured = capsys.readouterr()
    texts = {"debug log file": debug_log.read_text(encoding="utf-8"), "captured logging": caplog.text,
             "stdout/stderr": captured.out + captured.err}
    assert len(texts["debug log file"]) > 1000  # DEBUG logging really ran
    secrets = {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET, "WECOM_SECRET": SECRET,
               "WECOM_TOKEN": TOKEN, "WECOM_AES_KEY": AES_KEY, "robot key": ROBOT_KEY, "OPENAI_API_KEY": API_KEY}
    leaks = [f"{name} in {where}" for where, text in texts.items() for name, value in secrets.items() if value in text]
    leaks += [f"access token or bearer in {where}" for where, text in texts.items() if ISSUED_TOKEN.search(text)]
    assert not leaks, json.dumps(leaks, ensure_ascii=False)
