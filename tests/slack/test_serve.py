"""`clusterbot serve`: credentials are checked first, errors name the variable, nothing half starts."""

from __future__ import annotations

import pytest

from clusterbot.bot.cli.main import main
from clusterbot.bot.slack.credentials import http_credentials, socket_credentials
from clusterbot.config import load_settings
from clusterbot.errors import ConfigError
from tests.slack.harness import APP_TOKEN, BOT_TOKEN, SIGNING_SECRET


def test_no_channel_configured_is_a_clear_error(capsys):
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：没有可启动的渠道") and "SLACK_BOT_TOKEN" in err and "WECOM_CORP_ID" in err


@pytest.mark.parametrize(("env", "var"), [
    ({"SLACK_SIGNING_SECRET": SIGNING_SECRET}, "SLACK_BOT_TOKEN"),
    ({"SLACK_BOT_TOKEN": BOT_TOKEN}, "SLACK_SIGNING_SECRET"),
    ({"SLACK_BOT_TOKEN": "xoxp-user-token-1234", "SLACK_SIGNING_SECRET": SIGNING_SECRET}, "SLACK_BOT_TOKEN"),
    ({"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": "has space in it 123"}, "SLACK_SIGNING_SECRET"),
])
def test_http_mode_names_the_bad_variable(monkeypatch, capsys, env, var):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert main(["serve", "--port", "0"]) == 2
    err = capsys.readouterr().err
    assert var in err and err.count("\n") == 1
    with pytest.raises(ConfigError) as info:
        http_credentials(load_settings())
    assert var in info.value.message


@pytest.mark.parametrize(("env", "var"), [
    ({"SLACK_BOT_TOKEN": BOT_TOKEN}, "SLACK_APP_TOKEN"),
    ({"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_APP_TOKEN": "xoxb-wrong-kind-1234"}, "SLACK_APP_TOKEN"),
    ({"SLACK_APP_TOKEN": APP_TOKEN}, "SLACK_BOT_TOKEN"),
])
def test_socket_mode_names_the_bad_variable(monkeypatch, capsys, env, var):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert main(["serve", "slack", "--socket"]) == 2
    assert var in capsys.readouterr().err
    with pytest.raises(ConfigError):
        socket_credentials(load_settings())


def test_unknown_channel_and_socket_for_wecom_are_refused(capsys):
    assert main(["serve", "teams"]) == 2
    assert "未知渠道“teams”" in capsys.readouterr().err
    assert main(["serve", "wecom", "--socket"]) == 2
    assert "--socket" in capsys.readouterr().err


def test_channels_follow_the_configuration(monkeypatch):
    from clusterbot.bot.cli.serve_cmds import channels_to_serve

    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    assert channels_to_serve(load_settings()) == ["slack"]
    monkeypatch.setenv("WECOM_TOKEN", "abc")
    assert channels_to_serve(load_settings()) == ["slack", "wecom"]
    monkeypatch.delenv("SLACK_BOT_TOKEN")
    assert channels_to_serve(load_settings()) == ["wecom"]


def test_credentials_never_show_in_repr(monkeypatch):
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    monkeypatch.setenv("SLACK_SIGNING_SECRET", SIGNING_SECRET)
    creds = http_credentials(load_settings())
    assert BOT_TOKEN not in repr(creds) and SIGNING_SECRET not in repr(creds)
