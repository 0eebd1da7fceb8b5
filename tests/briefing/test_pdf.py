"""Optional: LibreOffice turns the .docx into a PDF that embeds the SC face and renders (skipped without it)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from clusterbot.tools.briefing.pdf import docx_to_pdf, libreoffice

pytestmark = pytest.mark.optional


@pytest.mark.skipif(libreoffice() is None or shutil.which("pdftoppm") is None,
                    reason="LibreOffice or pdftoppm is not installed")
def test_docx_converts_to_pdf_with_the_sc_face_and_pages_render(county_briefing, tmp_path):
    briefing, _ = county_briefing
    docx_file = next(p for p in briefing.files if p.suffix == ".docx")
    pdf = docx_to_pdf(docx_file, tmp_path)
    assert pdf.read_bytes()[:5] == b"%PDF-"
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp_path / "page")], check=True, timeout=120)
    pages = sorted(tmp_path.glob("page*.png"))
    assert len(pages) >= 3 and all(p.stat().st_size > 3_000 for p in pages)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, timeout=60).stdout
    embedded = [line.split()[0] for line in fonts.splitlines()[2:]]
    cjk = [name for name in embedded if "NotoSansCJK" in name]
    assert cjk and all("NotoSansCJKsc" in name for name in cjk), embedded
    # every page portrait: the 附件 tables fit the line
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "3", str(pdf)], capture_output=True, text=True, timeout=60).stdout
    sizes = [line.split(":", 1)[1].split("pts")[0].split(" x ") for line in info.splitlines() if line.startswith("Page")
             and "size" in line]
    assert [float(w) > float(h) for w, h in sizes] == [False, False, False]
