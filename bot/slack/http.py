"""HTTP mode: `/slack/events` on the shared ASGI app, a thin adapter around `App.dispatch`."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from slack_bolt import BoltRequest
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from clusterbot.bot.core import Assistant
from clusterbot.bot.http_body import BodyRefused, read_body
from clusterbot.bot.slack.app import build_bolt_app
from clusterbot.bot.slack.credentials import http_credentials
from clusterbot.bot.slack.fastpath import Handler, fast_events
from clusterbot.bot.slack.runtime import SlackBot
from clusterbot.bot.slack.signature import Rejection, check_headers, check_signature, shape_problem
from clusterbot.bot.slack.webapi import make_client
from clusterbot.config import Settings

log = logging.getLogger("clusterbot.slack")


def reject(rejection: Rejection) -> Response:
    """One short log line and no body; X-Slack-No-Retry stops Slack repeating a request that cannot pass."""
    log.warning("%s", rejection.log_line("slack request"))
    return Response(status_code=rejection.status, headers={"X-Slack-No-Retry": "1"})


def slack_routes(settings: Settings, assistant: Assistant | None = None):
    """(routes, startup hooks, shutdown hooks) for bot/server.py; fails first on bad credentials."""
    credentials = http_credentials(settings)
    bot = SlackBot(settings, make_client(settings, credentials.bot_token), assistant)
    app = build_bolt_app(settings, credentials, bot)

    async def slack_events(request: Request) -> Response:
        early = check_headers(request.headers)
        if early is not None:
            return reject(early)
        try:
            raw = await read_body(request)
        except BodyRefused as exc:
            return exc.response({"X-Slack-No-Retry": "1"} if exc.status != 503 else None)
        # Timestamp and signature on the raw bytes, before anything is parsed or logged by Bolt.
        rejection = check_signature(credentials.signing_secret or "", request.headers, raw)
        if rejection is not None:
            return reject(rejection)
        try:
            body = raw.decode("utf-8")
        except UnicodeDecodeError:
            return reject(Rejection(400, "not-utf8"))
        collected: dict[str, list[str]] = {}
        for key, value in request.headers.items():
            collected.setdefault(key.lower(), []).append(value)
        headers: dict[str, str | Sequence[str]] = {key: values for key, values in collected.items()}
        try:
            bolt_request = BoltRequest(body=body, query=request.url.query, headers=headers)
        except (ValueError, TypeError, AttributeError, KeyError, RecursionError):
            # Bolt parses the body while building the request: JSON null, a list or deep nesting
            # would otherwise end in a 500 (and Slack retries 5xx).
            return reject(Rejection(400, "unparsable-body"))
        problem = shape_problem(bolt_request.body)
        if problem:
            return reject(Rejection(400, problem))
        bolt_response = await run_in_threadpool(app.dispatch, bolt_request)
        return Response(content=bolt_response.body, status_code=bolt_response.status,
                        headers=bolt_response.first_headers_without_set_cookie())

    async def startup() -> None:
        await run_in_threadpool(bot.recover)

    async def shutdown() -> None:
        await run_in_threadpool(bot.close)

    slack_events.bot = bot  # reachable from tests and the status page through the route
    endpoint: Handler = slack_events
    if settings.slack_ack_path == "fast":  # event callbacks acked without Bolt's dispatch; the rest via Bolt
        endpoint = fast_events(bot, credentials.signing_secret or "", slack_events)
    return [Route("/slack/events", endpoint, methods=["POST"])], [startup], [shutdown]
