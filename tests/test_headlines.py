"""The sections' headlines: the sentences and key figures notebooks show, from the shipped data (the
trade section's facts and templates are tested in tests/test_trade.py)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pakru.data import datasets as data
from pakru.spec import params
from pakru.article import claims as article
from pakru.dedollarisation import cargoes, headlines as dd_headlines
from pakru.defence import headlines as defence_headlines

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return data.load_all(ROOT)


def test_first_cargo_sentence_and_key_figure(frames: dict[str, pd.DataFrame]) -> None:
    window = dd_headlines.Window.of(params.validate_section("payments", {}, ROOT))
    first = cargoes.first_cargo(frames["cargoes"])
    sentence, figure = dd_headlines.first_cargo_told(first, window)
    # no arithmetic on the article's own round figures in the text; the figure keeps the share
    assert "45,142 t, under half of its order" in sentence and "/" not in sentence and figure.value == 45.1
    assert figure.key == "payments.first_cargo_share_pct" and not figure.headline


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
