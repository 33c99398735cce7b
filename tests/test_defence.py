"""Defence functions, with numbers known from the data (and small frames where a rule is tested)."""

from __future__ import annotations

import pandas as pd
import pytest

from pakru.data import datasets as data, periods
from pakru import defence


@pytest.fixture(scope="module")
def sources() -> pd.DataFrame:
    return data.load("sources")


@pytest.fixture(scope="module")
def events(sources: pd.DataFrame) -> pd.DataFrame:
    return defence.events.with_weak(data.load("defence_events"), sources)


@pytest.fixture(scope="module")
def transfers() -> pd.DataFrame:
    return data.load("arms_transfers")


@pytest.fixture(scope="module")
def tiv() -> pd.DataFrame:
    return data.load("arms_imports_tiv")


def test_an_event_is_weak_only_when_all_its_sources_are_weak(sources: pd.DataFrame) -> None:
    f = pd.DataFrame({
        "source_id": ["def-sehgal-steel", "def-sehgal-steel", "def-tribune-2014-11-20"],
        "also_source_ids": ["def-iq786-steel", "def-iq786-steel; def-gse-agreements", None],
    })
    assert list(defence.events.weak_flags(f, sources)) == [True, False, False]


def test_weak_events_in_the_data(events: pd.DataFrame, facts) -> None:
    weak = set(events.loc[events["weak"], "event_id"])
    assert {"def-e017", "def-e065"} <= weak  # steel-mill foundation stone, Urdu daily's Mi-35 report
    # Guddu also rests on a news report of Lavrov's June 2023 statement, so it is no longer weak
    assert "def-e019" not in weak and "def-e045" not in weak and "def-e057" not in weak
    assert len(weak) == facts.DEFENCE_WEAK_EVENTS


def test_druzhba_editions_numbered_in_date_order(events: pd.DataFrame, facts) -> None:
    dz = defence.events.druzhba(events)
    assert list(dz["year"]) == facts.DRUZHBA_YEARS
    assert list(dz["edition"]) == list(range(1, len(facts.DRUZHBA_YEARS) + 1))
    assert dz.iloc[0]["dates"] == "24 Sep–10 Oct 2016" and "Cherat" in dz.iloc[0]["place"]
    assert periods.missing_years(dz["year"]) == periods.missing_years(facts.DRUZHBA_YEARS)
    assert periods.missing_years([2016, 2017, 2019, 2021]) == [2018, 2020]


def test_agreement_date(events: pd.DataFrame) -> None:
    assert defence.events.agreement_date(events) == pd.Timestamp("2014-11-20")
    assert defence.events.agreement_date(events.iloc[0:0]) is None


def test_counts_before_and_after_the_agreement(events: pd.DataFrame, facts) -> None:
    counts = defence.events.counts_before_after(events, pd.Timestamp("2014-11-20")).set_index("category")
    assert tuple(counts.loc["agreement", ["before", "after"]]) == facts.AGREEMENTS_BEFORE_AFTER_2014
    assert tuple(counts.loc["exercise", ["before", "after"]]) == facts.EXERCISES_BEFORE_AFTER_2014
    assert tuple(counts.loc["all categories", ["before", "after"]]) == facts.EVENTS_BEFORE_AFTER_2014
    assert counts.loc["all categories", "total"] == facts.DEFENCE_EVENTS
    # the agreement day itself counts as "after"
    one = events[events["event_id"] == "def-e045"]
    assert defence.events.counts_before_after(one, pd.Timestamp("2014-11-20"), ["agreement"]).iloc[0]["after"] == 1


def test_filtering_by_category_period_and_weak(events: pd.DataFrame, facts) -> None:
    sel = defence.events.select_events(events, 2010, 2025, ["exercise", "agreement"], show_weak=False)
    assert set(sel["category"]) == {"exercise", "agreement"}
    assert not sel["weak"].any()
    assert sel["date"].dt.year.min() >= 2010
    assert len(sel) == facts.EXERCISES_AND_AGREEMENTS_2010_2025_NOT_WEAK
    with_weak = defence.events.select_events(events, 2010, 2025, ["exercise", "agreement"])
    assert len(with_weak) == facts.EXERCISES_AND_AGREEMENTS_2010_2025
    assert len(defence.events.select_events(events, 1948, 2025)) == facts.DEFENCE_EVENTS_1948_2025
    assert len(defence.events.select_events(events, 1948, 2026)) == facts.DEFENCE_EVENTS
    assert len(defence.events.select_events(events, 1948, 1965)) == facts.DEFENCE_EVENTS_1948_1965
    assert defence.events.lane_order(["visit", "agreement"]) == ["agreement", "visit"]  # the declared lane order


def test_four_mi35m_delivered_in_2018(transfers: pd.DataFrame) -> None:
    table = defence.sipri.weapons_table(transfers).set_index("designation")
    row = table.loc["Mi-35M"]
    assert (row["ordered"], row["delivered"], row["delivery years"], row["order year"]) == ("4", "4", "2018", "2015")
    assert row["TIV delivered"] == 46.0


def test_weapons_table_keeps_sipri_uncertainty_marks_and_filters_by_window(transfers: pd.DataFrame, facts) -> None:
    t55 = defence.sipri.weapons_table(transfers).set_index("designation").loc["T-55"]
    assert (t55["order year"], t55["ordered"], t55["delivered"]) == ("1968?", "100?", "100")
    assert defence.sipri.weapons_table(transfers).set_index("designation").loc["M-46 130mm", "delivered"] == "100?"
    recent = defence.sipri.weapons_table(transfers, 2020, 2025)
    assert list(recent["designation"]) == ["RD-33 (the JF-17's RD-93 variant)"]  # ordered 2004, delivered to 2024
    assert recent.iloc[0]["delivery years"] == "2007–2021, 2023–2024"
    assert len(defence.sipri.weapons_table(transfers, 1948, 2025)) == facts.SIPRI_REGISTER_ROWS
    assert defence.sipri.weapons_table(transfers, 1950, 1960).empty


def test_russian_deliveries_by_year(tiv: pd.DataFrame) -> None:
    d = defence.sipri.russian_deliveries(tiv, 1950, 2021)
    assert d.set_index("year").loc[1968, "tiv"] == 199
    assert d.groupby("supplier")["tiv"].sum().to_dict() == {"Russia": 797.0, "Soviet Union": 379.0}
    assert 1997 not in set(d["year"])  # absent year: no deliveries, no row invented


def test_shares_are_ours_aligned_and_count_absent_years_as_zero(tiv: pd.DataFrame) -> None:
    sh = defence.sipri.supplier_shares(tiv, 5, 1948, 2025)
    assert list(sh.drop_duplicates("period")["period"])[:2] == ["1950–54", "1955–59"]
    r = sh[(sh["period"] == "2015–19")].set_index("supplier")
    assert r.loc[defence.sipri.RUSSIA, "tiv"] == 271 and r.loc[defence.sipri.RUSSIA, "total_tiv"] == 4044
    assert r.loc[defence.sipri.RUSSIA, "share_pct"] == pytest.approx(271 / 4044 * 100)
    assert r.loc["China", "share_pct"] == pytest.approx(2903 / 4044 * 100)
    assert r.loc["United States", "tiv"] == 172  # 2019 absent from the table: counted as 0
    last = sh.iloc[-1]
    assert (last["period"], last["years"], bool(last["complete"])) == ("2020–24", "2020–21", False)
    latest = defence.sipri.latest_complete_share(sh)
    assert latest is not None and latest["period"] == "2015–19" and round(latest["share_pct"], 1) == 6.7
    one = defence.sipri.supplier_shares(tiv, 1, 1997, 1997).set_index("supplier")
    assert one.loc[defence.sipri.RUSSIA, "tiv"] == 0 and one.loc[defence.sipri.RUSSIA, "share_pct"] == 0
    # a window that cuts a period keeps its nominal label but says which years were summed
    cut = defence.sipri.supplier_shares(tiv, 5, 2012, 2021).drop_duplicates("period")
    assert list(zip(cut["period"], cut["years"], cut["complete"])) == [
        ("2010–14", "2012–14", False), ("2015–19", "2015–19", True), ("2020–24", "2020–21", False)]
    assert defence.sipri.supplier_shares(tiv, 5, 2023, 2025).empty
    assert periods.year_span_label(1995, 2004) == "1995–2004" and periods.year_span_label(1970, 1970) == "1970"
