"""Slack credentials, checked before anything starts so nothing runs half-configured."""

from __future__ import annotations

import re
from dataclasses import dataclass

from clusterbot.config import Settings
from clusterbot.errors import ConfigError

# A signing secret is shown in the app settings as 32 hex characters; accept any plain alphanumeric
# string of sensible length (Slack's own documented example is not hex), but reject spaces, quotes
# and tokens pasted into the wrong variable.
_SIGNING_SECRET = re.compile(r"^[0-9A-Za-z]{16,128}$")
_TOKEN_BODY = re.compile(r"^[A-Za-z0-9-]+$")


@dataclass(frozen=True)
class SlackCredentials:
    bot_token: str
    signing_secret: str | None = None
    app_token: str | None = None

    def __repr__(self) -> str:  # never print secrets, even in a traceback
        return "SlackCredentials(<redacted>)"


def _token(settings: Settings, var: str, prefix: str) -> str:
    value = settings.secret(var)
    if not value.startswith(prefix) or not _TOKEN_BODY.match(value) or len(value) < len(prefix) + 8:
        raise ConfigError("slack.bad_token", var=var, prefix=prefix)
    return value


def _signing_secret(settings: Settings) -> str:
    value = settings.secret("SLACK_SIGNING_SECRET")
    if not _SIGNING_SECRET.match(value):
        raise ConfigError("slack.bad_signing_secret", var="SLACK_SIGNING_SECRET")
    return value


def http_credentials(settings: Settings) -> SlackCredentials:
    """HTTP mode: a bot token (xoxb-) and the signing secret."""
    return SlackCredentials(bot_token=_token(settings, "SLACK_BOT_TOKEN", "xoxb-"),
                            signing_secret=_signing_secret(settings))


def socket_credentials(settings: Settings) -> SlackCredentials:
    """Socket Mode: a bot token (xoxb-) and an app-level token (xapp-) with connections:write."""
    return SlackCredentials(bot_token=_token(settings, "SLACK_BOT_TOKEN", "xoxb-"),
                            app_token=_token(settings, "SLACK_APP_TOKEN", "xapp-"))


def slack_configured(settings: Settings) -> bool:
    """True when the operator set any Slack HTTP-mode variable (then all of them must be valid)."""
    return any(settings.optional_secret(var) for var in ("SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN"))
