"""Print the HTML report to PDF with the system Chromium (no TeX, no browser download).

Page size, margins and page numbers come from the report's print stylesheet (``@page`` rules in
:mod:`pakru.page.render`), so the PDF and a reader's own "Print" give the same pages.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import RenderError

INSTALL_HINT = "install it with 'apt-get install chromium' (Debian/Ubuntu) or set PAKRU_CHROMIUM to its path"
_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
          "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
          "--no-pdf-header-footer", "--run-all-compositor-stages-before-draw",
          # bookmarks from the page's h1-h6 outline (ignored by a Chromium that does not know it)
          "--generate-pdf-document-outline"]


def find_chromium() -> str | None:
    """``$PAKRU_CHROMIUM``, else the first Chromium-family browser on the PATH."""
    env = os.environ.get("PAKRU_CHROMIUM")
    if env:
        return env if Path(env).is_file() else None
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


_DETAILS = re.compile(r"<details\b(?![^>]*\bopen\b)")


def expanded(markup: str) -> str:
    """The page with every ``<details>`` open: print has no reader to click a summary, and
    Chromium prints a closed one as its summary alone."""
    return _DETAILS.sub("<details open", markup)


def print_pdf(html_path: Path, pdf_path: Path, timeout_s: float = 300) -> Path:
    """Write ``pdf_path`` from ``html_path``; RenderError (exit 5) if Chromium is missing or fails."""
    browser = find_chromium()
    if browser is None:
        env = os.environ.get("PAKRU_CHROMIUM")
        where = f"PAKRU_CHROMIUM={env} is not a file" if env else "no Chromium found to print the PDF"
        raise RenderError(f"{where}; {INSTALL_HINT}. The HTML report was published, without a PDF.")
    tmp_pdf = pdf_path.with_suffix(".pdf.part")
    with tempfile.TemporaryDirectory(prefix="pakru-chromium-") as profile:
        # the copy that prints sits outside the run folder, so nothing half-made is ever published
        printed = Path(profile) / html_path.name
        printed.write_text(expanded(html_path.read_text(encoding="utf-8")), encoding="utf-8")
        cmd = [browser, *_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={tmp_pdf}",
               printed.as_uri()]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout_s)
        except subprocess.TimeoutExpired:
            raise RenderError(f"Chromium did not finish printing {html_path.name} within {timeout_s:.0f} s") from None
        except OSError as err:
            raise RenderError(f"could not start Chromium at {browser}: {err}") from None
    if proc.returncode != 0 or not tmp_pdf.is_file() or tmp_pdf.stat().st_size == 0:
        last = (proc.stderr.strip().splitlines() or ["no message"])[-1]
        raise RenderError(f"Chromium failed to print the PDF (exit {proc.returncode}): {last}")
    os.replace(tmp_pdf, pdf_path)
    return pdf_path
