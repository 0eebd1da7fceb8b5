"""What Slack already shows for one delivery: each post carries message metadata naming its delivery.

A process killed between posting and recording "done" leaves the delivery pending. On resume the
thread (conversations.replies) or, for top-level posts, the channel history is read back, and the
parts already there are not posted again. Slack is the record; the state database may lag behind it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from clusterbot.bot.slack.inbound import Inbound
from clusterbot.bot.slack.webapi import describe_error

log = logging.getLogger("clusterbot.slack")

EVENT_TYPE = "clusterbot_delivery"
INTERIM = "interim"
HISTORY_LIMIT = 200          # messages per page (Slack's largest page for conversations.*)
MAX_PAGES = 50               # a thread of up to 10 000 messages is read back whole
HISTORY_SLACK_S = 60.0       # top-level posts after a slash command: look back a little before it arrived


def metadata(key: str, part: int | str, parts: int | None = None) -> dict:
    payload: dict = {"key": key, "part": part}
    if parts is not None:
        payload["parts"] = parts
    return {"event_type": EVENT_TYPE, "event_payload": payload}


@dataclass
class Posted:
    """The parts of one delivery found in Slack: part number → ts; the interim's ts; whether all are there."""

    parts: dict[int, str] = field(default_factory=dict)
    interim_ts: str | None = None
    total: int | None = None

    @property
    def complete(self) -> bool:
        return self.total is not None and all(n in self.parts for n in range(self.total))


def _message_ts(inbound: Inbound) -> str | None:
    """The ts of the message that asked (keys are slack:msg:<channel>:<ts>); None for slash commands."""
    prefix = f"slack:msg:{inbound.channel}:"
    return inbound.key[len(prefix):] if inbound.key.startswith(prefix) else None


def _read_back(client: WebClient, inbound: Inbound) -> list[dict]:
    """Every message of the thread (or of the channel since the question), page by page: the answer posted
    before a kill is at the end of a long thread, past the first page."""
    messages: list[dict] = []
    cursor: str | None = None
    for _ in range(MAX_PAGES):
        if inbound.reply_thread_ts:
            resp = client.conversations_replies(channel=inbound.channel, ts=inbound.reply_thread_ts,
                                                include_all_metadata=True, limit=HISTORY_LIMIT, cursor=cursor)
        else:
            oldest = _message_ts(inbound) or f"{inbound.received_at - HISTORY_SLACK_S:.6f}"
            resp = client.conversations_history(channel=inbound.channel, oldest=oldest,
                                                include_all_metadata=True, limit=HISTORY_LIMIT, cursor=cursor)
        messages += list(resp.get("messages") or [])
        cursor = ((resp.get("response_metadata") or {}).get("next_cursor") or "") if resp.get("has_more") else ""
        if not cursor:
            return messages
    log.warning("slack: %s: read back %d pages, the rest of the thread is not checked", inbound.key, MAX_PAGES)
    return messages


def find_posted(client: WebClient, inbound: Inbound) -> Posted | None:
    """The parts of `inbound`'s answer already in Slack; None when Slack could not be asked."""
    try:
        messages = _read_back(client, inbound)
    except (SlackApiError, SlackClientError) as exc:
        log.warning("slack: could not read back %s before resuming it: %s", inbound.key, describe_error(exc))
        return None
    found = Posted()
    for message in messages:
        meta = message.get("metadata") if isinstance(message, dict) else None
        if not isinstance(meta, dict) or meta.get("event_type") != EVENT_TYPE:
            continue
        payload = meta.get("event_payload") or {}
        if not isinstance(payload, dict) or payload.get("key") != inbound.key or not message.get("ts"):
            continue
        part = payload.get("part")
        if part == INTERIM:
            found.interim_ts = message["ts"]
        elif isinstance(part, int):
            found.parts[part] = message["ts"]
            if isinstance(payload.get("parts"), int):
                found.total = payload["parts"]
    return found
