"""Defence functions, with numbers known from the data (and small frames where a rule is tested)."""

from __future__ import annotations

import pandas as pd
import pytest

from pakru import charts, data, defence


@pytest.fixture(scope="module")
def sources() -> pd.DataFrame:
    return data.load("sources")


@pytest.fixture(scope="module")
def events(sources: pd.DataFrame) -> pd.DataFrame:
    return defence.with_weak(data.load("defence_events"), sources)


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
    assert list(defence.weak_flags(f, sources)) == [True, False, False]


def test_weak_events_in_the_data(events: pd.DataFrame) -> None:
    weak = set(events.loc[events["weak"], "event_id"])
    assert {"def-e017", "def-e065"} <= weak  # steel-mill foundation stone, Urdu daily's Mi-35 report
    # Guddu also rests on a news report of Lavrov's June 2023 statement, so it is no longer weak
    assert "def-e019" not in weak and "def-e045" not in weak and "def-e057" not in weak
    assert len(weak) == 12


def test_druzhba_first_in_2016_and_eight_editions(events: pd.DataFrame) -> None:
    dz = defence.druzhba(events)
    assert len(dz) == 8
    assert list(dz["edition"]) == list(range(1, 9))
    assert list(dz["year"]) == [2016, 2017, 2018, 2019, 2020, 2021, 2024, 2025]
    assert dz.iloc[0]["dates"] == "24 Sep–10 Oct 2016" and "Cherat" in dz.iloc[0]["place"]
    assert defence.missing_years(dz["year"]) == [2022, 2023]


def test_agreement_date(events: pd.DataFrame) -> None:
    assert defence.agreement_date(events) == pd.Timestamp("2014-11-20")
    assert defence.agreement_date(events.iloc[0:0]) is None


def test_counts_before_and_after_the_agreement(events: pd.DataFrame) -> None:
    counts = defence.counts_before_after(events, pd.Timestamp("2014-11-20")).set_index("category")
    assert counts.loc["agreement", ["before", "after"]].tolist() == [0, 9]
    assert counts.loc["exercise", ["before", "after"]].tolist() == [2, 20]
    assert counts.loc["all categories", ["before", "after", "total"]].tolist() == [44, 58, 102]
    # the agreement day itself counts as "after"
    one = events[events["event_id"] == "def-e045"]
    assert defence.counts_before_after(one, pd.Timestamp("2014-11-20"), ["agreement"]).iloc[0]["after"] == 1


def test_filtering_by_category_period_and_weak(events: pd.DataFrame) -> None:
    sel = defence.select_events(events, 2010, 2025, ["exercise", "agreement"], show_weak=False)
    assert set(sel["category"]) == {"exercise", "agreement"}
    assert not sel["weak"].any()
    assert sel["date"].dt.year.min() >= 2010
    assert len(sel) == 30  # 22 exercises + 9 agreements, less the weakly sourced 2015 Arabian Monsoon
    with_weak = defence.select_events(events, 2010, 2025, "exercise,agreement")
    assert len(with_weak) == 31
    assert len(defence.select_events(events, 1948, 2025)) == 102
    assert len(defence.select_events(events, 1948, 1965)) == 4  # 1948, 1956, 1961, 1965
    with pytest.raises(ValueError, match="allowed"):
        defence.parse_categories(["exercise", "parade"])


def test_four_mi35m_delivered_in_2018(transfers: pd.DataFrame) -> None:
    table = defence.weapons_table(transfers).set_index("designation")
    row = table.loc["Mi-35M"]
    assert (row["ordered"], row["delivered"], row["delivery years"], row["order year"]) == ("4", "4", "2018", "2015")
    assert row["TIV delivered"] == 46.0


def test_weapons_table_keeps_sipri_uncertainty_marks_and_filters_by_window(transfers: pd.DataFrame) -> None:
    t55 = defence.weapons_table(transfers).set_index("designation").loc["T-55"]
    assert (t55["order year"], t55["ordered"], t55["delivered"]) == ("1968?", "100?", "100")
    assert defence.weapons_table(transfers).set_index("designation").loc["M-46 130mm", "delivered"] == "100?"
    recent = defence.weapons_table(transfers, 2020, 2025)
    assert list(recent["designation"]) == ["RD-33"]  # ordered 2004, delivered to 2024
    assert recent.iloc[0]["delivery years"] == "2007–2021, 2023–2024"
    assert len(defence.weapons_table(transfers, 1948, 2025)) == 19
    assert defence.weapons_table(transfers, 1950, 1960).empty


def test_russian_deliveries_by_year(tiv: pd.DataFrame) -> None:
    d = defence.russian_deliveries(tiv, 1950, 2021)
    assert d.set_index("year").loc[1968, "tiv"] == 199
    assert d.groupby("supplier")["tiv"].sum().to_dict() == {"Russia": 797.0, "Soviet Union": 379.0}
    assert 1997 not in set(d["year"])  # absent year: no deliveries, no row invented


def test_shares_are_ours_aligned_and_count_absent_years_as_zero(tiv: pd.DataFrame) -> None:
    sh = defence.supplier_shares(tiv, 5, 1948, 2025)
    assert list(sh.drop_duplicates("period")["period"])[:2] == ["1950–54", "1955–59"]
    r = sh[(sh["period"] == "2015–19")].set_index("supplier")
    assert r.loc[defence.RUSSIA, "tiv"] == 271 and r.loc[defence.RUSSIA, "total_tiv"] == 4044
    assert r.loc[defence.RUSSIA, "share_pct"] == pytest.approx(271 / 4044 * 100)
    assert r.loc["China", "share_pct"] == pytest.approx(2903 / 4044 * 100)
    assert r.loc["United States", "tiv"] == 172  # 2019 absent from the table: counted as 0
    last = sh.iloc[-1]
    assert (last["period"], last["years"], bool(last["complete"])) == ("2020–24", "2020–21", False)
    latest = defence.latest_complete_share(sh)
    assert latest is not None and latest["period"] == "2015–19" and round(latest["share_pct"], 1) == 6.7
    one = defence.supplier_shares(tiv, 1, 1997, 1997).set_index("supplier")
    assert one.loc[defence.RUSSIA, "tiv"] == 0 and one.loc[defence.RUSSIA, "share_pct"] == 0
    # a window that cuts a period keeps its nominal label but says which years were summed
    cut = defence.supplier_shares(tiv, 5, 2012, 2021).drop_duplicates("period")
    assert list(zip(cut["period"], cut["years"], cut["complete"])) == [
        ("2010–14", "2012–14", False), ("2015–19", "2015–19", True), ("2020–24", "2020–21", False)]
    assert defence.supplier_shares(tiv, 5, 2023, 2025).empty
    assert defence.period_label(1995, 2004) == "1995–2004" and defence.period_label(1970, 1970) == "1970"


def test_claims_verdicts_are_computed_from_the_data(events: pd.DataFrame, transfers: pd.DataFrame) -> None:
    claims = defence.check_claims(events, transfers)
    assert list(claims.columns) == ["claim", "finding", "verdict", "source_ids"]
    v = dict(zip(claims["claim"].str.extract(r"(agreement|Mi-35|Su-35|Druzhba)")[0], claims["verdict"]))
    assert v == {"agreement": "supported", "Mi-35": "supported", "Su-35": "partly supported",
                 "Druzhba": "partly supported"}
    findings = dict(zip(v, claims["finding"]))
    assert "20 Nov 2014" in findings["agreement"]
    assert "4 delivered in 2018" in findings["Mi-35"]
    assert "no Su-35 order" in findings["Su-35"] and "denied" in findings["Su-35"]
    assert "began in 2016, not 2017" in findings["Druzhba"] and "8 Druzhba editions" in findings["Druzhba"]
    assert all(claims["source_ids"].str.len() > 0)


def test_claims_follow_the_data_not_a_script(events: pd.DataFrame, transfers: pd.DataFrame) -> None:
    # with no data, nothing can be checked
    empty = defence.check_claims(events.iloc[0:0], transfers.iloc[0:0])
    assert set(empty["verdict"]) == {"not checkable with the data held"}
    # a Druzhba series that really began in 2017 supports the claim; one from 2018 contradicts it
    dz = events[events["exercise_series"] == "Druzhba"]
    later = events.drop(dz[dz["date"].dt.year < 2017].index)
    assert defence.check_claims(later, transfers).iloc[3]["verdict"] == "supported"
    latest = events.drop(dz[dz["date"].dt.year < 2018].index)
    assert defence.check_claims(latest, transfers).iloc[3]["verdict"] == "contradicted"
    # an agreement moved to 2015 contradicts "in 2014"
    moved = events.copy()
    moved.loc[moved["event_id"] == "def-e045", "date"] = pd.Timestamp("2015-11-20")
    assert defence.check_claims(moved, transfers).iloc[0]["verdict"] == "contradicted"
    # Mi-35 ordered but not yet delivered is only partly supported
    undelivered = transfers.copy()
    undelivered.loc[undelivered["designation"] == "Mi-35M", "number_delivered"] = 0
    assert defence.check_claims(events, undelivered).iloc[1]["verdict"] == "partly supported"


def test_sipri_credit_travels_with_every_sipri_chart(tiv: pd.DataFrame, sources: pd.DataFrame) -> None:
    assert defence.sipri_note() == "Information from the SIPRI Arms Transfers Database."
    assert "computed by pakru" in defence.sipri_note(computed=True)
    deliveries = defence.russian_deliveries(tiv, 1950, 2021)
    fig = defence.deliveries_chart(deliveries, 1950, 2021, "t", "Source: SIPRI")
    assert any(defence.SIPRI_CREDIT in t.get_text() for t in fig.texts)
    fig = defence.shares_chart(defence.supplier_shares(tiv, 5, 1950, 2021), 5, "t", "Source: SIPRI")
    footer = " ".join(t.get_text() for t in fig.texts).replace("\n", " ")
    assert defence.SIPRI_CREDIT in footer and "computed by pakru from SIPRI TIV" in footer
    charts.plt.close("all")
    line = defence.summary_source_line(["def-sipri-register-2025", "def-dawn-2014-11-12; def-tribune-2014-11-20"],
                                       sources, "see the table")
    assert line.startswith("Sources: 3 documents from 3 publishers") and defence.SIPRI_CREDIT in line


def test_timeline_figure_marks_the_agreement_only_when_in_view(events: pd.DataFrame, sources: pd.DataFrame) -> None:
    import matplotlib.pyplot as plt

    lanes = list(dict.fromkeys(events["category"]))
    day = defence.agreement_date(events)
    shown = defence.timeline_figure(events, lanes, 2010, 2020, "t", sources, day)
    hidden = defence.timeline_figure(events[events["date"].dt.year < 2000], lanes, 1960, 1999, "t", sources, day)
    texts = [t.get_text() for t in shown.axes[0].texts]
    assert "Nov 2014 agreement" in texts
    assert "Nov 2014 agreement" not in [t.get_text() for t in hidden.axes[0].texts]
    plt.close("all")
