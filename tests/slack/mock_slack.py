"""A local stand-in for the Slack Web API: records every call per method, answers canned JSON.

Runs `http.server` on an ephemeral loopback port in a thread (never a fixed port, so parallel test
workers do not collide). A response can be scripted for the next call of a method, e.g. one 429.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections import defaultdict
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"
TEAM_ID = "T0001"


class MockSlack:
    def __init__(self) -> None:
        self.calls: dict[str, list[dict]] = defaultdict(list)
        self.cond = threading.Condition()
        self._scripted: dict[str, list[tuple[int, dict, dict]]] = defaultdict(list)
        self._ts = itertools.count(1)
        self._files = itertools.count(1)
        self.socket_url = "ws://127.0.0.1:9/"
        # What the workspace shows: posted messages per channel, with metadata, as conversations.* return them.
        self.messages: dict[str, list[dict]] = defaultdict(list)
        self._store = threading.RLock()
        # Called with (method, params) once a call is recorded, before it is answered (e.g. to kill the caller).
        self.on_call = None
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:  # keep test output quiet
                pass

            def do_POST(self) -> None:
                owner._handle(self)

            def do_GET(self) -> None:
                owner._handle(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, name="mock-slack", daemon=True)
        self.thread.start()

    @property
    def root(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    @property
    def base_url(self) -> str:
        return self.root + "api/"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)

    # scripting and inspection ------------------------------------------------------------
    def script(self, method: str, status: int = 200, body: dict | None = None, headers: dict | None = None) -> None:
        """The next call of `method` gets this response instead of the canned one."""
        with self.cond:
            self._scripted[method].append((status, body or {"ok": status == 200}, headers or {}))

    def count(self, method: str) -> int:
        with self.cond:
            return len(self.calls[method])

    def wait_for(self, method: str, count: int = 1, timeout: float = 10.0) -> list[dict]:
        deadline = time.monotonic() + timeout
        with self.cond:
            while len(self.calls[method]) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"{method}: {len(self.calls[method])} calls after {timeout}s, wanted {count}")
                self.cond.wait(left)
            return list(self.calls[method])

    def all_calls(self) -> list[dict]:
        with self.cond:
            return sorted((c for calls in self.calls.values() for c in calls), key=lambda c: c["seq"])

    # HTTP ----------------------------------------------------------------------------------
    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        parsed = urlparse(request.path)
        length = int(request.headers.get("Content-Length") or 0)
        raw = request.rfile.read(length) if length else b""
        if parsed.path.startswith("/api/"):
            method = parsed.path[len("/api/"):]
        else:
            method = parsed.path.strip("/").split("/")[0]  # "upload", "respond"
        # Uploads carry the file's raw bytes; only API calls and response_url posts are parsed.
        params = self._params(request.headers.get("Content-Type", ""), raw, parsed.query) if method != "upload" else {}
        with self.cond:
            seq = sum(len(v) for v in self.calls.values())
            call = {"method": method, "params": params, "raw": raw, "seq": seq, "at": time.monotonic(),
                    "authorization": request.headers.get("Authorization", "")}
            self.calls[method].append(call)
            scripted = self._scripted[method].pop(0) if self._scripted[method] else None
            self.cond.notify_all()
        # A message exists once Slack has received it, whether or not the caller hears back.
        body_now = None if scripted else self._canned(method, params)
        if self.on_call is not None:
            self.on_call(method, params)
        status, body, headers = scripted or (200, body_now, {})
        payload = json.dumps(body).encode() if isinstance(body, dict) else str(body).encode()
        request.send_response(status)
        request.send_header("Content-Type", "application/json; charset=utf-8")
        for key, value in headers.items():
            request.send_header(key, str(value))
        request.send_header("Content-Length", str(len(payload)))
        request.end_headers()
        request.wfile.write(payload)

    @staticmethod
    def _params(content_type: str, raw: bytes, query: str) -> dict:
        params: dict = {k: v[0] for k, v in parse_qs(query).items()}
        if "json" in content_type and raw:
            params.update(json.loads(raw))
        elif "x-www-form-urlencoded" in content_type and raw:
            params.update({k: v[0] for k, v in parse_qs(raw.decode()).items()})
        for key in ("blocks", "files", "attachments"):
            if isinstance(params.get(key), str):
                try:
                    params[key] = json.loads(params[key])
                except ValueError:
                    pass
        return params

    @staticmethod
    def _metadata(params: dict) -> dict | None:
        meta = params.get("metadata")
        if isinstance(meta, str):
            meta = json.loads(meta)
        return meta or None

    def _conversation(self, method: str, params: dict) -> dict:
        """A thread (replies: the parent and its replies) or the channel's top level (history, newest first)."""
        channel = self.messages.get(params.get("channel"), [])
        with_meta = str(params.get("include_all_metadata", "")).lower() in ("1", "true")
        if method == "conversations.replies":
            root = params.get("ts")
            found = [m for m in channel if root in (m["ts"], m["thread_ts"])]
        else:
            oldest = float(params.get("oldest") or 0)
            found = [m for m in reversed(channel) if m["thread_ts"] is None and float(m["ts"]) > oldest]
        # Pages as Slack gives them: `limit` at a time, `next_cursor` while more remain.
        start = int(params.get("cursor") or 0)
        end = start + int(params.get("limit") or 100)
        page, more = found[start:end], end < len(found)
        shown = [{k: v for k, v in m.items() if v is not None and (with_meta or k != "metadata")} for m in page]
        return {"ok": True, "messages": shown, "has_more": more,
                "response_metadata": {"next_cursor": str(end) if more else ""}}

    def _canned(self, method: str, params: dict) -> dict:
        with self._store:
            return self._answer(method, params)

    def _answer(self, method: str, params: dict) -> dict:
        if method == "auth.test":
            return {"ok": True, "user_id": BOT_USER_ID, "bot_id": BOT_ID, "team_id": TEAM_ID, "user": "clusterbot"}
        if method == "chat.postMessage":
            ts = f"1800000000.{next(self._ts):06d}"
            self.messages[params.get("channel")].append({
                "ts": ts, "thread_ts": params.get("thread_ts"), "text": params.get("text"),
                "blocks": params.get("blocks"), "metadata": self._metadata(params), "bot_id": BOT_ID})
            return {"ok": True, "channel": params.get("channel"), "ts": ts, "message": {"ts": ts}}
        if method == "chat.update":
            for message in self.messages[params.get("channel")]:
                if message["ts"] == params.get("ts"):
                    message.update(text=params.get("text"), blocks=params.get("blocks"))
                    if params.get("metadata"):
                        message["metadata"] = self._metadata(params)
            return {"ok": True, "channel": params.get("channel"), "ts": params.get("ts")}
        if method in ("conversations.replies", "conversations.history"):
            return self._conversation(method, params)
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": f"1800000000.{next(self._ts):06d}"}
        if method == "files.getUploadURLExternal":
            n = next(self._files)
            return {"ok": True, "upload_url": f"{self.root}upload/F{n}", "file_id": f"F{n}"}
        if method == "files.completeUploadExternal":
            files = params.get("files") or []
            return {"ok": True, "files": [{"id": f.get("id"), "title": f.get("title")} for f in files]}
        if method == "apps.connections.open":
            return {"ok": True, "url": self.socket_url}
        return {"ok": True}
