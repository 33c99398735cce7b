"""Defence functions, with numbers known from the data (and small frames where a rule is tested)."""

from __future__ import annotations

import pandas as pd
import pytest

from pakru.data import datasets as data, periods
from pakru import defence
from pakru.claims import Verdict


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
    assert list(recent["designation"]) == ["RD-33"]  # ordered 2004, delivered to 2024
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


def by_id(checks: list) -> dict:
    return {c.claim_id: c for c in checks}


def test_claims_findings_give_the_numbers_and_sources(events: pd.DataFrame, transfers: pd.DataFrame) -> None:
    checks = by_id(defence.claims.check_claims(events, transfers))
    assert list(checks) == ["defence.agreement_2014", "defence.mi35", "defence.su35_interest",
                            "defence.druzhba_since_2017"]
    assert "20 Nov 2014" in checks["defence.agreement_2014"].finding
    assert "4 delivered in 2018" in checks["defence.mi35"].finding
    su35 = checks["defence.su35_interest"].finding
    assert "no Su-35 order" in su35 and "denied" in su35
    druzhba = checks["defence.druzhba_since_2017"].finding
    assert "began in 2016, not 2017" in druzhba and "8 Druzhba editions" in druzhba
    assert all(c.source_ids for c in checks.values())


def test_claims_follow_the_data_not_a_script(events: pd.DataFrame, transfers: pd.DataFrame) -> None:
    claims = defence.claims
    # with no data, nothing can be checked
    empty = claims.check_claims(events.iloc[0:0], transfers.iloc[0:0])
    assert {c.verdict for c in empty} == {Verdict.NOT_CHECKABLE}
    # a Druzhba series that really began in 2017 supports the claim; one from 2018 contradicts it
    dz = events[events["exercise_series"] == "Druzhba"]
    assert claims.druzhba_since_2017(events.drop(dz[dz["date"].dt.year < 2017].index)).verdict is Verdict.SUPPORTED
    assert claims.druzhba_since_2017(events.drop(dz[dz["date"].dt.year < 2018].index)).verdict is Verdict.CONTRADICTED
    # an agreement moved to 2015 contradicts "in 2014"
    moved = events.copy()
    moved.loc[moved["event_id"] == "def-e045", "date"] = pd.Timestamp("2015-11-20")
    assert claims.agreement_2014(moved).verdict is Verdict.CONTRADICTED
    # Mi-35 ordered but not yet delivered is only partly supported
    undelivered = transfers.copy()
    undelivered.loc[undelivered["designation"] == "Mi-35M", "number_delivered"] = 0
    assert claims.mi35(events, undelivered).verdict is Verdict.PARTLY
    # an Su-35 order in the register would support the claim outright
    ordered = pd.concat([transfers, transfers.head(1).assign(designation="Su-35", number_ordered=4)])
    assert claims.su35_interest(events, ordered).verdict is Verdict.SUPPORTED
