"""A local stand-in for qyapi.weixin.qq.com on an ephemeral loopback port, recording every call.

Serves gettoken, message/send, media/upload, webhook/send and webhook/upload_media. Tokens are
real bearer values: after `expire_tokens()` a send with the old token gets 42001, as WeCom does.
`script(path, [errcode, ...])` makes the next calls on a path fail with those codes.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

PREFIX = "/cgi-bin/"


@dataclass
class Call:
    path: str
    query: dict[str, str]
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def json(self) -> dict:
        return json.loads(self.body.decode("utf-8"))


class MockWeCom:
    def __init__(self, corp_id: str = "ww-test-corp", secret: str = "app-secret", webhook_key: str = "robot-key-0001"):
        self.corp_id = corp_id
        self.secret = secret
        self.webhook_key = webhook_key
        self.calls: list[Call] = []
        self.valid_tokens: set[str] = set()
        self._issued = 0
        self._scripts: dict[str, list[int]] = {}
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    # lifecycle -------------------------------------------------------------------------
    def __enter__(self) -> MockWeCom:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}{PREFIX}"

    @property
    def webhook_url(self) -> str:
        return f"{self.base_url}webhook/send?key={self.webhook_key}"

    # controls and queries --------------------------------------------------------------
    def expire_tokens(self) -> None:
        with self._lock:
            self.valid_tokens.clear()

    def script(self, path: str, errcodes: list[int]) -> None:
        with self._lock:
            self._scripts[path] = list(errcodes)

    def calls_to(self, path: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.path == path]

    def wait_for(self, path: str, count: int, timeout_s: float = 15.0) -> list[Call]:
        """Block until `count` calls reached `path` (bounded); returns them."""
        deadline = time.monotonic() + timeout_s
        with self._changed:
            while True:
                found = [c for c in self.calls if c.path == path]
                remaining = deadline - time.monotonic()
                if len(found) >= count or remaining <= 0:
                    return found
                self._changed.wait(remaining)

    # request handling ------------------------------------------------------------------
    def _respond(self, call: Call) -> dict:
        with self._changed:
            self.calls.append(call)
            self._changed.notify_all()
            scripted = self._scripts.get(call.path)
            if scripted:
                return {"errcode": scripted.pop(0), "errmsg": "scripted"}
            if call.path == "gettoken":
                if call.query.get("corpid") != self.corp_id or call.query.get("corpsecret") != self.secret:
                    return {"errcode": 40001, "errmsg": "invalid credential"}
                self._issued += 1
                token = f"token-{self._issued}"
                self.valid_tokens.add(token)
                return {"errcode": 0, "errmsg": "ok", "access_token": token, "expires_in": 7200}
            if call.path in ("message/send", "media/upload"):
                if call.query.get("access_token") not in self.valid_tokens:
                    return {"errcode": 42001, "errmsg": "access_token expired"}
                if call.path == "media/upload":
                    return {"errcode": 0, "errmsg": "ok", "type": "file", "media_id": f"media-{len(self.calls)}"}
                return {"errcode": 0, "errmsg": "ok", "msgid": f"msg-{len(self.calls)}"}
            if call.path in ("webhook/send", "webhook/upload_media"):
                if call.query.get("key") != self.webhook_key:
                    return {"errcode": 93000, "errmsg": "invalid webhook url"}
                if call.path == "webhook/upload_media":
                    return {"errcode": 0, "errmsg": "ok", "type": "file", "media_id": f"robot-media-{len(self.calls)}"}
                return {"errcode": 0, "errmsg": "ok"}
            return {"errcode": 404, "errmsg": "unknown path"}

    def _handler_class(self):
        mock = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self) -> None:
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                path = parts.path[len(PREFIX):] if parts.path.startswith(PREFIX) else parts.path
                query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                reply = mock._respond(Call(path, query, body, dict(self.headers)))
                data = json.dumps(reply).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = _serve
            do_POST = _serve

            def log_message(self, *args) -> None:  # keep test output quiet
                pass

        return Handler
