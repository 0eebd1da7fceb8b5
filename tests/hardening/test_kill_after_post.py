"""SIGKILL at the worst moment — the answer has reached the platform, "done" is not yet recorded.

A real `clusterbot serve` child process answers for real against the mock Slack and WeCom APIs. The
mock kills the process (SIGKILL) as soon as it receives the answer, before replying, so the process
never learns that the post happened. After a restart:

- Slack: each post carries message metadata naming its delivery; the resumed delivery reads the thread
  back (conversations.replies), finds its answer and posts nothing again — exactly once.
- WeCom: nothing can be read back, so the delivery was marked "sending" before the call and is not
  sent again — at most once for that window (SECURITY.md).

Before this, both answers were posted twice.
"""

from __future__ import annotations

import json
import os
import signal
import threading

from clusterbot.state import open_state
from tests.hardening.conftest import channel_env, serve_subprocess
from tests.hardening.test_restart import _slack_post
from tests.slack.harness import envelope, mention, wait_until
from tests.waiting import settled_store
from tests.wecom.conftest import Sender

QUESTION = "数字化改造谁牵头？"
MENTION_KEY = "slack:msg:CKILL:1700000002.000100"
WECOM_KEY = "wecom:msg:9100000000000000002"


def _answer_posts(mock) -> list[dict]:
    return [c["params"] for c in mock.calls["chat.postMessage"] if c["params"].get("blocks")]


def _killer(when):
    """An on_call hook that SIGKILLs the serving process the first time `when(call)` holds."""
    state = {"pid": None, "killed": threading.Event()}

    def hook(*call):
        if state["pid"] and not state["killed"].is_set() and when(*call):
            state["killed"].set()
            os.kill(state["pid"], signal.SIGKILL)

    return state, hook


def test_kill_after_the_answer_reached_the_platform_posts_it_once(
        ready_data_dir, monkeypatch, stalling_slack, stalling_wecom, tmp_path):
    channel_env(monkeypatch, stalling_slack.base_url, stalling_wecom.base_url)
    monkeypatch.setenv("CLUSTERBOT_SLACK_INTERIM_DELAY_S", "60")  # fast answers go out as one post, no interim
    log = tmp_path / "serve.log"
    slack_body = json.dumps(envelope(mention(QUESTION, "1700000002.000100", channel="CKILL"), "EvKILL2"),
                            ensure_ascii=False)
    slack_kill, stalling_slack.on_call = _killer(
        lambda method, params: method == "chat.postMessage" and params.get("blocks"))

    # 1. Slack: killed when the answer arrives at Slack.
    with serve_subprocess(log) as (base, proc):
        slack_kill["pid"] = proc.pid
        assert _slack_post(base, slack_body).status_code == 200
        assert slack_kill["killed"].wait(30)
        proc.wait(timeout=10)
    stalling_slack.on_call = None
    assert len(_answer_posts(stalling_slack)) == 1
    state = open_state(ready_data_dir)
    assert state.delivery_status(MENTION_KEY) == "pending"  # the worst moment: posted, not recorded
    state.close()

    # 2. Restart: the answer is found in the thread, not posted again. WeCom: killed when the answer arrives.
    wecom_kill, stalling_wecom.on_call = _killer(lambda call: call.path == "message/send")
    with serve_subprocess(log) as (base, proc):
        wecom_kill["pid"] = proc.pid
        replies = stalling_slack.wait_for("conversations.replies", 1, timeout=30)
        assert replies[0]["params"]["ts"] == "1700000002.000100"
        state = open_state(ready_data_dir)
        wait_until(lambda: state.delivery_status(MENTION_KEY) == "done", timeout=30)
        state.close()
        sender = Sender(base)
        wecom_delivery = sender.envelope(sender.inner_xml(QUESTION, user="wangwu", msg_id=WECOM_KEY.split(":")[-1]))
        assert sender.post(*wecom_delivery).status_code == 200
        assert wecom_kill["killed"].wait(30)
        proc.wait(timeout=10)
        sender.http.close()
    stalling_wecom.on_call = None
    assert len(stalling_wecom.calls_to("message/send")) == 1
    state = open_state(ready_data_dir)
    assert state.delivery_status(WECOM_KEY) == "sending"
    state.close()

    # 3. Restart: WeCom's "sending" delivery is not sent again; the platforms' redeliveries are recognised.
    with serve_subprocess(log) as (base, _proc):
        state = open_state(ready_data_dir)
        wait_until(lambda: state.delivery_status(WECOM_KEY) == "failed", timeout=30)
        state.close()
        assert _slack_post(base, slack_body, retry=1).status_code == 200
        sender = Sender(base)
        assert sender.post(*wecom_delivery).status_code == 200
        sender.http.close()
        wait_until(lambda: "not sent again" in log.read_text(encoding="utf-8"), timeout=30)
        settled_store(ready_data_dir, "slack", "wecom")  # a second answer, if any, would be posted by now

    posts = _answer_posts(stalling_slack)
    assert len(posts) == 1 and posts[0]["thread_ts"] == "1700000002.000100"
    assert posts[0]["metadata"]["event_payload"]["key"] == MENTION_KEY
    assert stalling_slack.count("chat.update") == 0
    assert "省工业和信息化厅" in json.dumps(posts[0], ensure_ascii=False)
    sends = stalling_wecom.calls_to("message/send")
    assert len(sends) == 1 and "省工业和信息化厅" in sends[0].body.decode("utf-8")
