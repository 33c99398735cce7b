"""`pakru build --format html,pdf`: the PDF printed by the system Chromium, and its absence."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from browser import chromium_path
from conftest import copy_project, pakru

pytestmark = pytest.mark.slow


def bookmarks(pdf: Path) -> list[str]:
    """The titles of the PDF's outline entries (Chromium writes them uncompressed, as literal or
    UTF-16 hex strings), in file order."""
    raw = pdf.read_bytes()
    if b"/Outlines" not in raw:
        return []
    titles = []
    for m in re.finditer(rb"/Title\s*(<[0-9A-Fa-f]+>|\((?:\\.|[^\\)])*\))", raw):
        token = m.group(1)
        if token.startswith(b"<"):
            titles.append(bytes.fromhex(token[1:-1].decode()).decode("utf-16"))
        else:
            titles.append(re.sub(rb"\\(.)", rb"\1", token[1:-1]).decode("latin-1"))
    return titles


def _one_section(root: Path, section: str) -> None:
    spec = yaml.safe_load((root / "report" / "report.yaml").read_text())
    spec["sections"] = [s for s in spec["sections"] if s["id"] == section]
    (root / "report" / "report.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))


def test_pdf_is_a4_with_page_numbers_and_contents_first(tmp_path: Path) -> None:
    chromium_path()  # skip locally without Chromium; fail in CI
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    root = copy_project(tmp_path / "project")
    _one_section(root, "defence")
    result = pakru(root, "build", "--format", "html,pdf")
    assert result.returncode == 0, result.stderr
    pdf = root / "report" / "latest" / "report.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert "(A4)" in info, info
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert pages >= 2
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "2", "-layout", str(pdf), "-"], capture_output=True,
                           text=True).stdout
    assert "Latest data:" in first and "Contents" in first
    assert f"Page 1 of {pages}" in first
    marks = bookmarks(pdf)
    assert "Pakistan and Russia: trade, payments and defence" in marks
    for heading in ("Defence cooperation", "Appendix A. Defence cooperation: tables", "Appendix B. Data and sources",
                    "How to cite", "Appendix C. About this edition"):
        assert heading in marks, (heading, marks)


def test_pdf_prints_every_appendix_table_open_after_the_body(tmp_path: Path) -> None:
    chromium_path()
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    root = copy_project(tmp_path / "project")
    _one_section(root, "defence")
    assert pakru(root, "build", "--format", "html,pdf").returncode == 0
    latest = root / "report" / "latest"
    page = (latest / "report.html").read_text(encoding="utf-8")
    text = subprocess.run(["pdftotext", str(latest / "report.pdf"), "-"], capture_output=True, text=True).stdout
    text = " ".join(text.split())
    body, _, end = text.rpartition("Appendix A. Defence cooperation: tables")  # the last one is the heading
    assert re.search(r"in Appendix A, page \d+\.", body)  # the link line where the table stood, with its page
    # closed on screen, yet every appendix table prints: the first cell of each table's last row
    # (the left column, which the PDF's text gives whole) is in the appendix pages
    every = re.findall(r'<details class="appendix-table[^"]*" id="[^"]+">', page)
    assert len(every) >= 6 and not re.search(r"<details open", page)
    # the ones marked for the HTML only (class print-omit) are not looked for in the print
    details = re.findall(r'<details class="appendix-table" id="[^"]+">.*?</details>', page, flags=re.S)
    assert len(details) >= 3
    # print leaves out the run's record (it says where it is) and the sources nothing in the report cites
    assert "is in the HTML edition and in manifest.json" in text
    # tables marked for the HTML only (they repeat the body or record the run) do not print
    assert 'class="appendix-table print-omit"' in page and "What each dataset holds" not in text
    assert "This printed list keeps the" in text
    details = [b for b in details if not re.search(r'id="(sources-table)"', b)]
    checked = 0
    for block in details:
        last_row = block.rsplit("<tr", 1)[1]
        cells = re.findall(r"<td[^>]*>(.*?)</td>", last_row, flags=re.S)
        text_of_row = html.unescape(re.sub(r"<[^>]+>", " ", " ".join(cells)))
        # the row's longest word: ids and paths wrap at their hyphens and slashes in print
        words = re.findall(r"[A-Za-z][A-Za-z0-9_]{3,}", text_of_row)
        if not words:
            continue
        assert max(words, key=len) in end, text_of_row
        checked += 1
    assert checked >= 3


def test_missing_chromium_exits_5_and_still_publishes_the_html(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_project(tmp_path / "project")
    _one_section(root, "defence")
    monkeypatch.setenv("PAKRU_CHROMIUM", str(tmp_path / "no-such-browser"))
    result = pakru(root, "build", "--format", "html,pdf")
    assert result.returncode == 5
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "apt-get install chromium" in lines[0]
    assert (root / "report" / "latest" / "report.html").is_file()
    assert not (root / "report" / "latest" / "report.pdf").exists()


def test_pdf_reads_each_targets_page_from_the_printed_markers() -> None:
    from pakru.page import assemble
    from pakru.page import pdf as pdf_mod

    # as pdftotext gives the pages: each marker's token where its target printed (split by the layout)
    texts = ["Contents", f"Trade {assemble.pdfmark('trade')} ...", "",
             f"{assemble.pdfmark('appendix-trade')} Appendix A QZtableX tradeX1ZQ"]
    assert pdf_mod.pages_of(texts) == {assemble.pdfmark("trade"): 2, assemble.pdfmark("appendix-trade"): 4,
                                       assemble.pdfmark("table-trade-1"): 4}


def _blank_share(png: Path) -> float:
    """How much of a page's text area is empty below its last ink (footer excluded)."""
    from PIL import Image

    im = Image.open(png).convert("L")
    w, h = im.size
    px = im.load()
    rows = [y for y in range(int(h * 0.92)) if any(px[x, y] < 200 for x in range(0, w, 2))]
    last = max(rows) if rows else 0
    return 1 - (last - h * 0.06) / (h * 0.86)


def test_full_pdf_has_page_numbers_no_half_blank_body_page_and_a_short_body(tmp_path: Path) -> None:
    chromium_path()
    if not (shutil.which("pdftotext") and shutil.which("pdftoppm")):
        pytest.skip("poppler-utils is not installed")
    root = copy_project(tmp_path / "project")
    assert pakru(root, "build", "--format", "html,pdf").returncode == 0
    pdf = root / "report" / "latest" / "report.pdf"
    texts = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout.split("\f")
    texts = [t for t in texts if t.strip()]
    # the appendices print every long table open (the 130-event timeline, the sources with their
    # addresses); the body, what a reader reads through, stays short
    assert len(texts) <= 60, f"{len(texts)} pages"
    contents = next(t for t in texts[:6] if "Contents" in t)
    first_appendix = int(re.search(r"Appendix A\. .*?(\d+)\s*$", contents, flags=re.M).group(1))
    assert first_appendix - 1 <= 24, f"the body runs to page {first_appendix - 1}"
    assert "Appendix A" in texts[first_appendix - 1] and "Trade growth" in contents
    assert "QZPAGEMARK" not in "".join(texts)  # the markers of the first print are gone
    assert re.search(r", page \d+\.", " ".join(" ".join(texts[:first_appendix]).split()))
    subprocess.run(["pdftoppm", "-png", "-r", "20", "-l", str(first_appendix - 2), str(pdf), str(tmp_path / "p")],
                   check=True)
    shares = {int(p.stem.split("-")[-1]): round(_blank_share(p), 2) for p in sorted(tmp_path.glob("p-*.png"))}
    assert shares and max(shares.values()) <= 0.5, shares
