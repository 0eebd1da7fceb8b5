"""The core's Markdown answers in Slack's mrkdwn dialect."""

from __future__ import annotations

import re

_LINK = re.compile(r"\[([^\]\n]+)\]\((https?://[^)\s]+)\)")
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$")
_BULLET = re.compile(r"^(\s*)[-*+]\s+")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_SLACK_MENTION = re.compile(r"<[@#!][^>]*>")
_SLACK_LINK = re.compile(r"<((?:https?|mailto):[^|>]+)(?:\|([^>]+))?>")


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _inline(line: str) -> str:
    links: list[str] = []

    def keep_link(match: re.Match) -> str:
        links.append(f"<{match.group(2)}|{escape(match.group(1))}>")
        return f"\x00{len(links) - 1}\x00"

    line = _LINK.sub(keep_link, line)
    line = escape(line)
    line = _BOLD.sub(lambda m: f"*{m.group(1) or m.group(2)}*", line)
    return re.sub("\x00(\\d+)\x00", lambda m: links[int(m.group(1))], line)


def to_mrkdwn(markdown: str) -> str:
    """Headings become bold lines, **bold** becomes *bold*, links <url|text>, tables a code block."""
    out: list[str] = []
    in_code = False
    in_table = False
    for raw in markdown.splitlines():
        line = raw.rstrip()
        if line.lstrip().startswith("```"):
            in_code = not in_code
            out.append("```")
            continue
        if in_code:
            out.append(escape(line))
            continue
        is_table = line.lstrip().startswith("|") and line.rstrip().endswith("|")
        if is_table and not in_table:
            out.append("```")
            in_table = True
        elif not is_table and in_table:
            out.append("```")
            in_table = False
        if is_table:
            if not _TABLE_RULE.match(line):
                cells = [c.strip() for c in line.strip().strip("|").split("|")]
                out.append(escape("  ".join(cells)))
            continue
        heading = _HEADING.match(line)
        if heading:
            out.append(f"*{_inline(heading.group(1)).strip('*')}*")
            continue
        bullet = _BULLET.match(line)
        if bullet:
            line = bullet.group(1) + "• " + line[bullet.end():]
        if line.lstrip().startswith(">"):
            stripped = line.lstrip()[1:].lstrip()
            out.append("> " + _inline(stripped))
            continue
        out.append(_inline(line))
    if in_table or in_code:
        out.append("```")
    return "\n".join(out).strip()


def from_slack_text(text: str, bot_user_id: str | None = None) -> str:
    """A user's message as plain text: mentions of the bot dropped, links unwrapped, entities decoded."""
    if bot_user_id:
        text = text.replace(f"<@{bot_user_id}>", " ")
    text = _SLACK_LINK.sub(lambda m: m.group(2) or m.group(1), text)
    text = _SLACK_MENTION.sub(" ", text)
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    return re.sub(r"[ \t]+", " ", text).strip()
