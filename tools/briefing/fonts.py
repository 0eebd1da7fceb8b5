"""The CJK font every briefing uses: Noto Sans CJK from the `noto-cjk-sans-otc` package.

The font ships inside the Python package, so charts and PDFs render Chinese the same way on a
machine without any system CJK font. matplotlib gets the file registered once per process;
LibreOffice gets a fontconfig file that adds the package directory to its font path.
"""

from __future__ import annotations

import threading
from functools import cache
from pathlib import Path

# The Simplified Chinese face of the collection; Word and LibreOffice look it up by this name.
CJK_FAMILY = "Noto Sans CJK SC"

_register_lock = threading.Lock()


@cache
def font_path() -> Path:
    """The bundled .ttc file; an ImportError here means the dependency is not installed."""
    import noto_cjk_sans_otc

    path = Path(str(noto_cjk_sans_otc.FONT_PATH))
    if not path.is_file():
        raise FileNotFoundError(path)
    return path


@cache
def register_matplotlib_font() -> str:
    """Register the bundled font with matplotlib (once) and return the family name to use."""
    from matplotlib import font_manager

    with _register_lock:
        path = font_path()
        known = {Path(entry.fname) for entry in font_manager.fontManager.ttflist}
        if path not in known:
            font_manager.fontManager.addfont(str(path))
    return CJK_FAMILY


def fontconfig_file(directory: Path) -> Path:
    """A fontconfig file for external programs (LibreOffice) that adds the bundled font's folder."""
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / "fonts.conf"
    target.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        "  <include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>\n"
        f"  <dir>{font_path().parent}</dir>\n"
        f"  <cachedir>{directory / 'cache'}</cachedir>\n"
        "</fontconfig>\n",
        encoding="utf-8",
    )
    return target
