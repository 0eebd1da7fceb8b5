"""WeCom fixtures: the mock WeCom API, the app configuration, the ASGI app under uvicorn, a sender."""

from __future__ import annotations

import secrets
import string
import time

import httpx
import pytest

from clusterbot.bot.wecom.crypto import WeComCrypto, signature
from tests.wecom.mock_wecom import MockWeCom

CORP_ID = "ww-test-corp"
AGENT_ID = "1000002"
TOKEN = "callback-token-xyz"
SECRET = "app-secret-s3cr3t"
AES_KEY = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(43))


@pytest.fixture
def mock_wecom():
    with MockWeCom(corp_id=CORP_ID, secret=SECRET) as mock:
        yield mock


@pytest.fixture
def wecom_env(monkeypatch, mock_wecom):
    for name, value in {
        "WECOM_CORP_ID": CORP_ID, "WECOM_AGENT_ID": AGENT_ID, "WECOM_SECRET": SECRET,
        "WECOM_TOKEN": TOKEN, "WECOM_AES_KEY": AES_KEY, "CLUSTERBOT_WECOM_API_URL": mock_wecom.base_url,
    }.items():
        monkeypatch.setenv(name, value)
    return mock_wecom


class Sender:
    """Plays WeCom: encrypts and signs callbacks with the app's token and key, posts them for real."""

    def __init__(self, base_url: str, receive_id: str = CORP_ID, token: str = TOKEN, aes_key: str = AES_KEY):
        self.url = base_url + "/wecom/callback"
        self.crypto = WeComCrypto(token, aes_key, receive_id)
        self.token = token
        self.http = httpx.Client(timeout=10.0, trust_env=False)
        self._msg_id = 7_000_000_000_000_000_000

    def inner_xml(self, content: str = "", msg_type: str = "text", user: str = "zhangsan",
                  msg_id: str | None = None, create_time: int | None = None, event: str = "") -> str:
        if msg_id is None and msg_type != "event":
            self._msg_id += 1
            msg_id = str(self._msg_id)
        fields = [
            f"<ToUserName><![CDATA[{CORP_ID}]]></ToUserName>",
            f"<FromUserName><![CDATA[{user}]]></FromUserName>",
            f"<CreateTime>{create_time or int(time.time())}</CreateTime>",
            f"<MsgType><![CDATA[{msg_type}]]></MsgType>",
        ]
        if msg_type == "text":
            fields.append(f"<Content><![CDATA[{content}]]></Content>")
        if event:
            fields.append(f"<Event><![CDATA[{event}]]></Event>")
        if msg_id:
            fields.append(f"<MsgId>{msg_id}</MsgId>")
        fields.append(f"<AgentID>{AGENT_ID}</AgentID>")
        return "<xml>" + "".join(fields) + "</xml>"

    def envelope(self, inner: str, timestamp: str | None = None, nonce: str = "123456"):
        """(query, body) of a callback POST carrying `inner`, signed over the ciphertext."""
        timestamp = timestamp or str(int(time.time()))
        encrypted = self.crypto.encrypt(inner.encode("utf-8"))
        query = {"msg_signature": signature(self.token, timestamp, nonce, encrypted),
                 "timestamp": timestamp, "nonce": nonce}
        body = (f"<xml><ToUserName><![CDATA[{CORP_ID}]]></ToUserName><AgentID><![CDATA[{AGENT_ID}]]>"
                f"</AgentID><Encrypt><![CDATA[{encrypted}]]></Encrypt></xml>")
        return query, body.encode()

    def post(self, query: dict, body: bytes) -> httpx.Response:
        return self.http.post(self.url, params=query, content=body, headers={"Content-Type": "text/xml"})

    def send(self, content: str, **fields) -> httpx.Response:
        return self.post(*self.envelope(self.inner_xml(content, **fields)))
