"""The benchmark's load client: the server receives exactly the bytes built, and failures come back as status 0."""

from __future__ import annotations

import asyncio
import socket

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bench import rawhttp
from tests.loopback import serve_asgi

SEEN: list[dict] = []


async def echo(request: Request) -> Response:
    body = await request.body()
    SEEN.append({"path": request.url.path, "query": request.url.query, "body": body,
                 "signature": request.headers.get("x-slack-signature")})
    if request.url.path == "/teapot":
        return Response(status_code=418)
    return JSONResponse({"length": len(body)})


def _app() -> Starlette:
    return Starlette(routes=[Route("/echo", echo, methods=["POST", "GET"]), Route("/teapot", echo, methods=["GET"])])


def test_requests_arrive_as_built_and_statuses_come_back() -> None:
    SEEN.clear()
    with serve_asgi(_app()) as base:
        bodies = [f'{{"n": {n}, "text": "天长市离百亿还有多远？"}}'.encode() for n in range(20)]
        raws = [rawhttp.build(base, "POST", "/echo?msg_signature=abc&nonce=1", {"X-Slack-Signature": f"v0={n}"}, body)
                for n, body in enumerate(bodies)]
        raws.append(rawhttp.build(base, "GET", "/teapot"))
        results = asyncio.run(rawhttp.fire(base, raws, concurrency=8))
    assert [status for status, _ in results] == [200] * 20 + [418]
    assert all(ms > 0 for _, ms in results)
    posted = sorted((s for s in SEEN if s["path"] == "/echo"), key=lambda s: s["signature"])
    assert sorted(s["body"] for s in posted) == sorted(bodies)
    assert {s["query"] for s in posted} == {"msg_signature=abc&nonce=1"}
    assert sorted(s["signature"] for s in posted) == sorted(f"v0={n}" for n in range(20))


def test_a_refused_connection_or_a_silent_server_is_status_zero_within_the_bound() -> None:
    with socket.socket() as sock:  # a port that was free a moment ago: nothing listens there
        sock.bind(("127.0.0.1", 0))
        closed = sock.getsockname()[1]
    assert asyncio.run(rawhttp.send("127.0.0.1", closed, b"GET / HTTP/1.1\r\n\r\n"))[0] == 0

    with socket.socket() as silent:  # accepts connections and never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        # A client that ignored its timeout would hang here; the outer bound turns that into a failure.
        status, ms = asyncio.run(asyncio.wait_for(rawhttp.send("127.0.0.1", silent.getsockname()[1],
                                                               b"GET / HTTP/1.1\r\n\r\n", timeout_s=0.3), 30))
    assert status == 0
    assert ms >= 250  # it waited for its timeout and reports the time it waited


def test_parse_status_rejects_what_is_not_http() -> None:
    assert rawhttp.parse_status(b"HTTP/1.1 204 No Content\r\n\r\n") == 204
    assert rawhttp.parse_status(b"") == 0
    assert rawhttp.parse_status(b"SSH-2.0-OpenSSH\r\n") == 0
    assert rawhttp.parse_status(b"HTTP/1.1 abc\r\n") == 0
