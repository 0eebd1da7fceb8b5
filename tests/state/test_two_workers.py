"""Two `clusterbot serve` processes, separate data directories, one real PostgreSQL state store.

Every Slack event and every WeCom callback is delivered to both workers (a load balancer's retry that
lands on the other one): each question is answered exactly once. Then one worker is killed (SIGKILL)
mid-answer, after its "正在查询…" reached Slack: the other takes the delivery over when the lease runs
out and replaces that message with the answer — one reply.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack

from tests.hardening.conftest import channel_env, serve_subprocess
from tests.hardening.test_restart import _slack_post
from tests.slack.harness import envelope, mention, wait_until
from tests.wecom.conftest import Sender

QUESTION = "数字化改造谁牵头？"
LEASE_S = 5  # short for the test, with room for a busy machine: renewed every 5/3 s


def _answers(mock, channel: str) -> list[tuple[str, str]]:
    """(method, thread) of every answer that reached Slack: posted with blocks, or an interim replaced by one."""
    thread_of = {m["ts"]: m["thread_ts"] for m in mock.messages[channel]}
    return [(c["method"], c["params"].get("thread_ts") or thread_of.get(c["params"].get("ts")))
            for c in mock.calls["chat.postMessage"] + mock.calls["chat.update"]
            if c["params"].get("blocks") and c["params"].get("channel") == channel]


def _to_both(bases: list[str], send) -> list[int]:
    with ThreadPoolExecutor(max_workers=len(bases)) as pool:
        return list(pool.map(send, bases))


def test_two_workers_answer_each_event_once_and_take_over_a_killed_workers_answer(
        template_data_dir, monkeypatch, stalling_slack, stalling_wecom, pg_url, tmp_path):
    channel_env(monkeypatch, stalling_slack.base_url, stalling_wecom.base_url)
    monkeypatch.setenv("CLUSTERBOT_STATE_URL", pg_url)
    monkeypatch.setenv("CLUSTERBOT_STATE_LEASE_S", str(LEASE_S))
    try:
        with ExitStack() as stack:
            workers = []
            for n in (1, 2):
                data_dir = tmp_path / f"worker{n}"
                shutil.copytree(template_data_dir, data_dir, ignore=shutil.ignore_patterns("usem3-tokenizer-*.npz"))
                monkeypatch.setenv("CLUSTERBOT_DATA_DIR", str(data_dir))
                workers.append(stack.enter_context(serve_subprocess(tmp_path / f"worker{n}.log", start_timeout_s=180)))
            bases = [base for base, _proc in workers]

            # 1. Slack: each event to both workers, and its retry to both again.
            events = [json.dumps(envelope(mention(f"{QUESTION}（{i}）", f"17000005{i:02d}.000100", channel="CTWO"),
                                          f"EvTWO{i}"), ensure_ascii=False) for i in range(6)]
            for body in events:
                assert _to_both(bases, lambda base, body=body: _slack_post(base, body).status_code) == [200, 200]
                assert _to_both(bases, lambda base, body=body: _slack_post(base, body, retry=1).status_code) == [200, 200]
            # 2. WeCom: each callback to both workers.
            senders = [Sender(base) for base in bases]
            for i in range(4):
                delivery = senders[0].envelope(senders[0].inner_xml(QUESTION, user=f"user{i}", msg_id=f"93000000000000000{i:02d}"))
                with ThreadPoolExecutor(max_workers=2) as pool:
                    codes = list(pool.map(lambda s, d=delivery: s.post(*d).status_code, senders))
                assert codes == [200, 200]
            wait_until(lambda: len(_answers(stalling_slack, "CTWO")) >= 6 and len(stalling_wecom.calls_to("message/send")) >= 4,
                       timeout=60)
            time.sleep(1.0)  # a duplicate, if any worker were to send one, would arrive now
            threads = sorted(thread for _method, thread in _answers(stalling_slack, "CTWO"))
            assert threads == sorted(f"17000005{i:02d}.000100" for i in range(6))
            users = sorted(call.json["touser"] for call in stalling_wecom.calls_to("message/send"))
            assert users == [f"user{i}" for i in range(4)]

            # 3. Worker 1 killed once its interim reached Slack; worker 2 resumes after the lease expires.
            victim_base, victim = workers[0]
            killed = threading.Event()

            def kill_on_interim(method, params):
                if method == "chat.postMessage" and params.get("channel") == "CKILL" and not params.get("blocks"):
                    os.kill(victim.pid, signal.SIGKILL)
                    killed.set()

            stalling_slack.on_call = kill_on_interim
            body = json.dumps(envelope(mention(QUESTION, "1700000600.000100", channel="CKILL"), "EvKILL6"),
                              ensure_ascii=False)
            assert _slack_post(victim_base, body).status_code == 200
            assert killed.wait(30)
            victim.wait(timeout=10)
            stalling_slack.on_call = None
            wait_until(lambda: _answers(stalling_slack, "CKILL"), timeout=60)
            time.sleep(LEASE_S + 1.0)  # another sweep: a second answer would come now
            # One reply: the victim's interim, replaced with the answer by the surviving worker.
            assert _answers(stalling_slack, "CKILL") == [("chat.update", "1700000600.000100")]
            interims = [c for c in stalling_slack.calls["chat.postMessage"] if c["params"].get("channel") == "CKILL"]
            assert len(interims) == 1 and not interims[0]["params"].get("blocks")
            for sender in senders:
                sender.http.close()
    except AssertionError as exc:  # say what the workers logged: the cause is usually there
        logs = "\n".join(f"--- worker{n}.log ---\n" + (tmp_path / f"worker{n}.log").read_text(errors="replace")[-3000:]
                         for n in (1, 2) if (tmp_path / f"worker{n}.log").exists())
        raise AssertionError(f"{exc}\n{logs}") from exc
