"""Print the HTML report to PDF with the system Chromium (no TeX, no browser download).

Page size, margins and page numbers come from the report's print stylesheet (``@page`` rules in
``templates/pakru/pakru.css``); the page is rendered for print by its templates (tables open, the
cited sources only, page numbers in the contents), never rewritten.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
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


# --- page numbers: print, read where each target landed, print again with the numbers -------------
# the page's print variant carries, at each contents target and appendix table, an invisible token
# (pakru.page.assemble.pdfmark: "QZ" + the id with its other characters as X + "ZQ")
_MARK_RE = re.compile(r"QZ([A-Za-z0-9]+?)ZQ")


def pages_of(page_texts: list[str]) -> dict[str, int]:
    """Each token's page (1-based) from the printed pages' text (``pdftotext``, split at form feeds)."""
    found: dict[str, int] = {}
    for number, text in enumerate(page_texts, start=1):
        for m in _MARK_RE.finditer(re.sub(r"\s+", "", text)):
            found.setdefault(f"QZ{m.group(1)}ZQ", number)
    return found


def _page_texts(pdf: Path) -> list[str] | None:
    tool = shutil.which("pdftotext")
    if tool is None:
        return None
    proc = subprocess.run([tool, str(pdf), "-"], capture_output=True, text=True)
    return proc.stdout.split("\f") if proc.returncode == 0 else None


def print_pdf(render: Callable[[dict[str, int], bool], str], pdf_path: Path, timeout_s: float = 300) -> Path:
    """Write ``pdf_path`` from the page's print variant; RenderError (exit 5) if Chromium is missing
    or fails. ``render(pages, marks)`` gives the print HTML: first with invisible markers, to learn
    from the printed text where each contents entry and appendix table landed; then with those page
    numbers (once more if a number moved a page); the last print carries no markers."""
    browser = find_chromium()
    if browser is None:
        env = os.environ.get("PAKRU_CHROMIUM")
        where = f"PAKRU_CHROMIUM={env} is not a file" if env else "no Chromium found to print the PDF"
        raise RenderError(f"{where}; {INSTALL_HINT}. The HTML report was published, without a PDF.")
    tmp_pdf = pdf_path.with_suffix(".pdf.part")
    with tempfile.TemporaryDirectory(prefix="pakru-chromium-") as profile:
        # the copy that prints sits outside the run folder, so nothing half-made is ever published
        printed = Path(profile) / "report.html"
        pages: dict[str, int] = {}
        for _ in range(3):
            printed.write_text(render(pages, True), encoding="utf-8")
            _chromium(browser, profile, printed, tmp_pdf, pdf_path.name, timeout_s)
            texts = _page_texts(tmp_pdf)
            if texts is None:
                break
            found = pages_of(texts)
            if found == pages:
                break
            pages = found
        # the markers move nothing: the last print is the same pages without them
        printed.write_text(render(pages, False), encoding="utf-8")
        _chromium(browser, profile, printed, tmp_pdf, pdf_path.name, timeout_s)
    os.replace(tmp_pdf, pdf_path)
    return pdf_path


def _chromium(browser: str, profile: str, printed: Path, tmp_pdf: Path, name: str, timeout_s: float) -> None:
    cmd = [browser, *_FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={tmp_pdf}", printed.as_uri()]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout_s)
    except subprocess.TimeoutExpired:
        raise RenderError(f"Chromium did not finish printing {name} within {timeout_s:.0f} s") from None
    except OSError as err:
        raise RenderError(f"could not start Chromium at {browser}: {err}") from None
    if proc.returncode != 0 or not tmp_pdf.is_file() or tmp_pdf.stat().st_size == 0:
        last = (proc.stderr.strip().splitlines() or ["no message"])[-1]
        raise RenderError(f"Chromium failed to print the PDF (exit {proc.returncode}): {last}")
