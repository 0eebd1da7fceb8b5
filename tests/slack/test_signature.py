"""Request verification: the official vector first, then the running app rejects what it must."""

from __future__ import annotations

import time

from slack_sdk.signature import SignatureVerifier

from tests.slack.harness import SIGNING_SECRET, envelope, mention, sign
from tests.waiting import settled

OFFICIAL_TS = "1531420618"
OFFICIAL_BODY = (
    "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
    "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
    "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
    "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c"
)
OFFICIAL_SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503"


def test_official_signature_vector():
    assert SIGNING_SECRET == "8f742231b10e8888abcd99yyyzzz85a5"
    assert sign(SIGNING_SECRET, OFFICIAL_TS, OFFICIAL_BODY) == OFFICIAL_SIGNATURE
    # The verifier the app runs accepts it at its own time and refuses it five minutes later.
    at_signing = SignatureVerifier(SIGNING_SECRET, clock=type("C", (), {"now": lambda self: 1531420618.0})())
    headers = {"x-slack-request-timestamp": OFFICIAL_TS, "x-slack-signature": OFFICIAL_SIGNATURE}
    assert at_signing.is_valid_request(OFFICIAL_BODY, headers)
    later = SignatureVerifier(SIGNING_SECRET, clock=type("C", (), {"now": lambda self: 1531420618.0 + 301})())
    assert not later.is_valid_request(OFFICIAL_BODY, headers)


def test_official_vector_replayed_to_the_app_is_stale(start_slack):
    slack = start_slack()
    response, _ = slack.sender.post(OFFICIAL_BODY, "application/x-www-form-urlencoded",
                                    timestamp=int(OFFICIAL_TS), signature=OFFICIAL_SIGNATURE)
    assert response.status_code == 401
    assert slack.mock.count("chat.postMessage") == 0


def test_bad_signature_is_401_and_nothing_is_posted(start_slack, scripted_core):
    slack = start_slack()
    body = envelope(mention("数字化改造谁牵头？", ts="1700000000.000100"), "EvBAD1")
    forged = sign("0" * 32, str(int(time.time())), "{}")
    response, _ = slack.sender.event(body, signature=forged)
    assert response.status_code == 401
    tampered, _ = slack.sender.post('{"type": "event_callback"}', "application/json",
                                    signature=sign(SIGNING_SECRET, str(int(time.time())), '{"type": "x"}'))
    assert tampered.status_code == 401
    settled(slack.state, "slack", slack.bot)  # anything wrongly accepted would be answered by now
    assert slack.mock.count("chat.postMessage") == 0
    assert slack.state.delivery_status("slack:event:EvBAD1") is None


def test_timestamp_older_than_five_minutes_is_401(start_slack, scripted_core):
    slack = start_slack()
    body = envelope(mention("数字化改造谁牵头？", ts="1700000000.000200"), "EvOLD1")
    response, _ = slack.sender.event(body, timestamp=int(time.time()) - 6 * 60)  # correctly signed, but old
    assert response.status_code == 401
    settled(slack.state, "slack", slack.bot)
    assert slack.mock.count("chat.postMessage") == 0


def test_url_verification_challenge(start_slack):
    slack = start_slack()
    response, _ = slack.sender.event({"token": "legacy", "challenge": "abc123", "type": "url_verification"})
    assert response.status_code == 200
    assert response.json() == {"challenge": "abc123"}


def test_healthz_lists_slack(start_slack):
    import httpx

    slack = start_slack()
    response = httpx.get(slack.url + "/healthz", trust_env=False)
    assert response.json() == {"status": "ok", "channels": ["slack"]}
