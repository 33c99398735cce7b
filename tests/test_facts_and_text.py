"""Facts computed once and written by templates: the fact record, the house style of each figure,
the ``<data>`` marks, and the errors an analyst meets when a template names a fact that is not there."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pytest

from pakru.facts import FactBook, FactMissing, Facts, Period
from pakru.present import text

REGISTRY = pd.DataFrame([
    {"source_id": "trd-sbp", "publisher": "State Bank of Pakistan", "published": "2026-04-15", "accessed": "2026-12-01",
     "kind": "statistical release", "quality": "primary", "url": "https://www.sbp.org.pk/"},
    {"source_id": "pay-blog", "publisher": "Some Blog (copy on a host)", "published": "2023-10-02",
     "accessed": "2026-12-01", "kind": "news report", "quality": "weak", "url": "https://example.org/"},
])
FY25 = Period("FY2024-25", date(2024, 7, 1), date(2025, 6, 30), "fiscal")


def book() -> FactBook:
    return FactBook(REGISTRY)


def render(source: str, facts: Facts, **ctx: object) -> str:
    return text.environment(False).from_string(source).render(f=facts, **ctx)


def plain(source: str, facts: Facts) -> str:
    return text.environment(True).from_string(source).render(f=facts, plain=True)


def test_a_fact_carries_its_sources_and_their_weakest_quality() -> None:
    b = book()
    a = b.add("t.a", 243.9164879, "USD million", FY25, sources="trd-sbp")
    c = b.add("t.b", 100, "tonnes", None, sources="trd-sbp;pay-blog")
    assert a.quality == "primary" and c.quality == "weak"
    assert a.sources[0].short == "State Bank of Pakistan, 2026"
    assert c.sources[1].publisher == "Some Blog"  # the parenthesis goes
    d = b.derive("t.c", 12.5, "percent", FY25, of=[a, c])
    assert d.derived_from == ("t.a", "t.b") and d.quality == "weak"


def test_a_gap_is_not_a_fact() -> None:
    b = book()
    assert b.add("t.none", None, "USD million") is None
    assert b.add("t.nan", float("nan"), "USD million") is None
    assert b.derive("t.d", 1.0, "percent", of=[None]) is None
    assert len(b.facts()) == 0


def test_one_id_with_two_values_is_refused() -> None:
    b = book()
    b.add("t.x", 1.0, "USD million")
    b.add("t.x", 2.0, "USD million")
    with pytest.raises(ValueError, match="t.x computed twice"):
        b.facts()


def test_a_missing_fact_names_the_nearest_ids() -> None:
    b = book()
    b.add("trade.sbp.peak", 1099.07, "USD million")
    with pytest.raises(FactMissing, match="nearest: trade.sbp.peak"):
        b.facts()["trade.sbp.peek"]


@pytest.mark.parametrize(("value", "qualifier", "expected"), [
    (1099.0718, "", "$1.1 billion"), (243.9164879, "", "$244 million"), (6.01, "", "$6.0 million"),
    (35.85, "", "$36 million"), (1000, "more_than", "more than $1 billion"), (2000, "", "$2 billion"),
    (-157.3, "", "\u2212$157 million"), (1810, "about", "about $1.8 billion"),
    # halves away from zero, as by hand (Python's format gives $388 million and $2.2 billion): the
    # figures a reader adds up match the total shown
    (388.5, "", "$389 million"), (567.5, "", "$568 million"), (2250, "", "$2.3 billion"), (0.25, "", "$0.3 million"),
])
def test_money_is_written_as_a_reader_writes_it(value: float, qualifier: str, expected: str) -> None:
    assert text.money_text(value, qualifier) == expected


def test_a_figure_is_a_data_element_naming_its_fact_and_source() -> None:
    b = book()
    b.add("trade.sbp.latest_year", 243.9164879, "USD million", FY25, sources="trd-sbp", qualifier="revised")
    out = render('Trade was {{ f["trade.sbp.latest_year"] | money }} in {{ f["trade.sbp.latest_year"] | period }}.',
                 b.facts())
    assert out == ('Trade was <data value="243.9164879" data-fact="trade.sbp.latest_year" '
                   'title="State Bank of Pakistan, 2026 · FY2024-25 · revised">$244 million</data> in FY2024-25.')


def test_plain_text_for_charts_has_no_markup() -> None:
    b = book()
    b.add("t.pct", -77.8, "percent", FY25, sources="trd-sbp")
    assert plain('Trade fell {{ f["t.pct"] | change }}', b.facts()) == "Trade fell down 78%"


def test_conditional_wording_lives_in_the_template() -> None:
    src = '{{ "rose" if f["t.c"].number > 0 else "fell" }} {{ f["t.c"] | pct(absolute=True) }}'
    for value, word in ((12.0, "rose"), (-77.8, "fell")):
        b = book()
        b.add("t.c", value, "percent", FY25, sources="trd-sbp")
        assert re.sub(r"<[^>]+>", "", render(src, b.facts())).startswith(word)


def test_counts_under_ten_are_words_and_tonnes_have_separators() -> None:
    b = book()
    b.add("p.n", 2, "count", None, sources="trd-sbp")
    b.add("p.t", 100142, "tonnes", None, sources="trd-sbp")
    out = plain('{{ f["p.n"] | count }} {{ f["p.n"] | plural("cargo", "cargoes") }}, {{ f["p.t"] | tonnes }}',
                b.facts())
    assert out == "two cargoes, 100,142 tonnes"


def test_cite_links_publishers_and_marks_weak_sources() -> None:
    b = book()
    b.add("p.x", 1.0, "percent", None, sources="pay-blog")
    out = render('{{ f["p.x"] | cite }}', b.facts())
    assert out == '(<a class="cite" href="#src-pay-blog">Some Blog, 2023</a><span class="weak">, weak source</span>)'


def test_text_from_data_is_escaped_in_the_page() -> None:
    out = render("{{ title }}", Facts([], REGISTRY), title="<script>x</script> & co")
    assert "<script>" not in out and "&amp; co" in out


def test_a_template_naming_a_missing_fact_fails_with_the_template_and_the_id(tmp_path, monkeypatch) -> None:
    folder = tmp_path / "demo" / "text"
    folder.mkdir(parents=True)
    (folder / "lead.md.j2").write_text('Line one.\n{{ f["demo.missing"] | money }}\n', encoding="utf-8")
    monkeypatch.setattr(text, "PACKAGE", tmp_path)
    text.environment.cache_clear()
    try:
        with pytest.raises(text.TextError, match=r"template demo/lead.md.j2, line 2: no fact 'demo.missing'"):
            text.render("demo/lead.md.j2", Facts([], REGISTRY))
    finally:
        text.environment.cache_clear()


def test_tidy_leaves_no_double_space_or_space_before_punctuation() -> None:
    assert text.tidy("Trade  rose ,  and   fell .\n\n\n\nNext.") == "Trade rose, and fell.\n\nNext.\n"


def test_ranks_are_ordinals() -> None:
    b = book()
    b.add("d.rank", 5, "count", None, sources="trd-sbp")
    b.add("d.rank2", 22, "count", None, sources="trd-sbp")
    assert plain('{{ f["d.rank"] | ordinal }}, {{ f["d.rank2"] | ordinal }}', b.facts()) == "fifth, 22nd"


def test_millions_of_tonnes_are_written_in_millions() -> None:
    b = book()
    b.add("w.t", 1_600_000, "tonnes", None, sources="trd-sbp")
    b.add("w.s", 377_200, "tonnes", None, sources="trd-sbp")
    assert plain('{{ f["w.t"] | tonnes }}; {{ f["w.s"] | tonnes }}', b.facts()) == "1.6 million tonnes; 377,200 tonnes"


def test_a_page_quoting_a_publisher_is_cited_as_itself() -> None:
    from pakru.facts.model import publisher_name

    assert publisher_name("AASTOCKS (quoting SWIFT)") == "AASTOCKS"
    assert publisher_name("United Nations Statistics Division (UN Comtrade)") == "UN Comtrade"
    assert publisher_name("Stockholm International Peace Research Institute (SIPRI)") == "SIPRI"
    assert publisher_name("AFP report (copy on a web server at 62.67.10.19)") == "AFP report"
