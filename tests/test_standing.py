"""Where things stand: the defence section's published SIPRI shares and main channel, and the
overview's bottom line, on the shipped data (the State Bank's March 2026 workbooks, SIPRI's register
of March 2025); the trade section's facts are tested in tests/test_trade.py."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pakru.data import datasets as data
from pakru.defence import published_shares, sipri
from pakru.overview import standing as overview
from pakru.present import wording

ROOT = Path(__file__).resolve().parents[1]
ID = r"\b(?:trd|pay|def|gen)-[a-z0-9.-]+"


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return data.load_all(ROOT)


def test_published_sipri_shares_lead_with_the_latest_window(frames):
    shares = frames["supplier_shares"]
    text = published_shares.sentence(shares, frames["sources"], wording.cite)
    assert text.startswith("In 2021–25 China supplied 80% of Pakistan's imports of major arms, Türkiye 7% and "
                           "the Netherlands 4.6% (SIPRI's March 2026 release")
    assert "Russia is not among the suppliers named. Its last published share was 6.6% in 2015–19" in text
    assert published_shares.figure(shares).value == 80.0
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
