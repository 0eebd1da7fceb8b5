"""What the app does with one accepted WeCom message, run in a worker thread after the empty 200."""

from __future__ import annotations

import logging
import tempfile
import threading
from pathlib import Path

from clusterbot.bot.core import Assistant, parse_brief_request
from clusterbot.bot.wecom.api import WeComApi
from clusterbot.bot.wecom.briefs import brief_markdown
from clusterbot.bot.wecom.messages_xml import InboundMessage
from clusterbot.bot.wecom.render import APP_LIMIT_BYTES, answer_parts, split_message
from clusterbot.config import Settings
from clusterbot.errors import ClusterbotError, ConfigError
from clusterbot.messages import msg
from clusterbot.models import Answer, Question
from clusterbot.state import StateStore

log = logging.getLogger("clusterbot.wecom")

# Events that only report state (location, leaving) get no reply; a user opening the app does.
SILENT_EVENTS = {"location", "unsubscribe", "batch_job_result", "change_contact", "view", "click"}


# gettoken still failing after its own retries: the delivery stays pending and is tried again after these
# many seconds (and on the next start); then it is given up.
RESUME_AFTER_S = (30.0, 120.0, 600.0)


class TokenUnavailable(Exception):
    """No access token: nothing can be sent, not even a notice, until WeCom gives one again."""


class WeComService:
    def __init__(self, settings: Settings, api: WeComApi, assistant: Assistant) -> None:
        self.settings = settings
        self.api = api
        self.assistant = assistant
        self._ready: dict[str, Answer] = {}  # answers waiting for an access token, by delivery key

    @property
    def state(self) -> StateStore:
        return self.assistant.state

    def process(self, key: str, message: InboundMessage, attempt: int = 0) -> None:
        """Answer one message; the delivery ends 'done' or 'failed', or stays pending while no access token
        can be had (then it is tried again later, and on the next start)."""
        try:
            self._respond(key, message)
        except TokenUnavailable:
            if attempt < len(RESUME_AFTER_S):
                delay = RESUME_AFTER_S[attempt]
                log.warning("wecom: no access token; the answer is sent when one is had (again in %.0f s)", delay)
                timer = threading.Timer(delay, self.process, args=(key, message, attempt + 1))
                timer.daemon = True
                timer.start()
                return
            log.warning("wecom: no access token after %d tries; the delivery is given up", attempt + 1)
            self._ready.pop(key, None)
            self.state.mark_delivery(key, "failed")
            return
        except Exception as exc:  # the worker boundary: log the kind, tell the user, keep serving
            log.warning("wecom delivery failed: %s", type(exc).__name__, exc_info=log.isEnabledFor(logging.DEBUG))
            self.state.mark_delivery(key, "failed")
            if not isinstance(exc, ClusterbotError):
                self._notify_failure(message.from_user, msg("wecom.answer_failed"))
            elif not exc.key.startswith("wecom."):  # a readable error from the core: pass it on
                self._notify_failure(message.from_user, exc.message)
            return
        self.state.mark_delivery(key, "done")

    def _notify_failure(self, user: str, text: str) -> None:
        try:
            self.api.send_text(user, text)
        except Exception as exc:  # sending failed as well; nothing more to do
            log.warning("wecom failure notice not sent: %s", type(exc).__name__)

    def _sending(self, key: str) -> None:
        """Record 'sending' just before a message leaves: WeCom cannot be asked afterwards what arrived,
        so a delivery that dies in this window is not sent again on resume (at most once, not twice).
        The token is fetched first so a kill while fetching it still leaves the delivery resumable."""
        try:
            self.api.token()
        except ConfigError:
            raise  # a rejected secret or IP: retrying does not help
        except ClusterbotError as exc:
            raise TokenUnavailable() from exc
        self.state.mark_delivery(key, "sending")

    def _send(self, user: str, text: str) -> None:
        for part in split_message(text, APP_LIMIT_BYTES):
            self.api.send_markdown(user, part)

    def _respond(self, key: str, message: InboundMessage) -> None:
        user = message.from_user
        if message.msg_type == "event" and message.event.lower() in SILENT_EVENTS:
            return
        text = message.content.strip()
        if message.msg_type != "text" or not text:
            self._sending(key)
            self.api.send_text(user, msg("wecom.help"))
            return
        limit = self.settings.rate_limit_per_user_per_min
        if not self.state.allow(f"wecom:user:{user}", limit, 60.0):
            self._sending(key)
            self.api.send_text(user, msg("wecom.rate_limited"))
            return
        target = parse_brief_request(text)
        if target:
            self._send_briefing(user, target, key)
            return
        # An answer computed before a failed token fetch is kept for the next try (one audit record, not two).
        answer = self._ready.pop(key, None) or self.assistant.answer(
            Question(text=text, channel="wecom", user=user, thread=user))
        try:
            self._sending(key)
        except TokenUnavailable:
            self._ready[key] = answer
            raise
        parts = answer_parts(answer, APP_LIMIT_BYTES)
        for sent, part in enumerate(parts):
            try:
                self.api.send_markdown(user, part)
            except Exception:
                if sent:  # "(1/2)" went out and the rest cannot: say so rather than leave it hanging
                    self._notify_failure(user, msg("wecom.answer_cut", sent=sent, total=len(parts)))
                raise
        if answer.exchange_id is not None:
            self.state.set_message_ref(answer.exchange_id, key)

    def _send_briefing(self, user: str, target: str, key: str) -> None:
        with tempfile.TemporaryDirectory(prefix="wecom-brief-") as tmp:
            try:
                brief = self.assistant.brief(target, Path(tmp), formats=("docx",))
            except ClusterbotError as exc:
                self._sending(key)
                self.api.send_text(user, msg("wecom.brief_failed", reason=exc.message))
                return
            self._sending(key)
            self._send(user, brief_markdown(brief))
            for path in brief.files:
                self.api.send_file(user, self.api.upload_media(path, "file"))
