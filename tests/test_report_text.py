"""The report says what it said before: its body's visible prose against tests/golden/report-text.txt,
the review gate for wording (the tests of facts and templates check numbers and behaviour; this
file shows every change of a sentence as a diff).

When a change to the data, a notebook or the page changes the report's text on purpose, rebuild
the golden file and review its diff: ``PAKRU_UPDATE_REPORT_TEXT=1 pytest tests/test_report_text.py``.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from report_text import normalised_text

GOLDEN = Path(__file__).resolve().parent / "golden" / "report-text.txt"


def test_normalised_text_leaves_out_run_details_and_writes_ids_one_way() -> None:
    html = ('<html><head><title>t</title></head><body><header><h1>Title</h1><p class="edition">Edition of 1 '
            'December 2026 · commit abc</p></header><section class="changes"><p>New key figure</p></section>'
            '<p>Sources:  a-1;b-2</p><svg class="chart-wide" aria-label="A chart of 3 things"><text>2020</text></svg>'
            '<script>var x;</script><p>End</p><section class="report-section appendix"><p>313 sources, read '
            '2026-12-07</p></section></body></html>')
    assert normalised_text(html) == "Title\nSources: a-1; b-2\n[chart: A chart of 3 things]\nEnd\n"


@pytest.mark.slow
def test_report_text_matches_the_stored_text(built: tuple[Path, object]) -> None:
    root, _ = built
    text = normalised_text((root / "report" / "latest" / "report.html").read_text(encoding="utf-8"))
    if os.environ.get("PAKRU_UPDATE_REPORT_TEXT"):
        GOLDEN.write_text(text, encoding="utf-8")
    expected = GOLDEN.read_text(encoding="utf-8")
    diff = list(difflib.unified_diff(expected.splitlines(), text.splitlines(), "stored", "built", lineterm="", n=1))
    assert not diff, "the report's text changed:\n" + "\n".join(diff[:60])
