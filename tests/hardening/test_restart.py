"""The server killed (SIGKILL) in the middle of answering, then restarted: every question answered once.

Both channels run in one real `clusterbot serve` process against mock Slack and WeCom APIs. The
first delivery step of each answer (Slack's interim post, WeCom's access-token fetch) stalls,
so the process dies with both questions claimed but unanswered. The restarted process finds the
pending dedupe records and answers them; the platforms' redeliveries of the same events are ignored.
"""

from __future__ import annotations

import json
import signal
import time

import httpx

from clusterbot.state import open_state
from tests.hardening.conftest import channel_env, serve_subprocess
from tests.slack.harness import envelope, mention, sign, wait_until
from tests.waiting import settled_store
from tests.wecom.conftest import Sender

QUESTION = "数字化改造谁牵头？"


def _slack_post(base: str, body: str, retry: int | None = None) -> httpx.Response:
    from tests.slack.harness import SIGNING_SECRET

    ts = str(int(time.time()))
    headers = {"Content-Type": "application/json", "X-Slack-Request-Timestamp": ts,
               "X-Slack-Signature": sign(SIGNING_SECRET, ts, body)}
    if retry is not None:
        headers.update({"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"})
    return httpx.post(base + "/slack/events", content=body.encode(), headers=headers, timeout=10, trust_env=False)


def _wecom_first_parts(mock) -> list[str]:
    out = []
    for call in mock.calls_to("message/send"):
        payload = call.json
        out.append(payload[payload["msgtype"]]["content"])
    return out


def test_killed_mid_answer_then_restarted_answers_each_question_exactly_once(
        ready_data_dir, monkeypatch, stalling_slack, stalling_wecom, tmp_path):
    channel_env(monkeypatch, stalling_slack.base_url, stalling_wecom.base_url)
    slack_body = json.dumps(envelope(mention(QUESTION, "1700000001.000100", channel="CKILL"), "EvKILL1"),
                            ensure_ascii=False)
    stalling_slack.stall.add("chat.postMessage")
    stalling_wecom.stall.add("gettoken")
    log = tmp_path / "serve.log"

    with serve_subprocess(log) as (base, proc):
        sender = Sender(base)
        wecom_delivery = sender.envelope(sender.inner_xml(QUESTION, user="lisi", msg_id="9100000000000000001"))
        assert _slack_post(base, slack_body).status_code == 200
        assert sender.post(*wecom_delivery).status_code == 200
        stalling_slack.wait_for("chat.postMessage", 1, timeout=20)       # the interim is on its way
        assert stalling_wecom.wait_for("gettoken", 1, timeout_s=20)      # the answer is about to be sent
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        sender.http.close()

    state = open_state(ready_data_dir)
    assert {k for k, _ in state.pending_deliveries("slack")} == {"slack:msg:CKILL:1700000001.000100"}
    assert [k for k, _ in state.pending_deliveries("wecom")] == ["wecom:msg:9100000000000000001"]
    state.close()
    assert stalling_slack.count("chat.update") == 0 and not stalling_wecom.calls_to("message/send")

    stalling_slack.stall.clear()
    stalling_wecom.stall.clear()
    stalling_slack.release.set()
    stalling_wecom.release.set()
    with serve_subprocess(log) as (base, _proc):
        updates = stalling_slack.wait_for("chat.update", 1, timeout=30)
        assert "省工业和信息化厅" in json.dumps(updates[0]["params"], ensure_ascii=False)
        wait_until(lambda: stalling_wecom.calls_to("message/send"), timeout=30)
        # The platforms redeliver what they never saw acknowledged: both are recognised.
        assert _slack_post(base, slack_body, retry=1).status_code == 200
        sender = Sender(base)
        assert sender.post(*wecom_delivery).status_code == 200
        sender.http.close()
        settled_store(ready_data_dir, "slack", "wecom")  # a second answer, if any, would be posted by now

    assert stalling_slack.count("chat.update") == 1
    answers_posted = [c for c in stalling_slack.calls["chat.postMessage"] if c["params"].get("blocks")]
    assert answers_posted == []  # the answer replaced a interim instead of being posted again
    parts = _wecom_first_parts(stalling_wecom)
    assert parts and parts.count(parts[0]) == 1 and "省工业和信息化厅" in "".join(parts)
    state = open_state(ready_data_dir)
    assert state.delivery_status("slack:msg:CKILL:1700000001.000100") == "done"
    assert state.delivery_status("wecom:msg:9100000000000000001") == "done"
    assert state.pending_deliveries("slack") == [] and state.pending_deliveries("wecom") == []
    state.close()
