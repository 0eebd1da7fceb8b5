"""The app manifests are valid for Slack and match what the code listens to and needs."""

from __future__ import annotations

import copy

import jsonschema
import pytest
import yaml

from tests.paths import REPO_ROOT
from tests.slack.manifest_schema import EVENT_SCOPES, SCHEMA

NAMES = ["manifest.yaml", "manifest.socket.yaml"]


def load(name: str) -> dict:
    return yaml.safe_load((REPO_ROOT / "slack" / name).read_text(encoding="utf-8"))


def schema_errors(manifest: dict) -> list[str]:
    validator = jsonschema.Draft7Validator(SCHEMA)
    return sorted(f"{'.'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(manifest))


def consistency_errors(manifest: dict) -> list[str]:
    """What the schema cannot say: scopes for every event, URLs present exactly when Slack calls us over HTTP."""
    errors = []
    settings = manifest.get("settings", {})
    socket = settings.get("socket_mode_enabled", False)
    scopes = set(manifest.get("oauth_config", {}).get("scopes", {}).get("bot", []))
    events = settings.get("event_subscriptions", {})
    for event in events.get("bot_events", []):
        if event not in EVENT_SCOPES:
            errors.append(f"unknown event {event}")
        elif EVENT_SCOPES[event] and EVENT_SCOPES[event] not in scopes:
            errors.append(f"event {event} needs scope {EVENT_SCOPES[event]}")
    commands = manifest.get("features", {}).get("slash_commands", [])
    if commands and "commands" not in scopes:
        errors.append("slash commands need the commands scope")
    interactivity = settings.get("interactivity", {})
    urls = {"event_subscriptions.request_url": events.get("request_url") if events.get("bot_events") else "",
            "interactivity.request_url": interactivity.get("request_url") if interactivity.get("is_enabled") else ""}
    urls.update({f"slash_commands[{c['command']}].url": c.get("url") for c in commands})
    for where, url in urls.items():
        if url == "":
            continue
        if socket and url:
            errors.append(f"{where} is ignored in Socket Mode")
        if not socket and not url:
            errors.append(f"{where} is required in HTTP mode")
        if not socket and url and not url.startswith("https://"):
            errors.append(f"{where} must be https")
    return errors


@pytest.mark.parametrize("name", NAMES)
def test_manifest_is_valid_for_slack(name):
    manifest = load(name)
    assert schema_errors(manifest) == []
    assert consistency_errors(manifest) == []


def test_the_checks_catch_what_slack_rejects():
    manifest = load("manifest.yaml")
    short = copy.deepcopy(manifest)
    short["display_information"]["long_description"] = "太短" * 10
    assert any("long_description" in e and "too short" in e for e in schema_errors(short))
    typo = copy.deepcopy(manifest)
    typo["settings"]["interactivty"] = typo["settings"].pop("interactivity")
    assert any("interactivty" in e for e in schema_errors(typo))
    long_name = copy.deepcopy(manifest)
    long_name["display_information"]["name"] = "x" * 36
    assert any(e.startswith("display_information.name") for e in schema_errors(long_name))
    no_scope = copy.deepcopy(manifest)
    no_scope["oauth_config"]["scopes"]["bot"].remove("im:history")
    assert consistency_errors(no_scope) == ["event message.im needs scope im:history"]
    no_url = copy.deepcopy(manifest)
    del no_url["settings"]["interactivity"]["request_url"]
    assert consistency_errors(no_url) == ["interactivity.request_url is required in HTTP mode"]
    socket = load("manifest.socket.yaml")
    socket["settings"]["interactivity"]["request_url"] = "https://x.example/slack/events"
    assert consistency_errors(socket) == ["interactivity.request_url is ignored in Socket Mode"]


@pytest.mark.parametrize("name", NAMES)
def test_manifest_subscribes_to_what_the_bot_handles(name):
    manifest = load(name)
    settings = manifest["settings"]
    assert set(settings["event_subscriptions"]["bot_events"]) == {"app_mention", "message.im"}
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == {
        "app_mentions:read", "chat:write", "commands", "files:write", "im:history", "channels:history", "groups:history"}
    assert [c["command"] for c in manifest["features"]["slash_commands"]] == ["/clusterbot"]
    assert settings["interactivity"]["is_enabled"] is True
    assert manifest["features"]["app_home"]["messages_tab_enabled"] is True
    socket = name == "manifest.socket.yaml"
    assert settings["socket_mode_enabled"] is socket
    urls = [settings["event_subscriptions"].get("request_url"), settings["interactivity"].get("request_url"),
            manifest["features"]["slash_commands"][0].get("url")]
    assert all(u is None for u in urls) if socket else all(u and u.endswith("/slack/events") for u in urls)


def test_both_manifests_describe_the_app_the_same_way():
    http, socket = load("manifest.yaml"), load("manifest.socket.yaml")
    assert http["display_information"] == socket["display_information"]
