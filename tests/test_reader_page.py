"""The page as a reader meets it: no plumbing in the body, a plain title block, publishers and
years where sources are named."""

from __future__ import annotations

import pandas as pd
import pytest

from conftest import ROOT
from reader_scan import body_text, column_names, plumbing, source_ids
from pakru.page import page_parts, render
from pakru.present import charts, wording

SOURCES = pd.DataFrame({
    "source_id": ["trd-arabnews-2025", "trd-sbp-2026", "trd-imf-dots-2024", "trd-dawn-2019", "trd-dawn-2023"],
    "publisher": ["Arab News", "State Bank of Pakistan", "International Monetary Fund", "Dawn", "Dawn"],
    "title": ["a", "b", "c", "d", "e"], "url": ["u"] * 5,
    "published": pd.to_datetime(["2025-03-01", "2026-04-02", None, "2019-01-01", "2023-01-01"]),
    "accessed": pd.to_datetime(["2026-11-01"] * 5),
    "kind": ["news report", "statistical database", "statistical database", "news report", "news report"],
    "quality": ["secondary"] * 5})


def test_cite_names_publishers_and_years_never_ids() -> None:
    assert wording.cite(["trd-arabnews-2025", "trd-sbp-2026"], SOURCES) == \
        "Arab News, 2025; State Bank of Pakistan, 2026"
    # a database without a publication date is cited with the year it was read; one publisher once
    assert wording.cite(["trd-imf-dots-2024", "trd-dawn-2019", "trd-dawn-2023", "nope"], SOURCES) == \
        "IMF, 2026; Dawn, 2019, 2023"
    assert wording.cite(list(SOURCES["source_id"]), SOURCES, limit=2) == \
        "Arab News, 2025; State Bank of Pakistan, 2026; and 2 other publishers"


def test_chart_source_lines_carry_no_ids() -> None:
    line = charts.source_line(["trd-imf-dots-2024", "trd-sbp-2026"], SOURCES)
    assert line == "Sources: IMF, 2026; State Bank of Pakistan, 2026."
    assert "trd-" not in charts.compact_source_line(list(SOURCES["source_id"]), SOURCES, limit=2)


def test_ids_in_body_text_become_linked_citations_but_tooltips_keep_them() -> None:
    body = ('<p>Both values come from one statement (trd-dawn-2019; trd-arabnews-2025).</p>'
            '<table><tr><td>trd-sbp-2026, trd-imf-dots-2024</td></tr></table>'
            '<svg><g><title>2023: 5 [trd-dawn-2023]</title></g></svg><a href="#src-trd-dawn-2019">x</a>')
    out = render.cite_ids(body, SOURCES, anchors={"src-trd-dawn-2019", "src-trd-sbp-2026"})
    assert '(<a class="cite" href="#src-trd-dawn-2019">Dawn, 2019</a>; Arab News, 2025)' in out
    assert '<td><a class="cite" href="#src-trd-sbp-2026">State Bank of Pakistan, 2026</a>; IMF, 2026</td>' in out
    assert "<title>2023: 5 [trd-dawn-2023]</title>" in out  # the tooltip keeps its id


def test_the_scan_finds_every_kind_of_plumbing() -> None:
    page = ("<html><head><title>pakru</title></head><body><p>Of the 4 reports in claims.csv, see "
            "dedollarisation.paid_in_yuan and trade.latest_total; primaryValue; (trd-x-2023); pakru computes.</p>"
            "<svg><title>[trd-y-2024]</title></svg>"
            '<section class="report-section appendix"><p>trd-z-1 data/a.csv</p></section></body></html>')
    found = plumbing(body_text(page), {"trd-x-2023"}, {"primaryValue", "source_id"})
    kinds = sorted(f.split(" '")[0].split(" ")[0] for f in found)
    assert len(found) == 6, found
    assert kinds == ["claim", "claim", "column", "file", "package", "source"], found
    assert plumbing(body_text("<p>Trade rose 7.3% a year (IMF, 2026).</p>"), {"trd-x-2023"}, {"source_id"}) == []


def test_abbreviations_are_spelled_out_at_first_use() -> None:
    ab = wording.Abbreviations()
    assert ab.text("SBP and PBS differ; SBP counts payments.") == (
        "State Bank of Pakistan (SBP) and Pakistan Bureau of Statistics (PBS) differ; SBP counts payments.")
    assert wording.first_uses("The SBP figure; State Bank of Pakistan (SBP)") == ["SBP"]
    assert wording.first_uses("State Bank of Pakistan (SBP) and the SBP") == []


def test_title_block_shows_the_edition_and_data_through_not_plumbing() -> None:
    manifest = {"started_utc": "2026-12-01T21:04:33+00:00", "git_commit": "a1d74c5deadbeef", "run": "20261201T2104Z",
                "parameters_changed": {"trade.start_year": 1995},
                "update_status": {"sources": {"imf": {"publisher": "International Monetary Fund", "ok": False,
                                                      "error": "[Errno 111] Connection refused https://x.imf.org",
                                                      "exit_code": 7, "last_attempt_utc": "2026-12-01T05:00:00Z",
                                                      "last_success_utc": "2026-11-20T05:00:00Z"}}}}
    meta = page_parts.title_meta(manifest, {"IMF": "2020", "SIPRI": "2025"})
    notice = page_parts.refresh_notice_html(manifest["update_status"])
    shown = " ".join(f"{k} {v}" for k, v in meta) + notice
    assert meta == [("Edition", "1 December 2026"), ("Data through", "IMF: 2020; SIPRI: 2025")]
    assert "IMF figures could not be refreshed on 1 Dec 2026; shown as of 20 Nov 2026." in notice
    for plumbing_word in ("Errno", "http", "a1d74c5", "20261201T2104Z", "start_year", "exit"):
        assert plumbing_word not in shown
    about = page_parts.about_appendix(manifest).body
    assert "Errno 111" in about and "a1d74c5" in about and "trade.start_year=1995" in about


def test_what_changed_speaks_of_figures_and_findings_and_is_absent_when_nothing_changed() -> None:
    from pakru.build import changes  # the record the build hands the page

    before = {"run": "R1", "status": "succeeded", "data_rows": {"data/trade/observations.csv": {"k1": "a"}},
              "findings": [{"key": "trade.latest_total", "value": 762.4, "unit": "USD million", "text": "old"}],
              "parameters": {}}
    now = {"data_rows": {"data/trade/observations.csv": {"k1": "a", "k2": "b", "k3": "c"}}, "parameters": {},
           "findings": [{"key": "trade.latest_total", "value": 862.4, "unit": "USD million",
                         "text": "Two-way trade was 862 USD m in 2020."}]}
    lines = page_parts.reader_changes(changes.changes_for(now, [before]))
    assert lines == ["Trade figures: 2 entries added.",
                     "Two-way trade was 862 USD m in 2020 (was 762.4 USD million)."]
    assert not any("R1" in line or ".csv" in line or "trade.latest_total" in line for line in lines)
    assert page_parts.reader_changes(changes.changes_for(before, [{**before, "run": "R0"}])) == []
    assert page_parts.changes_html([]) == ""
    assert page_parts.reader_changes(changes.changes_for(now, [])) == []


@pytest.mark.slow
def test_the_built_body_has_no_plumbing(built) -> None:
    page = (built[0] / "report" / "latest" / "report.html").read_text(encoding="utf-8")
    head = page.split('<nav class="toc"')[0]
    assert "Errno" not in head and "Commit" not in head and "Parameters" not in head
    found = plumbing(body_text(page), source_ids(ROOT), column_names())
    assert found == [], "\n".join(found[:40])


def test_text_colours_too_light_for_white_are_darkened_and_lines_keep_theirs() -> None:
    from pakru.present import svg

    assert svg.contrast("#E69F00") < 4.5 and svg.contrast(svg.readable("#E69F00")) >= 4.5
    assert all(svg.contrast(c) >= 4.5 for c in charts.TEXT_PALETTE)
    assert svg.readable("#0072B2") == "#0072b2"  # already readable: unchanged
    fig, ax = charts.plt.subplots()
    line, = ax.plot([0, 1], [0, 1], color=charts.PALETTE[4])
    ax.annotate("orange label", (0.5, 0.5), color=charts.PALETTE[4])
    drawn = svg.figure_svg(fig, "a chart")
    assert not low_contrast_text(drawn) and "#e69f00" in drawn.lower()  # the line keeps its orange
    assert ax.texts[0].get_color() == charts.PALETTE[4]  # the figure is left as it was
    charts.plt.close(fig)


def low_contrast_text(svg_markup: str) -> list[tuple[str, float]]:
    """(text, contrast) of each <text> whose fill has contrast under 4.5:1 on white."""
    import re

    from pakru.present import svg

    bad = []
    for m in re.finditer(r"<text\b([^>]*)>(.*?)</text>", svg_markup, flags=re.S):
        fill = re.search(r"fill: ?(#[0-9a-fA-F]{6})", m.group(1))
        opacity = re.search(r"(?:fill-)?opacity: ?([\d.]+)", m.group(1))
        if fill and svg.contrast(fill.group(1)) < 4.5 or (opacity and float(opacity.group(1)) < 1):
            bad.append((re.sub(r"<[^>]+>", "", m.group(2))[:30], svg.contrast(fill.group(1)) if fill else 0))
    return bad


@pytest.mark.slow
def test_every_text_in_every_chart_meets_4_5_to_1_on_white(built) -> None:
    import re

    page = (built[0] / "report" / "latest" / "report.html").read_text(encoding="utf-8")
    drawn = re.findall(r"<svg\b.*?</svg>", page, flags=re.S)
    assert len(drawn) >= 24  # wide and narrow drawings
    bad = [(re.search(r'aria-label="([^"]{0,40})', s).group(1), low_contrast_text(s)) for s in drawn]
    assert [b for b in bad if b[1]] == []
