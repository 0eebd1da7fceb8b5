"""The briefing's charts (matplotlib, Agg backend, the bundled CJK font), drawn from its content.

Two charts: the revenue trend of the briefing's clusters with the tier lines (for the province,
the total against its targets), and every cluster of the province on a log scale with the
briefing's own clusters marked. The y range leaves room above the highest line, so a tier label
is never cut by the frame; names of neighbouring clusters are stacked so they never overlap.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

from matplotlib import ticker  # noqa: E402  (after choosing the backend)
from matplotlib.collections import PolyCollection  # noqa: E402
from matplotlib.figure import Figure as MplFigure  # noqa: E402

from clusterbot.messages import msg  # noqa: E402
from clusterbot.tools.briefing.fonts import register_matplotlib_font  # noqa: E402
from clusterbot.tools.briefing.model import Content  # noqa: E402

MAX_TREND_LINES = 8
MAX_LABELLED = 4  # more labels than this crowd the distribution chart
DPI = 150
HEADROOM = 1.15  # linear charts: the top of the y range over the highest value or line
LOG_HEADROOM = 1.8  # log chart: the same, as a factor on a log scale
LABEL_FONT = 8  # points
LABEL_STEP = 11  # points between stacked cluster names
LABEL_BAND = 0.04  # a tier label's height as a share of the y range (8 pt on a ~200 pt high frame)
BAR_WIDTH = 0.85
LABEL_BOX = {"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.85}
PALETTE = ("#1f4e79", "#c0504d", "#4f8a3c", "#8064a2", "#f79646", "#4bacc6", "#7f7f7f", "#9b2d1f")
THRESHOLD_COLOR = "#9e9e9e"
# matplotlib's text layout is not thread-safe; the bots may draw from several worker threads
_draw_lock = threading.Lock()


@dataclass(frozen=True)
class Chart:
    caption: str
    path: Path


def _new_figure(width: float = 7.2, height: float = 3.9) -> MplFigure:
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


def stack_levels(positions: list[float], widths: list[float]) -> list[int]:
    """Stacking level of each label (sorted by position): 0 unless it would touch a lower label's span."""
    levels: list[int] = []
    spans: list[tuple[float, float, int]] = []
    for pos, width in zip(positions, widths, strict=True):
        taken = {lvl for lo, hi, lvl in spans if lo < pos + width / 2 and pos - width / 2 < hi}
        level = next(n for n in range(len(spans) + 1) if n not in taken)
        spans.append((pos - width / 2, pos + width / 2, level))
        levels.append(level)
    return levels


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
        ax.plot(years, values, marker="o", markersize=3.5, linewidth=1.8, color=PALETTE[i % len(PALETTE)],
                label=row.cluster.short_name or row.cluster.name)
    lines = _thresholds_in_range(tiers, top)
    span = max([top, *(v for v, _ in lines)]) * HEADROOM
    last = [row.revenue[-1].value for row in rows]
    first = [row.revenue[0].value for row in rows]
    for value, label in lines:
        ax.axhline(value, color=THRESHOLD_COLOR, linestyle="--", linewidth=1)
        # right, unless a line ends where the label would sit; then left, where the series start
        crowded_right = any(_near_label(value, v, span) for v in last)
        _line_label(ax, value, label, left=crowded_right and not any(_near_label(value, v, span) for v in first))
    ax.set_xticks(content.years)
    ax.set_xlabel(msg("brief.chart.axis_year"))
    ax.set_ylabel(msg("brief.chart.axis_revenue"))
    if top:
        ax.set_ylim(0, max(top, *(v for v, _ in lines)) * HEADROOM)
    ax.set_title(msg("brief.chart.trend_title"), fontsize=11)
    ax.grid(axis="y", alpha=0.3)
    if rows:  # below the plot: inside it would sit on lines or tier labels
        fig.subplots_adjust(bottom=0.26)
        ax.legend(fontsize=LABEL_FONT, loc="upper center", bbox_to_anchor=(0.5, -0.2), frameon=False,
                  ncols=min(len(rows), 4))
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


def _distribution(content: Content, tiers: dict[float, str]) -> MplFigure:
    fig = _new_figure(height=3.4)
    ax = fig.add_subplot()
    mine = {r.cluster.name for r in content.clusters} if content.kind != "province" else set()
    ranked = sorted(content.distribution, key=lambda f: f.value)
    values = [f.value for f in ranked]
    top = max(values, default=0)
    lines = _thresholds_in_range(tiers, top)
    bottom = min([v for v in values if v > 0], default=1) / 1.5
    # one collection instead of a patch per bar: a bar() call costs most of the drawing time
    bars = [[(x - BAR_WIDTH / 2, bottom), (x - BAR_WIDTH / 2, v), (x + BAR_WIDTH / 2, v), (x + BAR_WIDTH / 2, bottom)]
            for x, v in enumerate(values, start=1) if v > 0]
    colors = [PALETTE[1] if f.entity in mine else "#b0bec5" for f in ranked if f.value > 0]
    ax.add_collection(PolyCollection(bars, facecolors=colors, edgecolors="none"))
    ax.set_xlim(0, len(values) + 1)
    ax.set_yscale("log")
    ax.set_ylim(bottom, max([top, *(v for v, _ in lines)], default=10) * LOG_HEADROOM)
    ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _pos: f"{v:g}"))
    ax.yaxis.set_minor_formatter(ticker.NullFormatter())
    for value, label in lines:
        ax.axhline(value, color=THRESHOLD_COLOR, linestyle="--", linewidth=1)
        _line_label(ax, value, label, left=True)
    marked = [(pos, f) for pos, f in enumerate(ranked, start=1) if f.entity in mine]
    if marked and len(mine) <= MAX_LABELLED:
        short = {r.cluster.name: r.cluster.short_name or r.cluster.name for r in content.clusters}
        # label width in bars: the axes is ~430 pt wide for len(values) bars, a CJK glyph is LABEL_FONT pt
        per_bar = 430 / max(len(values), 1)
        widths = [len(short[f.entity]) * LABEL_FONT / per_bar + 1 for _, f in marked]
        levels = stack_levels([pos for pos, _ in marked], widths)
        for (pos, fig_value), level in zip(marked, levels, strict=True):
            ax.annotate(short[fig_value.entity], xy=(pos, fig_value.value), xytext=(0, 6 + level * LABEL_STEP),
                        textcoords="offset points", ha="center", va="bottom", fontsize=LABEL_FONT, color=PALETTE[1],
                        bbox=LABEL_BOX, arrowprops={"arrowstyle": "-", "color": PALETTE[1], "linewidth": 0.6})
    ax.set_xticks([])
    ax.set_xlabel(msg("brief.chart.ordered"))
    ax.set_ylabel(msg("brief.chart.axis_revenue"))
    ax.set_title(msg("brief.chart.distribution_title", year=content.year), fontsize=11)
    ax.grid(axis="y", alpha=0.3, which="major")
    return fig


def figures(content: Content, tiers: dict[float, str]) -> list[tuple[str, str, MplFigure]]:
    """(file name, caption, figure) of each chart in document order, drawn but not saved."""
    style: dict[Any, Any] = {"font.family": [register_matplotlib_font()], "axes.unicode_minus": False}
    with _draw_lock, matplotlib.rc_context(style):
        trend = _province_trend if content.kind == "province" else _trend
        return [("trend.png", msg("brief.chart.trend_caption"), trend(content, tiers)),
                ("distribution.png", msg("brief.chart.distribution_caption"), _distribution(content, tiers))]


def draw_charts(content: Content, tiers: dict[float, str], directory: Path) -> list[Chart]:
    """Write the PNG charts into `directory` and return them in document order."""
    directory.mkdir(parents=True, exist_ok=True)
    charts = []
    for name, caption, fig in figures(content, tiers):
        with _draw_lock:
            _save(fig, directory / name)
        charts.append(Chart(caption, directory / name))
    return charts
