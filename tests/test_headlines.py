"""The sections' headlines: the sentences and key figures notebooks show, from the shipped data."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pakru.data import datasets as data
from pakru.article import claims as article

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return data.load_all(ROOT)


def test_claims_key_figure_says_every_verdict(frames: dict[str, pd.DataFrame], facts) -> None:
    figure = article.supported_figure(article.check_all(frames))
    verdicts = list(facts.CLAIM_VERDICTS.values())
    assert figure.key == "claims.supported" and figure.value == verdicts.count("supported")
    assert f"{verdicts.count('partly supported')} partly supported" in figure.text
