"""Long tables leave the section bodies for lettered appendices after them, each in a <details>
whose summary says what it holds and how many rows, with a link left where the table stood."""

from __future__ import annotations

import re

import nbformat.v4 as v4
import pandas as pd

from pakru.page import appendix, pdf, render
from pakru.present.shown import Table


def _notebook(title: str, *cells: object) -> dict:
    nb = v4.new_notebook()
    nb.cells = [v4.new_markdown_cell(f"# {title}\n\nIntro."), *cells]
    return nb


def _table_cell(table: Table) -> object:
    cell = v4.new_code_cell("table.show()")
    cell.outputs = [v4.new_output("display_data", data={"text/html": table.html()})]
    return cell


EVENTS = Table(pd.DataFrame({"date": ["2023-01-19", "2023-06-11", "2024-03-02"], "what": ["a", "b", "c"]}),
               'All events, 2023–2024 ("as reported")', appendix=True, note="Dates as the sources give them.")
SHORT = Table(pd.DataFrame({"year": ["2023"], "value": [1.5]}), "Trade in 2023 (USD million)")
REGISTER = Table(pd.DataFrame({"item": ["Mi-35M"] * 2}), "SIPRI register", appendix=True)


def _page() -> str:
    trade = _notebook("Trade growth", v4.new_markdown_cell("## Annual trade"), _table_cell(SHORT))
    payments = _notebook("Payments", v4.new_markdown_cell("## Events"), _table_cell(EVENTS),
                         v4.new_markdown_cell("After the table."))
    defence = _notebook("Defence", _table_cell(REGISTER))
    sources = appendix.Appendix("sources", "Data and sources",
                                appendix.details("sources-table", "Sources (2 rows)", "<table><caption>S</caption>"
                                                 "<tr><td>x</td></tr></table>"))
    return render.page("Report", "sub", [], [render.Section("trade", "Trade growth", trade),
                                             render.Section("payments", "Payments", payments),
                                             render.Section("defence", "Defence", defence)],
                       show_code=False, appendices=[sources])


def test_marked_tables_move_to_lettered_appendices_after_the_body() -> None:
    page = _page()
    body, _, end = page.partition('<section class="report-section appendix"')
    assert "All events, 2023–2024" not in body.split("Table: ")[0]  # not before its link line
    assert "<td>2023-06-11</td>" not in body and "<td>2023-06-11</td>" in end
    assert "<td>Mi-35M</td>" in end and "<td>Mi-35M</td>" not in body
    assert "<caption>Trade in 2023 (USD million)</caption>" in body  # a short table stays where it is
    # only the sections with appendix tables get a letter; data and sources follow them
    titles = re.findall(r"<h2>(Appendix [^<]+)</h2>", page)
    assert titles == ["Appendix A. Payments tables", "Appendix B. Defence tables", "Appendix C. Data and sources"]


def test_each_appendix_table_sits_in_details_whose_summary_gives_caption_and_rows() -> None:
    page = _page()
    found = re.findall(r'<details class="appendix-table" id="([^"]+)"><summary>([^<]+)</summary>', page)
    assert found == [("payments-appendix-1", "All events, 2023–2024 (&quot;as reported&quot;) (3 rows)"),
                     ("defence-appendix-1", "SIPRI register (2 rows)"),
                     ("sources-table", "Sources (2 rows)")]
    assert "open" not in re.findall(r"<details[^>]*>", page)[0]  # closed on screen
    assert "Dates as the sources give them." in page.split('id="payments-appendix-1"')[1].split("</details>")[0]


def test_body_keeps_a_link_line_where_each_table_stood() -> None:
    page = _page()
    link = ('<p class="appendix-link">Table: <a href="#payments-appendix-1">All events, 2023–2024 '
            '(&quot;as reported&quot;)</a> (3 rows), in Appendix A.</p>')
    assert link in page
    events = page.split('id="payments"')[1]
    assert events.index(link) < events.index("After the table.")
    assert '<a href="#defence-appendix-1">SIPRI register</a> (2 rows), in Appendix B.' in page


def test_contents_list_names_each_appendix_and_every_link_resolves() -> None:
    page = _page()
    toc = page.split('<nav class="toc"')[1].split("</nav>")[0]
    assert re.findall(r'href="#(appendix-[^"]+|sources)">Appendix', toc) == ["appendix-payments", "appendix-defence",
                                                                              "sources"]
    ids = set(re.findall(r'\bid="([^"]+)"', page))
    assert {h for h in re.findall(r'href="#([^"]+)"', page)} <= ids


def test_one_h1_and_appendices_are_h2_like_the_sections() -> None:
    page = _page()
    assert len(re.findall(r"<h1\b", page)) == 1
    assert re.search(r'<section class="report-section appendix" id="appendix-payments"[^>]*><h2>', page)


def test_attribute_quotes_from_nbconvert_do_not_matter() -> None:
    single = ("<div><div class=\"pakru-appendix\" data-caption='A \"quoted\" caption' data-rows=\"4\">"
              "<table><caption>c</caption></table></div></div>")
    body, tables = appendix.lift(single, "s", "D")
    assert [(t.caption, t.rows) for t in tables] == [('A "quoted" caption', 4)]
    assert body == ('<div><p class="appendix-link">Table: <a href="#s-appendix-1">A &quot;quoted&quot; caption</a> '
                    "(4 rows), in Appendix D.</p></div>")


def test_letters_go_on_past_z() -> None:
    assert [appendix.letter(i) for i in (0, 4, 25, 26, 27)] == ["A", "E", "Z", "AA", "AB"]


def test_pdf_copy_opens_every_details_and_leaves_the_rest_alone() -> None:
    page = _page()
    printed = pdf.expanded(page)
    assert len(re.findall(r"<details open\b", printed)) == 3
    assert re.sub(r"<details open\b", "<details", printed) == page
    assert pdf.expanded('<details open class="x">') == '<details open class="x">'
