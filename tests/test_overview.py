"""The front page's words: the bottom line, the key findings and the dated threads, rendered from
facts with the ids the sections publish (stubs here, so the wording is tested apart from the data)."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pytest

from pakru.facts import FactBook, Period
from pakru.present import show

REGISTRY = pd.DataFrame([
    {"source_id": "trd-sbp", "publisher": "State Bank of Pakistan", "published": "2026-04-15",
     "kind": "statistical release", "quality": "primary", "url": "https://sbp"},
    {"source_id": "pay-a", "publisher": "Arab News", "published": "2023-08-14", "kind": "news report",
     "quality": "secondary", "url": "https://a"},
    {"source_id": "def-d", "publisher": "Deccan Chronicle", "published": "2026-03-09", "kind": "news report",
     "quality": "secondary", "url": "https://d"},
    {"source_id": "pay-w", "publisher": "A Blog", "published": "2024-09-01", "kind": "news report", "quality": "weak",
     "url": "https://w"},
])
FY24, FY25 = Period("FY2023-24", basis="fiscal"), Period("FY2024-25", basis="fiscal")
WINDOW = Period("July 2025–March 2026", basis="window")


def front_facts(change: float = -77.8, optional: bool = True):
    b = FactBook(REGISTRY)
    add = b.add
    add("trade.sbp.peak", 1099.07, "USD million", FY24, sources="trd-sbp")
    add("trade.sbp.latest_year", 243.92, "USD million", FY25, sources="trd-sbp", qualifier="revised")
    add("trade.sbp.latest_year_change", change, "percent", FY25, sources="trd-sbp")
    add("trade.sbp.share.latest_year", 0.27, "percent", FY25, sources="trd-sbp")
    add("payments.crude.first_cargo", date(2023, 6, 11), "date", Period("June 2023", basis="day"), sources="pay-a")
    add("payments.crude.yuan_paid_cargoes", 2, "count", None, sources="pay-a")
    add("payments.crude.yuan_paid_tonnes", 100142, "tonnes", None, sources="pay-a")
    add("payments.crude.last_sized_cargo", date(2023, 11, 1), "date", Period("November 2023", basis="month"),
        sources="pay-a")
    add("payments.rouble_share.exports.latest", 53.7, "percent", Period("2025"), sources="pay-a")
    add("defence.sipri.china_share.latest", 80, "percent", Period("2021–25"), sources="def-d")
    add("defence.sipri.india_russia_share.latest", 40, "percent", Period("2021–25"), sources="def-d")
    add("defence.rd93.engines", 206, "count", Period("2007–2024"), sources="def-d")
    add("defence.rd93.share_of_russian_tiv", 53.9, "percent", None, sources="def-d")
    if optional:
        add("payments.barter.first_contracts", date(2024, 10, 1), "date", Period("October 2024", basis="month"),
            sources="pay-a")
        add("trade.sbp.latest_window_change", -75.6, "percent", WINDOW, sources="trd-sbp", qualifier="provisional")
        add("trade.sbp.latest_window_exports", 35.85, "USD million", WINDOW, sources="trd-sbp")
        add("trade.sbp.latest_window_imports", 17.80, "USD million", WINDOW, sources="trd-sbp")
        add("payments.national_currencies.h1_2024", 80, "percent", Period("first half of 2024"), sources="pay-w",
            qualifier="more_than")
        add("payments.rouble_share.exports.previous", 41.5, "percent", Period("2024"), sources="pay-a")
    return b.facts()


def words(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", "", html).split())


def test_the_bottom_line_is_three_sentences_with_money_as_a_reader_writes_it() -> None:
    out = words(show.told("overview/bottom_line.md.j2", front_facts()).html)
    assert len(re.findall(r"[.!?](?:\s|$)", out)) == 3  # three sentences
    assert "peaked at $1.1 billion in FY2023-24 and fell to $244 million in FY2024-25, down 78%" in out
    assert "2 cargoes" not in out and "two cargoes totalling 100,142 tonnes" in out
    assert "after November 2023" in out and "China supplied 80%" in out


def test_a_rise_reads_as_a_rise_and_missing_facts_leave_no_hole() -> None:
    out = words(show.told("overview/bottom_line.md.j2", front_facts(change=12.0, optional=False)).html)
    assert "up 12%" in out and "None" not in out and " ," not in out and "again" not in out
    findings = words(show.told("overview/findings.md.j2", front_facts(optional=False)).html)
    assert "None" not in findings and "national currencies" not in findings and "The flow has turned" not in findings


def test_the_lead_figure_is_said_once_before_the_chart() -> None:
    out = show.told("overview/bottom_line.md.j2", front_facts()).html
    assert out.count('data-fact="trade.sbp.peak"') == 1 and out.count('data-fact="trade.sbp.latest_year"') == 1
    findings = show.told("overview/findings.md.j2", front_facts()).html
    assert 'data-fact="trade.sbp.peak"' not in findings and 'data-fact="trade.sbp.latest_year"' not in findings


def test_a_weak_source_is_named_weak_where_a_finding_rests_on_it() -> None:
    findings = words(show.told("overview/findings.md.j2", front_facts()).html)
    assert "report that more than 80% of Russia–Pakistan settlements" in findings and ", weak source" in findings


def test_the_threads_name_dated_events_with_their_sources() -> None:
    from pakru import overview

    threads = overview.threads()
    assert [t["thread"] for t in threads][:2] == ["Visits and the intergovernmental commission", "Oil and gas"]
    for t in threads:
        dates = [e["date"] for e in t["events"]]
        assert dates == sorted(dates) and all(e["source_id"] for e in t["events"])
    latest = max(e["date"] for t in threads for e in t["events"])
    assert latest >= pd.Timestamp("2026-03-01")  # the evidence reaches March 2026
    out = words(show.told("overview/standing.md.j2", front_facts(), threads=threads).html)
    assert "1 March 2026: PM Sharif's Moscow visit postponed (" in out


def test_a_thread_naming_an_unknown_event_is_one_line(tmp_project, monkeypatch: pytest.MonkeyPatch) -> None:
    from pakru import overview
    from pakru.errors import DataError

    path = tmp_project / "data" / "overview" / "threads.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("def-e111", "def-e999"), encoding="utf-8")
    monkeypatch.chdir(tmp_project)
    with pytest.raises(DataError, match="names event def-e999"):
        overview.threads()
