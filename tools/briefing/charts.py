"""The briefing's charts (matplotlib, Agg backend, the bundled CJK font), drawn from its content.

Two charts: the revenue trend of the briefing's clusters with the tier lines (for the province,
the total against its targets), and every cluster of the province on a log scale with the
briefing's own clusters marked.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from matplotlib import ticker  # noqa: E402  (after choosing the backend)
from matplotlib.figure import Figure as MplFigure  # noqa: E402

from clusterbot.messages import msg  # noqa: E402
from clusterbot.tools.briefing.fonts import register_matplotlib_font  # noqa: E402
from clusterbot.tools.briefing.model import Content  # noqa: E402

MAX_TREND_LINES = 8
MAX_LABELLED = 4  # more labels than this overlap on the distribution chart
DPI = 150
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
    fig.savefig(partial, format="png")
    os.replace(partial, path)


def _thresholds_in_range(tiers: dict[float, str], top: float) -> list[tuple[float, str]]:
    """The tier lines worth drawing: every tier up to the first one above the data."""
    shown = []
    for value in sorted(tiers):
        shown.append((value, tiers[value]))
        if value > top:
            break
    return shown


def _trend(content: Content, tiers: dict[float, str], path: Path) -> Chart:
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
    for value, label in _thresholds_in_range(tiers, top):
        ax.axhline(value, color=THRESHOLD_COLOR, linestyle="--", linewidth=1)
        ax.annotate(label, xy=(1, value), xycoords=("axes fraction", "data"), xytext=(-4, 3),
                    textcoords="offset points", ha="right", fontsize=8, color="#616161")
    ax.set_xticks(content.years)
    ax.set_xlabel(msg("brief.chart.axis_year"))
    ax.set_ylabel(msg("brief.chart.axis_revenue"))
    ax.set_ylim(0, max(top, *(v for v, _ in _thresholds_in_range(tiers, top))) * 1.1 if top else None)
    ax.set_title(msg("brief.chart.trend_title"), fontsize=11)
    ax.grid(axis="y", alpha=0.3)
    if rows:
        ax.legend(fontsize=8, loc="upper left", frameon=False, ncols=2 if len(rows) > 4 else 1)
    _save(fig, path)
    return Chart(msg("brief.chart.trend_caption"), path)


def _province_trend(content: Content, path: Path) -> Chart:
    """The province's total revenue against the targets of 二 (from province_progress)."""
    fig = _new_figure()
    ax = fig.add_subplot()
    totals = content.province_totals
    ax.plot([f.year for f in totals], [f.value for f in totals], marker="o", markersize=3.5, linewidth=1.8,
            color=PALETTE[0])
    for f in totals:
        ax.annotate(f"{f.value:.2f}", xy=(f.year, f.value), xytext=(0, 5), textcoords="offset points",
                    ha="center", fontsize=8)
    targets = [i for i in content.progress if i.indicator == "revenue_total"]
    for item in targets:
        if item.target_value is None:
            continue
        ax.axhline(item.target_value, color=THRESHOLD_COLOR, linestyle="--", linewidth=1)
        ax.annotate(msg("brief.chart.target_line", year=item.target_year, value=item.target_text),
                    xy=(1, item.target_value), xycoords=("axes fraction", "data"), xytext=(-4, 3),
                    textcoords="offset points", ha="right", fontsize=8, color="#616161")
    ax.set_xticks(content.years)
    ax.set_xlabel(msg("brief.chart.axis_year"))
    ax.set_ylabel(msg("brief.chart.axis_total"))
    ax.set_ylim(bottom=0)
    ax.set_title(msg("brief.chart.trend_title_province"), fontsize=11)
    ax.grid(axis="y", alpha=0.3)
    _save(fig, path)
    return Chart(msg("brief.chart.trend_caption"), path)


def _distribution(content: Content, tiers: dict[float, str], path: Path) -> Chart:
    fig = _new_figure(height=3.4)
    ax = fig.add_subplot()
    mine = {r.cluster.name for r in content.clusters} if content.kind != "province" else set()
    ranked = sorted(content.distribution, key=lambda f: f.value)
    positions = list(range(1, len(ranked) + 1))
    colors = [PALETTE[1] if f.entity in mine else "#b0bec5" for f in ranked]
    ax.bar(positions, [f.value for f in ranked], color=colors, width=0.85)
    ax.set_yscale("log")
    ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _pos: f"{v:g}"))
    ax.yaxis.set_minor_formatter(ticker.NullFormatter())
    top = max((f.value for f in ranked), default=0)
    for value, label in _thresholds_in_range(tiers, top):
        ax.axhline(value, color=THRESHOLD_COLOR, linestyle="--", linewidth=1)
        ax.annotate(label, xy=(0, value), xycoords=("axes fraction", "data"), xytext=(4, 3),
                    textcoords="offset points", ha="left", fontsize=8, color="#616161")
    for pos, fig_value in zip(positions, ranked, strict=True):
        if fig_value.entity in mine and len(mine) <= MAX_LABELLED:
            label = next(r.cluster.short_name for r in content.clusters if r.cluster.name == fig_value.entity)
            ax.annotate(label, xy=(pos, fig_value.value), xytext=(0, 6), textcoords="offset points",
                        ha="center", fontsize=8, color=PALETTE[1],
                        arrowprops={"arrowstyle": "-", "color": PALETTE[1], "linewidth": 0.6})
    ax.set_xticks([])
    ax.set_xlabel(msg("brief.chart.ordered"))
    ax.set_ylabel(msg("brief.chart.axis_revenue"))
    ax.set_title(msg("brief.chart.distribution_title", year=content.year), fontsize=11)
    ax.grid(axis="y", alpha=0.3, which="major")
    _save(fig, path)
    return Chart(msg("brief.chart.distribution_caption"), path)


def draw_charts(content: Content, tiers: dict[float, str], directory: Path) -> list[Chart]:
    """Write the PNG charts into `directory` and return them in document order."""
    directory.mkdir(parents=True, exist_ok=True)
    style = {"font.family": [register_matplotlib_font()], "axes.unicode_minus": False}
    with _draw_lock, matplotlib.rc_context(style):
        trend = (_province_trend(content, directory / "trend.png") if content.kind == "province"
                 else _trend(content, tiers, directory / "trend.png"))
        return [trend, _distribution(content, tiers, directory / "distribution.png")]
