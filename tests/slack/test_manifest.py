"""The app manifests match what the code listens to and needs."""

from __future__ import annotations

import pytest
import yaml

from tests.paths import REPO_ROOT


@pytest.mark.parametrize("name", ["manifest.yaml", "manifest.socket.yaml"])
def test_manifest_subscribes_to_what_the_bot_handles(name):
    manifest = yaml.safe_load((REPO_ROOT / "slack" / name).read_text(encoding="utf-8"))
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
