"""Charts use the CJK font bundled by noto-cjk-sans-otc; no glyph is missing."""

from __future__ import annotations

import warnings
from pathlib import Path

from matplotlib import font_manager

from clusterbot.tools.briefing.charts import draw_charts
from clusterbot.tools.briefing.collect import collect, resolve_target
from clusterbot.tools.briefing.fonts import CJK_FAMILY, font_path, register_matplotlib_font
from clusterbot.tools.store import snapshot

from .conftest import FIXED_DAY


def test_the_font_comes_from_the_installed_package():
    import noto_cjk_sans_otc

    path = font_path()
    assert path.is_file() and path.suffix == ".ttc"
    assert path.parent == Path(noto_cjk_sans_otc.__file__).parent


def test_matplotlib_finds_the_registered_font_without_fallback():
    family = register_matplotlib_font()
    assert family == CJK_FAMILY
    found = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    assert Path(found) == font_path()


def test_charts_render_every_chinese_character(module_settings, tmp_path):
    kind, entity = resolve_target(module_settings, "滁州市")
    content = collect(module_settings, kind, entity, None, FIXED_DAY)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        charts = draw_charts(content, snapshot(module_settings).thresholds, tmp_path)
    glyph_warnings = [str(w.message) for w in caught if "missing from" in str(w.message) or "Glyph" in str(w.message)]
    assert glyph_warnings == []
    assert [c.path.name for c in charts] == ["trend.png", "bands.png"]
    assert all(c.path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for c in charts)


def test_the_pdf_face_is_the_sc_face_named_sc(tmp_path):
    """LibreOffice embeds the font by its CFF name: the extracted face must say SC, not the shared JP name."""
    from fontTools.ttLib import TTFont

    from clusterbot.tools.briefing.fonts import fontconfig_file, sc_face

    face = TTFont(str(sc_face(tmp_path / "cache")))
    assert face["name"].getDebugName(1) == CJK_FAMILY
    cff = face["CFF "].cff
    assert cff.fontNames == ["NotoSansCJKsc-Regular"]
    assert all("jp" not in fd.FontName for fd in cff[cff.fontNames[0]].FDArray)
    assert face.getBestCmap()[ord("简")] == TTFont(str(font_path()), fontNumber=2, lazy=True).getBestCmap()[ord("简")]
    config = fontconfig_file(tmp_path / "fc").read_text(encoding="utf-8")
    for family in ("方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"):
        assert f"<family>{family}</family><prefer>" in config
    assert "*NotoSansCJK*.ttc" in config and str(font_path().parent) not in config
    # headings in the sans face, body and title in a serif face where there is one, 楷体 in a 楷 face first
    assert "<family>黑体</family><prefer><family>Noto Sans CJK SC</family></prefer>" in config
    assert "<family>仿宋_GB2312</family><prefer><family>Noto Serif CJK SC</family>" in config
    assert "<family>楷体_GB2312</family><prefer><family>AR PL UKai CN</family>" in config
    for family in ("方正小标宋简体", "仿宋_GB2312", "楷体_GB2312", "宋体"):  # the bundled face is always last
        prefer = config.split(f"<family>{family}</family><prefer>")[1].split("</prefer>")[0]
        assert prefer.endswith(f"<family>{CJK_FAMILY}</family>")
