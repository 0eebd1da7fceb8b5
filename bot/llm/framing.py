"""Untrusted text (questions, tool outputs, clause text) goes to the model inside tagged fences.

The system prompt says that whatever sits inside a fence is data. A fence tag written inside the
data itself is defanged, so retrieved text cannot close its fence and pose as an instruction.
"""

from __future__ import annotations

import re

FENCE_TAGS = ("question", "tool_output", "tool_error", "problems", "context")
_TAG = re.compile(r"<\s*(/?)\s*(" + "|".join(FENCE_TAGS) + r")\b[^>]*>", re.IGNORECASE)


def defang(text: str) -> str:
    """`</tool_output>` inside data becomes `[/tool_output]`: visible, but no longer a fence."""
    return _TAG.sub(lambda m: f"[{m.group(1)}{m.group(2).lower()}]", text)


def fence(tag: str, text: str, **attributes: str) -> str:
    if tag not in FENCE_TAGS:
        raise ValueError(f"unknown fence tag {tag!r}")
    attrs = "".join(f' {key}="{defang(value).replace(chr(34), "")}"' for key, value in attributes.items())
    return f"<{tag}{attrs}>\n{defang(text)}\n</{tag}>"
