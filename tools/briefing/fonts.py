"""Fonts of the briefings: the 公文 faces the documents name, and the CJK face that stands in for them.

The .docx names the faces government PCs have (GB/T 9704: 方正小标宋简体 for the title, 仿宋_GB2312
for the body, 黑体 and 楷体_GB2312 for headings). Where those are missing, the bundled Noto Sans CJK
(package `noto-cjk-sans-otc`) stands in: matplotlib registers the collection and picks the SC face
by name; LibreOffice gets a fontconfig file whose aliases send every 公文 name to that face.

The collection's faces share one CFF table named after the JP face, so a PDF made from any face
embeds a font called NotoSansCJKjp. LibreOffice therefore gets the SC face extracted as a single
.otf whose CFF names say SC (the names are the same length, so the table is patched in place).

PDF faces (PDF_FACES), so headings do not look like body text: each 公文 face takes the first of its
list that the machine has, and the bundled sans face when it has none of them:
    仿宋 / 宋体 / 小标宋 (body, page numbers, title)  Noto Serif CJK SC, AR PL UMing CN, then the bundled sans
    黑体 (headings, table headers)                    the bundled Noto Sans CJK SC
    楷体 (second-level headings, the date line)       AR PL UKai CN, Noto Serif CJK SC, then the bundled sans
Debian: `apt-get install fonts-noto-cjk fonts-arphic-ukai` gives all three kinds of face.
"""

from __future__ import annotations

import os
import tempfile
import threading
from functools import cache
from pathlib import Path

# The Simplified Chinese face of the collection; Word and LibreOffice look it up by this name.
CJK_FAMILY = "Noto Sans CJK SC"
SC_FACE_INDEX = 2  # JP, KR, SC, TC, HK, then the Mono faces (checked by the tests)
# the shared CFF table's names -> the SC face's (same lengths: offsets in the table stay valid)
CFF_RENAMES = ((b"NotoSansCJKjp-Regular", b"NotoSansCJKsc-Regular"), (b"Noto Sans CJK JP", b"Noto Sans CJK SC"))

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
KAI_FONT = "楷体_GB2312"
LATIN_FONT = "Times New Roman"
PAGE_NUMBER_FONT = "宋体"

# 公文 face -> what stands in where it is not installed (Windows name first, then the bundled face)
FALLBACKS = {
    TITLE_FONT: ("宋体", "SimSun", CJK_FAMILY),
    BODY_FONT: ("仿宋", "FangSong", CJK_FAMILY),
    HEADING_FONT: ("SimHei", CJK_FAMILY),
    KAI_FONT: ("楷体", "KaiTi", CJK_FAMILY),
    PAGE_NUMBER_FONT: ("SimSun", CJK_FAMILY),
}

SERIF_FACES = ("Noto Serif CJK SC", "AR PL UMing CN", "Source Han Serif SC")
KAI_FACES = ("AR PL UKai CN", "Noto Serif CJK SC", "AR PL UMing CN")
PDF_FACES = {
    TITLE_FONT: (*SERIF_FACES, CJK_FAMILY),
    BODY_FONT: (*SERIF_FACES, CJK_FAMILY),
    PAGE_NUMBER_FONT: (*SERIF_FACES, CJK_FAMILY),
    HEADING_FONT: (CJK_FAMILY,),
    KAI_FONT: (*KAI_FACES, CJK_FAMILY),
}

_register_lock = threading.Lock()
_extract_lock = threading.Lock()


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


def sc_face(cache_dir: Path | None = None) -> Path:
    """The SC face of the collection as a single .otf named SC throughout, made once into `cache_dir`."""
    from fontTools.ttLib import TTCollection
    from fontTools.ttLib.tables.DefaultTable import DefaultTable

    source = font_path()
    directory = cache_dir or Path(tempfile.gettempdir()) / f"clusterbot-fonts-{os.getuid()}"
    # the source size in the name: a new package version gets a new file
    target = directory / f"NotoSansCJKsc-Regular-{source.stat().st_size}.otf"
    with _extract_lock:
        if target.is_file():
            return target
        directory.mkdir(parents=True, exist_ok=True)
        face = TTCollection(str(source), lazy=True, recalcBBoxes=False, recalcTimestamp=False).fonts[SC_FACE_INDEX]
        cff = DefaultTable("CFF ")
        cff.data = face.reader["CFF "]
        for old, new in CFF_RENAMES:
            cff.data = cff.data.replace(old, new)
        face["CFF "] = cff
        partial = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        face.save(str(partial))
        os.replace(partial, target)
    return target


def _alias(family: str, prefer: tuple[str, ...]) -> str:
    names = "".join(f"<family>{name}</family>" for name in prefer)
    return f'  <alias binding="same"><family>{family}</family><prefer>{names}</prefer></alias>\n'


def fontconfig_file(directory: Path) -> Path:
    """A fontconfig file for LibreOffice: every 公文 face aliased to its PDF_FACES (the bundled SC face last)."""
    directory.mkdir(parents=True, exist_ok=True)
    face = sc_face()
    target = directory / "fonts.conf"
    aliases = "".join(_alias(family, prefer) for family, prefer in PDF_FACES.items())
    target.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        "  <include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>\n"
        f"  <dir>{face.parent}</dir>\n"
        # a system copy of the sans collection would win again and embed its JP face
        "  <selectfont><rejectfont><glob>*NotoSansCJK*.ttc</glob></rejectfont></selectfont>\n"
        f"{aliases}"
        f"  <cachedir>{directory / 'cache'}</cachedir>\n"
        "</fontconfig>\n",
        encoding="utf-8",
    )
    return target
