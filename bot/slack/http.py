"""HTTP mode: `/slack/events` on the shared ASGI app, a thin adapter around `App.dispatch`."""

from __future__ import annotations

from slack_bolt import BoltRequest
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from clusterbot.bot.core import Assistant
from clusterbot.bot.slack.app import build_bolt_app
from clusterbot.bot.slack.credentials import http_credentials
from clusterbot.bot.slack.runtime import SlackBot
from clusterbot.bot.slack.webapi import make_client
from clusterbot.config import Settings


def slack_routes(settings: Settings, assistant: Assistant | None = None):
    """(routes, startup hooks, shutdown hooks) for bot/server.py; fails first on bad credentials."""
    credentials = http_credentials(settings)
    bot = SlackBot(settings, make_client(settings, credentials.bot_token), assistant)
    app = build_bolt_app(settings, credentials, bot)

    async def slack_events(request: Request) -> Response:
        raw = await request.body()
        try:
            body = raw.decode("utf-8")
        except UnicodeDecodeError:
            return Response(status_code=400)
        headers: dict[str, list[str]] = {}
        for key, value in request.headers.items():
            headers.setdefault(key.lower(), []).append(value)
        # The signature is checked by Bolt on these exact bytes, before anything is parsed.
        try:
            bolt_request = BoltRequest(body=body, query=request.url.query, headers=headers)
        except (ValueError, TypeError, AttributeError, KeyError, RecursionError):
            # Bolt parses the body while building the request: JSON null, a list or deep nesting
            # would otherwise end in a 500 (and Slack retries 5xx).
            return Response(status_code=400)
        bolt_response = await run_in_threadpool(app.dispatch, bolt_request)
        return Response(content=bolt_response.body, status_code=bolt_response.status,
                        headers=bolt_response.first_headers_without_set_cookie())

    async def startup() -> None:
        await run_in_threadpool(bot.recover)

    async def shutdown() -> None:
        await run_in_threadpool(bot.close)

    slack_events.bot = bot  # reachable from tests and the status page through the route
    return [Route("/slack/events", slack_events, methods=["POST"])], [startup], [shutdown]
