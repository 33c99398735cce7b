"""Defence functions, with numbers known from the data (and small frames where a rule is tested)."""

from __future__ import annotations

import pandas as pd
import pytest

from pakru.present import charts, timeline
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
    with_weak = defence.events.select_events(events, 2010, 2025, "exercise,agreement")
    assert len(with_weak) == facts.EXERCISES_AND_AGREEMENTS_2010_2025
    assert len(defence.events.select_events(events, 1948, 2025)) == facts.DEFENCE_EVENTS
    assert len(defence.events.select_events(events, 1948, 1965)) == facts.DEFENCE_EVENTS_1948_1965
    with pytest.raises(ValueError, match="allowed"):
        defence.events.parse_categories(["exercise", "parade"])


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


def test_sipri_credit_travels_with_every_sipri_chart(tiv: pd.DataFrame, sources: pd.DataFrame) -> None:
    assert defence.sipri.credit_line() == "Information from the SIPRI Arms Transfers Database."
    assert "computed for this report" in defence.sipri.credit_line(computed=True)
    deliveries = defence.sipri.russian_deliveries(tiv, 1950, 2021)
    fig = defence.charts.deliveries_chart(deliveries, 1950, 2021, "t", "Source: SIPRI")
    assert any(defence.sipri.SIPRI_CREDIT in t.get_text() for t in fig.texts)
    fig = defence.charts.shares_chart(defence.sipri.supplier_shares(tiv, 5, 1950, 2021), 5, "t", "Source: SIPRI")
    footer = " ".join(t.get_text() for t in fig.texts).replace("\n", " ")
    assert defence.sipri.SIPRI_CREDIT in footer and "computed for this report from SIPRI TIV" in footer
    charts.plt.close("all")
    line = defence.charts.summary_source_line(["def-sipri-register-2025",
                                               "def-dawn-2014-11-12; def-tribune-2014-11-20"],
                                       sources, "see the table")
    assert line.startswith("Sources: 3 documents from 3 publishers") and defence.sipri.SIPRI_CREDIT in line


def test_timeline_figure_marks_the_agreement_only_when_in_view(events: pd.DataFrame, sources: pd.DataFrame) -> None:
    import matplotlib.pyplot as plt

    lanes = list(dict.fromkeys(events["category"]))
    day = defence.events.agreement_date(events)
    shown = defence.charts.timeline_figure(events, lanes, 2010, 2020, "t", sources, day)
    hidden = defence.charts.timeline_figure(events[events["date"].dt.year < 2000], lanes, 1960, 1999, "t", sources, day)
    texts = [t.get_text() for t in timeline.plot_axes(shown).texts]
    assert "Nov 2014 agreement" in texts
    assert "Nov 2014 agreement" not in [t.get_text() for t in timeline.plot_axes(hidden).texts]
    plt.close("all")


def test_summary_opens_with_the_numbers_of_the_section(events: pd.DataFrame, transfers: pd.DataFrame,
                                                        tiv: pd.DataFrame, sources: pd.DataFrame, facts) -> None:
    from pakru.spec import params
    from pakru.data import datasets as data
    from pakru.defence import headlines

    window = headlines.Window.of(params.validate_section("defence", {}))
    shares = defence.sipri.supplier_shares(tiv, 5, 1948, 2025)
    dz = defence.events.druzhba(events)
    published = data.load("supplier_shares")
    sentences = headlines.summary(events, window, defence.events.agreement_date(events), dz, transfers, shares,
                                  published, sources)
    assert 3 <= len(sentences) <= 5
    # SIPRI's latest published window leads; Russia's main channel next; counts of reported events are
    # not a finding (older decades are less densely reported)
    assert sentences[0].startswith("In 2021–25 China supplied 80% of Pakistan's imports of major arms")
    assert "Russia is not among the suppliers named" in sentences[0]
    assert "RD-93 engine of the JF-17" in sentences[1] and "2007–2024" in sentences[1]
    text = " ".join(sentences)
    assert "dated events" not in text
    assert f"{len(facts.DRUZHBA_YEARS)} Druzhba counter-terrorism exercises since 2016" in text
    assert "(none in 2022 or 2023)" in text
    assert f"{facts.MI35_DELIVERED} Mi-35M combat helicopters" in text and "500 Kornet anti-tank missiles" in text
    # a sentence the data cannot give is left out, not invented
    bare = headlines.summary(events, window, None, dz.iloc[0:0], transfers.iloc[0:0], shares.iloc[0:0])
    assert bare == []


def test_defence_claims_open_with_their_tally(events: pd.DataFrame, transfers: pd.DataFrame) -> None:
    from pakru.defence import headlines

    sentences = headlines.claims_sentences(defence.claims.check_claims(events, transfers))
    assert sentences[0] == "Of the article's 4 defence claims, 3 are supported and 1 is partly supported."
    assert len(sentences) == 5 and sentences[4].startswith("Partly supported: The two armies")


def test_long_defence_tables_go_to_the_appendix(events: pd.DataFrame, transfers: pd.DataFrame, tiv: pd.DataFrame,
                                                sources: pd.DataFrame) -> None:
    from pakru.spec import params
    from pakru.defence import headlines

    window = headlines.Window.of(params.validate_section("defence", {}))
    dz = defence.events.druzhba(events)
    weapons = defence.sipri.weapons_table(transfers, 1948, 2025)
    (_, _), shares_table, _ = headlines.shares_told(defence.sipri.supplier_shares(tiv, 5, 1948, 2025), window, sources)
    appendix = [headlines.druzhba_table(dz), headlines.weapons_told(weapons, window, sources)[0], shares_table,
                headlines.claims_table(defence.claims.check_claims(events, transfers))]
    assert all(t.appendix for t in appendix)
    assert 'class="pakru-appendix"' in appendix[0].html() and 'data-rows="8"' in appendix[0].html()
    # the before/after counts carry the subsection's point and stay in the body
    table, _ = headlines.before_after(events, window, defence.events.agreement_date(events))
    assert not table.appendix
    charts.plt.close("all")


def test_defence_charts_carry_a_tooltip_per_mark_and_no_small_text(events: pd.DataFrame, tiv: pd.DataFrame,
                                                                   sources: pd.DataFrame, text_too_small) -> None:
    from pakru.spec import params
    from pakru.present import svg
    from pakru.defence import headlines

    window = headlines.Window.of(params.validate_section("defence", {}))
    day = defence.events.agreement_date(events)
    deliveries = defence.sipri.russian_deliveries(tiv, 1950, 2021)
    shares = defence.sipri.supplier_shares(tiv, 5, 1948, 2025)
    drawn = {"timeline": headlines.timeline_chart(events, window, sources, day),
             "deliveries": headlines.deliveries_chart(deliveries, 1950, 2021, sources),
             "shares": headlines.shares_told(shares, window, sources)[0]}
    for name, (fig, _) in drawn.items():
        assert text_too_small(fig) == [], name
    svgs = {name: svg.figure_svg(fig, alt) for name, (fig, alt) in drawn.items()}
    assert svgs["timeline"].count("<title>") == len(events)
    assert "20 Nov 2014: " in svgs["timeline"] and "<pattern" not in svgs["timeline"]  # light fills, no hatch
    assert svgs["deliveries"].count("<title>") == len(deliveries)
    assert "1968: 199 million TIV delivered by the Soviet Union [def-sipri-tiv-2022]" in svgs["deliveries"]
    assert svgs["shares"].count("<title>") == len(shares)
    # the share lines are named at their ends, not in a legend
    fig = drawn["shares"][0]
    assert fig.axes[0].get_legend() is None
    ends = [t.get_text() for t in fig.axes[0].texts]
    assert {"China", "Russia", "United States"} <= set(ends)
    charts.plt.close("all")


def test_subsection_findings_state_totals_peaks_and_shares(tiv: pd.DataFrame) -> None:
    from pakru.defence import headlines

    deliveries = defence.sipri.russian_deliveries(tiv, 1950, 2021)
    assert headlines.deliveries_sentence(deliveries) == (
        "SIPRI's values add up to 379 million TIV delivered by the Soviet Union in 6 years between 1966 and 1985 "
        "and 797 million TIV delivered by Russia in 19 years between 1995 and 2021; the largest year was 1968 "
        "(199 million TIV).")
    computed = defence.sipri.supplier_shares(tiv, 5, 1948, 2025)
    assert headlines.shares_sentence(computed) == (
        "Russia's share of Pakistan's arms imports, with the Soviet Union's before 1992, was highest in 1965–69 at "
        "14.9%; in 2015–19 it was 6.7%, against 71.8% for China and 4.3% for the United States. These are this "
        "report's own division of SIPRI's import-value table (downloaded in 2022, to 2021), not the shares SIPRI "
        "publishes.")
    # beside SIPRI's own published shares for the same window, when the data hold them
    from pakru.data import datasets as data

    told = headlines.shares_sentence(computed, data.load("supplier_shares"))
    assert told.endswith("for the same years SIPRI's March 2020 release gave China 73%, Russia 6.6%, Italy 6.1%.")


def test_deliveries_after_the_tiv_table_are_marked_unknown_not_drawn_as_zero(tiv: pd.DataFrame,
                                                                              transfers: pd.DataFrame,
                                                                              sources: pd.DataFrame,
                                                                              text_too_small) -> None:
    from matplotlib.patches import Rectangle

    from pakru.defence import headlines
    from pakru.present import svg

    after = defence.sipri.deliveries_after_table(transfers, 2021, 2025)
    assert list(after["year"]) == [2023, 2024] and set(after["designation"]) == {"RD-93 engine"}
    deliveries = defence.sipri.russian_deliveries(tiv, 1950, 2021)
    fig, alt = headlines.deliveries_chart(deliveries, 1950, 2021, sources, transfers, 2025)
    ax = fig.axes[0]
    bars = [p for p in ax.patches if isinstance(p, Rectangle) and p.get_width() < 1]
    # no bar, of zero height or any other, for a year the TIV table does not cover
    assert not any(b.get_x() + b.get_width() / 2 > 2021.5 for b in bars)
    band = next(p for p in ax.patches if isinstance(p, Rectangle) and p.get_width() >= 1)
    assert band.get_hatch() and round(band.get_x(), 1) == 2021.5 and round(band.get_x() + band.get_width(), 1) == 2024.5
    assert ax.get_xlim()[1] > 2024.5
    words = " ".join(t.get_text().replace("\n", " ") for t in ax.texts)
    assert "2022–2024: no TIV figure;" in words and "RD-93 engine deliveries" in words and "(2023, 2024)" in words
    footer = " ".join(t.get_text() for t in fig.texts).replace("\n", " ")
    assert "RD-93 engines for the JF-17 are about 54%" in footer
    assert "2022–2024 are marked as having no TIV figure" in alt
    assert ax.get_legend() is None and {"Soviet Union", "Russia"} <= {t.get_text() for t in ax.texts}
    assert text_too_small(fig) == []
    tips = svg.figure_svg(fig, alt)
    assert tips.count("<title>") == len(deliveries) + 1 and "2022–2024: no TIV figure" in tips
    # the y-axis label is short enough to stay below the title
    assert ax.get_ylabel() == "million TIV"
    charts.plt.close("all")


def test_share_end_labels_sit_clear_of_their_lines_and_the_axis(tiv: pd.DataFrame, sources: pd.DataFrame) -> None:
    from pakru.spec import params
    from pakru.defence import headlines

    window = headlines.Window.of(params.validate_section("defence", {}))
    (fig, _), _, _ = headlines.shares_told(defence.sipri.supplier_shares(tiv, 5, 1948, 2025), window, sources)
    ax = fig.axes[0]
    last_x = max(max(line.get_xdata()) for line in ax.lines)
    ends = {t.get_text(): t for t in ax.texts}
    us = ends["United States"]
    x, y = us.get_position()  # the text's own place (xytext), not the point it names
    assert x >= last_x + 0.5 and y >= 5  # not on its own last marker, not on the x axis (chart 18)
    ys = sorted(t.get_position()[1] for t in ends.values())
    assert all(b - a >= 10 for a, b in zip(ys, ys[1:]))
    assert all(t.get_rotation() in (0, 90) for t in ax.get_xticklabels())
    charts.plt.close("all")
