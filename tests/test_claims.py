"""The article's claims: verdicts computed from the shipped data, and from altered data."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pakru import claims, data


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return data.load_all(Path(__file__).resolve().parents[1])


def verdicts(table: pd.DataFrame) -> dict[str, str]:
    return dict(zip(table["claim"], table["verdict"]))


def test_twelve_claims_each_with_a_known_verdict_and_sources(frames: dict[str, pd.DataFrame]) -> None:
    table = claims.check_all(frames)
    assert len(table) == 12
    assert set(table["verdict"]) <= set(claims.VERDICTS)
    assert all(table["source_ids"].str.len() > 0)


def test_known_verdicts(frames: dict[str, pd.DataFrame]) -> None:
    v = verdicts(claims.check_all(frames))
    assert v["2023 marks 75 years of diplomatic relations."] == "supported"
    assert v["Pakistan's president visited Russia in 2011."] == "supported"
    druzhba = next(c for c in v if "Druzhba" in c)
    assert v[druzhba] == "partly supported"  # held every year from 2017 on, but the first edition was in 2016
    trade = next(c for c in v if "34%" in c)
    assert v[trade] == "partly supported"  # +34.0% is right, but for July-May windows, not calendar years


def test_anniversary_depends_on_the_year_asked(frames: dict[str, pd.DataFrame]) -> None:
    assert claims.anniversary(frames["defence_events"], 2023)["verdict"] == "supported"
    row = claims.anniversary(frames["defence_events"], 2025)
    assert row["verdict"] == "contradicted" and "77 years" in row["finding"]


def test_trade_verdict_follows_the_data(frames: dict[str, pd.DataFrame]) -> None:
    obs = frames["trade_observations"].copy()
    window = (obs["period_start"] == "2022-07-01") & (obs["period_end"] == "2023-05-31") & (obs["flow"] == "total")
    obs.loc[window, "value"] = 900.0
    row = claims.trade_growth_claim(obs)
    assert row["verdict"] == "contradicted" and "+58.6%" in row["finding"]


def test_missing_evidence_is_not_checkable(frames: dict[str, pd.DataFrame]) -> None:
    empty = frames["defence_events"].iloc[0:0]
    assert claims.president_visit(empty)["verdict"] == "not checkable with the data held"
    assert claims.sco_backing(empty)["verdict"] == "not checkable with the data held"
