"""Group-robot push: 4096-byte markdown parts, 20 messages a minute queued (fake clock), key kept secret."""

from __future__ import annotations

import logging

import httpx
import pytest

from clusterbot.bot.wecom.webhook import RobotWebhook, parse_webhook
from clusterbot.errors import ClusterbotError, InputError
from clusterbot.state import StateStore
from tests.wecom.test_api import FakeClock


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def store(tmp_path, clock):
    state = StateStore(tmp_path / "state.sqlite3", clock=clock)
    yield state
    state.close()


def _robot(mock_wecom, store, clock, sent_at: list[float] | None = None, url: str | None = None) -> RobotWebhook:
    hooks = {"request": [lambda request: sent_at.append(clock.now)]} if sent_at is not None else {}
    http = httpx.Client(timeout=10, trust_env=False, event_hooks=hooks)
    return RobotWebhook(url or mock_wecom.webhook_url, mock_wecom.base_url, store, http=http, sleep=clock.sleep)


def test_twenty_per_minute_are_queued_not_dropped(mock_wecom, store, clock):
    sent_at: list[float] = []
    robot = _robot(mock_wecom, store, clock, sent_at)
    for i in range(45):
        robot.send_markdown(f"第{i + 1}条")
    robot.close()
    contents = [c.json["markdown"]["content"] for c in mock_wecom.calls_to("webhook/send")]
    assert contents == [f"第{i + 1}条" for i in range(45)]  # all delivered, in order
    assert sent_at[19] == sent_at[0]  # the first 20 go at once
    for i in range(20, 45):  # never more than 20 inside any 60 s window
        assert sent_at[i] - sent_at[i - 20] >= 60
    assert 120 <= clock.now - sent_at[0] < 125


def test_the_window_is_shared_by_robot_not_by_process(mock_wecom, store, clock):
    first = _robot(mock_wecom, store, clock)
    for _ in range(20):
        first.send_markdown("一")
    first.close()
    second = _robot(mock_wecom, store, clock)  # a second `clusterbot push` a moment later
    second.send_markdown("二")
    second.close()
    assert second.waited_s >= 59


def test_over_limit_reply_waits_and_retries(mock_wecom, store, clock):
    mock_wecom.script("webhook/send", [45009])
    robot = _robot(mock_wecom, store, clock)
    robot.send_markdown("推送")
    robot.close()
    assert len(mock_wecom.calls_to("webhook/send")) == 2 and 60.0 in clock.slept


def test_long_markdown_is_split_under_4096_bytes(mock_wecom, store, clock):
    robot = _robot(mock_wecom, store, clock)
    text = "\n".join(f"- 第{i}项：支持县域特色产业集群建设公共服务平台。" for i in range(200))
    count = robot.send_markdown(text)
    robot.close()
    parts = [c.json["markdown"]["content"] for c in mock_wecom.calls_to("webhook/send")]
    assert count == len(parts) > 1
    assert all(len(p.encode()) <= 4096 for p in parts) and parts[0].startswith(f"(1/{count})\n")


def test_file_upload_and_send(mock_wecom, store, clock, tmp_path):
    path = tmp_path / "brief.docx"
    path.write_bytes(b"PK docx")
    robot = _robot(mock_wecom, store, clock)
    robot.send_file(robot.upload_file(path))
    robot.close()
    upload = mock_wecom.calls_to("webhook/upload_media")[0]
    assert upload.query == {"key": mock_wecom.webhook_key, "type": "file"}
    assert mock_wecom.calls_to("webhook/send")[0].json["file"]["media_id"].startswith("robot-media-")


def test_bare_key_uses_the_configured_api_base(mock_wecom):
    url, key = parse_webhook(mock_wecom.webhook_key, mock_wecom.base_url)
    assert url == mock_wecom.base_url + "webhook/send" and key == mock_wecom.webhook_key


def test_key_never_in_errors_or_logs(mock_wecom, store, clock, caplog):
    caplog.set_level(logging.DEBUG)
    wrong = mock_wecom.webhook_url.replace(mock_wecom.webhook_key, "secret-robot-key-999")
    robot = _robot(mock_wecom, store, clock, url=wrong)
    with pytest.raises(ClusterbotError) as err:
        robot.send_markdown("推送")
    robot.close()
    with pytest.raises(InputError) as bad:
        parse_webhook("https://qyapi.weixin.qq.com/cgi-bin/webhook/other?key=secret-robot-key-999", "x")
    dead = RobotWebhook("http://127.0.0.1:9/cgi-bin/webhook/send?key=secret-robot-key-999", "x", store,
                        sleep=clock.sleep, timeout_s=2)
    with pytest.raises(ClusterbotError) as unreachable:
        dead.send_markdown("推送")
    dead.close()
    for text in (err.value.message, bad.value.message, unreachable.value.message, caplog.text):
        assert "secret-robot-key-999" not in text
    assert "93000" in err.value.message and "127.0.0.1:9" in unreachable.value.message
