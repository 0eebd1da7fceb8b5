"""Chart labels stay inside the picture and the frame, and never overlap one another."""

from __future__ import annotations

import itertools

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from clusterbot.tools.briefing.charts import figures, stack_levels
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


def test_neighbouring_names_are_stacked():
    # three labels of width 4 at 10, 12 and 20: the second stacks over the first, the third fits at the bottom
    assert stack_levels([10, 12, 20], [4, 4, 4]) == [0, 1, 0]
    assert stack_levels([1, 2, 3], [10, 10, 10]) == [0, 1, 2]


def test_a_tier_label_moves_left_when_a_line_ends_under_it(module_settings):
    """合肥市: 长丰汽车零部件 ends 2025 just above 千亿级, where the label would sit on the right."""
    kind, entity = resolve_target(module_settings, "合肥市")
    content = collect(module_settings, kind, entity, None, FIXED_DAY)
    _name, _caption, trend = figures(content, snapshot(module_settings).thresholds)[0]
    sides = {t.get_text(): t.get_horizontalalignment() for t in trend.axes[0].texts}
    assert sides["千亿级"] == "left" and sides["百亿级"] == "right"
