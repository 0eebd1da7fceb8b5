"""The Bolt app shared by HTTP and Socket Mode: a gate middleware and thin listeners.

Bolt verifies signatures (HTTP), answers url_verification and ssl_check, and drops the bot's own
events. The gate then drops what is not for us, enforces the allowlists and persists dedupe keys
before the ack; listeners only hand work to the `SlackBot` worker pool.
"""

from __future__ import annotations

import logging
import re

from slack_bolt import App, BoltResponse

from clusterbot.bot.slack.blocks import FEEDBACK_ACTIONS
from clusterbot.bot.slack.commands import handle_command
from clusterbot.bot.slack.credentials import SlackCredentials
from clusterbot.bot.slack.inbound import (
    Inbound,
    channel_allowed,
    event_keys,
    lang_of,
    question_from_event,
    team_allowed,
    team_of,
)
from clusterbot.bot.slack.runtime import SlackBot
from clusterbot.bot.slack.signature import shape_problem
from clusterbot.config import Settings
from clusterbot.messages import msg

log = logging.getLogger("clusterbot.slack")
INBOUND = "clusterbot_inbound"


class _QuietTokenNotice(logging.Filter):
    """Bolt warns that SLACK_BOT_TOKEN is unused when it is handed our configured client; it is expected."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "`token` will be unused" not in record.getMessage()


BOLT_LOG = logging.getLogger("clusterbot.slack.bolt")
BOLT_LOG.addFilter(_QuietTokenNotice())


def _ok() -> BoltResponse:
    return BoltResponse(status=200, body="")


def gate(bot: SlackBot, body: dict, context) -> BoltResponse | None:
    """None to continue to the listeners, or the response that ends this request here."""
    settings = bot.settings
    if shape_problem(body):  # Socket Mode requests reach here without the HTTP adapter's checks
        log.warning("slack: malformed request ignored")
        return BoltResponse(status=400, body="")
    if not team_allowed(settings, team_of(body)):
        log.info("slack: request from a team not on the allowlist ignored")
        return _ok()
    if body.get("type") != "event_callback":
        return None
    inbound = question_from_event(body, context.get("bot_user_id"), context.get("bot_id"))
    if inbound is None:
        return _ok()
    if not channel_allowed(settings, inbound.channel, is_dm=inbound.kind == "dm"):
        log.info("slack: event from a channel not on the allowlist ignored")
        return _ok()
    event_key, _ = event_keys(body)
    if not bot.claim_event(event_key, inbound):
        return _ok()  # a retry of an event we already took, or the same message through another event type
    context[INBOUND] = inbound
    return None


def handle_feedback(bot: SlackBot, body: dict, action: dict) -> None:
    value = FEEDBACK_ACTIONS[action["action_id"]]
    user = (body.get("user") or {}).get("id", "")
    container = body.get("container") or {}
    channel = (body.get("channel") or {}).get("id") or container.get("channel_id", "")
    message = body.get("message") or {}
    message_ts = container.get("message_ts") or message.get("ts")
    thread_ts = container.get("thread_ts") or message.get("thread_ts")
    exchange = bot.state.exchange_by_ref(f"{channel}:{message_ts}")
    try:
        claimed = int(action.get("value", ""))
    except ValueError:
        claimed = None
    lang = lang_of(exchange["question"]) if exchange else "zh"
    notice = Inbound(key=f"slack:action:{channel}:{message_ts}", kind="command", team=team_of(body) or "",
                     channel=channel, user=user, text="", reply_thread_ts=thread_ts,
                     conversation=f"{channel}:{thread_ts}", response_url=body.get("response_url"))
    if exchange is None or exchange["id"] != claimed:
        bot.notices.submit(bot.notice, notice, msg("slack.feedback_unknown", lang=lang))
        return
    bot.state.add_feedback(exchange["id"], user, value)
    bot.notices.submit(bot.notice, notice, msg(f"slack.feedback_thanks_{value}", lang=lang))


def build_bolt_app(settings: Settings, credentials: SlackCredentials, bot: SlackBot,
                   socket_mode: bool = False) -> App:
    app = App(
        client=bot.client,
        signing_secret=credentials.signing_secret or "",
        request_verification_enabled=not socket_mode,
        token_verification_enabled=False,   # auth.test runs on the first request, not at import
        process_before_response=True,       # listeners only enqueue, so the ack stays fast
        ignoring_self_events_enabled=True,
        logger=BOLT_LOG,
    )

    @app.middleware
    def gatekeeper(body, context, next):  # Bolt injects arguments by name
        response = gate(bot, body, context)
        if response is not None:
            return response
        return next()

    def on_question(context) -> None:
        inbound = context.get(INBOUND)
        if inbound is not None:
            bot.accept(inbound)

    app.event("app_mention")(on_question)
    app.event("message")(on_question)

    @app.command("/clusterbot")
    def on_command(ack, body) -> None:
        text = handle_command(bot, body)
        ack(text=text, response_type="ephemeral") if text else ack()

    @app.action(re.compile(r"^clusterbot_feedback_(up|down)$"))
    def on_feedback(ack, body, action) -> None:
        ack()
        if channel_allowed(settings, (body.get("channel") or {}).get("id"),
                           is_dm=str((body.get("channel") or {}).get("id", "")).startswith("D")):
            handle_feedback(bot, body, action)

    return app
