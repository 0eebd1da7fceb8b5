"""The constraints of Slack's app manifest schema that our manifests touch, as a JSON Schema.

Source: Slack's published schema, github.com/slackapi/manifest-schema,
`schemas/manifest.schema.1.0.0.json` (draft-07). No package on PyPI ships that file (slack_sdk and
slack_bolt carry no copy), so the parts that apply to a bot app are encoded here: the same keys,
lengths, patterns and `additionalProperties: false`, so a typo or an over-long text fails here and not
in Slack's "Create New App" dialog. `EVENT_SCOPES` comes from Slack's event reference: each event
names the scope an app needs to receive it.
"""

from __future__ import annotations

URL = {"type": "string", "pattern": r"^https?:\/\/", "maxLength": 3500}


def text(low: int, high: int) -> dict:
    return {"type": "string", "minLength": low, "maxLength": high}


def closed(properties: dict, required: tuple[str, ...] = ()) -> dict:
    return {"type": "object", "additionalProperties": False, "required": list(required), "properties": properties}


SCHEMA = closed({
    "_metadata": closed({"major_version": {"type": "integer"}, "minor_version": {"type": "integer"}}),
    "display_information": closed({
        "name": text(1, 35),
        "description": text(1, 140),
        "long_description": text(175, 4000),
        "background_color": {"type": "string", "pattern": r"^#[0-9a-fA-F]{3}([0-9a-fA-F]{3})?$"},
    }, required=("name",)),
    "features": closed({
        "app_home": closed({"home_tab_enabled": {"type": "boolean"}, "messages_tab_enabled": {"type": "boolean"},
                            "messages_tab_read_only_enabled": {"type": "boolean"}}),
        "bot_user": closed({"display_name": text(1, 80), "always_online": {"type": "boolean"}},
                           required=("display_name",)),
        "slash_commands": {"type": "array", "minItems": 1, "maxItems": 50, "items": closed({
            "command": {"type": "string", "minLength": 2, "maxLength": 32, "pattern": r"^\/"},
            "url": {"type": "string", "pattern": r"^https?:\/\/", "maxLength": 3000},
            "description": text(1, 2000),
            "usage_hint": text(1, 1000),
            "should_escape": {"type": "boolean"},
        }, required=("command", "description"))},
    }),
    "oauth_config": closed({
        "redirect_urls": {"type": "array", "items": {"type": "string", "maxLength": 2500}},
        "scopes": closed({kind: {"type": "array", "maxItems": 255, "items": {"type": "string", "maxLength": 50}}
                          for kind in ("bot", "user", "bot_optional", "user_optional")}),
        "token_management_enabled": {"type": "boolean"},
    }),
    "settings": closed({
        "event_subscriptions": closed({
            "request_url": URL,
            "bot_events": {"type": "array", "maxItems": 100, "uniqueItems": True,
                           "items": {"type": "string", "maxLength": 50}},
            "user_events": {"type": "array", "maxItems": 100, "uniqueItems": True,
                            "items": {"type": "string", "maxLength": 50}},
        }),
        "interactivity": closed({"is_enabled": {"type": "boolean"}, "request_url": URL,
                                 "message_menu_options_url": URL}, required=("is_enabled",)),
        "org_deploy_enabled": {"type": "boolean"},
        "socket_mode_enabled": {"type": "boolean"},
        "token_rotation_enabled": {"type": "boolean"},
        "is_hosted": {"type": "boolean"},
    }),
}, required=("display_information",))

# event -> the bot scope Slack requires before it delivers that event (api.slack.com/events/<name>).
EVENT_SCOPES = {
    "app_mention": "app_mentions:read",
    "message.im": "im:history",
    "message.channels": "channels:history",
    "message.groups": "groups:history",
    "message.mpim": "mpim:history",
    "app_home_opened": None,
}
