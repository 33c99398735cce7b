"""Where things stand: the trade section's latest figures, drivers, conflicts and series ends, the
defence section's published SIPRI shares and main channel, and the overview's bottom line, on the
shipped data (the State Bank's March 2026 workbooks, SIPRI's register of March 2025)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pakru.data import datasets as data
from pakru.defence import published_shares, sipri
from pakru.overview import standing as overview
from pakru.present import wording
from pakru.trade import conflicts, standing

ROOT = Path(__file__).resolve().parents[1]
ID = r"\b(?:trd|pay|def|gen)-[a-z0-9.-]+"


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return data.load_all(ROOT)


def test_trade_stands_on_the_state_bank_series(frames):
    lines = standing.where_trade_stands(frames["trade_observations"], frames["pakistan_totals"])
    assert lines[0].startswith("On the State Bank of Pakistan's record of goods settled through banks, trade with "
                               "Russia peaked at 1,099 USD m in FY2023-24 (Pakistan's imports 1,020, exports 79); "
                               "in FY2024-25 it was 244 USD m, down 78%")
    assert "July 2025–March 2026 (FY2025-26) it was 54 USD m, down 76%" in lines[1]
    assert lines[2] == ("Russia's share of Pakistan's bank-settled goods trade was 0.3% in FY2024-25, against 1.3% "
                        "in FY2023-24.")
    keys = [f.key for f in standing.stands_figures(frames["trade_observations"], frames["pakistan_totals"])]
    assert keys == ["trade.sbp_latest_year", "trade.sbp_latest_window", "trade.sbp_russia_share"]


def test_the_series_ends_are_said_and_no_database_is_said_to_stop(frames):
    text = standing.series_ends(frames["trade_observations"])
    assert "the State Bank of Pakistan to March 2026" in text
    assert "Russia stopped publishing trade by partner after 2021" in text
    assert "stop in 2020" not in text


def test_drivers_name_wheat_and_the_trial_order_with_publishers_not_ids(frames):
    lines = standing.drivers(frames["trade_composition"], frames["cargoes"], frames["payment_events"],
                             frames["sources"])
    assert lines[0].startswith("Wheat drove the surge: Pakistan imported 568 USD m of Russian wheat in calendar 2023")
    assert any("100,000 t of Russian crude arrived in 2 cargoes in June 2023" in s for s in lines)
    assert all(not pd.Series([s]).str.contains(ID).any() for s in lines)


def test_the_mirror_has_two_regimes(frames):
    from pakru.trade import series

    gap = series.mirror_gap(frames["trade_observations"], "IMF DOTS", "calendar")
    text = standing.mirror_regimes(gap)
    assert "a median of 1.1 times, 1992–2007" in text and "about 1.9 times from 2010" in text
    assert standing.mirror_regimes(gap[gap["year"] >= 2010]) == ""


def test_conflicts_are_weighed_and_small_revisions_set_apart(frames):
    obs = frames["trade_observations"]
    cases = conflicts.weighed(obs)
    assert [c.question for c in cases] == ["How large was trade in FY2021-22?", "How large was trade in FY2023-24?"]
    assert "388.5 USD m for the full year" in cases[0].figures and "567.5 USD m for July–May" in cases[0].figures
    assert "770 USD m in June 2024 alone" in cases[1].why_not_both
    assert "1,099 USD m of goods settled through banks" in cases[1].figures
    kinds = conflicts.classified(obs).groupby("conflict")["kind"].first()
    assert (kinds == "revision").sum() >= 5
    # a 4% gap between two releases is a revision; between a remark and a release it is not
    assert set(kinds) <= {"revision", "conflict", "remark against a statistic"}
    sign = conflicts.balance_by_reporter(obs)
    assert "deficit with Russia in 9 of 10 years" in sign and "Pakistani surplus in 8 of 10" in sign


def test_published_sipri_shares_lead_with_the_latest_window(frames):
    shares = frames["supplier_shares"]
    text = published_shares.sentence(shares, frames["sources"], wording.cite)
    assert text.startswith("In 2021–25 China supplied 80% of Pakistan's imports of major arms, Türkiye 7% and "
                           "the Netherlands 4.6% (SIPRI's March 2026 release")
    assert "Russia is not among the suppliers named. Its last published share was 6.6% in 2015–19" in text
    assert published_shares.sentence(shares.iloc[:0], frames["sources"], wording.cite) == ""


def test_the_jf17_engines_are_russias_main_channel(frames):
    top = sipri.main_channel(frames["arms_transfers"])
    assert top["designation"] == "RD-33" and top["delivered"] == 206 and top["years"] == "2007–2024"
    assert round(top["share_pct"]) == 54
    assert sipri.main_channel(frames["arms_transfers"].iloc[:0]) is None


def test_the_bottom_line_says_where_things_stand_in_three_to_five_sentences(frames):
    lines = overview.bottom_line(frames)
    assert 3 <= len(lines) <= 5
    assert "1,099 USD m in FY2023-24" in lines[0] and "244 USD m in FY2024-25" in lines[0]
    assert "yuan bought with dollars" in lines[1]
    assert "China supplied 80%" in lines[2] and "RD-93" in lines[2]
    assert "the trade figures are the State Bank's own statistics" in lines[-1]
    assert "minor partner" in lines[-1]
    figure = overview.bottom_line_figure(frames)
    assert figure.key == "overview.bottom_line" and not figure.headline
    pairs = dict(overview.where_things_stand(frames))
    assert list(pairs) == ["Trade", "Payments", "Defence", "Context"]
    assert "March 2026" in pairs["Trade"]


def test_context_names_ukraine_the_sanctions_india_and_the_may_2025_clash_with_sources(frames):
    text = overview.context_line(frames)
    assert text.startswith("Imran Khan was in Moscow when Russia invaded Ukraine on 24 February 2022")
    assert "cut Russian banks from SWIFT" in text and "letters of credit in dollars" in text
    assert "Russia supplied 36% of India's arms imports in 2020–24 (SIPRI's March 2025 release" in text
    assert "May 2025" in text and "welcomed the ceasefire" in text
    assert not pd.Series([text]).str.contains(ID).any()
    # India's row is context only: Pakistan's latest window is unchanged by it
    assert set(published_shares.latest(frames["supplier_shares"])["recipient"]) == {"Pakistan"}
