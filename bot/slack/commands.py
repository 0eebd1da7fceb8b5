"""`/clusterbot`: a question, `brief <place>`, `help`, and admin-only `status` / `reindex`."""

from __future__ import annotations

import datetime as dt
import logging
import re
import time
from importlib.metadata import PackageNotFoundError, version
from typing import Literal

from clusterbot.bot.slack.inbound import Inbound, channel_allowed, lang_of
from clusterbot.bot.slack.runtime import SlackBot
from clusterbot.errors import ClusterbotError
from clusterbot.messages import msg
from clusterbot.templates import render

log = logging.getLogger("clusterbot.slack")

HELP_WORDS = {"help", "帮助", "?", "？", "-h", "--help"}
BRIEF_WORDS = {"brief", "briefing", "简报"}
ADMIN_COMMANDS = {"status", "reindex"}
# A lone ASCII word that is not a known subcommand is a mistyped subcommand, not a question.
_SUBCOMMAND_LIKE = re.compile(r"^[A-Za-z][A-Za-z_-]{0,30}$")


def is_admin(bot: SlackBot, user: str) -> bool:
    return user in bot.settings.admin_users


def help_text(bot: SlackBot, user: str, lang: str) -> str:
    return render("slack_help", lang=lang, admin=is_admin(bot, user))


def status_text(bot: SlackBot, lang: str) -> str:
    try:
        package_version = version("clusterbot")
    except PackageNotFoundError:
        package_version = "dev"
    last = bot.state.tail(1)
    feedback = bot.state.feedback()
    return render(
        "slack_status", lang=lang, version=package_version, mode=bot.settings.mode,
        llm_configured=bot.settings.llm_configured, data_dir=str(bot.settings.data_dir),
        queue_depth=bot.queue_depth, pending=bot.state.count_pending("slack"),
        exchanges=last[0]["id"] if last else 0,
        last_exchange=(dt.datetime.fromtimestamp(last[0]["created_at"]).strftime("%Y-%m-%d %H:%M") if last else ""),
        up=sum(1 for f in feedback if f["value"] == "up"), down=sum(1 for f in feedback if f["value"] == "down"),
    )


def reindex(bot: SlackBot, inbound: Inbound) -> None:
    """Bring the indicator store and the policy index up to date with the shipped files (on a worker).

    Changed or new shipped documents are re-parsed and re-embedded and missing vectors rebuilt;
    documents an administrator ingested are kept.
    """
    from clusterbot.bot.bootstrap import ensure_ready

    started = time.perf_counter()
    try:
        ensure_ready(bot.settings)
    except ClusterbotError as exc:
        bot.notice(inbound, msg("slack.reindex_failed", lang=inbound.lang, reason=exc.message))
        return
    seconds = f"{time.perf_counter() - started:.1f}"
    bot.notice(inbound, msg("slack.reindex_done", lang=inbound.lang, seconds=seconds))


def command_inbound(body: dict, text: str) -> Inbound:
    channel, user = body.get("channel_id", ""), body.get("user_id", "")
    return Inbound(
        key=f"slack:cmd:{body.get('trigger_id') or time.time_ns()}",
        kind="command",
        team=body.get("team_id", ""),
        channel=channel,
        user=user,
        text=text,
        reply_thread_ts=None,
        conversation=f"{channel}:slash-{user}",
        response_url=body.get("response_url"),
    )


def handle_command(bot: SlackBot, body: dict) -> str | None:
    """Act on a slash command; the text for the immediate (ephemeral) ack, or None for an empty ack."""
    text = " ".join((body.get("text") or "").split())
    channel, user = body.get("channel_id", ""), body.get("user_id", "")
    word, _, rest = text.partition(" ")
    sub = word.lower()
    # Subcommand words are English by design; reply in English only to English free text.
    is_subcommand = sub in HELP_WORDS | BRIEF_WORDS | ADMIN_COMMANDS or bool(_SUBCOMMAND_LIKE.match(text))
    lang = (lang_of(rest) if rest else "zh") if is_subcommand else lang_of(text)
    if not channel_allowed(bot.settings, channel, is_dm=channel.startswith("D")):
        return msg("slack.channel_not_allowed", lang=lang)
    if not text or sub in HELP_WORDS:
        return help_text(bot, user, lang)
    if sub in ADMIN_COMMANDS and not rest:
        if not is_admin(bot, user):
            return msg("slack.admin_only", lang=lang, command=sub)
        if sub == "status":
            return status_text(bot, lang)
        inbound = command_inbound(body, text)
        bot.run_in_background(reindex, bot, inbound)
        return msg("slack.reindex_started", lang=lang)
    if sub in BRIEF_WORDS:
        target = rest.strip()
        if not target:
            return msg("slack.brief_usage", lang=lang)
        inbound = command_inbound(body, text)
        refused = _refused(bot, inbound, lang)
        if refused is not False:
            return refused
        bot.submit_brief(inbound, target)
        return msg("slack.brief_thinking", lang=lang, target=target)
    if _SUBCOMMAND_LIKE.match(text):
        return help_text(bot, user, lang)
    inbound = command_inbound(body, text)
    refused = _refused(bot, inbound, lang)
    if refused is not False:
        return refused
    bot.submit(inbound, interim=False)
    return msg("slack.thinking", lang=lang)


def _refused(bot, inbound, lang: str) -> str | None | Literal[False]:
    """False when the command may go ahead; otherwise the reply: None for a duplicate, or the limit hit."""
    if not bot.claim(inbound.key, inbound.payload()):
        return None
    limited = bot.within_rate_limit(inbound)
    if limited:
        bot.state.mark_delivery(inbound.key, "done")
        return msg(limited, lang=lang)
    return False
