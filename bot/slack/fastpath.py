"""The Slack ack fast path: event callbacks are verified, claimed and acked without Bolt's dispatch.

Slack wants a 2xx within 3 s and retries otherwise, so the ack must stay fast when many events
arrive at once. Bolt builds a request object, runs its middleware chain and our gate on a thread
for every event; under a burst that queue of threads, not the work, sets the ack latency. Here an
`event_callback` is handled on the event loop: the adapter's checks (`signature.py`: timestamp,
v0 signature on the raw bytes, field types), the same gate rules as `app.gate` (team and channel
allowlists, bot and edit filtering, dedupe keys persisted before the ack), an empty 200, and the
question goes to the same `SlackBot` worker pool once the burst is over (`Handoff`). Everything else (url_verification,
slash commands, interactive payloads, app_rate_limited) goes to Bolt unchanged.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
import time
from collections.abc import Awaitable, Callable

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from clusterbot.bot.http_body import BodyRefused, read_body
from clusterbot.bot.slack.inbound import (
    channel_allowed,
    event_keys,
    question_from_event,
    team_allowed,
    team_of,
)
from clusterbot.bot.slack.runtime import SlackBot
from clusterbot.bot.slack.signature import Rejection, check_headers, check_signature, shape_problem
from clusterbot.bot.slack.webapi import describe_error

log = logging.getLogger("clusterbot.slack")

Handler = Callable[[Request], Awaitable[Response]]


def _reject(rejection: Rejection) -> Response:
    """As the Bolt adapter does: no body, one short log line, X-Slack-No-Retry (the request cannot pass)."""
    log.warning("%s", rejection.log_line("slack request"))
    return Response(status_code=rejection.status, headers={"X-Slack-No-Retry": "1"})


class BotIdentity:
    """The bot's own user and bot ids (auth.test, once), which Bolt's authorization would supply."""

    def __init__(self, bot: SlackBot) -> None:
        self._bot = bot
        self._lock = threading.Lock()
        self._starting = threading.Lock()
        self._fetching = False
        self.ids: tuple[str | None, str | None] | None = None

    def start_fetch(self) -> None:
        """Fetch the ids on a thread of their own, at most one at a time: the ack never waits on the Web API
        (auth.test hanging at start would otherwise hold every ack past Slack's 3 s)."""
        with self._starting:  # never the fetch's own lock: that one is held while auth.test hangs
            if self.ids is not None or self._fetching:
                return
            self._fetching = True

        def run() -> None:
            try:
                self.fetch()
            finally:
                self._fetching = False

        threading.Thread(target=run, name="slack-auth-test", daemon=True).start()

    def for_event(self, body: dict) -> tuple[str | None, str | None]:
        """The ids for one event: the fetched ones, else the bot user Slack names in the event's
        `authorizations` (bot_id stays unknown; any event with a bot_id is dropped anyway)."""
        if self.ids is not None:
            return self.ids
        self.start_fetch()
        for authorization in body.get("authorizations") or []:
            if isinstance(authorization, dict) and authorization.get("is_bot") and authorization.get("user_id"):
                return str(authorization["user_id"]), None
        return None, None

    def fetch(self) -> tuple[str | None, str | None] | None:
        with self._lock:
            if self.ids is None:
                try:
                    result = self._bot.client.auth_test()
                except Exception as exc:  # Slack unreachable: Bolt decides this request, we retry on the next
                    log.warning("slack: auth.test failed, the ack fast path defers to Bolt: %s", describe_error(exc))
                    return None
                self.ids = (result.get("user_id"), result.get("bot_id"))
            return self.ids


class Handoff:
    """Holds acked questions until a burst of events is over, then gives them to the worker pool.

    Answer threads compete with the event loop for the interpreter; started mid-burst they slow
    every ack still to come. The keys are already on disk (a crash loses nothing), so handing the
    work over once no event arrived for QUIET_S, or MAX_HOLD_S after the first one held, costs an
    answer at most that delay.
    """

    QUIET_S = 0.05
    MAX_HOLD_S = 0.5

    def __init__(self, bot: SlackBot, clock: Callable[[], float] | None = None) -> None:
        self._bot = bot
        self._clock = clock  # None: the event loop's clock
        self._held: list = []
        self._first = self._last = 0.0
        self._timer: asyncio.TimerHandle | None = None

    def _now(self) -> float:
        return self._clock() if self._clock else asyncio.get_running_loop().time()

    def add(self, inbound) -> None:
        loop = asyncio.get_running_loop()
        now = self._now()
        if not self._held:
            self._first = now
        self._held.append(inbound)
        self._last = now
        if self._timer is None:
            self._timer = loop.call_later(self.QUIET_S, self._check)

    def _check(self) -> None:
        loop = asyncio.get_running_loop()
        now = self._now()
        due = min(self._last + self.QUIET_S, self._first + self.MAX_HOLD_S)
        if now < due:
            self._timer = loop.call_later(due - now, self._check)
            return
        self._timer = None
        held, self._held = self._held, []
        if self._bot.closed:
            return  # shutting down: the claims stay pending and the next start answers them
        for inbound in held:
            try:
                self._bot.accept(inbound)
            except RuntimeError:  # the pools closed meanwhile; recovered on the next start
                log.warning("slack: %s left for the next start", inbound.key)


def fast_events(bot: SlackBot, signing_secret: str, bolt: Handler,
                clock: Callable[[], float] = time.time) -> Handler:
    """The `/slack/events` endpoint: event callbacks here, every other request through `bolt`."""
    identity = BotIdentity(bot)
    handoff = Handoff(bot)
    settings = bot.settings

    async def slack_events(request: Request) -> Response:
        early = check_headers(request.headers, clock)
        if early is not None:
            return _reject(early)
        try:
            raw = await read_body(request)
        except BodyRefused as exc:
            return exc.response({"X-Slack-No-Retry": "1"} if exc.status != 503 else None)
        # The same checks as the Bolt adapter, on the raw bytes before anything is parsed.
        rejection = check_signature(signing_secret, request.headers, raw, clock)
        if rejection is not None:
            return _reject(rejection)
        if raw.lstrip()[:1] not in (b"{", b"[") and "json" not in request.headers.get("content-type", ""):
            return await bolt(request)  # form bodies: slash commands, interactive payloads, ssl_check
        try:
            body = json.loads(raw)
        except (ValueError, RecursionError):
            return _reject(Rejection(400, "unparsable-body"))
        if not isinstance(body, dict):
            return _reject(Rejection(400, "body-not-object"))
        if body.get("type") == "app_rate_limited":
            # Signed and checked above; Slack counts anything but a 200 as a failed delivery.
            log.warning("slack: Slack is rate-limiting this app's events (minute %s)",
                        str(body.get("minute_rate_limited"))[:20])
            return Response(status_code=200)
        if body.get("type") != "event_callback":
            return await bolt(request)  # url_verification, …
        problem = shape_problem(body) or (None if isinstance(body.get("event"), dict) else "event-not-object")
        if problem:
            return _reject(Rejection(400, problem))
        return await _gate(bot, settings, body, identity.for_event(body), handoff)

    slack_events.bot = bot  # reachable from tests and the status page through the route
    return slack_events


async def _gate(bot: SlackBot, settings, body: dict, ids: tuple[str | None, str | None], handoff: Handoff) -> Response:
    """`app.gate` and the event listener in one step: claim, hand over, ack."""
    ok = Response(status_code=200)
    if not team_allowed(settings, team_of(body)):
        log.info("slack: request from a team not on the allowlist ignored")
        return ok
    inbound = question_from_event(body, *ids)
    if inbound is None:
        return ok
    if not channel_allowed(settings, inbound.channel, is_dm=inbound.kind == "dm"):
        log.info("slack: event from a channel not on the allowlist ignored")
        return ok
    event_key, _ = event_keys(body)
    # One short SQLite transaction on the loop thread: cheaper than a thread hop, and the key is on
    # disk before the 200 leaves, so a retry after a crash is still recognised.
    # A shared (PostgreSQL) store is a network round trip: off the loop, so /healthz answers while it is down.
    claimed = (await run_in_threadpool(bot.claim_event, event_key, inbound) if bot.state.shared
               else bot.claim_event(event_key, inbound))
    if claimed:
        handoff.add(inbound)
    return ok
