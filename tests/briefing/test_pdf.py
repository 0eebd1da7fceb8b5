"""Optional: LibreOffice turns the .docx into a PDF whose first page renders (skipped without it)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from clusterbot.tools.briefing.pdf import docx_to_pdf, libreoffice

pytestmark = pytest.mark.optional


@pytest.mark.skipif(libreoffice() is None or shutil.which("pdftoppm") is None,
                    reason="LibreOffice or pdftoppm is not installed")
def test_docx_converts_to_pdf_and_page_one_renders(county_briefing, tmp_path):
    briefing, _ = county_briefing
    docx_file = next(p for p in briefing.files if p.suffix == ".docx")
    pdf = docx_to_pdf(docx_file, tmp_path)
    assert pdf.read_bytes()[:5] == b"%PDF-"
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")],
                   check=True, timeout=120)
    pages = list(tmp_path.glob("page*.png"))
    assert len(pages) == 1 and pages[0].stat().st_size > 10_000
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, timeout=60).stdout
    assert "NotoSansCJK" in fonts.replace(" ", "")
