"""The report says what it said before: its visible text against tests/golden/report-text.txt,
stored from the report as it was before the analysis modules were restructured (issue 11).

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
    html = ('<html><head><title>t</title></head><body><header><h1>Title</h1><dl class="meta"><dt>Run</dt>'
            '<dd>2026-01-01</dd></dl></header><aside class="box changes"><p>New key figure</p></aside>'
            '<p>Sources:  a-1;b-2</p><img src="x" alt="A chart of 3 things"><script>var x;</script>'
            '<section id="about"><p>Run 123, 4.5 s</p></section><p>End</p></body></html>')
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
