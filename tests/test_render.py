"""The report page from small synthetic notebooks: one outline, unique ids, links that resolve,
tables a keyboard can scroll, inline charts (no notebooks are executed here)."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

import nbformat.v4 as v4

from pakru.present import key_figures
from pakru.page import render


def _notebook(title: str, *cells: object) -> dict:
    nb = v4.new_notebook()
    nb.cells = [v4.new_markdown_cell(f"# {title}\n\nIntro."), *cells]
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i:02d}"  # the same cell ids in every notebook, as nbconvert meets them
    return nb


def _html_output(markup: str) -> object:
    cell = v4.new_code_cell("show()")
    cell.outputs = [v4.new_output("display_data", data={"text/html": markup})]
    return cell


SVG_CHART = ('<?xml version="1.0" encoding="utf-8" standalone="no"?>\n'
             '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
             '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" role="group" '
             'aria-label="A chart"><defs><clipPath id="p1"><rect width="1" height="1"/></clipPath>'
             '<path id="m1" d="M0 0"/></defs><g id="figure_1" clip-path="url(#p1)"><use xlink:href="#m1" x="1" '
             'y="1"/></g></svg>')


def _svg_output() -> object:
    cell = v4.new_code_cell("svg.show(fig)")
    cell.outputs = [v4.new_output("display_data", data={"image/svg+xml": SVG_CHART, "text/plain": "A chart"})]
    return cell


def _page() -> str:
    table = ('<table class="pakru-table"><caption>Trade by year (USD million)</caption>'
             "<tr><th>year</th></tr><tr><td>2023</td></tr></table>")
    nb_a = _notebook("Trade growth", v4.new_markdown_cell("## Annual trade\n\nSee [below](#What-is-traded)."),
                     _html_output(table), _svg_output(), v4.new_markdown_cell("## What is traded"),
                     v4.new_markdown_cell("## Arms (SIPRI)\n\n"
                                          "Back to [trade](#Annual-trade) and [arms](#Arms-(SIPRI))."))
    nb_b = _notebook("Defence", v4.new_markdown_cell("## Annual trade"), _svg_output())
    appendix = ('<section id="sources" aria-label="Data and sources"><h1>Data and sources</h1>'
                '<h2 id="sources-cite">How to cite</h2></section>')
    return render.page("Report title", "sub", [("Run", "now")],
                       [render.Section("trade", "Trade growth", nb_a), render.Section("defence", "Defence", nb_b)],
                       show_code=False, before_sections='<section id="key-findings"><h2>Key findings</h2></section>',
                       after_sections=appendix, appendix_toc=[("sources", "Data and sources")])


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.headings: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(a["id"] or "")
        for key in ("href", "xlink:href"):
            if (a.get(key) or "").startswith("#"):
                self.hrefs.append((a[key] or "")[1:])
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))


def _collect(markup: str) -> _Collect:
    c = _Collect()
    c.feed(markup)
    return c


def test_page_has_one_h1_sections_h2_and_subsections_h3() -> None:
    page = _page()
    levels = _collect(page).headings
    assert levels.count(1) == 1
    assert re.search(r"<h1>Report title</h1>", page)
    assert re.search(r'<h2 id="trade-Trade-growth">Trade growth', page)
    assert re.search(r'<h3 id="trade-Annual-trade">Annual trade', page)
    assert "<h2>Data and sources</h2>" in page and '<h3 id="sources-cite">' in page
    # no level skipped on the way down
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels


def test_every_id_is_unique_although_notebooks_repeat_cell_and_heading_ids() -> None:
    ids = _collect(_page()).ids
    dup = [i for i, n in Counter(ids).items() if n > 1]
    assert dup == []
    assert "trade-cell-id-cell-00" in ids and "defence-cell-id-cell-00" in ids
    assert "trade-Annual-trade" in ids and "defence-Annual-trade" in ids
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", i) for i in ids), [i for i in ids if not re.fullmatch(r"[\w-]+", i)]


def test_every_internal_link_and_svg_reference_resolves() -> None:
    page = _page()
    c = _collect(page)
    assert set(c.hrefs) <= set(c.ids), set(c.hrefs) - set(c.ids)
    assert 'href="#trade-What-is-traded"' in page  # a markdown link inside a notebook
    assert 'href="#trade-Arms-SIPRI"' in page  # brackets in a heading do not cut its link short
    for ref in re.findall(r"url\(#([^)]+)\)", page):
        assert ref in c.ids
    toc = page.split('<nav class="toc"')[1].split("</nav>")[0]
    assert re.findall(r'href="#([^"]+)"', toc) == ["trade", "trade-Annual-trade", "trade-What-is-traded",
                                                   "trade-Arms-SIPRI", "defence", "defence-Annual-trade", "sources"]


def test_charts_are_inlined_as_svg_without_prolog_and_with_page_unique_ids() -> None:
    page = _page()
    assert page.count("<svg ") == 2 and "<?xml" not in page and "<!DOCTYPE svg" not in page
    assert 'id="trade-fig1-figure_1"' in page and 'id="defence-fig1-figure_1"' in page
    assert 'xlink:href="#trade-fig1-m1"' in page and 'url(#defence-fig1-p1)' in page
    assert all('role="group"' in tag and 'aria-label="A chart"' in tag for tag in re.findall(r"<svg [^>]*>", page))


def test_tables_scroll_in_a_focusable_named_region() -> None:
    page = _page()
    assert ('<div class="table-scroll" tabindex="0" role="region" aria-label="Trade by year (USD million)">'
            '<table class="pakru-table">') in page
    assert page.count('class="table-scroll"') == page.count("<table")
    assert "break-word" not in page  # deprecated CSS the validator flags


def test_key_figure_records_and_stderr_never_reach_the_page() -> None:
    cell = v4.new_code_cell("x")
    cell.outputs = [v4.new_output("display_data", data={key_figures.MIME: {"key": "a.b"}, "text/plain": "SECRET"}),
                    v4.new_output("stream", name="stderr", text="WARNING noise"),
                    v4.new_output("stream", name="stdout", text="kept words")]
    fragment = render.render_fragment(_notebook("T", cell), show_code=False)
    assert "SECRET" not in fragment and "WARNING noise" not in fragment and "kept words" in fragment


def test_demote_leaves_fragments_without_h1_alone() -> None:
    assert render.demote_headings("<h2>A</h2>") == "<h2>A</h2>"
    assert render.demote_headings("<h1>A</h1><h2>B</h2><h6>C</h6>") == "<h2>A</h2><h3>B</h3><h6>C</h6>"


def test_inline_svg_keeps_its_camel_case_names() -> None:
    """nbconvert re-parses its output with html.parser, which would write viewbox and clippath."""
    page = _page()
    assert "clipPath" in page and "clippath" not in page
