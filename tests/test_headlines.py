"""The sections' headlines: the sentences and key figures notebooks show, from the shipped data."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pakru import data, params, trade, trade_headlines
from pakru.claims import article
from pakru.dedollarisation import cargoes, headlines as dd_headlines
from pakru.defence import headlines as defence_headlines
from pakru.periods import fiscal_label

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return data.load_all(ROOT)


def test_cagr_sentence_labels_its_years() -> None:
    c = trade.cagr_over(pd.Series({2021: 100.0, 2023: 121.0}))
    assert c.sentence("PBS total", fiscal_label) == (
        "PBS total: +10.0% a year compounded, from FY2020-21 (100.0 USD m) to FY2022-23 (121.0 USD m).")


def test_trade_window_comes_from_the_converted_parameters() -> None:
    window = trade_headlines.Window.of(params.validate_section("trade", {"basis": "fiscal", "reporter": "PAK"}, ROOT))
    assert window.reporters == ("PAK",) and window.label(2023) == "FY2022-23" and window.year_word == "fiscal year"


def test_trade_growth_sentences_and_latest_total(frames: dict[str, pd.DataFrame], facts) -> None:
    window = trade_headlines.Window.of(params.validate_section("trade", {}, ROOT))
    rows = trade.with_total_and_balance(trade.annual(frames["trade_observations"], "calendar", 1992, 2025))
    grown = trade_headlines.growth_series(rows, window)
    sentences = trade_headlines.growth_sentences(rows, grown, window)
    assert any(s.startswith("IMF DOTS, Pakistan-reported total: ") and "a year compounded" in s for s in sentences)
    latest, cagr = trade_headlines.latest_total_figures(rows, grown, window)
    assert latest.key == "trade.latest_total" and latest.value == facts.IMF_DOTS_TOTAL_2020 and "+106.8% on the year before" in latest.text
    assert cagr.key == "trade.cagr_total" and not cagr.headline


def test_julmay_check_recomputes_the_ministers_34_percent(frames: dict[str, pd.DataFrame]) -> None:
    sentence, figure, ids = trade_headlines.julmay_check(frames["trade_observations"])
    assert "+34.0%, which matches the stated +34%" in sentence and figure.value == 34.0 and ids


def test_first_cargo_sentence_and_key_figure(frames: dict[str, pd.DataFrame]) -> None:
    window = dd_headlines.Window.of(params.validate_section("payments", {}, ROOT))
    first = cargoes.first_cargo(frames["cargoes"])
    sentence, figure = dd_headlines.first_cargo_told(first, window)
    assert "45,142 / 100,000 = 45.1%" in sentence and figure.value == 45.1
    assert figure.key == "payments.first_cargo_share_pct"


def test_mi35_key_figure_counts_sipri_deliveries(frames: dict[str, pd.DataFrame], facts) -> None:
    figure = defence_headlines.mi35_figure(frames["arms_transfers"])
    assert figure.value == facts.MI35_DELIVERED and "delivered to Pakistan in 2018, ordered in 2015" in figure.text
    assert defence_headlines.mi35_figure(frames["arms_transfers"].iloc[:0]) is None


def test_defence_window_orders_categories_as_lanes() -> None:
    window = defence_headlines.Window.of(params.validate_section("defence", {"categories": "visit,exercise"}, ROOT))
    assert window.categories == ("exercise", "visit")


def test_claims_key_figure_says_every_verdict(frames: dict[str, pd.DataFrame], facts) -> None:
    figure = article.supported_figure(article.check_all(frames))
    verdicts = list(facts.CLAIM_VERDICTS.values())
    assert figure.key == "claims.supported" and figure.value == verdicts.count("supported")
    assert f"{verdicts.count('partly supported')} partly supported" in figure.text
