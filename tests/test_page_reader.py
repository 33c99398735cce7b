"""The built page as a reader meets it: the first screen on a phone, charts whose texts never
collide at 390 or 1280 px, the data behind every chart, one file with no script, and every figure
in the body a fact shown with one value."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest

from figures_in_text import fact_values, scan

pytestmark = pytest.mark.slow
LEAD_FACTS = ("trade.sbp.peak", "trade.sbp.latest_year")


def _page(built) -> tuple[Path, str]:
    root, _ = built
    path = root / "report" / "latest" / "report.html"
    return path, path.read_text(encoding="utf-8")


def test_one_file_with_no_script_under_3_mb(built) -> None:
    path, page = _page(built)
    assert path.stat().st_size < 3 * 1024 * 1024
    assert re.findall(r"<script\b[^>]*>", page) == ['<script type="application/ld+json">']
    assert not re.search(r'\s(?:src|href)="(?!#|data:|https?://)', page), "nothing is linked beside the file"
    assert not re.search(r'<(?:img|link|iframe)\b[^>]*\s(?:src|href)="https?:', page), "nothing is fetched"


def test_every_chart_has_its_data_as_csv(built) -> None:
    _, page = _page(built)
    figures = re.findall(r'<figure class="chart" id="chart-([^"]+)">(.*?)</figure>', page, re.S)
    assert len(figures) >= 8
    for name, markup in figures:
        m = re.search(r'<a class="data-link" download="pakru-[^"]+\.csv" href="data:text/csv;base64,([^"]+)">'
                      r"Download the data \(CSV\)</a>", markup)
        assert m, f"chart {name} has no CSV link"
        csv = base64.b64decode(m.group(1)).decode("utf-8")
        header = csv.splitlines()[0].split(",")
        assert header[:4] == ["period", "value", "unit", "series"] and "source" in header, (name, header)
        assert len(csv.splitlines()) > 1, f"chart {name}: the CSV has no rows"


def test_every_figure_in_the_body_is_a_fact_with_one_value(built) -> None:
    _, page = _page(built)
    s = scan(page)
    marked, bare = len(s.marked), len(s.bare)
    assert marked and marked / (marked + bare) >= 0.95, "bare figures:\n" + "\n".join(s.bare)
    two = {k: v for k, v in fact_values(page).items() if len(v) > 1}
    assert two == {}, f"facts shown with two values: {two}"


def test_one_figure_from_one_source_reads_alike_wherever_it_stands(built) -> None:
    """Sections and the claims check may each name a figure (the same 388.492 from the same page
    for the same year); the reader must not meet it as $388 million in one place and $388.5 million
    in another. Dates may be given to the day or the month, as the sentence needs."""
    import html
    from collections import defaultdict

    _, page = _page(built)
    body = page.split('<section class="report-section appendix"')[0]
    shown: dict[tuple[str, str], set[str]] = defaultdict(set)
    for value, title, text in re.findall(r'<data value="([^"]*)" data-fact="[^"]*" title="([^"]*)"[^>]*>(.*?)</data>',
                                         body, flags=re.S):
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            shown[(value, html.unescape(title))].add(re.sub(r"<[^>]+>", "", text).strip())
    assert len(shown) > 100
    assert {k: v for k, v in shown.items() if len(v) > 1} == {}


BOXES = """() => {
  const out = [];
  for (const fig of document.querySelectorAll('figure.chart')) {
    for (const svg of fig.querySelectorAll('svg')) {
      if (getComputedStyle(svg).display === 'none') continue;
      // one matplotlib text is one <g> holding a <text> per line: its lines are one box
      const groups = new Map();
      for (const t of svg.querySelectorAll('text')) {
        const r = t.getBoundingClientRect();
        if (r.width < 1 || r.height < 1 || !t.textContent.trim()) continue;
        const key = t.parentElement;
        const g = groups.get(key);
        if (g) {
          g[0] += ' / ' + t.textContent.trim();
          g[1] = Math.min(g[1], r.left); g[2] = Math.min(g[2], r.top);
          g[3] = Math.max(g[3], r.right); g[4] = Math.max(g[4], r.bottom);
        } else {
          groups.set(key, [t.textContent.trim(), r.left, r.top, r.right, r.bottom]);
        }
      }
      const svgBox = svg.getBoundingClientRect();
      out.push([fig.id, svg.getAttribute('class'), [...groups.values()], [svgBox.left, svgBox.right]]);
    }
  }
  return out;
}"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_no_chart_text_overlaps_another(built, width: int) -> None:
    """Every text box in every chart measured in Chromium: none overlaps another (a pixel of
    anti-aliasing allowed), and none runs past the page's right edge."""
    from browser import open_offline

    path, _ = _page(built)
    found = []
    with open_offline(path, width=width, height=900) as (page, _log):
        charts = page.evaluate(BOXES)
        assert charts, "no chart was measured"
        for fig, variant, boxes, _extent in charts:
            for i, a in enumerate(boxes):
                if a[3] > width + 1:
                    found.append(f"{fig} ({variant}): '{a[0]}' runs past the page edge")
                for b in boxes[i + 1:]:
                    if min(a[3], b[3]) - max(a[1], b[1]) > 1 and min(a[4], b[4]) - max(a[2], b[2]) > 1:
                        found.append(f"{fig} ({variant}): '{a[0]}' overlaps '{b[0]}'")
    assert found == []


FIRST = """() => {
  const chart = document.querySelector('figure.chart');
  const top = chart ? chart.getBoundingClientRect().top + window.scrollY : null;
  const before = [];
  for (const d of document.querySelectorAll('data[data-fact]')) {
    const y = d.getBoundingClientRect().top + window.scrollY;
    if (top !== null && y < top) before.push(d.getAttribute('data-fact'));
  }
  const toc = document.querySelector('details.toc');
  const latest = document.querySelector('header .latest');
  return {top, before, tocOpen: toc ? toc.open : null,
          latestTop: latest ? latest.getBoundingClientRect().top + window.scrollY : null};
}"""


@pytest.mark.browser
def test_on_a_phone_the_first_chart_starts_within_two_screens(built) -> None:
    from browser import open_offline

    path, _ = _page(built)
    with open_offline(path, width=390, height=844) as (page, _log):
        got = page.evaluate(FIRST)
    assert got["top"] is not None and got["top"] < 2 * 844, got["top"]
    assert got["latestTop"] is not None and got["latestTop"] < 844, "the latest-data line is on the first screen"
    for fid in LEAD_FACTS:
        assert got["before"].count(fid) <= 2, (fid, got["before"])
    assert got["tocOpen"] is False, "the contents list is folded"
