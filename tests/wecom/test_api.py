"""The app API client against the mock WeCom server: token cache, refresh, busy retries, fatal codes."""

from __future__ import annotations

import logging

import pytest

from clusterbot.bot.wecom.api import WeComApi, WeComApiError
from clusterbot.errors import ClusterbotError, ConfigError
from tests.wecom.conftest import CORP_ID, SECRET


class FakeClock:
    def __init__(self, start: float = 1_000_000.0) -> None:
        self.now = start
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def api(mock_wecom, clock):
    client = WeComApi(mock_wecom.base_url, CORP_ID, SECRET, 1000002, clock=clock, sleep=clock.sleep)
    yield client
    client.close()


def test_token_is_cached_until_shortly_before_expiry(api, mock_wecom, clock):
    api.send_text("zhangsan", "一")
    api.send_text("zhangsan", "二")
    assert len(mock_wecom.calls_to("gettoken")) == 1
    clock.now += 7200 - 200  # inside the safety margin before the 7200 s expiry
    api.send_text("zhangsan", "三")
    assert len(mock_wecom.calls_to("gettoken")) == 2
    sends = mock_wecom.calls_to("message/send")
    assert [c.query["access_token"] for c in sends] == ["token-1", "token-1", "token-2"]
    assert sends[0].json["enable_duplicate_check"] == 1


@pytest.mark.parametrize("code", [40014, 42001])
def test_invalid_token_refreshes_once(api, mock_wecom, code):
    api.send_text("zhangsan", "一")
    mock_wecom.script("message/send", [code])
    api.send_text("zhangsan", "二")
    assert len(mock_wecom.calls_to("gettoken")) == 2
    mock_wecom.script("message/send", [code, code])
    with pytest.raises(WeComApiError) as err:  # a second rejection right after a refresh is an error
        api.send_text("zhangsan", "三")
    assert err.value.errcode == code


def test_busy_is_retried_at_most_three_times(api, mock_wecom, clock):
    mock_wecom.script("message/send", [-1, -1, -1])
    api.send_markdown("zhangsan", "**一**")
    assert len(mock_wecom.calls_to("message/send")) == 4 and len(clock.slept) == 3
    mock_wecom.script("message/send", [-1, -1, -1, -1])
    with pytest.raises(WeComApiError) as err:
        api.send_markdown("zhangsan", "**二**")
    assert err.value.errcode == -1
    assert len(mock_wecom.calls_to("message/send")) == 8


def test_bad_credentials_are_a_configuration_error_without_the_secret(mock_wecom, clock, caplog):
    caplog.set_level(logging.DEBUG)
    client = WeComApi(mock_wecom.base_url, CORP_ID, "wrong-secret-123", 1000002, clock=clock, sleep=clock.sleep)
    with pytest.raises(ConfigError) as err:
        client.send_text("zhangsan", "一")
    client.close()
    assert "WECOM_SECRET" in err.value.message
    assert "wrong-secret-123" not in err.value.message + caplog.text


def test_media_upload_then_file_message(api, mock_wecom, tmp_path):
    path = tmp_path / "天长市简报.docx"
    path.write_bytes(b"PK\x03\x04 docx bytes")
    media_id = api.upload_media(path)
    api.send_file("zhangsan", media_id)
    upload = mock_wecom.calls_to("media/upload")[0]
    assert upload.query["type"] == "file" and b"docx bytes" in upload.body and b'name="media"' in upload.body
    assert mock_wecom.calls_to("message/send")[0].json["file"] == {"media_id": media_id}


def test_unreachable_api_names_the_host_but_not_the_token(clock):
    client = WeComApi("http://127.0.0.1:9/cgi-bin/", CORP_ID, SECRET, 1, clock=clock, sleep=clock.sleep,
                      timeout_s=2)
    with pytest.raises(ClusterbotError) as err:
        client.send_text("zhangsan", "一")
    client.close()
    assert type(err.value) is ClusterbotError and err.value.key == "wecom.http_error"  # not an API or config error
    assert "127.0.0.1:9" in str(err.value) and "ConnectError" in str(err.value) and SECRET not in str(err.value)
