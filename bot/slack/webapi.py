"""The Slack Web API client: base URL from settings, bounded 429 retries, token-free error logs."""

from __future__ import annotations

import logging
import random
import time

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry import ConnectionErrorRetryHandler, RetryHandler, RetryState
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse

from clusterbot.config import Settings

log = logging.getLogger("clusterbot.slack")

DEFAULT_API_URL = "https://slack.com/api/"
MAX_RATE_LIMIT_RETRIES = 3
# A worker never sleeps longer than this for one 429; a longer Retry-After fails the call instead.
MAX_RETRY_AFTER_S = 30.0


class BoundedRateLimitRetry(RetryHandler):
    """Retry HTTP 429 after `Retry-After` seconds, a few times, never waiting unboundedly."""

    def __init__(self, max_retry_count: int = MAX_RATE_LIMIT_RETRIES, max_wait_s: float = MAX_RETRY_AFTER_S,
                 sleep=time.sleep) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self.max_wait_s = max_wait_s
        self._sleep = sleep

    @staticmethod
    def retry_after(response: HttpResponse) -> float:
        for key, values in response.headers.items():
            if key.lower() == "retry-after":
                raw = values[0] if isinstance(values, list) else values
                try:
                    return max(0.0, float(raw))
                except (TypeError, ValueError):
                    return 1.0
        return 1.0

    def _can_retry(self, *, state: RetryState, request: HttpRequest, response: HttpResponse | None = None,
                   error: Exception | None = None) -> bool:
        return (response is not None and response.status_code == 429
                and self.retry_after(response) <= self.max_wait_s)

    def prepare_for_next_attempt(self, *, state: RetryState, request: HttpRequest,
                                 response: HttpResponse | None = None, error: Exception | None = None) -> None:
        wait = self.retry_after(response) if response is not None else 1.0
        log.info("slack rate limited; retrying in %.1f s", wait)
        state.next_attempt_requested = True
        self._sleep(wait + random.random() * 0.2)
        state.increment_current_attempt()


def api_base_url(settings: Settings) -> str:
    base = settings.slack_api_url or DEFAULT_API_URL
    return base if base.endswith("/") else base + "/"


def make_client(settings: Settings, token: str) -> WebClient:
    client = WebClient(token=token, base_url=api_base_url(settings), timeout=15)
    client.retry_handlers = [ConnectionErrorRetryHandler(max_retry_count=1), BoundedRateLimitRetry()]
    return client


def describe_error(exc: Exception) -> str:
    """A short description of a Web API failure that never contains a token or a request body."""
    if isinstance(exc, SlackApiError):
        response = exc.response
        code = response.get("error") if hasattr(response, "get") else None
        return f"{code or 'error'} (HTTP {getattr(response, 'status_code', '?')})"
    if isinstance(exc, SlackClientError):
        return type(exc).__name__
    return type(exc).__name__
