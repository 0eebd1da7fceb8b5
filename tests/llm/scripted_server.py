"""A local OpenAI-compatible Chat Completions server that plays a script, for LLM-mode tests.

Each POST /v1/chat/completions takes the next step of the script. A step is a dict built by the
helpers below, or a callable that gets the request body and returns one. Every request body and
its headers are recorded, so tests can check what the agent sent (tools, tool results, prompts).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Step = dict[str, Any] | Callable[[dict[str, Any]], dict[str, Any]]


def tool_calls(*calls: tuple[str, dict[str, Any] | str]) -> dict[str, Any]:
    """An assistant message calling tools; string arguments are sent as they are (e.g. broken JSON)."""
    return {"kind": "message", "message": {
        "role": "assistant", "content": None,
        "tool_calls": [
            {"id": f"call_{i}_{name}", "type": "function",
             "function": {"name": name, "arguments": args if isinstance(args, str) else json.dumps(args, ensure_ascii=False)}}
            for i, (name, args) in enumerate(calls)
        ]}}


def final(answer: str, clause_ids: list[str], status: str = "answered") -> dict[str, Any]:
    return tool_calls(("final_answer", {"answer": answer, "clause_ids": clause_ids, "status": status}))


def text(content: str) -> dict[str, Any]:
    return {"kind": "message", "message": {"role": "assistant", "content": content}}


def sleep(seconds: float) -> dict[str, Any]:
    return {"kind": "sleep", "seconds": seconds}


def trickle(interval: float = 0.05, total: int = 4000, headers_too: bool = False) -> dict[str, Any]:
    """A 200 whose body (and with `headers_too` its status line and headers) comes one byte per `interval`."""
    return {"kind": "trickle", "interval": interval, "total": total, "headers_too": headers_too}


def flood(size: int = 200 * 1024 * 1024) -> dict[str, Any]:
    """A 200 announcing `size` bytes of body and sending them as fast as the client reads."""
    return {"kind": "flood", "size": size}


def gzipped(message: dict[str, Any]) -> dict[str, Any]:
    return {"kind": "gzip", "message": message["message"]}


def http_error(status: int = 500) -> dict[str, Any]:
    return {"kind": "status", "status": status}


def garbage(body: bytes = b"{this is not json") -> dict[str, Any]:
    return {"kind": "raw", "body": body}


class ScriptedLLM:
    """Start with `with ScriptedLLM([...]) as llm:`; `llm.base_url` is the OPENAI_BASE_URL to use."""

    def __init__(self, script: list[Step], repeat_last: bool = False) -> None:
        self.script = list(script)
        self.repeat_last = repeat_last
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.sent: list[int] = []  # body bytes written per trickle or flood step, until the client left
        self.slept = 0  # sleep steps played to the end: the model replied to them, however late
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def __enter__(self) -> ScriptedLLM:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._server.shutdown()
        self._server.server_close()

    def next_step(self, body: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            self.requests.append(body)
            index = len(self.requests) - 1
            if index < len(self.script):
                step = self.script[index]
            elif self.repeat_last and self.script:
                step = self.script[-1]
            else:
                return {"kind": "status", "status": 500}  # script exhausted
        return step(body) if callable(step) else step

    # What tests inspect -------------------------------------------------------------------------

    def tool_results(self, request: int) -> list[dict[str, Any]]:
        """The `tool` messages the agent sent in request number `request`."""
        return [m for m in self.requests[request]["messages"] if m.get("role") == "tool"]

    def _handler(self):
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test output quiet
                return

            def do_POST(self) -> None:  # noqa: N802 (http.server naming)
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                owner.headers.append({k.lower(): v for k, v in self.headers.items()})
                if self.path.rstrip("/") != "/v1/chat/completions":
                    self._send(404, b'{"error": {"message": "not found"}}')
                    return
                step = owner.next_step(body)
                try:
                    self._play(step, body)
                except (BrokenPipeError, ConnectionResetError):
                    return  # the client gave up (timeout): nothing to answer

            def _play(self, step: dict[str, Any], body: dict[str, Any]) -> None:
                kind = step["kind"]
                if kind == "sleep":
                    owner._stop.wait(step["seconds"])
                    with owner._lock:
                        owner.slept += 1
                    self._send(200, json.dumps(_completion(body, text("late")["message"])).encode())
                elif kind == "status":
                    self._send(step["status"], b'{"error": {"message": "scripted failure", "type": "server_error"}}')
                elif kind == "raw":
                    self._send(200, step["body"])
                elif kind == "trickle":
                    self._trickle(step)
                elif kind == "flood":
                    self._flood(step["size"])
                elif kind == "gzip":
                    import gzip

                    payload = gzip.compress(json.dumps(_completion(body, step["message"])).encode())
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Encoding", "gzip")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                else:
                    self._send(200, json.dumps(_completion(body, step["message"]), ensure_ascii=False).encode())

            def _trickle(self, step: dict[str, Any]) -> None:
                head = (f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                        f"Content-Length: {step['total']}\r\n\r\n").encode()
                body = b" " * step["total"]
                sent = 0
                try:
                    if step["headers_too"]:
                        body = head + body
                    else:
                        self.wfile.write(head)
                        self.wfile.flush()
                    for i in range(len(body)):
                        if owner._stop.wait(step["interval"]):
                            break
                        self.wfile.write(body[i:i + 1])
                        self.wfile.flush()
                        sent += 1
                finally:
                    owner.sent.append(sent)

            def _flood(self, size: int) -> None:
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(size))
                self.end_headers()
                chunk = b'{"x": "' + b"a" * 65000 + b'"}'
                sent = 0
                try:
                    while sent < size and not owner._stop.is_set():
                        self.wfile.write(chunk)
                        sent += len(chunk)
                finally:
                    owner.sent.append(sent)

            def _send(self, status: int, payload: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        return Handler


def _completion(body: dict[str, Any], message: dict[str, Any]) -> dict[str, Any]:
    finish = "tool_calls" if message.get("tool_calls") else "stop"
    return {
        "id": "chatcmpl-scripted", "object": "chat.completion", "created": 1700000000,
        "model": body.get("model", "scripted"),
        "choices": [{"index": 0, "message": message, "finish_reason": finish, "logprobs": None}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }
