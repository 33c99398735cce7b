"""The built report in a real browser: offline, from disk."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser import open_offline

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def test_report_opens_offline_and_shows_section_headings(built, tmp_path: Path) -> None:
    root, _ = built
    report = root / "report" / "latest" / "report.html"
    with open_offline(report) as (page, log):
        headings = page.locator("h1, h2").all_inner_texts()
        page.screenshot(path=str(tmp_path / "report-1280.png"), full_page=False)
        images = page.evaluate("Array.from(document.images).map(i => [i.complete, i.naturalWidth, i.alt])")
    assert log.blocked == [], f"the report tried to fetch: {log.blocked[:3]}"
    assert log.console_errors == []
    assert any("Trade growth" in h for h in headings)
    assert "Contents" in headings
    assert images and all(ok and w > 0 and alt for ok, w, alt in images)
