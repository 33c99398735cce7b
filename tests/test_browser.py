"""The built report in a real browser: offline, from disk, at desktop and phone widths."""

from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path

import pytest
import yaml

from browser import open_offline
from conftest import ROOT, copy_project, pakru
from pakru.page import shelf

pytestmark = [pytest.mark.slow, pytest.mark.browser]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def _report(built: tuple[Path, object]) -> Path:
    return built[0] / "report" / "latest" / "report.html"


def test_report_opens_offline_and_shows_section_headings(built, tmp_path: Path) -> None:
    with open_offline(_report(built)) as (page, log):
        headings = page.locator("h1, h2").all_inner_texts()
        images = page.evaluate("Array.from(document.images).map(i => [i.complete, i.naturalWidth, i.alt])")
        svgs = page.evaluate("Array.from(document.querySelectorAll('figure.chart > svg'))"
                             ".map(s => [s.getBoundingClientRect().width, s.getAttribute('aria-label')])")
    assert log.blocked == [], f"the report tried to fetch: {log.blocked[:3]}"
    assert all(u.startswith(("file:", "data:")) for u in log.requests)
    assert log.console_errors == []
    for heading in ("Bottom line", "Key findings", "Where things stand", "Trade growth", "De-dollarisation",
                    "Defence cooperation", "Claims check", "Data and sources", "About this edition"):
        assert any(heading in h for h in headings), heading
    # charts are PNG images or inline SVG: each is drawn and has its text alternative
    assert images or svgs
    assert all(ok and w > 0 and alt and alt != "Chart" for ok, w, alt in images)
    # the hidden one of each chart's two drawings (wide, narrow) has no width; both have a label
    assert all(label for _, label in svgs) and sum(w > 0 for w, _ in svgs) * 2 == len(svgs)


@pytest.mark.parametrize("width", [1280, 390])
def test_screenshots_at_desktop_and_phone_width(built, tmp_path: Path, width: int) -> None:
    """Screenshots for a person to look at (kept in the test's temporary folder)."""
    with open_offline(_report(built), width=width, height=900) as (page, log):
        shot = tmp_path / f"report-{width}.png"
        page.screenshot(path=str(shot), full_page=False)
        findings = page.evaluate("""(() => { const h = document.getElementById('overview-key-findings');
            let e = h, items = []; while ((e = e.nextElementSibling) && e.tagName !== 'H2') {
            items.push(...Array.from(e.querySelectorAll('li')).map(li => li.innerText)); } return items; })()""")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        # each chart scales to the column: none reaches past the screen's edge (where the page's
        # own width would not show it, inside a clipping box)
        # each chart comes in a wide and a narrow drawing, and the stylesheet shows one of them
        charts = page.evaluate("""Array.from(document.querySelectorAll('main svg'))
            .filter(s => getComputedStyle(s).display !== 'none').map(s => {
            const r = s.getBoundingClientRect(); return [r.left, r.right, r.height]; })""")
    print(f"screenshot: {shot}")
    assert len(charts) >= 4
    assert all(left >= 0 and right <= width + 0.5 and height > 50 for left, right, height in charts), charts
    assert shot.stat().st_size > 10_000
    assert 6 <= len(findings) <= 10 and all(any(ch.isdigit() for ch in f) for f in findings)
    assert overflow <= 1, f"the page is {overflow}px wider than a {width}px screen"
    assert log.console_errors == []


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("which", ["report", "shelf"])
def test_no_serious_or_critical_accessibility_violations(built, width: int, which: str) -> None:
    if not AXE.is_file():
        message = f"axe-core is not installed at {AXE} (run `npm ci`)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    target = _report(built)
    if which == "shelf":
        target = built[0] / "report" / "index.html"
        if not target.is_file():  # until the build writes the shelf itself
            shelf.write_index(built[0] / "report")
    with open_offline(target, width=width, bypass_csp=True) as (page, _):
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    bad = [(v["id"], v["impact"], len(v["nodes"])) for v in result["violations"]
           if v["impact"] in ("serious", "critical")]
    assert bad == [], json.dumps(bad)


def test_headings_form_one_outline_and_contents_links_resolve(built) -> None:
    with open_offline(_report(built)) as (page, _):
        levels = page.evaluate("Array.from(document.querySelectorAll('h1,h2,h3,h4,h5,h6')).map(h => +h.tagName[1])")
        h1 = page.locator("h1").all_inner_texts()
        toc = page.evaluate("Array.from(document.querySelectorAll('nav.toc a')).map(a => "
                            "[a.getAttribute('href'), !!document.getElementById(a.getAttribute('href').slice(1))])")
        internal = page.evaluate("Array.from(document.querySelectorAll('a[href^=\\'#\\']')).filter(a => "
                                 "!document.getElementById(a.getAttribute('href').slice(1))).map(a => a.href)")
    assert h1 == ["Pakistan and Russia: trade, payments and defence"]
    skipped = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
    assert skipped == []
    assert len(toc) >= 20 and all(ok for _, ok in toc), [h for h, ok in toc if not ok]
    assert internal == []


def test_markup_in_data_is_shown_as_text_never_run(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project")
    spec = yaml.safe_load((root / "report" / "report.yaml").read_text())
    spec["sections"] = [s for s in spec["sections"] if s["id"] == "defence"]
    (root / "report" / "report.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))
    evil = '<script>window.__pakru_pwned = 1</script><img src=x onerror="window.__pakru_pwned=2">Druzhba'
    path = root / "data" / "defence" / "events.csv"
    rows = list(csv.reader(path.open(encoding="utf-8")))
    i = next(n for n, r in enumerate(rows) if r[0] == "def-e057")
    rows[i][rows[0].index("title")] = evil
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    assert "__pakru_pwned" in path.read_text(encoding="utf-8")
    result = pakru(root, "build")
    assert result.returncode == 0, result.stderr
    report = root / "report" / "latest" / "report.html"
    with open_offline(report) as (page, log):
        pwned = page.evaluate("window.__pakru_pwned === undefined ? null : window.__pakru_pwned")
        # the events table sits in a closed appendix <details>: open them as a reader would
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        body = page.inner_text("body")
    assert pwned is None
    assert "<script>window.__pakru_pwned = 1</script>" in body  # shown as the literal text it is
    assert not any(u.endswith("/x") for u in log.requests)
    shutil.rmtree(root / "report" / "runs", ignore_errors=True)


SMALLEST_TEXT = """() => Array.from(document.querySelectorAll('figure.chart svg'))
    .filter(s => getComputedStyle(s).display !== 'none')
    .map(s => {
        let least = Infinity, what = '';
        s.querySelectorAll('text').forEach(t => {
            if (!t.textContent.trim()) return;
            const m = t.getScreenCTM();
            const px = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
            if (px < least) { least = px; what = t.textContent.trim().slice(0, 30); }
        });
        return [(s.getAttribute('aria-label') || '').slice(0, 50), least, what, s.getAttribute('class')];
    })"""


@pytest.mark.parametrize("width", [390, 1280])
def test_every_chart_text_renders_at_9_css_px_or_more(built, width: int) -> None:
    """As a reader sees it: each shown chart's smallest text, in CSS pixels, at a phone's and a
    desktop's width (the page shows the narrow drawing of each chart on the phone)."""
    with open_offline(_report(built), width=width) as (page, _):
        shown = page.evaluate(SMALLEST_TEXT)
    assert len(shown) >= 12
    if width == 390:
        assert all(cls == "chart-narrow" for *_, cls in shown), shown
    small = [(label, round(px, 1), what) for label, px, what, _ in shown if px < 9]
    assert small == [], small


def test_print_styles_leave_no_scrolling_box_and_show_the_wide_charts(built) -> None:
    with open_offline(_report(built)) as (page, _):
        page.emulate_media(media="print")
        scrolling = page.evaluate("""Array.from(document.querySelectorAll('main *')).filter(e => {
            const s = getComputedStyle(e); return ['auto', 'scroll'].includes(s.overflowX) ||
            ['auto', 'scroll'].includes(s.overflowY); }).map(e => e.className).slice(0, 5)""")
        narrow_shown = page.evaluate("Array.from(document.querySelectorAll('svg.chart-narrow'))"
                                     ".filter(s => getComputedStyle(s).display !== 'none').length")
    assert scrolling == [] and narrow_shown == 0


def test_tables_and_title_block_fit_a_phone_and_keep_their_key_column(built) -> None:
    with open_offline(_report(built), width=390) as (page, _):
        head = page.evaluate("document.querySelector('header.title-block').scrollWidth")
        sticky = page.evaluate("""Array.from(document.querySelectorAll('.table-scroll td:first-child'))
            .slice(0, 20).map(td => getComputedStyle(td).position)""")
    assert head <= 390
    assert sticky and all(p == "sticky" for p in sticky)
