"""Optional PDF: LibreOffice converts the .docx when it is installed; nothing else needs it.

LibreOffice gets a private profile (so it runs next to a user's open office) and a fontconfig
file that adds the bundled CJK font, so Chinese renders on a machine without system CJK fonts.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from clusterbot.errors import ClusterbotError
from clusterbot.tools.briefing.fonts import fontconfig_file

TIMEOUT_S = 180


def libreoffice() -> str | None:
    """The LibreOffice program, or None when it is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: Path, out_dir: Path) -> Path:
    """Convert `docx` into `out_dir`/<same stem>.pdf; ClusterbotError when it cannot."""
    program = libreoffice()
    if program is None:
        raise ClusterbotError("brief.pdf_unavailable")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="clusterbot-lo-") as tmp:
        env = dict(os.environ)
        env["FONTCONFIG_FILE"] = str(fontconfig_file(Path(tmp) / "fontconfig"))
        env["HOME"] = tmp
        command = [program, "--headless", "--norestore", "--nologo",
                   f"-env:UserInstallation={Path(tmp, 'profile').as_uri()}",
                   "--convert-to", "pdf", "--outdir", tmp, str(docx)]
        try:
            done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise ClusterbotError("brief.pdf_failed", reason=type(exc).__name__) from exc
        produced = Path(tmp) / f"{docx.stem}.pdf"
        if done.returncode != 0 or not produced.is_file():
            reason = (done.stderr or done.stdout).strip().splitlines()[-1:] or [f"exit {done.returncode}"]
            raise ClusterbotError("brief.pdf_failed", reason=reason[0][:200])
        target = out_dir / produced.name
        shutil.move(str(produced), target)
    return target
