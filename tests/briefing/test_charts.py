"""Chart labels stay inside the picture and the frame and never overlap; the charts print in grey, on
linear axes, and say 示例数据 in the picture and the caption."""

from __future__ import annotations

import itertools

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from clusterbot.tools.briefing.charts import band_labels, figures
from clusterbot.tools.briefing.collect import collect, resolve_target
from clusterbot.tools.store import snapshot

from .conftest import FIXED_DAY


def _labels(fig):
    """The annotations (tier and target lines, values, cluster names) and legend texts, with their boxes."""
    canvas = FigureCanvasAgg(fig)
    canvas.draw()  # as when saved: the positions are final
    renderer = canvas.get_renderer()
    ax = fig.axes[0]
    annotations = [(t.get_text(), t.get_window_extent(renderer)) for t in ax.texts]
    legend = ax.get_legend()
    legend_texts = [(t.get_text(), t.get_window_extent(renderer)) for t in legend.get_texts()] if legend else []
    return ax.get_window_extent(renderer), fig.bbox, annotations, legend_texts


@pytest.mark.parametrize("target", ["天长市", "全省", "天长仪器仪表", "滁州市", "合肥市"])
def test_labels_are_inside_the_frame_and_apart(module_settings, target):
    kind, entity = resolve_target(module_settings, target)
    content = collect(module_settings, kind, entity, None, FIXED_DAY)
    for name, _caption, fig in figures(content, snapshot(module_settings).thresholds):
        frame, page, annotations, legend = _labels(fig)
        assert annotations, name
        for text, box in annotations:  # not cut by the frame (tier labels were, at the top)
            assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1, (name, text)
        for text, box in legend:  # the legend under the plot is still on the picture
            assert page.x0 <= box.x0 and box.x1 <= page.x1 and page.y0 <= box.y0, (name, text)
        for (a, box_a), (b, box_b) in itertools.combinations(annotations + legend, 2):
            assert not box_a.overlaps(box_b), (name, a, b)


def _is_grey(color) -> bool:
    from matplotlib.colors import to_rgb

    red, green, blue = to_rgb(color)
    return max(red, green, blue) - min(red, green, blue) < 0.02


@pytest.mark.parametrize("target", ["天长市", "全省", "合肥市"])
def test_charts_are_grey_linear_and_marked_as_demo(module_settings, target):
    kind, entity = resolve_target(module_settings, target)
    content = collect(module_settings, kind, entity, None, FIXED_DAY)
    drawn = figures(content, snapshot(module_settings).thresholds)
    for name, caption, fig in drawn:
        ax = fig.axes[0]
        assert ax.get_yscale() == "linear" and ax.get_xscale() == "linear", name
        for line in ax.get_lines():
            assert _is_grey(line.get_color()), (name, line.get_color())
        for patch in ax.patches:
            assert _is_grey(patch.get_facecolor()) or patch.get_facecolor()[3] == 0, name
        # the stamp is in the picture, the caption says it too
        assert "示例数据" in [t.get_text() for t in fig.texts], name
        assert "示例数据" in caption, name
    # series tell apart by line style and marker, not colour alone
    trend = drawn[0][2].axes[0]
    series = [(line.get_linestyle(), line.get_marker()) for line in trend.get_lines() if line.get_label()[0] != "_"]
    assert len(set(series)) == len(series)


def test_captions_match_what_is_drawn(module_settings):
    kind, entity = resolve_target(module_settings, "天长市")
    content = collect(module_settings, kind, entity, None, FIXED_DAY)
    (_n1, trend_caption, trend), (_n2, bands_caption, bands) = figures(content, snapshot(module_settings).thresholds)
    years = [int(t) for t in trend.axes[0].get_xticks()]
    assert f"{years[0]}—{years[-1]}年" in trend_caption and "天长市" in trend_caption and "亿元" in trend_caption
    assert "虚线为规模等级" in trend_caption and any(line.get_linestyle() == "--" for line in trend.axes[0].get_lines())
    labels = [t.get_text() for t in bands.axes[0].get_xticklabels()]
    assert labels == band_labels() and "分档" in bands_caption and f"{content.year}年" in bands_caption
    counts = [int(t.get_text()) for t in bands.axes[0].texts]
    assert sum(counts) == len(content.distribution)


def test_a_tier_label_moves_left_when_a_line_ends_under_it(module_settings):
    """合肥市: 长丰汽车零部件 ends 2025 just above 千亿级, where the label would sit on the right."""
    kind, entity = resolve_target(module_settings, "合肥市")
    content = collect(module_settings, kind, entity, None, FIXED_DAY)
    _name, _caption, trend = figures(content, snapshot(module_settings).thresholds)[0]
    sides = {t.get_text(): t.get_horizontalalignment() for t in trend.axes[0].texts}
    assert sides["千亿级"] == "left" and sides["百亿级"] == "right"
