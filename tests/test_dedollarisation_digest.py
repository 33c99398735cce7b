"""The de-dollarisation section's digest: the summary computed from the data, the finding each
subsection opens with, and charts that are legible (no text under the house minimum) and carry
an exact value per point or bar as an SVG tooltip."""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest

from pakru.data import datasets as data, periods
from pakru.present import charts, svg
from pakru.dedollarisation import cargoes as cargo_records, claims, currency_shares, events, headlines, summary

ALL_SERIES = ("cbr_exports", "cbr_imports", "swift_global", "swift_ex_ez", "imf_cofer")


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return {name: data.load(name) for name in ("payment_events", "cargoes", "payment_claims", "currency_shares",
                                               "settlement_statements", "sources")}


@pytest.fixture(scope="module")
def window() -> headlines.Window:
    return headlines.Window(pd.Timestamp("2015-01-01"), pd.Timestamp("2025-12-31"), ALL_SERIES, True)


def tips_of(fig) -> list[str]:
    return [html.unescape(t) for t in re.findall(r"<title>([^<]*)</title>", svg.figure_svg(fig, alt="chart"))]


def test_summary_states_the_yuan_crude_barter_swap_russia_and_the_world(frames, facts) -> None:
    totals = cargo_records.cargo_totals(frames["cargoes"])
    sentences = summary.summary(totals, frames["payment_events"], frames["currency_shares"], ALL_SERIES,
                                frames["cargoes"])
    assert 3 <= len(sentences) <= 5
    crude, steps, russia, world = sentences
    # the trial order's yuan apart from a payment only intended; no share of 'all crude' (a census it is not)
    assert crude.startswith("The 100,000 t government-to-government trial order of Russian crude (2 cargoes, "
                            "June 2023) was settled in Chinese yuan")
    assert "the yuan bought with dollars" in crude and "intended to pay in yuan" in crude and "95%" not in crude
    assert "(SRO) 642 of 1 Jun 2023" in steps and "Russia, Iran and Afghanistan" in steps
    assert "uptake was slow" in steps and "first barter contracts with Russia were signed in October 2024" in steps
    assert "swap line with China stood at CNY 30 bn (Oct 2024)" in steps and "CNY 10 bn more requested" in steps
    assert russia.startswith("Russia itself is paid more in roubles: 53.7% of its export receipts in 2025, "
                             "against 41.5% in 2024")
    # without the cargoes the older wording stays, and without two full years the June 2023 shares
    old = summary.summary(totals, frames["payment_events"], frames["currency_shares"], ALL_SERIES)
    assert old[0].startswith(f"{facts.CRUDE_YUAN_CARGOES} of the {facts.CRUDE_CARGOES} Russian crude cargoes")
    assert "peaked at 4.74% in July 2024" in world and "renminbi held 2.12%" in world and "2025-Q1" in world
    assert not any("account" in s.lower() for s in sentences)


def test_summary_leaves_out_what_the_window_does_not_hold(frames) -> None:
    shares = currency_shares.select_series(frames["currency_shares"], ["swift_global"])
    cargoes = periods.in_period(frames["cargoes"], pd.Timestamp("2010-01-01"), pd.Timestamp("2010-12-31"),
                                "arrival_date")
    sentences = summary.summary(cargo_records.cargo_totals(cargoes), frames["payment_events"].iloc[:0], shares,
                                ("swift_global",))
    assert len(sentences) == 1 and "4.74% in July 2024" in sentences[0] and "COFER" not in sentences[0]


def test_subsection_findings_count_verdicts_and_conflicting_reports(frames, facts) -> None:
    checks = claims.check_claims(frames["cargoes"], frames["payment_claims"], frames["payment_events"])
    assert summary.checks_finding(checks) == ("Checked against the cargo, claim and event records, the 4 statements "
                                              "get these verdicts: 3 supported and 1 partly supported.")
    conflicts = claims.conflicting_claims(frames["payment_claims"])
    assert summary.conflicts_finding(conflicts).startswith(
        f"On {facts.CONFLICTING_TOPICS} topics the published reports give different values: "
        f"{facts.CONFLICTING_ACCOUNTS} reports in all")
    table = headlines.conflicts_table(conflicts, frames["sources"])
    assert table.appendix and "report" in table.frame.columns and "account" not in table.frame.columns
    assert table.caption.startswith(f"Conflicting claims: {facts.CONFLICTING_TOPICS} topics, "
                                    f"{facts.CONFLICTING_ACCOUNTS} reports")


def test_long_tables_go_to_the_appendix(frames, window) -> None:
    tl = events.timeline_events(frames["payment_events"], frames["sources"])
    cbr = currency_shares.cbr_shares(frames["currency_shares"])
    points = events.statement_points(frames["settlement_statements"])
    for table in (headlines.events_table(tl, window), headlines.cargo_table(frames["cargoes"]),
                  headlines.cbr_table(cbr), headlines.statements_table(points)):
        assert table.appendix and 'class="pakru-appendix"' in table.html()
    assert not headlines.cargo_totals_table(cargo_records.cargo_totals(frames["cargoes"])).appendix


def test_cargo_chart_gives_each_cargo_its_tonnage_and_currency(frames, text_too_small) -> None:
    totals = cargo_records.cargo_totals(frames["cargoes"])
    fig, alt = summary.cargo_chart(frames["cargoes"], totals, frames["sources"])
    title = fig._suptitle.get_text().replace("\n", " ")
    assert title == ("The 100,000 t government-to-government trial order of Russian crude (2 cargoes, 100,142 t) was "
                     "paid in yuan; a private refiner's yuan payment (100,000 t) was intended, not confirmed")
    assert title in alt and "200,142" not in title  # the intended payment is not counted as paid
    assert text_too_small(fig) == []
    tips = tips_of(fig)
    assert len(tips) == len(frames["cargoes"])
    assert any(t.startswith("crude oil, Pure Point, 11 Jun 2023: 45,142 t, paid in yuan [") for t in tips)
    assert any(t.startswith("crude oil, Oct 2023: 100,000 t, yuan intended, not confirmed [") for t in tips)
    assert any(t.startswith("LPG, 13 Jun 2023: tonnage not published, currency not stated [") for t in tips)
    assert any(t.startswith("LPG, 2023: 100,000 t (probably cumulative over months), currency not stated [")
               for t in tips)
    assert not any("pay-c" in t.split("[")[0] for t in tips)  # cargoes are named, not numbered by row id
    charts.plt.close("all")


def test_cargo_chart_draws_an_intended_payment_unlike_a_paid_one_and_keeps_lpg_apart(frames) -> None:
    from matplotlib.colors import to_hex

    fig, _ = summary.cargo_chart(frames["cargoes"], cargo_records.cargo_totals(frames["cargoes"]), frames["sources"])
    crude_ax, lpg_ax = fig.axes
    assert crude_ax.get_title("left").startswith("Crude oil") and lpg_ax.get_title("left").startswith("LPG")
    crude_rows = [t.get_text() for t in crude_ax.get_yticklabels()]
    lpg_rows = [t.get_text() for t in lpg_ax.get_yticklabels()]
    assert len(crude_rows) == 4 and len(lpg_rows) == 2  # LPG is not ranked among the crude cargoes
    bars = {label.split("\n")[0]: bar for label, bar in zip(crude_rows, crude_ax.patches)}
    paid, intended = bars["Pure Point, 11 Jun 2023"], bars["Oct 2023"]
    assert "intended, not confirmed" in crude_rows[2]
    assert intended.get_hatch() and not paid.get_hatch()
    assert to_hex(intended.get_facecolor()) == "#ffffff" and to_hex(paid.get_facecolor()) != "#ffffff"
    footer = " ".join(t.get_text() for t in fig.texts).replace("\n", " ")
    assert "Probably cumulative over months" in footer and "not ranked with crude" in footer
    assert "100,000 t*" in [t.get_text() for t in lpg_ax.texts]
    charts.plt.close("all")


def test_payment_status_tells_intended_from_paid(frames) -> None:
    status = cargo_records.payment_status(frames["cargoes"]).set_axis(frames["cargoes"]["cargo_id"])
    assert status["pay-c01"] == status["pay-c02"] == "paid in yuan"
    assert status["pay-c03"] == "yuan intended, not confirmed"
    assert status["pay-c04"] == "currency not stated"
    assert cargo_records.probably_cumulative(frames["cargoes"]).sum() == 1


def test_every_section_chart_is_legible_and_annotated(frames, window, text_too_small) -> None:
    shares = frames["currency_shares"]
    breaks = currency_shares.break_points(shares)
    cbr = currency_shares.cbr_shares(shares)
    fig, _ = headlines.cbr_chart(cbr, breaks[breaks["series"].str.startswith("cbr")], window, frames["sources"])
    assert text_too_small(fig) == []
    cbr_tips = tips_of(fig)
    assert len(cbr_tips) == len(cbr) and any(re.match(r"June 2023: rouble 42\.00% \[", t) for t in cbr_tips)

    swift = shares[shares["series"].isin(["swift_global", "swift_ex_ez"]) & (shares["currency"] == "CNY")]
    (fig, _), _, _ = headlines.swift_told(swift, breaks[breaks["series"].str.startswith("swift")],
                                          ["swift_global", "swift_ex_ez"], window, frames["sources"])
    assert text_too_small(fig) == []
    assert "July 2024: 4.74% [pay-swift-rmb-tracker" in " ".join(tips_of(fig))
    assert fig.axes[0].get_legend() is None  # the lines are named at their ends

    (fig, _), _, _ = headlines.cofer_told(shares, window, frames["sources"])
    assert text_too_small(fig) == []
    assert any(t.startswith("2022-Q1: Chinese renminbi 2.84% [") for t in tips_of(fig))

    points = events.statement_points(frames["settlement_statements"])
    rub_cny = currency_shares.rub_cny_share(shares)
    fig, _ = headlines.statements_chart(points, rub_cny, window, frames["sources"])
    assert text_too_small(fig) == []
    tips = tips_of(fig)
    assert sum("a statement, not a statistic" in t for t in tips) == len(points)
    assert any("67% of Russia's export receipts" in t for t in tips)
