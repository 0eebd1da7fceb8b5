"""Look at the briefings as a reader would: docx -> PDF (LibreOffice) -> page images and text layer.

One render per briefing kind (county, city, province), shared by every check of this module. Skipped
with its reason where LibreOffice or poppler is missing (.ci/run installs them when it can).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from clusterbot.tools.briefing.pdf import docx_to_pdf, libreoffice

from .conftest import FIXED_DAY

pytestmark = [
    pytest.mark.optional,
    pytest.mark.skipif(libreoffice() is None or shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None,
                       reason="LibreOffice (soffice) or poppler-utils (pdftoppm, pdftotext) is not installed; "
                              "Debian: apt-get install libreoffice-writer poppler-utils"),
]

# body pages (up to the 附件说明 line) of each kind, at 三号 仿宋 on the 22-line page
BUDGET = {"county": 3, "city": 4, "province": 4}
TARGETS = {"county": "天长市", "city": "滁州市", "province": "全省"}
DEMO_LABEL = "示例数据"
TEXT_TOP_MM, TEXT_BOTTOM_MM, PAGE_MM = 37, 297 - 35, 297  # the GB/T 9704 text area
RENDER_DPI = 20  # enough to see where the ink ends


def _pages_text(pdf: Path) -> list[str]:
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True,
                          timeout=60, check=True)
    return done.stdout.split("\f")[:-1]


def _fill(png: Path) -> float:
    """How far down the text area the ink reaches, 0–1 (header and footer excluded)."""
    import matplotlib.image as mpimg
    import numpy as np

    pixels = mpimg.imread(str(png))
    grey = pixels if pixels.ndim == 2 else pixels[..., 0]
    height = grey.shape[0]
    top, bottom = int(height * TEXT_TOP_MM / PAGE_MM), int(height * TEXT_BOTTOM_MM / PAGE_MM)
    inked = np.where((grey[top:bottom] < 0.6).any(axis=1))[0]
    return float((inked.max() + 1) / (bottom - top)) if len(inked) else 0.0


@pytest.fixture(scope="module")
def rendered(module_settings, county_briefing, province_briefing, tmp_path_factory):
    """kind -> (page texts, page fill ratios) of each briefing, rendered once."""
    from clusterbot.tools.briefing import make_briefing

    out = tmp_path_factory.mktemp("render")
    city = make_briefing(module_settings, TARGETS["city"], formats=("docx",), out_dir=out / "city", today=FIXED_DAY)
    sources = {"county": county_briefing[0], "city": city, "province": province_briefing[0]}
    result = {}
    for kind, briefing in sources.items():
        docx_file = next(p for p in briefing.files if p.suffix == ".docx")
        pdf = docx_to_pdf(docx_file, out / kind)
        subprocess.run(["pdftoppm", "-r", str(RENDER_DPI), "-gray", "-png", str(pdf), str(out / kind / "page")],
                       check=True, timeout=120)
        images = sorted((out / kind).glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        texts = _pages_text(pdf)
        assert len(images) == len(texts)
        result[kind] = (texts, [_fill(p) for p in images])
    return result


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("kind", list(BUDGET))
def test_body_fits_its_page_budget(rendered, kind):
    texts, _ = rendered[kind]
    body_end = next(n for n, text in enumerate(texts, start=1) if "附件：1." in _flat(text))
    assert body_end <= BUDGET[kind], (kind, body_end)
    assert any("附件1" in _flat(text) for text in texts[body_end - 1:])  # the tables follow


@pytest.mark.parametrize("kind", list(BUDGET))
def test_no_page_is_more_than_half_empty_but_the_last(rendered, kind):
    _, fills = rendered[kind]
    assert [round(f, 2) for f in fills[:-1] if f < 0.5] == [], (kind, fills)


@pytest.mark.parametrize("kind", list(BUDGET))
def test_every_page_carries_the_demo_label(rendered, kind):
    texts, _ = rendered[kind]
    assert [n for n, text in enumerate(texts, start=1) if DEMO_LABEL not in text] == []


@pytest.mark.parametrize("kind", list(BUDGET))
def test_the_text_layer_reads_as_a_chinese_briefing(rendered, kind):
    texts, _ = rendered[kind]
    # the page header and number are on every page by design; the rest is the document's own text
    body = "".join(_flat(re.sub(r"示例数据\s*非官方统计\s*不得引用|—\s*\d+\s*—", "", t)) for t in texts)
    assert "—个" not in body and "—家" not in body
    assert re.findall(r"[A-Za-z]{2,}", body) == []
    sentences = [s for s in body.split("。") if len(s) >= 8]
    assert sorted({s for s in sentences if sentences.count(s) > 1}) == []
