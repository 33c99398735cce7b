"""Tables and numbers in the house style, and the one sources-table markup (no notebooks)."""

from __future__ import annotations

import re

import pandas as pd

from pakru.present import tables


def test_numbers_and_gaps() -> None:
    assert tables.fmt_number(1046.26) == "1,046.3"
    assert tables.fmt_number(1046.25) == "1,046.3" and tables.fmt_number(-0.25) == "\u22120.3"  # halves away from 0
    assert tables.fmt_number(-0.04) == "0.0" and tables.fmt_pct(-0.04) == "+0.0%"  # never a minus zero
    assert tables.fmt_pct(0.25) == "+0.3%" and tables.fmt_pct(12.5, decimals=0, sign=False) == "13%"
    assert tables.fmt_number(1046.35, decimals=2) == "1,046.35"
    assert tables.fmt_number(12000) == "12,000"
    assert tables.fmt_number(-941.32) == "\u2212941.3"  # a minus sign, not a hyphen
    assert tables.fmt_number(float("nan")) == "–" and tables.fmt_number(None) == "–" and tables.fmt_number(pd.NA) == "–"
    assert tables.fmt_pct(34.04) == "+34.0%" and tables.fmt_pct(-2.5) == "\u22122.5%"
    assert tables.fmt_pct(12.0, sign=False) == "12.0%" and tables.fmt_pct(None) == "–"


def test_table_formats_columns_and_escapes_text() -> None:
    frame = pd.DataFrame({"year": [2022, 2023], "value": [762.44, float("nan")], "growth": [34.0, None],
                          "note": ["<script>x</script>", None]})
    out = tables.table_html(frame, "Trade <USD m>", formats={"year": "int", "growth": "pct"}, note="a & b")
    cells = re.findall(r"<td>(.*?)</td>", out)
    assert cells == ["2022", "762.4", "+34.0%", "&lt;script&gt;x&lt;/script&gt;", "2023", "–", "–", ""]
    assert re.search(r"<table[^>]*><caption>Trade &lt;USD m&gt;</caption>", out)
    assert '<p class="table-note"><small>a &amp; b</small></p>' in out
    assert 'class="dataframe pakru-table"' in out  # mostly numbers: right-aligned


def test_mostly_text_tables_are_marked_for_left_alignment() -> None:
    frame = pd.DataFrame({"event": ["a"], "where": ["b"], "value": [1.0]})
    assert "pakru-table text-cell" in tables.table_html(frame, "Events")


def test_a_column_of_source_ids_shows_publishers_linked_never_ids() -> None:
    frame = pd.DataFrame({"event": ["a"], "source_id": ["trd-tass-2025-09-02;pay-globalvillagespace-2024-09"]})
    markup = tables.table_html(frame, "Events")
    assert "<th>sources</th>" in markup and "trd-tass-2025-09-02<" not in markup
    assert '<a class="cite" href="#src-trd-tass-2025-09-02">TASS, 2025</a>' in markup
    assert '<span class="weak">, weak source</span>' in markup  # Global Village Space is rated weak


def test_the_source_line_marks_weak_publishers_also_among_the_rest() -> None:
    from pakru.data import datasets
    from pakru.facts import Facts
    from pakru.present.show import source_line

    registry = datasets.load("sources")
    weak = registry[registry["quality"] == "weak"]["source_id"].tolist()[:3]
    strong = registry[registry["quality"] == "primary"]["source_id"].tolist()[:2]
    line = source_line(pd.DataFrame({"source_id": strong + weak}), Facts([], registry), limit=3)
    assert line.startswith("Sources: ") and "(weak)" not in line.split(";")[0]  # the strongest first
    assert "of them weak (all in the appendix)" in line or line.count("(weak)") >= 1
