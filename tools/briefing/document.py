"""The briefing's text: Markdown from the templates under prompts/templates/briefing/."""

from __future__ import annotations

from pathlib import Path

from clusterbot.messages import msg
from clusterbot.templates import render
from clusterbot.tools.briefing import numbers
from clusterbot.tools.briefing.charts import Chart
from clusterbot.tools.briefing.model import Content, display_name
from clusterbot.tools.briefing.targets import short_target


def title(content: Content, key: str = "brief.title") -> str:
    """The briefing's name for chat messages and file titles (…发展简报); a cluster goes by its short
    name, since its full name already ends in 集群(基地)."""
    if content.kind == "province":
        return msg(f"{key}_province", year=content.year)
    if content.kind == "cluster" and content.entity is not None:
        return msg(f"{key}_cluster", name=display_name(content.entity), year=content.year)
    return msg(key, name=content.name, year=content.year)


def heading(content: Content) -> str:
    """The article title under the 版头 (…发展情况: the 版头 already says 简报)."""
    return title(content, "brief.heading")


def overview(content: Content) -> str:
    """The one-paragraph summary, on one line (a Chinese paragraph has no line breaks)."""
    text = render("briefing/overview.zh", c=content, n=numbers, msg=msg)
    return "".join(line.strip() for line in text.splitlines())


def markdown(content: Content, charts: list[Chart], base_dir: Path) -> str:
    refs = [{"caption": c.caption, "path": c.path.relative_to(base_dir).as_posix()} for c in charts]
    text = render("briefing/document.zh", c=content, n=numbers, msg=msg, title=heading(content), short_target=short_target,
                  overview=overview(content), charts=refs)
    return text + "\n"


def summary(content: Content) -> str:
    return render("briefing/summary.zh", c=content, msg=msg, title=title(content), overview=overview(content))
