"""The briefing generator, when this deployment has it (tools.briefing is optional here)."""

from __future__ import annotations

import importlib
from collections.abc import Callable


def load_make_briefing() -> Callable | None:
    """tools.briefing.make_briefing, or None when the module is absent (other import errors propagate)."""
    try:
        module = importlib.import_module("clusterbot.tools.briefing")
    except ModuleNotFoundError as exc:
        if exc.name in ("tools", "clusterbot.tools.briefing"):
            return None
        raise
    return getattr(module, "make_briefing", None)


def brief_markdown(brief) -> str:
    """The message that goes with the briefing file: its summary, titled unless the summary says it already."""
    from clusterbot.messages import msg

    summary = (brief.summary or "").strip()
    if brief.title and brief.title in summary[: len(brief.title) + 8]:
        return summary + "\n\n" + msg("wecom.brief_attached")
    return msg("wecom.brief_caption", title=brief.title) + "\n\n" + summary
