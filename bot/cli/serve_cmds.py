"""`clusterbot serve`: the HTTP channels on one ASGI app, or Slack over Socket Mode."""

from __future__ import annotations

import logging

import click

from clusterbot.bot.cli.output import echo
from clusterbot.config import Settings
from clusterbot.errors import ConfigError
from clusterbot.messages import msg

WECOM_VARS = ("WECOM_CORP_ID", "WECOM_TOKEN", "WECOM_AES_KEY", "WECOM_SECRET", "WECOM_AGENT_ID")
CHANNELS = ("slack", "wecom")


def wecom_configured(settings: Settings) -> bool:
    return bool(settings.wecom_corp_id or settings.wecom_agent_id
                or any(settings.optional_secret(v) for v in WECOM_VARS))


def channels_to_serve(settings: Settings, only: str | None = None) -> list[str]:
    """The channels to mount: the one asked for, else every configured one; none is an error."""
    from clusterbot.bot.slack.credentials import slack_configured

    if only is not None:
        if only not in CHANNELS:
            raise ConfigError("serve.unknown_channel", name=only)
        return [only]
    channels = []
    if slack_configured(settings):
        channels.append("slack")
    if wecom_configured(settings):
        channels.append("wecom")
    if not channels:
        raise ConfigError("serve.no_channel")
    return channels


@click.command()
@click.argument("channel", required=False, metavar="[slack|wecom]")
@click.option("--socket", "socket_mode", is_flag=True,
              help="Slack Socket Mode（需 SLACK_BOT_TOKEN 与 SLACK_APP_TOKEN），无需公网地址。")
@click.option("--host", default="127.0.0.1", show_default=True, help="HTTP 监听地址。")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(0, 65535), help="HTTP 端口。")
@click.pass_context
def serve(ctx: click.Context, channel: str | None, socket_mode: bool, host: str, port: int) -> None:
    """启动机器人服务：Slack 事件（/slack/events）、企业微信回调（/wecom/callback）和 /healthz。

    不带参数时启动所有已配置的渠道；`clusterbot serve slack --socket` 以 Socket Mode 连接 Slack。
    """
    from clusterbot.bot.cli.main import settings_from

    settings = settings_from(ctx)
    root = ctx.find_root().obj or {}
    if not root.get("debug"):
        logging.getLogger("clusterbot").setLevel(logging.INFO)
    if socket_mode:
        if channel not in (None, "slack"):
            raise ConfigError("slack.socket_not_slack")
        from clusterbot.bot.slack.socket import SocketModeRunner

        runner = SocketModeRunner(settings)  # credentials are checked before anything connects
        _prepare_data(settings)
        runner.connect()
        echo(msg("serve.socket_started"))
        runner.wait()
        return
    import uvicorn

    from clusterbot.bot.server import build_app

    channels = channels_to_serve(settings, channel)
    app = build_app(settings, channels)  # fails here, before listening, on any bad credential
    _prepare_data(settings)
    echo(msg("serve.listening", host=host, port=port, channels="、".join(channels)))
    uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=False)


def _prepare_data(settings: Settings) -> None:
    """Build the store and index and load the models now, with progress, so the first question is not the slow one."""
    from clusterbot.bot.bootstrap import ensure_ready
    from clusterbot.bot.cli.progress import Steps
    from clusterbot.bot.core import Assistant

    steps = Steps()
    ensure_ready(settings, progress=steps)
    steps(msg("cli.serve_warming"))
    Assistant(settings).warm_up()  # the app's own warm-up then finds everything loaded
    steps.done()
