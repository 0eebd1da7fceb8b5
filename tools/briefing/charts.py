"""The briefing's charts (matplotlib, Agg backend, the bundled CJK font), drawn from its content.

Two charts: the revenue trend of the briefing's clusters with the tier lines (for the province,
the total against its targets), and the province's clusters counted by revenue band with the band
of the briefing's own clusters dark. Both read in grey-scale print (black and greys, line styles
and markers tell the series apart; hatching marks the own band), both have linear axes, and the
caption says what is drawn. Demo data stamps 示例数据 into the picture itself, so a pasted chart
still carries it. The y range leaves room above the highest line, so a tier label is never cut by
the frame.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure as MplFigure  # noqa: E402

from clusterbot.messages import msg  # noqa: E402
from clusterbot.tools.briefing.fonts import register_matplotlib_font  # noqa: E402
from clusterbot.tools.briefing.model import Content, display_name  # noqa: E402

MAX_TREND_LINES = 8
DPI = 150
HEADROOM = 1.15  # linear charts: the top of the y range over the highest value or line
LABEL_FONT = 8  # points
LABEL_BAND = 0.04  # a tier label's height as a share of the y range (8 pt on a ~200 pt high frame)
LABEL_BOX = {"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.85}
PALETTE = ("#000000", "#4d4d4d", "#7a7a7a", "#000000", "#4d4d4d", "#7a7a7a", "#000000", "#4d4d4d")
LINE_STYLES = ("-", "--", "-.", ":", "-", "--", "-.", ":")
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
THRESHOLD_COLOR = "#9e9e9e"
OWN_BAND = "#333333"
OTHER_BAND = "#c8c8c8"
# revenue bands of the second chart, 亿元: lower edges (the tiers of the policy are among them)
BANDS = (0, 50, 100, 200, 300, 500, 1000)
# matplotlib's text layout is not thread-safe; the bots may draw from several worker threads
_draw_lock = threading.Lock()


@dataclass(frozen=True)
class Chart:
    caption: str
    path: Path


def _new_figure(width: float = 7.2, height: float = 3.5) -> MplFigure:
    # fixed margins: a layout engine would measure every text twice and double the drawing time
    fig = MplFigure(figsize=(width, height), dpi=DPI)
    fig.subplots_adjust(left=0.1, right=0.97, top=0.9, bottom=0.14)
    return fig


def _save(fig: MplFigure, path: Path) -> None:
    """Write next to the target and rename, so a reader never sees half a PNG."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    # light compression: the default level costs a third of the drawing time for a few kB
    fig.savefig(partial, format="png", pil_kwargs={"compress_level": 1})
    os.replace(partial, path)


def _line_label(ax, value: float, text: str, left: bool) -> None:
    """A label just above a horizontal line, inside the frame (the y range has headroom for it)."""
    ax.annotate(text, xy=(0 if left else 1, value), xycoords=("axes fraction", "data"), xytext=(4 if left else -4, 2),
                textcoords="offset points", ha="left" if left else "right", va="bottom", fontsize=LABEL_FONT,
                color="#616161", bbox=LABEL_BOX)


def _near_label(line: float, point: float, span: float) -> bool:
    """Whether a data point falls in the band a line's label covers (just above the line)."""
    return line - LABEL_BAND * span <= point <= line + 2 * LABEL_BAND * span


def _thresholds_in_range(tiers: dict[float, str], top: float) -> list[tuple[float, str]]:
    """The tier lines worth drawing: every tier up to the first one above the data."""
    shown = []
    for value in sorted(tiers):
        shown.append((value, tiers[value]))
        if value > top:
            break
    return shown


def _trend(content: Content, tiers: dict[float, str]) -> MplFigure:
    fig = _new_figure()
    ax = fig.add_subplot()
    rows = [r for r in content.clusters if r.revenue][:MAX_TREND_LINES]
    top = 0.0
    for i, row in enumerate(rows):
        years = [f.year for f in row.revenue]
        values = [f.value for f in row.revenue]
        top = max([top, *values])
        ax.plot(years, values, marker=MARKERS[i % len(MARKERS)], markersize=4, linewidth=1.6,
                color=PALETTE[i % len(PALETTE)], linestyle=LINE_STYLES[i % len(LINE_STYLES)],
                label=display_name(row.cluster))
    lines = _thresholds_in_range(tiers, top)
    span = max([top, *(v for v, _ in lines)]) * HEADROOM
    last = [row.revenue[-1].value for row in rows]
    first = [row.revenue[0].value for row in rows]
    for value, label in lines:
        ax.axhline(value, color=THRESHOLD_COLOR, linestyle="--", linewidth=1)
        # right, unless a line ends where the label would sit; then left, where the series start
        crowded_right = any(_near_label(value, v, span) for v in last)
        _line_label(ax, value, label, left=crowded_right and not any(_near_label(value, v, span) for v in first))
    ax.set_xticks(content.years)  # the ticks are years: no axis title, so the legend below has the room
    ax.set_ylabel(msg("brief.chart.axis_revenue"))
    if top:
        ax.set_ylim(0, max(top, *(v for v, _ in lines)) * HEADROOM)
    ax.set_title(msg("brief.chart.trend_title"), fontsize=11)
    ax.grid(axis="y", alpha=0.3)
    if rows:  # below the plot: inside it would sit on lines or tier labels
        longest = max(len(display_name(r.cluster)) for r in rows)
        columns = min(len(rows), 4 if longest <= 8 else 3 if longest <= 12 else 2)
        lines_below = -(-len(rows) // columns)
        fig.subplots_adjust(bottom=0.1 + 0.06 * lines_below)
        ax.legend(fontsize=LABEL_FONT, loc="upper center", bbox_to_anchor=(0.5, -0.09), frameon=False,
                  ncols=columns)
    return fig


def _province_trend(content: Content, tiers: dict[float, str]) -> MplFigure:
    """The province's total revenue against the targets of 二 (from province_progress)."""
    fig = _new_figure()
    ax = fig.add_subplot()
    totals = content.province_totals
    ax.plot([f.year for f in totals], [f.value for f in totals], marker="o", markersize=3.5, linewidth=1.8,
            color=PALETTE[0])
    for f in totals:  # values below the points: the target labels sit above their lines
        ax.annotate(f"{f.value:.2f}", xy=(f.year, f.value), xytext=(0, -6), textcoords="offset points",
                    ha="center", va="top", fontsize=LABEL_FONT)
    targets = [(i.target_value, msg("brief.chart.target_line", year=i.target_year, value=i.target_text))
               for i in content.progress if i.indicator == "revenue_total" and i.target_value is not None]
    for value, label in targets:
        ax.axhline(value, color=THRESHOLD_COLOR, linestyle="--", linewidth=1)
        # on the left, where the (growing) total is furthest below its target
        _line_label(ax, value, label, left=True)
    ax.set_xticks(content.years)
    ax.set_xlabel(msg("brief.chart.axis_year"))
    ax.set_ylabel(msg("brief.chart.axis_total"))
    highest = max([0.0, *(f.value for f in totals), *(value for value, _ in targets)])
    ax.set_ylim(0, highest * HEADROOM if highest else None)
    ax.set_title(msg("brief.chart.trend_title_province"), fontsize=11)
    ax.grid(axis="y", alpha=0.3)
    return fig


def band_labels() -> list[str]:
    edges = list(BANDS)
    labels = [msg("brief.chart.band_below", high=edges[1])]
    labels += [f"{low}—{high}" for low, high in zip(edges[1:-1], edges[2:], strict=True)]
    return labels + [msg("brief.chart.band_above", low=edges[-1])]


def band_of(value: float) -> int:
    return max(i for i, low in enumerate(BANDS) if value >= low) if value >= 0 else 0


def _bands(content: Content, tiers: dict[float, str]) -> MplFigure:
    """How many clusters of the province fall in each revenue band; the bands of the briefing's own darker."""
    fig = _new_figure(height=3.1)
    ax = fig.add_subplot()
    mine = {r.cluster.name for r in content.clusters} if content.kind != "province" else set()
    counts = [0] * len(BANDS)
    own = [False] * len(BANDS)
    for f in content.distribution:
        counts[band_of(f.value)] += 1
        own[band_of(f.value)] |= f.entity in mine
    positions = list(range(len(BANDS)))
    ax.bar(positions, counts, width=0.7, color=[OWN_BAND if o else OTHER_BAND for o in own],
           edgecolor="#000000", linewidth=0.6)
    for x, (count, is_own) in enumerate(zip(counts, own, strict=True)):
        if is_own:  # hatching tells the own band apart in any print
            ax.bar([x], [count], width=0.7, color="none", edgecolor="#ffffff", linewidth=0, hatch="///")
        ax.annotate(str(count), xy=(x, count), xytext=(0, 2), textcoords="offset points", ha="center", va="bottom",
                    fontsize=LABEL_FONT)
    ax.set_xticks(positions, band_labels(), fontsize=LABEL_FONT)
    ax.set_ylim(0, max([1, *counts]) * HEADROOM + 1)
    ax.set_xlabel(msg("brief.chart.band_axis"))
    ax.set_ylabel(msg("brief.chart.axis_clusters"))
    ax.set_title(msg("brief.chart.bands_title", year=content.year), fontsize=11)
    ax.grid(axis="y", alpha=0.3)
    return fig


def _stamp(fig: MplFigure) -> None:
    """示例数据 in the picture's corner, so a chart copied out of the document still says it."""
    fig.text(0.99, 0.99, msg("brief.chart.demo_stamp"), ha="right", va="top", fontsize=LABEL_FONT + 1,
             color="#000000", bbox={"boxstyle": "square,pad=0.2", "facecolor": "white", "edgecolor": "#000000",
                                    "linewidth": 0.6})


def captions(content: Content) -> tuple[str, str]:
    """The captions of the two charts, saying what each draws (and 示例数据 for demo data)."""
    demo = msg("brief.chart.demo_caption") if content.demo else ""
    first, last = content.years[0], content.years[-1]
    if content.kind == "province":
        trend = msg("brief.chart.trend_caption_province", first=first, last=last, demo=demo)
    else:
        name = display_name(content.entity) if content.kind == "cluster" and content.entity else content.name
        trend = msg("brief.chart.trend_caption", name=name, first=first, last=last, demo=demo)
    own = msg("brief.chart.bands_caption_own") if content.kind != "province" else ""
    return trend, msg("brief.chart.bands_caption", year=content.year, own=own, demo=demo)


def figures(content: Content, tiers: dict[float, str]) -> list[tuple[str, str, MplFigure]]:
    """(file name, caption, figure) of each chart in document order, drawn but not saved."""
    style: dict[Any, Any] = {"font.family": [register_matplotlib_font()], "axes.unicode_minus": False}
    with _draw_lock, matplotlib.rc_context(style):
        trend = _province_trend if content.kind == "province" else _trend
        drawn = [trend(content, tiers), _bands(content, tiers)]
        if content.demo:
            for fig in drawn:
                _stamp(fig)
        first, second = captions(content)
        return [("trend.png", first, drawn[0]), ("bands.png", second, drawn[1])]


def draw_charts(content: Content, tiers: dict[float, str], directory: Path) -> list[Chart]:
    """Write the PNG charts into `directory` and return them in document order."""
    directory.mkdir(parents=True, exist_ok=True)
    charts = []
    for name, caption, fig in figures(content, tiers):
        with _draw_lock:
            _save(fig, directory / name)
        charts.append(Chart(caption, directory / name))
    return charts
