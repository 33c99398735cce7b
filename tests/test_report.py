"""The page around the notebooks: key findings selection, "what changed", coverage gaps."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import copy_project, pakru
from pakru.data import datasets as data
from pakru.page import findings, page_parts


def test_key_findings_take_two_per_section_and_eight_at_most() -> None:
    figures = [{"key": f"{sec}.k{i}", "value": i, "text": f"{sec} {i}"} for sec in ("a", "b", "c", "d", "e")
               for i in range(5)]
    figures[1]["headline"] = False
    figures.insert(0, {"key": "overview.bottom_line", "value": 1, "text": "Where things stand.", "headline": True})
    chosen = findings.headline_findings(figures)
    assert [f["key"] for f in chosen] == ["a.k0", "a.k2", "b.k0", "b.k1", "c.k0", "c.k1", "d.k0", "d.k1"]
    # the bottom line is shown under the title, never as a finding
    assert "Where things stand." in findings.bottom_line_html(figures)
    assert "Where things stand." not in findings.findings_html(figures)
    assert findings.bottom_line_html(figures[1:]) == ""


def test_coverage_names_the_years_without_a_figure(project_root: Path) -> None:
    text = page_parts.dataset_gaps("trade_observations", data.load("trade_observations", project_root))
    assert "no full-year calendar figure: 2022" in text
    assert "FY2014-15–FY2019-20" in text


def test_access_sentence_gives_the_day_or_the_range() -> None:
    import pandas as pd

    one = pd.DataFrame({"accessed": pd.to_datetime(["2026-11-26", "2026-11-26"])})
    two = pd.DataFrame({"accessed": pd.to_datetime(["2026-10-01", "2026-11-26"])})
    assert "read for this project on 2026-11-26" in page_parts.access_sentence(one)
    assert "between 2026-10-01 and 2026-11-26" in page_parts.access_sentence(two)


@pytest.mark.slow
def test_changed_data_value_changes_the_key_finding(tmp_path: Path) -> None:
    """Key findings are computed by the notebooks at build time, never typed into a template."""
    root = copy_project(tmp_path / "project")
    spec = yaml.safe_load((root / "report" / "report.yaml").read_text())
    spec["sections"] = [s for s in spec["sections"] if s["id"] == "trade"]
    (root / "report" / "report.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))
    assert pakru(root, "build").returncode == 0
    before = (root / "report" / "latest" / "report.html").read_text()
    # the trade summary, computed at build time: the long run in three-year averages
    assert "and 589 USD m in 2018–2020" in before
    path = root / "data" / "trade" / "observations.csv"
    text = path.read_text(encoding="utf-8")
    assert "146.173789" in text  # IMF DOTS, Pakistan-reported exports to Russia, 2020
    path.write_text(text.replace("146.173789", "246.173789", 1), encoding="utf-8")
    assert pakru(root, "build").returncode == 0
    after = (root / "report" / "latest" / "report.html").read_text()
    assert "and 622 USD m in 2018–2020" in after and "and 589 USD m" not in after
    # What changed names the moved figure by its sentence, with the old value
    assert "two-way trade of 862.4 USD m" in after and "(was 762.4 USD million)" in after


@pytest.mark.slow
def test_report_stays_under_3_mb(built) -> None:
    assert (built[0] / "report" / "latest" / "report.html").stat().st_size < 3_000_000


BODY_WORD_LIMIT = 6_000


def body_words(page: str) -> int:
    """Words a reader meets before the first appendix: visible text (tables included), without
    the stylesheet and the charts' SVG (their titles are tooltips, their alt text is not read out)."""
    import html as html_lib
    import re

    body = page.split('<section class="report-section appendix"')[0]
    body = re.sub(r"<(style|svg)\b.*?</\1>", " ", body, flags=re.S)
    body = re.sub(r"<head>.*?</head>", " ", body, flags=re.S)
    return len(html_lib.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_body_word_count_counts_tables_but_not_charts_or_appendices() -> None:
    page = ("<html><head><title>Not counted</title><style>a{b:c}</style></head><body><h1>Two words</h1>"
            "<table><caption>one</caption><tr><td>2023 &amp; 2024</td></tr></table>"
            "<svg><title>ignored tooltip text</title></svg>"
            '<section class="report-section appendix"><p>many words here</p></section></body></html>')
    assert body_words(page) == 6  # "Two words" + "one" + "2023 & 2024"


@pytest.mark.slow
def test_report_body_reads_in_fifteen_minutes(built) -> None:
    page = (built[0] / "report" / "latest" / "report.html").read_text(encoding="utf-8")
    assert body_words(page) <= BODY_WORD_LIMIT


@pytest.mark.slow
def test_every_appendix_table_is_behind_a_summary_with_its_rows_and_linked_from_the_body(built) -> None:
    import re

    page = (built[0] / "report" / "latest" / "report.html").read_text(encoding="utf-8")
    body, _, appendices = page.partition('<section class="report-section appendix"')
    assert "<details" not in body and 'class="pakru-appendix"' not in page
    tables = re.findall(r"<table\b", appendices)
    blocks = re.findall(r'<details class="appendix-table[^"]*" id="([^"]+)"><summary>([^<]+)</summary>(.*?)</details>',
                        appendices, flags=re.S)
    # every table in the appendices is inside a <details>, one table to each
    assert len(tables) == len(blocks) and all(len(re.findall(r"<table\b", inner)) == 1 for *_, inner in blocks)
    for did, summary, inner in blocks:
        m = re.search(r"\((\d[\d,]*) (?:rows?|datasets)\)$", summary)
        assert m, summary
        assert int(m.group(1).replace(",", "")) == len(re.findall(r"<tr[ >]", inner.split("</thead>")[-1])), summary
        if "-appendix-" in did:  # lifted from a section: the body links to it where it stood
            assert re.search(rf'<p class="appendix-link[^"]*">Table: <a href="#{did}">', body), did
    assert len(blocks) >= 12  # the sections' long tables, coverage, sources and the run's four tables


# A4 less the PDF's side margins (render.py's @page: 14 mm each side), in points
A4_TEXT_WIDTH_PT = (210 - 2 * 14) / 25.4 * 72


@pytest.mark.slow
def test_no_chart_text_prints_under_9_pt_on_a4(built) -> None:
    """Each chart is printed at the text width, so its text shrinks or grows by text width / chart
    width; the smallest text of every chart must still be 9 pt on paper."""
    import re

    page = (built[0] / "report" / "latest" / "report.html").read_text(encoding="utf-8")
    charts = re.findall(r"<svg\b[^>]*\bwidth=\"([\d.]+)pt\".*?</svg>", page, flags=re.S)
    assert len(charts) >= 12
    for chart in re.finditer(r"<svg\b[^>]*\bwidth=\"([\d.]+)pt\".*?</svg>", page, flags=re.S):
        sizes = [float(s) for s in re.findall(r"font-size: ?([\d.]+)px", chart.group(0))]
        label = re.search(r'aria-label="([^"]{0,60})', chart.group(0))
        printed = min(sizes) * A4_TEXT_WIDTH_PT / float(chart.group(1))
        assert printed >= 9, f"{label.group(1) if label else 'a chart'}: smallest text prints at {printed:.1f} pt"
