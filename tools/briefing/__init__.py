"""Briefings (简报): a county, cluster, city or province report as Markdown, Word and optionally PDF.

Public API (the CLI, the Slack and the WeCom bots call this):

    make_briefing(settings, target, year=None, formats=("md", "docx"), out_dir=None,
                  *, kind=None, progress=None, today=None) -> Briefing

    target   free text: 天长市, 天长, 滁州市, a cluster name, or 全省 for the province
    kind     county | cluster | city | province to restrict the lookup (the CLI options)
    formats  any of md, docx, pdf (pdf needs LibreOffice; without it the note says so)
    out_dir  default settings.data_dir / "briefings"
    progress optional callable taking a Chinese status line (slower steps)
    today    the briefing's date (版头), default today
    masthead 版头/版记 values by name (title, issue, issuer, report_to, copy_to, send_to); None = the
             config file's [briefing] table, then defaults for the place (tools/briefing/masthead.py)

    Briefing.files    the written documents, in the order of `formats`
    Briefing.summary  short Markdown for a chat message (says 示例数据（非官方统计） for demo data)
    Briefing.title    the document title
    Briefing.charts   the PNG charts the documents embed
    Briefing.notes    messages about optional parts that were skipped (no LibreOffice)

Unknown or ambiguous names raise InputError listing the candidates; nothing is written then.
Every number comes from the typed tools (tools.registry), the same ones the answers use.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable
from pathlib import Path

from clusterbot.config import Settings
from clusterbot.errors import ClusterbotError, InputError
from clusterbot.messages import msg
from clusterbot.tools.briefing.model import Briefing

FORMATS = ("md", "docx", "pdf")

__all__ = ["Briefing", "FORMATS", "make_briefing", "parse_formats"]


def parse_formats(formats: str | Iterable[str]) -> tuple[str, ...]:
    """('md', 'docx') from "md,docx" or a sequence; InputError names an unknown format."""
    items = formats.split(",") if isinstance(formats, str) else list(formats)
    chosen = tuple(dict.fromkeys(f.strip().lower().lstrip(".") for f in items if f.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise InputError("brief.bad_format", formats=",".join(unknown) or "")
    return chosen


def _write_text(path: Path, text: str) -> Path:
    partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)
    return path


def make_briefing(settings: Settings, target: str, year: int | None = None, formats=("md", "docx"),
                  out_dir: Path | None = None, *, kind: str | None = None,
                  progress: Callable[[str], None] | None = None, today: dt.date | None = None,
                  masthead: dict[str, str | None] | None = None) -> Briefing:
    """Write the briefing for `target` and return where it is, its title and a chat summary."""
    from clusterbot.tools.briefing import document
    from clusterbot.tools.briefing.charts import draw_charts
    from clusterbot.tools.briefing.collect import collect as collect_content
    from clusterbot.tools.briefing.collect import resolve_target
    from clusterbot.tools.briefing.docx_writer import write_docx
    from clusterbot.tools.store import snapshot

    say = progress or (lambda _line: None)
    chosen = parse_formats(formats)
    target_kind, entity = resolve_target(settings, target, kind)
    say(msg("brief.progress.collect", name=entity.name if entity else target))
    content = collect_content(settings, target_kind, entity, year, today or dt.date.today(), masthead)

    out = Path(out_dir) if out_dir is not None else Path(settings.data_dir) / "briefings"
    out.mkdir(parents=True, exist_ok=True)
    stem = msg("brief.file_stem", name=content.name, year=content.year)
    say(msg("brief.progress.charts"))
    charts = draw_charts(content, snapshot(settings).thresholds, out / f"{stem}-charts")
    text = document.markdown(content, charts, out)

    written: dict[str, Path] = {}
    notes: list[str] = []
    if "md" in chosen:
        written["md"] = _write_text(out / f"{stem}.md", text)
    if "docx" in chosen or "pdf" in chosen:
        say(msg("brief.progress.docx"))
        header = msg("brief.demo_header") if content.demo else None
        author = content.masthead.issuer if content.masthead else ""
        docx_path = write_docx(text, out / f"{stem}.docx", out, header=header, author=author)
        if "docx" in chosen:
            written["docx"] = docx_path
        if "pdf" in chosen:
            from clusterbot.tools.briefing.pdf import docx_to_pdf

            say(msg("brief.progress.pdf"))
            try:
                written["pdf"] = docx_to_pdf(docx_path, out)
            except ClusterbotError as exc:
                notes.append(exc.message)
            if "docx" not in chosen:
                docx_path.unlink(missing_ok=True)
    return Briefing(files=[written[f] for f in chosen if f in written], summary=document.summary(content),
                    title=document.title(content), charts=[c.path for c in charts], markdown=text, notes=notes)
