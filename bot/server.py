"""One ASGI app for every HTTP channel: /healthz, /slack/events, /wecom/callback.

A channel is mounted only when it is configured; `build_app` fails before serving anything
when a configured channel is missing a variable, so nothing starts half-configured.
"""

from __future__ import annotations

from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from clusterbot.config import Settings


async def healthz(request: Request) -> JSONResponse:
    """200 when every store a request depends on reads; 503 naming the ones that do not (by store name only).
    An open LLM circuit breaker makes the status "degraded" (still 200: questions get the offline answer)."""
    from clusterbot.bot.health import llm_paused

    app_state = request.app.state
    found = await app_state.health.problems()
    paused = llm_paused(app_state.settings)
    body = {"status": "unhealthy" if found else "degraded" if paused else "ok",
            "channels": sorted(app_state.channels)}
    if found:
        body["problems"] = found
    if paused:
        body["llm"] = "paused"
    return JSONResponse(body, status_code=503 if found else 200)


def settings_max_body(settings: Settings) -> int:
    return 1024 * 1024  # Slack and WeCom bodies are small; anything larger is refused.


def build_app(settings: Settings, channels: list[str]) -> Starlette:
    """Build the app for `channels` (any of "slack", "wecom").

    Each channel module returns (routes, startup hooks, shutdown hooks); hooks are async callables.
    """
    from clusterbot.bot.core import Assistant

    routes = [Route("/healthz", healthz, methods=["GET"])]
    # One assistant (and so one state store) per process, shared by every channel.
    assistant = Assistant(settings) if channels else None
    mounted: list[str] = []
    on_shutdown = []
    on_startup = []
    for channel in channels:
        if channel == "slack":
            from clusterbot.bot.slack.http import slack_routes

            channel_routes, startup, shutdown = slack_routes(settings, assistant)
        elif channel == "wecom":
            from clusterbot.bot.wecom.callback import wecom_routes

            channel_routes, startup, shutdown = wecom_routes(settings, assistant)
        else:
            raise ValueError(channel)
        routes.extend(channel_routes)
        on_startup.extend(startup)
        on_shutdown.extend(shutdown)
        mounted.append(channel)

    @asynccontextmanager
    async def lifespan(app: Starlette):
        if assistant is not None:
            import anyio

            await anyio.to_thread.run_sync(assistant.state.prune)
            await anyio.to_thread.run_sync(assistant.warm_up)
        for hook in on_startup:
            await hook()
        from clusterbot.state_sweep import start_sweeper

        sweeper = start_sweeper(app.state.state_store, on_startup)  # the recovery hooks, again every half lease
        try:
            yield
        finally:
            if sweeper is not None:
                sweeper.cancel()
            for hook in on_shutdown:
                await hook()

    app = Starlette(routes=routes, lifespan=lifespan, max_body_size=settings_max_body(settings))
    app.state.channels = mounted
    app.state.settings = settings
    app.state.state_store = assistant.state if assistant is not None else None
    from clusterbot.bot.health import HealthCache

    app.state.health = HealthCache(settings, app.state.state_store)
    return app
