"""Answering after the ack: a bounded worker pool, the "正在查询…" interim, delivery and recovery."""

from __future__ import annotations

import logging
import tempfile
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from pathlib import Path
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.webhook import WebhookClient

from clusterbot.bot.core import Assistant, parse_brief_request
from clusterbot.bot.slack.blocks import SlackMessage, render_answer, render_text
from clusterbot.bot.slack.inbound import DEDUPE_TTL_S, Inbound
from clusterbot.bot.slack.interim import DelayedInterim
from clusterbot.bot.slack.posted import INTERIM, Posted, find_posted, metadata
from clusterbot.bot.slack.webapi import describe_error
from clusterbot.config import Settings
from clusterbot.errors import ClusterbotError
from clusterbot.messages import msg
from clusterbot.models import Question

log = logging.getLogger("clusterbot.slack")

INTERIM_WAIT_S = 20.0
RECOVERY_WINDOW_S = 3600.0     # older unfinished work is not answered after a restart
FALLBACK_ERRORS = {"not_in_channel", "channel_not_found", "is_archived"}


class SlackBot:
    """One per process: shares the Assistant (and its state store) between all Slack work."""

    def __init__(self, settings: Settings, client: WebClient, assistant: Assistant | None = None) -> None:
        self.settings = settings
        self.client = client
        self.assistant = assistant or Assistant(settings)
        self.state = self.assistant.state
        # Answers queue here (unbounded queue, bounded threads): a burst waits, nothing is dropped.
        self.workers = ThreadPoolExecutor(max_workers=max(1, settings.worker_threads),
                                          thread_name_prefix="slack-answer")
        # Interims and short notices go out at once, even while every answer worker is busy.
        self.notices = ThreadPoolExecutor(max_workers=2, thread_name_prefix="slack-notice")
        self._inflight: set[Future] = set()
        self._resuming: dict[str, Posted] = {}  # parts found in Slack for work resumed after a restart
        self._lock = threading.Lock()
        self.closed = False

    # intake ----------------------------------------------------------------------------
    def claim(self, key: str, payload: dict | None = None, status: str = "pending") -> bool:
        """Persist a dedupe key before the ack; False when this delivery was seen already."""
        return self.state.claim(key, "slack", payload, ttl_s=DEDUPE_TTL_S, status=status)

    def claim_event(self, event_key: str | None, inbound: Inbound) -> bool:
        """The event id (a Slack retry) and the message (the same message through another event type),
        persisted together before the ack; False when either was seen already."""
        entries: list[tuple[str, dict[str, Any] | None, str]] = [(event_key, None, "done")] if event_key else []
        entries.append((inbound.key, inbound.payload(), "pending"))
        return self.state.claim_all(entries, "slack", ttl_s=DEDUPE_TTL_S)

    def within_rate_limit(self, inbound: Inbound) -> str | None:
        """None when allowed, else the message key explaining which limit was hit."""
        s = self.settings
        if not self.state.allow(f"slack:user:{inbound.team}:{inbound.user}", s.rate_limit_per_user_per_min, 60):
            return "slack.rate_limited_user"
        if inbound.kind != "dm" and not self.state.allow(
                f"slack:channel:{inbound.team}:{inbound.channel}", s.rate_limit_per_channel_per_min, 60):
            return "slack.rate_limited_channel"
        return None

    def accept(self, inbound: Inbound) -> None:
        """A question from an event: admit it after the ack (rate limits are not on the ack path)."""
        self._track(self.notices.submit(self._admit, inbound))

    def _admit(self, inbound: Inbound) -> None:
        """Queue the question, or tell the asker politely that a rate limit was hit."""
        limited = self.within_rate_limit(inbound)
        if limited:
            self._track(self.notices.submit(self.notice, inbound, msg(limited, lang=inbound.lang)))
            self.state.mark_delivery(inbound.key, "done")
            return
        self.submit(inbound)

    def submit(self, inbound: Inbound, interim: bool = True, interim_ts: str | None = None,
               resumed: bool = False) -> None:
        """Queue the answer; the interim is posted right away on the notice pool (or reused after a restart).

        Resumed work first reads Slack back in the worker, so a restart with many pending answers starts at once.
        """
        brief_target = parse_brief_request(inbound.text) if inbound.kind != "command" else None
        pending = None
        if interim_ts:
            pending = Future()
            pending.set_result(interim_ts)
        elif interim and inbound.kind != "command":
            text = (msg("slack.brief_thinking", lang=inbound.lang, target=brief_target) if brief_target
                    else msg("slack.thinking", lang=inbound.lang))
            delay = self.settings.slack_interim_delay_s
            if delay > 0:
                pending = DelayedInterim(lambda: self._post_interim(inbound, text), delay)
            else:
                pending = self.notices.submit(self._post_interim, inbound, text)
        self._track(self.workers.submit(self._work, inbound, pending, brief_target, resumed))

    def submit_brief(self, inbound: Inbound, target: str) -> None:
        self._track(self.workers.submit(self._work, inbound, None, target))

    def run_in_background(self, fn, *args) -> None:
        self._track(self.workers.submit(fn, *args))

    def _track(self, future: Future) -> None:
        with self._lock:
            self._inflight.add(future)
        future.add_done_callback(self._untrack)

    def _untrack(self, future: Future) -> None:
        with self._lock:
            self._inflight.discard(future)

    @property
    def queue_depth(self) -> int:
        with self._lock:
            return sum(1 for f in self._inflight if not f.done())

    # work --------------------------------------------------------------------------------
    def _work(self, inbound: Inbound, interim: Future | DelayedInterim | None, brief_target: str | None,
              resumed: bool = False) -> None:
        try:
            if resumed:
                go_on, interim = self._resume(inbound, interim)
                if not go_on:
                    return
            if brief_target:
                self._brief(inbound, brief_target, interim)
            else:
                self._answer(inbound, interim)
            self.state.mark_delivery(inbound.key, "done")
        except (SlackApiError, SlackClientError) as exc:
            log.error("slack: could not post the answer for %s: %s", inbound.key, describe_error(exc))
            self.state.mark_delivery(inbound.key, "failed")
            self.notice(inbound, msg("slack.post_failed", lang=inbound.lang, error=describe_error(exc)))
        except ClusterbotError as exc:  # already a message an official can read
            log.warning("slack: %s answered with an error: %s", inbound.key, exc.key)
            self.state.mark_delivery(inbound.key, "failed")
            self._deliver_text(inbound, exc.message, interim)
        except Exception:
            log.exception("slack: answering %s failed", inbound.key)
            self.state.mark_delivery(inbound.key, "failed")
            self._deliver_text(inbound, msg("slack.answer_failed", lang=inbound.lang), interim)

    def _answer(self, inbound: Inbound, interim: Future | DelayedInterim | None) -> None:
        question = Question(text=inbound.text, channel="slack", user=inbound.user, thread=inbound.conversation)
        answer = self.assistant.answer(question)
        asked_by = inbound.user if inbound.kind == "command" else None
        messages = render_answer(answer, asked_by=asked_by, question=inbound.text)
        last_ts = self._deliver(inbound, messages, interim)
        if answer.exchange_id is not None and last_ts:
            self.state.set_message_ref(answer.exchange_id, f"{inbound.channel}:{last_ts}")

    def _brief(self, inbound: Inbound, target: str, interim: Future | DelayedInterim | None) -> None:
        with tempfile.TemporaryDirectory(prefix="clusterbot-brief-") as tmp:
            try:
                briefing = self.assistant.brief(target, Path(tmp))
            except ClusterbotError as exc:
                self._deliver_text(inbound, msg("slack.brief_failed", lang=inbound.lang, target=target,
                                                reason=exc.message), interim)
                return
            self._deliver_text(inbound, briefing.summary, interim)
            uploads = [{"file": str(path), "filename": Path(path).name, "title": f"{briefing.title}（{Path(path).suffix[1:]}）"}
                       for path in briefing.files]
            if uploads:
                self.client.files_upload_v2(file_uploads=uploads, channel=inbound.channel,
                                            thread_ts=inbound.reply_thread_ts, initial_comment=briefing.title)

    # delivery ----------------------------------------------------------------------------
    def _post_interim(self, inbound: Inbound, text: str) -> str | None:
        try:
            resp = self.client.chat_postMessage(channel=inbound.channel, thread_ts=inbound.reply_thread_ts, text=text,
                                                metadata=metadata(inbound.key, INTERIM))
            ts = resp.get("ts")
            if ts:  # a restart before the answer replaces this message instead of posting another
                self.state.note_delivery(inbound.key, interim_ts=ts)
            return ts
        except (SlackApiError, SlackClientError) as exc:
            log.warning("slack: interim not posted for %s: %s", inbound.key, describe_error(exc))
            return None

    def _interim_ts(self, interim: Future | DelayedInterim | None) -> str | None:
        if interim is None:
            return None
        try:
            return interim.result(timeout=INTERIM_WAIT_S)
        except Exception:
            return None

    def _deliver(self, inbound: Inbound, messages: list[SlackMessage], interim: Future | DelayedInterim | None) -> str | None:
        """Post (or replace the interim with) each message; the ts of the last one.

        Every post names its delivery and part in message metadata; parts found in Slack on resume are skipped.
        """
        ts = self._interim_ts(interim)
        with self._lock:
            posted = self._resuming.pop(inbound.key, None)
        last = None
        total = len(messages)
        for n, message in enumerate(messages):
            if posted is not None and n in posted.parts:
                last = posted.parts[n]
                continue
            tag = metadata(inbound.key, n, total)
            if n == 0 and ts:
                resp = self.client.chat_update(channel=inbound.channel, ts=ts, text=message.text, blocks=message.blocks,
                                               metadata=tag)
                last = resp.get("ts") or ts
                continue
            try:
                resp = self.client.chat_postMessage(channel=inbound.channel, thread_ts=inbound.reply_thread_ts,
                                                    text=message.text, blocks=message.blocks, metadata=tag)
            except SlackApiError as exc:
                if inbound.response_url and (exc.response.get("error") in FALLBACK_ERRORS):
                    # A slash command in a conversation the bot is not in: answer through response_url.
                    self._respond(inbound, message)
                    continue
                raise
            last = resp.get("ts")
        return last

    def _deliver_text(self, inbound: Inbound, text: str, interim: Future | DelayedInterim | None = None) -> None:
        try:
            self._deliver(inbound, render_text(text, inbound.lang), interim)
        except (SlackApiError, SlackClientError) as exc:
            log.error("slack: could not post a notice for %s: %s", inbound.key, describe_error(exc))

    def notice(self, inbound: Inbound, text: str) -> None:
        """A short message to the asker: ephemeral for slash commands, in the thread otherwise."""
        try:
            if inbound.kind == "command":
                self.client.chat_postEphemeral(channel=inbound.channel, user=inbound.user, text=text)
            else:
                self.client.chat_postMessage(channel=inbound.channel, thread_ts=inbound.reply_thread_ts, text=text)
        except (SlackApiError, SlackClientError) as exc:
            log.error("slack: could not tell %s: %s", inbound.key, describe_error(exc))
            if inbound.response_url:
                self._respond(inbound, SlackMessage(text=text), ephemeral=True)

    def _respond(self, inbound: Inbound, message: SlackMessage, ephemeral: bool = False) -> None:
        try:
            WebhookClient(inbound.response_url or "", timeout=15).send(
                text=message.text, blocks=message.blocks or None,
                response_type="ephemeral" if ephemeral else "in_channel")
        except Exception as exc:  # the last resort; never raise from here
            log.error("slack: response_url delivery failed for %s: %s", inbound.key, type(exc).__name__)

    # lifecycle ---------------------------------------------------------------------------
    def _resume(self, inbound: Inbound, interim: Future | DelayedInterim | None) -> tuple[bool, Future | DelayedInterim | None]:
        """Before answering resumed work, ask Slack which parts it already shows (a kill between posting and
        recording "done"). (False, _) when the answer is complete there; else the interim to replace."""
        posted = find_posted(self.client, inbound)
        if posted is None:
            return True, interim
        if posted.complete:
            log.info("slack: %s was already answered before the restart", inbound.key)
            self.state.mark_delivery(inbound.key, "done")
            return False, interim
        with self._lock:
            self._resuming[inbound.key] = posted
        if interim is None and posted.interim_ts and not posted.parts:
            interim = Future()
            interim.set_result(posted.interim_ts)
        return True, interim

    def recover(self) -> int:
        """Queue work claimed before a restart but never finished; stale work is marked failed.

        No new "正在查询…" is posted: an interim recorded or found in Slack is reused, else the answer is posted.
        """
        resumed = 0
        for key, payload in self.state.pending_deliveries("slack"):
            if not payload or "kind" not in payload:
                self.state.mark_delivery(key, "done")
                continue
            interim_ts = payload.pop("interim_ts", None)
            inbound = Inbound(**payload)
            if time.time() - inbound.received_at > RECOVERY_WINDOW_S:
                self.state.mark_delivery(key, "failed")
                continue
            self.submit(inbound, interim=False, interim_ts=interim_ts, resumed=True)
            resumed += 1
        return resumed

    def close(self, timeout: float = 10.0) -> None:
        """Stop taking work and give running answers a bounded time to finish.

        Answers still queued stay 'pending' in the state store and are resumed on the next start.
        """
        if self.closed:
            return
        self.closed = True
        with self._lock:
            inflight = list(self._inflight)
        wait_futures(inflight, timeout=timeout)
        self.workers.shutdown(wait=False, cancel_futures=True)
        self.notices.shutdown(wait=False, cancel_futures=True)
