"""What the app does with one accepted WeCom message, run in a worker thread after the empty 200."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from clusterbot.bot.core import Assistant, parse_brief_request
from clusterbot.bot.wecom.api import WeComApi
from clusterbot.bot.wecom.briefs import brief_markdown
from clusterbot.bot.wecom.messages_xml import InboundMessage
from clusterbot.bot.wecom.render import APP_LIMIT_BYTES, answer_parts, split_message
from clusterbot.config import Settings
from clusterbot.errors import ClusterbotError
from clusterbot.messages import msg
from clusterbot.models import Question
from clusterbot.state import StateStore

log = logging.getLogger("clusterbot.wecom")

# Events that only report state (location, leaving) get no reply; a user opening the app does.
SILENT_EVENTS = {"location", "unsubscribe", "batch_job_result", "change_contact", "view", "click"}


class WeComService:
    def __init__(self, settings: Settings, api: WeComApi, assistant: Assistant) -> None:
        self.settings = settings
        self.api = api
        self.assistant = assistant

    @property
    def state(self) -> StateStore:
        return self.assistant.state

    def process(self, key: str, message: InboundMessage) -> None:
        """Answer one message; the delivery ends 'done' or 'failed', never stays pending."""
        try:
            self._respond(key, message)
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
        self.api.token()
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
        answer = self.assistant.answer(Question(text=text, channel="wecom", user=user, thread=user))
        self._sending(key)
        for part in answer_parts(answer, APP_LIMIT_BYTES):
            self.api.send_markdown(user, part)
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
