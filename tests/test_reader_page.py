"""The page as a reader meets it: no plumbing in the body (ids, file and column names, the
package's name), and every chart's text readable on white."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT
from reader_scan import body_text, column_names, plumbing, source_ids
from pakru.present import charts, svg


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


@pytest.mark.slow
def test_the_built_body_has_no_plumbing(built) -> None:
    page = (built[0] / "report" / "latest" / "report.html").read_text(encoding="utf-8")
    found = plumbing(body_text(page), source_ids(ROOT), column_names())
    assert found == [], "\n".join(found[:40])


def test_text_colours_too_light_for_white_are_darkened_and_lines_keep_theirs() -> None:
    assert svg.contrast("#E69F00") < 4.5 and svg.contrast(svg.readable("#E69F00")) >= 4.5
    assert all(svg.contrast(c) >= 4.5 for c in charts.TEXT_PALETTE)
    assert svg.readable("#0072B2") == "#0072b2"  # already readable: unchanged
    fig, ax = charts.plt.subplots()
    ax.plot([0, 1], [0, 1], color=charts.PALETTE[4])
    ax.annotate("orange label", (0.5, 0.5), color=charts.PALETTE[4])
    drawn = svg.figure_svg(fig, "a chart")
    assert not low_contrast_text(drawn) and "#e69f00" in drawn.lower()  # the line keeps its orange
    assert ax.texts[0].get_color() == charts.PALETTE[4]  # the figure is left as it was
    charts.plt.close(fig)


def low_contrast_text(svg_markup: str) -> list[tuple[str, float]]:
    """(text, contrast) of each <text> whose fill has contrast under 4.5:1 on white."""
    bad = []
    for m in re.finditer(r"<text\b([^>]*)>(.*?)</text>", svg_markup, flags=re.S):
        fill = re.search(r"fill: ?(#[0-9a-fA-F]{6})", m.group(1))
        opacity = re.search(r"(?:fill-)?opacity: ?([\d.]+)", m.group(1))
        if fill and svg.contrast(fill.group(1)) < 4.5 or (opacity and float(opacity.group(1)) < 1):
            bad.append((re.sub(r"<[^>]+>", "", m.group(2))[:30], svg.contrast(fill.group(1)) if fill else 0))
    return bad


@pytest.mark.slow
def test_every_text_in_every_chart_meets_4_5_to_1_on_white(built) -> None:
    page = (built[0] / "report" / "latest" / "report.html").read_text(encoding="utf-8")
    drawn = re.findall(r"<svg\b.*?</svg>", page, flags=re.S)
    assert len(drawn) >= 24  # wide and narrow drawings
    bad = [(re.search(r'aria-label="([^"]{0,40})', s).group(1), low_contrast_text(s)) for s in drawn]
    assert [b for b in bad if b[1]] == []
