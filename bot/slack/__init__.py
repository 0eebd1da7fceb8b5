"""Slack channel: turns mentions, DMs, the slash command and button clicks into core questions.

The channel renders the core's `Answer` as Block Kit and adds no answering logic of its own.
HTTP mode mounts `/slack/events` on the shared ASGI app (bot/server.py); Socket Mode runs the
same Bolt app over a WebSocket (bot/slack/socket.py).
"""
