"""The scanner behind "every figure in the text is a fact": what it counts as a figure, and what not."""

from __future__ import annotations

from figures_in_text import fact_values, scan

FACT = '<data value="243.9" data-fact="trade.sbp.latest_year" title="SBP">$244 million</data>'


def test_a_marked_figure_is_counted_and_a_bare_one_is_found() -> None:
    page = f"<main><p>Trade was {FACT} in FY2024-25, down 78% on the year before.</p></main>"
    s = scan(page)
    assert [m[0] for m in s.marked] == ["trade.sbp.latest_year"]
    assert len(s.bare) == 1 and "'78'" in s.bare[0]


def test_years_dates_periods_ordinals_and_names_are_not_figures() -> None:
    page = ("<main><p>On 11 June 2023 and in July 2025–March 2026 (FY2025-26), in 2021–25, 2025-Q1 and the "
            "1980s; the 10th commission; JF-17 and RD-93 engines; SRO 642(I) of 2023; Druzhba-V in 2020; "
            "HS 27; Mi-35M; 15–27 September 2025.</p></main>")
    assert scan(page).bare == []


def test_tables_charts_and_appendices_are_not_scanned() -> None:
    page = ('<main><table><tr><td>1,099.1</td></tr></table><figure><svg><text>244</text></svg></figure>'
            '<section class="report-section appendix"><p>313 sources</p></section></main>')
    assert scan(page).bare == []


def test_one_fact_shown_with_two_values_is_seen() -> None:
    other = FACT.replace('value="243.9"', 'value="263.9"')
    assert fact_values(f"<p>{FACT}</p><p>{other}</p>")["trade.sbp.latest_year"] == {"243.9", "263.9"}
