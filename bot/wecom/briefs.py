"""The WeCom message that goes with a briefing file."""

from __future__ import annotations


def brief_markdown(brief) -> str:
    """The message that goes with the briefing file: its summary, titled unless the summary says it already."""
    from clusterbot.messages import msg

    summary = (brief.summary or "").strip()
    if brief.title and brief.title in summary[: len(brief.title) + 8]:
        return summary + "\n\n" + msg("wecom.brief_attached")
    return msg("wecom.brief_caption", title=brief.title) + "\n\n" + summary
