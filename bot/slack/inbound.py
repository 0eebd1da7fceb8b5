"""Which Slack deliveries become questions, and the dedupe keys that make each one answered once."""

from __future__ import annotations

import re
import time
from dataclasses import asdict, dataclass, field

from clusterbot.bot.slack.mrkdwn import from_slack_text
from clusterbot.config import Settings

DEDUPE_TTL_S = 24 * 3600  # Slack retries for ~5 minutes; keep keys far longer than the 10-minute minimum
# Message subtypes that are still a person talking to us; edits, deletions, joins, bot posts are not.
_HUMAN_SUBTYPES = {None, "thread_broadcast", "file_share"}
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")


def lang_of(text: str) -> str:
    """"en" for a question written in English, otherwise "zh"."""
    return "en" if not _CJK.search(text) and _LATIN.search(text) else "zh"


@dataclass
class Inbound:
    """One question (or request) from Slack, as persisted with its dedupe key."""

    key: str
    kind: str                     # "mention" | "dm" | "command"
    team: str
    channel: str
    user: str
    text: str
    reply_thread_ts: str | None   # where the answer goes; None = top level of the conversation
    conversation: str             # Question.thread: "<channel>:<thread_ts>"
    response_url: str | None = None
    received_at: float = field(default_factory=time.time)

    @property
    def lang(self) -> str:
        return lang_of(self.text)

    def payload(self) -> dict:
        return asdict(self)


def event_keys(body: dict) -> tuple[str | None, str | None]:
    """(event-id key, message key): a retry repeats the first, a mention also seen as a message the second."""
    event = body.get("event") or {}
    event_key = f"slack:event:{body['event_id']}" if body.get("event_id") else None
    channel, ts = event.get("channel"), event.get("ts") or event.get("event_ts")
    message_key = f"slack:msg:{channel}:{ts}" if channel and ts else None
    return event_key, message_key


def is_from_bot(event: dict, bot_user_id: str | None, bot_id: str | None) -> bool:
    return bool(
        event.get("bot_id")
        or event.get("bot_profile")
        or event.get("subtype") not in _HUMAN_SUBTYPES
        or (bot_user_id and event.get("user") == bot_user_id)
        or (bot_id and event.get("bot_id") == bot_id)
        or not event.get("user")
    )


def question_from_event(body: dict, bot_user_id: str | None, bot_id: str | None = None) -> Inbound | None:
    """The question an event carries, or None when it is not for us (bots, edits, plain channel chatter)."""
    event = body.get("event") or {}
    kind_of_event = event.get("type")
    if kind_of_event not in ("app_mention", "message") or is_from_bot(event, bot_user_id, bot_id):
        return None
    text = event.get("text") or ""
    channel = event.get("channel")
    ts = event.get("ts")
    if not channel or not ts:
        return None
    is_dm = kind_of_event == "message" and (event.get("channel_type") == "im" or channel.startswith("D"))
    mentioned = kind_of_event == "app_mention" or bool(bot_user_id and f"<@{bot_user_id}>" in text)
    if not is_dm and not mentioned:
        return None  # channel chatter: we only answer when called
    thread_ts = event.get("thread_ts")
    reply_ts = thread_ts if is_dm else (thread_ts or ts)
    _, message_key = event_keys(body)
    return Inbound(
        key=message_key or f"slack:msg:{channel}:{ts}",
        kind="dm" if is_dm else "mention",
        team=body.get("team_id") or event.get("team") or "",
        channel=channel,
        user=event["user"],
        text=from_slack_text(text, bot_user_id),
        reply_thread_ts=reply_ts,
        conversation=f"{channel}:{reply_ts or 'main'}",
    )


def team_allowed(settings: Settings, team: str | None) -> bool:
    return not settings.slack_allowed_teams or (team or "") in settings.slack_allowed_teams


def channel_allowed(settings: Settings, channel: str | None, is_dm: bool = False) -> bool:
    """Direct messages are allowed whenever the team is; the list restricts shared channels."""
    return is_dm or not settings.slack_allowed_channels or (channel or "") in settings.slack_allowed_channels


def team_of(body: dict) -> str | None:
    return (body.get("team_id") or (body.get("team") or {}).get("id")
            or (body.get("event") or {}).get("team") or (body.get("user") or {}).get("team_id"))
