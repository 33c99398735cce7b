"""The built report as a whole: figures follow the data, the body stays short, the appendices hold
the long tables, and chart text stays legible on paper."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from conftest import copy_project, pakru
from figures_in_text import fact_values

BODY_WORD_LIMIT = 6_500


def body_words(page: str) -> int:
    """Words a reader meets before the first appendix: visible text (tables included), without
    the stylesheet, the head and the charts' SVG (their titles are tooltips)."""
    import html as html_lib

    body = page.split('<section class="report-section appendix"')[0]
    body = re.sub(r"<(style|svg|script)\b.*?</\1>", " ", body, flags=re.S)
    body = re.sub(r"<head>.*?</head>", " ", body, flags=re.S)
    return len(html_lib.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_body_word_count_counts_tables_but_not_charts_or_appendices() -> None:
    page = ("<html><head><title>Not counted</title><style>a{b:c}</style></head><body><h1>Two words</h1>"
            "<table><caption>one</caption><tr><td>2023 &amp; 2024</td></tr></table>"
            "<svg><title>ignored tooltip text</title></svg>"
            '<section class="report-section appendix"><p>many words here</p></section></body></html>')
    assert body_words(page) == 6  # "Two words" + "one" + "2023 & 2024"


@pytest.mark.slow
def test_a_changed_value_changes_every_sentence_that_states_it_and_what_changed_says_so(tmp_path: Path) -> None:
    """Figures are facts computed at build time, never typed: one changed value in data/ moves the
    fact everywhere it is shown, and "What changed" quotes the sentence with the old value."""
    root = copy_project(tmp_path / "project")
    spec = yaml.safe_load((root / "report" / "report.yaml").read_text())
    spec["sections"] = [s for s in spec["sections"] if s["id"] == "trade"]
    (root / "report" / "report.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))
    assert pakru(root, "build").returncode == 0
    before = (root / "report" / "latest" / "report.html").read_text()
    assert fact_values(before)["trade.sbp.latest_year"] == {"243.9164879"}
    path = root / "data" / "trade" / "observations.csv"
    text = path.read_text(encoding="utf-8")
    # the State Bank's FY2024-25 imports from Russia: 174.9195354 -> 194.9195354
    assert text.count(",174.9195354,") == 1
    path.write_text(text.replace(",174.9195354,", ",194.9195354,"), encoding="utf-8")
    done = pakru(root, "build")
    assert done.returncode == 0, done.stderr
    after = (root / "report" / "latest" / "report.html").read_text()
    assert fact_values(after)["trade.sbp.latest_year"] == {"263.9164879"}
    assert "$264 million" in after and "$244 million" not in after.split('id="what-changed"')[0]
    changes = after.split('<section class="changes" id="what-changed"')[1].split("</section>")[0]
    assert "Trade figures: 1 entry changed." in changes
    assert "(It was $244 million.)" in changes


@pytest.mark.slow
def test_report_body_reads_in_under_6500_words(built) -> None:
    page = (built[0] / "report" / "latest" / "report.html").read_text(encoding="utf-8")
    assert body_words(page) <= BODY_WORD_LIMIT


@pytest.mark.slow
def test_every_appendix_table_is_behind_a_summary_with_its_rows_and_linked_from_the_body(built) -> None:
    page = (built[0] / "report" / "latest" / "report.html").read_text(encoding="utf-8")
    body, _, appendices = page.partition('<section class="report-section appendix"')
    assert "<details" not in body.split("</header>", 1)[1].replace('<details class="toc"', "")
    blocks = re.findall(r'<details class="appendix-table[^"]*" id="([^"]+)"[^>]*>\s*<summary>(.*?)</summary>(.*?)'
                        r"</details>", appendices, flags=re.S)
    assert len(re.findall(r"<table\b", appendices)) == len(blocks)  # one table to each <details>
    lifted = 0
    for did, summary, inner in blocks:
        m = re.search(r"\((\d[\d,]*) (?:rows?|datasets)\)", summary)
        assert m, summary
        rows = len(re.findall(r"<tr[ >]", inner.split("</thead>")[-1]))
        assert int(m.group(1).replace(",", "")) == rows, summary
        if did.startswith("table-"):  # lifted from a section: the body links to it where it stood
            lifted += 1
            assert f'<p class="appendix-link">Table: <a href="#{did}">' in body, did
    assert lifted >= 10 and len(blocks) >= lifted + 5


# A4 less the print margins (pakru.css: @page 14 mm each side), and the tallest a chart prints
A4_TEXT_WIDTH_PT = (210 - 2 * 14) / 25.4 * 72
PRINT_MAX_HEIGHT_PT = 128 / 25.4 * 72


@pytest.mark.slow
def test_no_chart_text_prints_under_9_pt_on_a4(built) -> None:
    """Each chart prints at the text width, or smaller where it would be taller than the print's
    limit (pakru.css); its smallest text must still be 9 pt on paper."""
    page = (built[0] / "report" / "latest" / "report.html").read_text(encoding="utf-8")
    charts = list(re.finditer(r'<svg class="chart-wide"[^>]*\bwidth="([\d.]+)pt" height="([\d.]+)pt".*?</svg>',
                              page, flags=re.S))
    assert len(charts) >= 12
    for chart in charts:
        width, height = float(chart.group(1)), float(chart.group(2))
        scale = min(A4_TEXT_WIDTH_PT / width, PRINT_MAX_HEIGHT_PT / height)
        sizes = [float(s) for s in re.findall(r"font-size: ?([\d.]+)px", chart.group(0))]
        label = re.search(r'aria-label="([^"]{0,60})', chart.group(0))
        printed = min(sizes) * scale
        assert printed >= 9, f"{label.group(1) if label else 'a chart'}: smallest text prints at {printed:.1f} pt"
