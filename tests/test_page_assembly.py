"""The page assembled by nbconvert templates from executed notebooks (no kernel: the notebooks are
made here from what the show functions display)."""

from __future__ import annotations

import re
from datetime import date
from types import SimpleNamespace

import nbformat
import pandas as pd
import pytest

from pakru.facts import FactBook, Period
from pakru.page import assemble, context
from pakru.present import charts, show

REGISTRY = pd.DataFrame([
    {"source_id": "trd-sbp", "publisher": "State Bank of Pakistan", "title": "Export receipts", "url": "https://sbp/",
     "published": "2026-04-15", "accessed": "2026-12-01", "kind": "statistical release", "quality": "primary",
     "note": ""},
    {"source_id": "trd-other", "publisher": "Other Paper", "title": "Uncited", "url": "https://other/",
     "published": "2020-01-01", "accessed": "2026-12-01", "kind": "news report", "quality": "secondary", "note": ""},
])


@pytest.fixture
def captured(monkeypatch: pytest.MonkeyPatch) -> list[dict]:
    bundles: list[dict] = []
    monkeypatch.setattr(show, "_display", lambda bundle, metadata=None: bundles.append(bundle))
    return bundles


def _cell(bundles: list[dict], tags: tuple[str, ...] = ()) -> dict:
    outputs = [nbformat.v4.new_output("display_data", data=b) for b in bundles]
    cell = nbformat.v4.new_code_cell("", outputs=outputs)
    cell.metadata["tags"] = list(tags)
    return cell


def _draw(frame: pd.DataFrame, text: show.ChartText, width: float) -> charts.plt.Figure:
    fig, axes, _ = charts.new_figure(width, 2.0)
    axes[0].bar(frame["period"], frame["value"])
    return charts.finish_chart(fig, text.title, text.source, width)


def _notebooks(captured: list[dict], monkeypatch: pytest.MonkeyPatch) -> list[assemble.SectionNotebook]:
    book = FactBook(REGISTRY)
    book.add("demo.peak", 1099.07, "USD million", Period("FY2023-24"), sources="trd-sbp")
    facts = book.facts()
    env = show.words.environment(False)
    monkeypatch.setattr(show.words, "render", lambda name, f, cited=None, **kw: env.from_string(
        'Trade peaked at {{ f["demo.peak"] | money }} {{ f["demo.peak"] | cite }}.').render(f=f, _cited=cited))
    monkeypatch.setattr(show, "chart_text", lambda template, f, frame, **kw: show.ChartText(
        "Trade peaked in FY2023-24", "A bar chart", show.source_line(frame, f)))
    show.publish(facts)
    show.tell("demo/lead.md.j2", facts)
    front = [nbformat.v4.new_markdown_cell("# Bottom line"), _cell(captured[:]), ]
    captured.clear()
    frame = pd.DataFrame({"period": ["FY2023-24", "FY2024-25"], "value": [1099.07, 243.9], "unit": "USD million",
                          "series": "SBP", "source_id": "trd-sbp"})
    show.chart(_draw, frame, facts, name="demo-lead", template="demo/charts/lead.j2")
    show.table(frame, "Every year", appendix=True)
    body = [nbformat.v4.new_markdown_cell("# Trade growth\n\nHow much.\n\n## Where trade stands"),
            _cell(captured[:]), _cell([{"text/plain": "facts table"}], tags=("remove-in-report",)),
            nbformat.v4.new_markdown_cell("## Where trade stands")]
    return [assemble.SectionNotebook("overview", "Where things stand", nbformat.v4.new_notebook(cells=front)),
            assemble.SectionNotebook("trade", "Trade growth", nbformat.v4.new_notebook(cells=body))]


def _values(**over: object) -> dict:
    spec = SimpleNamespace(title="Pakistan & Russia", subtitle="Sub", author="The editors", url="", licence="MIT",
                           sections=())
    manifest = {"started_utc": "2026-12-07T10:00:00+00:00", "git_commit": "abcdef1234", "packages": {"pakru": "0.2"},
                "parameters_changed": {"trade.basis": "fiscal"}, "notebooks": [], "data_sha256": {"a.csv": "x"}}
    frames = {"trade_observations": pd.DataFrame({"series": ["SBP, goods settled through banks"],
                                                  "period_start": [pd.Timestamp("2026-03-01")],
                                                  "period_end": [pd.Timestamp("2026-03-31")],
                                                  "qualifier": ["provisional"], "source_id": ["trd-sbp;trd-other"]})}
    values = context.page_values(spec, manifest, frames, REGISTRY)
    values.update(over)
    return values


def test_the_page_has_sections_contents_and_the_title_block(captured, monkeypatch) -> None:
    page = assemble.render(_notebooks(captured, monkeypatch), _values())
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page.replace('<script type="application/ld+json">', "")
    assert '<section class="report-section front" id="overview">' in page
    assert '<section class="report-section" id="trade">' in page
    # headings one level down, ids page-wide and unique
    assert '<h2 id="trade-trade-growth">Trade growth</h2>' in page
    assert page.count('id="trade-where-trade-stands"') == 1 and 'id="trade-where-trade-stands-2"' in page
    # the contents list names the section and its subsections
    toc = page.split('<nav class="toc"')[1].split("</nav>")[0]
    assert '<a href="#trade">Trade growth</a>' in toc and '<a href="#trade-where-trade-stands">' in toc
    assert "Latest data:</strong> goods trade to March 2026 (State Bank of Pakistan, provisional)" in page
    assert "Built with non-default settings: trade.basis = fiscal." in page
    assert "Pakistan &amp; Russia" in page  # text from the report's spec is escaped
    assert "commit <code>abcdef1</code>" in page


def test_outputs_for_the_notebook_alone_do_not_reach_the_page(captured, monkeypatch) -> None:
    page = assemble.render(_notebooks(captured, monkeypatch), _values())
    assert "facts table" not in page and "facts published" not in page
    assert "vnd.pakru" not in page


def test_a_chart_has_both_widths_and_its_data_as_csv(captured, monkeypatch) -> None:
    page = assemble.render(_notebooks(captured, monkeypatch), _values())
    fig = page.split('<figure class="chart" id="chart-demo-lead">')[1].split("</figure>")[0]
    assert 'class="chart-wide"' in fig and 'class="chart-narrow"' in fig
    link = re.search(r'<a class="data-link" download="pakru-demo-lead.csv" href="data:text/csv;base64,([^"]+)"', fig)
    import base64
    csv = base64.b64decode(link.group(1)).decode()
    assert csv.splitlines()[0] == "period,value,unit,series,source,source_url"
    assert "FY2023-24,1099.07,USD million,SBP" in csv
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "ids on the page are unique"


def test_an_appendix_table_leaves_a_link_and_lands_in_its_appendix(captured, monkeypatch) -> None:
    page = assemble.render(_notebooks(captured, monkeypatch), _values())
    body, appendices = page.split('<section class="report-section appendix"', 1)
    assert "<caption>Every year</caption>" not in body
    assert '<p class="appendix-link">Table: <a href="#table-trade-1">Every year</a>, in Appendix A.</p>' in body
    assert 'id="appendix-trade"' in page and '<details class="appendix-table" id="table-trade-1">' in appendices
    assert "Appendix B. Data and sources" in appendices and "Appendix C. About this edition" in appendices


def test_the_print_variant_opens_tables_and_keeps_the_cited_sources(captured, monkeypatch) -> None:
    notebooks = _notebooks(captured, monkeypatch)
    screen = assemble.render(notebooks, _values())
    printed = assemble.render(notebooks, _values(print=True))
    assert 'id="src-trd-other"' in screen
    assert 'id="src-trd-other"' not in printed and 'id="src-trd-sbp"' in printed
    assert "keeps the 1 sources the report cites; the HTML edition lists all 2, 1 more" in printed
    assert '<details class="toc" open>' in printed and '<details class="toc">' in screen


def test_page_numbers_come_from_the_print_markers(captured, monkeypatch) -> None:
    notebooks = _notebooks(captured, monkeypatch)
    marked = assemble.render(notebooks, _values(print=True, marks=True))
    assert assemble.pdfmark("trade") in marked and assemble.pdfmark("table-trade-1") in marked
    numbered = assemble.render(notebooks, _values(print=True, pages={assemble.pdfmark("trade"): 4,
                                                                   assemble.pdfmark("table-trade-1"): 9}))
    assert '<a href="#trade">Trade growth</a><span class="pageno"> 4</span>' in numbered
    assert "in Appendix A, page 9." in numbered and "QZ" not in numbered


def test_due_releases_follow_the_schedules() -> None:
    values = _values()
    sbp = next(d for d in values["due"] if d["publisher"] == "State Bank of Pakistan")
    assert sbp["overdue"] and sbp["next_label"] == "April 2026" and sbp["due_by"] == "30 May 2026"
    early = context.due_releases({"trade_observations": pd.DataFrame({
        "series": ["SBP, goods settled through banks"], "period_start": [pd.Timestamp("2026-11-01")],
        "period_end": [pd.Timestamp("2026-11-30")], "qualifier": [""], "source_id": ["trd-sbp"]})}, date(2026, 12, 7))
    assert not early[0]["overdue"]


def test_a_chart_shown_twice_is_a_link_the_second_time(captured, monkeypatch) -> None:
    notebooks = _notebooks(captured, monkeypatch)
    again = nbformat.from_dict(dict(notebooks[1].notebook))
    third = assemble.SectionNotebook("again", "Again", again)
    page = assemble.render([*notebooks, third], _values())
    assert page.count('<figure class="chart" id="chart-demo-lead">') == 1
    assert ('<p class="chart-ref">The chart for this is <a href="#chart-demo-lead">at the top of the report</a>, '
            'with its data.</p>') in page


def test_what_changed_is_said_after_the_front_page_in_readers_words(captured, monkeypatch) -> None:
    box = {"since": "the edition of 1 December 2026", "no_baseline": False, "unsaid": 2,
           "datasets": [{"name": "Trade figures", "counts": [(1, "added"), (2, "changed")]}],
           "figures": [{"sentence": "Trade was $264 million in FY2024-25.", "was": "$244 million"}]}
    page = assemble.render(_notebooks(captured, monkeypatch), _values(changes=box))
    changes = page.split('<section class="changes" id="what-changed"')[1].split("</section>")[0]
    assert "What changed since the edition of 1 December 2026" in changes
    assert "<li>Trade figures: 1 entry added, 2 changed.</li>" in changes
    assert "<li>Trade was $264 million in FY2024-25. (It was $244 million.)</li>" in changes
    assert "2 other figures in the report changed" in changes
    assert page.index('id="what-changed"') < page.index('<details class="toc"')
