"""PostgreSQL going away under a running worker, with the real server stopped and started again.

While it is down: /healthz answers 503 naming `state` (and no file path), a new Slack event and a new
WeCom callback are refused with a status the platform retries, and nothing is half-written. When it is
back, the same worker recovers by itself: the platforms' retries are accepted and answered once.
"""

from __future__ import annotations

import json
import time

import httpx

from clusterbot.bot.server import build_app
from clusterbot.config import load_settings
from tests.hardening.conftest import channel_env
from tests.hardening.test_restart import _slack_post
from tests.loopback import serve_asgi
from tests.slack.harness import envelope, mention, wait_until
from tests.slack.mock_slack import MockSlack
from tests.wecom.conftest import CORP_ID, SECRET, Sender
from tests.wecom.mock_wecom import MockWeCom

QUESTION = "数字化改造谁牵头？"


def _health(base: str) -> httpx.Response:
    return httpx.get(base + "/healthz", timeout=15, trust_env=False)


def test_postgres_down_refuses_events_for_a_retry_and_the_worker_recovers_by_itself(
        ready_data_dir, monkeypatch, pg_server, pg_url):
    slack, wecom = MockSlack(), MockWeCom(corp_id=CORP_ID, secret=SECRET).__enter__()
    try:
        channel_env(monkeypatch, slack.base_url, wecom.base_url)
        monkeypatch.setenv("CLUSTERBOT_SLACK_INTERIM_DELAY_S", "60")
        monkeypatch.setenv("CLUSTERBOT_STATE_URL", pg_url)
        app = build_app(load_settings(), ["slack", "wecom"])
        with serve_asgi(app, timeout=120) as base:
            assert _health(base).status_code == 200
            slack_body = json.dumps(envelope(mention(QUESTION, "1700000401.000100", channel="CPG"), "EvPG1"),
                                    ensure_ascii=False)
            sender = Sender(base)
            wecom_delivery = sender.envelope(sender.inner_xml(QUESTION, user="zhaoliu", msg_id="9200000000000000001"))

            pg_server.stop()
            try:
                health = wait_until(lambda: (r := _health(base)).status_code == 503 and r, timeout=30)
                problems = health.json()["problems"]
                # the store is named, its reason goes to the log only (no host, port, path or driver text)
                assert problems == {"state": "unavailable"}
                assert str(ready_data_dir) not in health.text and "/" not in problems["state"]
                refused = _slack_post(base, slack_body)
                assert refused.status_code >= 500 and "x-slack-no-retry" not in refused.headers
                assert sender.post(*wecom_delivery).status_code >= 500  # any non-200: WeCom sends it again
            finally:
                pg_server.start()

            wait_until(lambda: _health(base).status_code == 200, timeout=30)
            assert slack.count("chat.postMessage") == 0 and wecom.calls_to("message/send") == []
            # The retries are new to the store (nothing was half-written) and are answered once.
            assert _slack_post(base, slack_body, retry=1).status_code == 200
            assert sender.post(*wecom_delivery).status_code == 200
            assert _slack_post(base, slack_body, retry=2).status_code == 200
            assert sender.post(*wecom_delivery).status_code == 200
            wait_until(lambda: slack.count("chat.postMessage") >= 1 and len(wecom.calls_to("message/send")) >= 1,
                       timeout=30)
            time.sleep(0.5)  # a second answer, if there were one, would arrive now
            assert slack.count("chat.postMessage") == 1 and len(wecom.calls_to("message/send")) == 1
            sender.http.close()
    finally:
        slack.close()
        wecom.__exit__(None, None, None)
