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


# --- page numbers: print, read where each target landed, print again with the numbers -------------
_MARK = "QZPAGEMARK{}QZ"
_MARK_RE = re.compile(r"QZPAGEMARK(\d+)QZ")
_TOC_LINK = re.compile(r'(<nav class="toc".*?</nav>)', re.S)
_POINTER = re.compile(r'(<p class="appendix-link">Table: <a href="#)([^"]+)'
                      r'(">.*?</a> \([^)]*\), in Appendix [A-Z]+)\.</p>',
                      re.S)


def link_targets(markup: str) -> list[str]:
    """The ids the contents list and the body's "Table: … in Appendix X" lines link to, in order."""
    toc = _TOC_LINK.search(markup)
    ids = re.findall(r'href="#([^"]+)"', toc.group(1)) if toc else []
    ids += [m.group(2) for m in _POINTER.finditer(markup)]
    return list(dict.fromkeys(ids))


def marked(markup: str, targets: list[str]) -> str:
    """The page with an invisible marker at the start of each target element (absolutely placed,
    so it moves nothing), for :func:`pages_of` to find in the printed text."""
    for n, tid in enumerate(targets):
        markup = re.sub(rf'(<[a-z0-9]+\b[^>]*\bid="{re.escape(tid)}"[^>]*>)',
                        lambda m, n=n: m.group(1)
                        + f'<span class="pdf-mark" aria-hidden="true">{_MARK.format(n)}</span>',
                        markup, count=1)
    return markup


def pages_of(page_texts: list[str], targets: list[str]) -> dict[str, int]:
    """Each target's page (1-based) from the printed pages' text (``pdftotext``, split at form feeds)."""
    found: dict[str, int] = {}
    for number, text in enumerate(page_texts, start=1):
        for m in _MARK_RE.finditer(text.replace(" ", "")):
            i = int(m.group(1))
            if i < len(targets):
                found.setdefault(targets[i], number)
    return found


def numbered(markup: str, pages: dict[str, int]) -> str:
    """The contents list with each entry's page, and each "in Appendix X" line with the table's page."""
    def toc(m: re.Match[str]) -> str:
        return re.sub(r'(<a href="#([^"]+)">)(.*?)(</a>)',
                      lambda a: a.group(1) + a.group(3) + (f'<span class="pageno"> {pages[a.group(2)]}</span>'
                                                           if a.group(2) in pages else "") + a.group(4),
                      m.group(1), flags=re.S)

    markup = _TOC_LINK.sub(toc, markup, count=1)
    return _POINTER.sub(lambda m: m.group(1) + m.group(2) + m.group(3)
                        + (f", page {pages[m.group(2)]}" if m.group(2) in pages else "") + ".</p>", markup)


def _page_texts(pdf: Path) -> list[str] | None:
    tool = shutil.which("pdftotext")
    if tool is None:
        return None
    proc = subprocess.run([tool, str(pdf), "-"], capture_output=True, text=True)
    return proc.stdout.split("\f") if proc.returncode == 0 else None


# --- the sources list in print: the sources behind what the body shows ----------------------------
def cited_sources_only(markup: str) -> str:
    """The page with the sources appendix's list narrowed to the sources the body cites or its
    charts' points name (the full list stays in the HTML page and the data package)."""
    start = markup.find('<section class="report-section appendix"')
    if start < 0:
        return markup
    body = markup[:start]
    start = markup.find('id="sources-table"', start)  # the appendix's full list, not a section's
    if start < 0:
        return markup
    table = re.search(r'(<table class="[^"]*\bsources\b[^"]*">)(.*?)(</table>)', markup[start:], re.S)
    if not table:
        return markup
    rows = re.findall(r'<tr id="src-([^"]+)">.*?</tr>', table.group(2), re.S)
    keep = {sid for sid in rows if re.search(rf"(?<![\w-]){re.escape(sid)}(?![\w-])", body)}
    inner = re.sub(r'<tr id="src-([^"]+)">.*?</tr>', lambda m: m.group(0) if m.group(1) in keep else "",
                   table.group(2), flags=re.S)
    note = (f'<p class="print-only">This printed list keeps the {len(keep)} sources behind the figures and '
            f"sentences above; the HTML edition lists all {len(rows)}.</p>")
    a, b = start + table.start(), start + table.end()
    return markup[:a] + note + table.group(1) + inner + table.group(3) + markup[b:]


def print_pdf(html_path: Path, pdf_path: Path, timeout_s: float = 300) -> Path:
    """Write ``pdf_path`` from ``html_path``; RenderError (exit 5) if Chromium is missing or fails.

    Printed twice (three times if a number moved a page): the first print shows where each entry of
    the contents and each table the body points to landed, the next carries those page numbers."""
    browser = find_chromium()
    if browser is None:
        env = os.environ.get("PAKRU_CHROMIUM")
        where = f"PAKRU_CHROMIUM={env} is not a file" if env else "no Chromium found to print the PDF"
        raise RenderError(f"{where}; {INSTALL_HINT}. The HTML report was published, without a PDF.")
    tmp_pdf = pdf_path.with_suffix(".pdf.part")
    source = cited_sources_only(expanded(html_path.read_text(encoding="utf-8")))
    targets = link_targets(source)
    base = marked(source, targets)
    with tempfile.TemporaryDirectory(prefix="pakru-chromium-") as profile:
        # the copy that prints sits outside the run folder, so nothing half-made is ever published
        printed = Path(profile) / html_path.name
        pages: dict[str, int] = {}
        for _ in range(3):
            printed.write_text(numbered(base, pages), encoding="utf-8")
            _chromium(browser, profile, printed, tmp_pdf, html_path.name, timeout_s)
            texts = _page_texts(tmp_pdf) if targets else None
            if texts is None:
                break
            found = pages_of(texts, targets)
            if found == pages:
                break
            pages = found
        if pages:  # the markers move nothing: the last print is the same pages without them
            printed.write_text(numbered(source, pages), encoding="utf-8")
            _chromium(browser, profile, printed, tmp_pdf, html_path.name, timeout_s)
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
