"""The article's two theses: verdicts computed from the shipped data, and verdicts that move when
the evidence does."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import pytest

from pakru.article import theses
from pakru.claims import Verdict
from pakru.data import datasets as data


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return data.load_all(Path(__file__).resolve().parents[1])


def _sbp(rows: list[tuple[str, str, str, float]]) -> pd.DataFrame:
    """A small observations frame of SBP goods rows: (flow, start, end, value)."""
    return pd.DataFrame([{"flow": f, "period_start": pd.Timestamp(s), "period_end": pd.Timestamp(e), "basis": "fiscal",
                          "coverage": "goods", "reporter": "PAK", "value": v, "qualifier": None, "unit": "USD million",
                          "series": "SBP, goods settled through banks", "source_id": "trd-sbp-test", "note": None}
                         for f, s, e, v in rows])


# SBP's goods figures as the SBP workbooks give them (FY2023-24 and FY2024-25), for when they are imported
SBP_ROWS = [("imports", "2023-07-01", "2024-06-30", 1020.2), ("exports", "2023-07-01", "2024-06-30", 78.9),
            ("imports", "2024-07-01", "2025-06-30", 174.9), ("exports", "2024-07-01", "2025-06-30", 69.0),
            ("imports", "2024-07-01", "2024-07-31", 20.0)]  # a month: not a full year, ignored


def test_sbp_goods_years_reads_full_fiscal_years_only() -> None:
    years = theses.sbp_goods_years(_sbp(SBP_ROWS))
    assert list(years["fiscal_end"]) == [2024, 2025]
    assert years.iloc[1]["total"] == pytest.approx(243.9) and years.iloc[0]["total"] == pytest.approx(1099.1)
    after = theses.trade_after_peak(_sbp(SBP_ROWS))
    assert after is not None and after["ratio"] == pytest.approx(243.9 / 1099.1)


def test_shipped_verdicts(frames: dict[str, pd.DataFrame]) -> None:
    stronger, pattern = theses.assess(frames)
    # the State Bank's own goods figures (FY2024-25 against FY2023-24) make the first verdict firm
    assert (stronger.verdict, stronger.confidence) == (Verdict.CONTRADICTED, "high")
    assert any("China supplied 80%" in e.text and "Russia is not among" in e.text for e in stronger.evidence_against)
    assert (pattern.verdict, pattern.confidence) == (Verdict.PARTLY, "moderate")
    assert any("not been held" in e.text for e in stronger.evidence_against)
    assert any("bought with dollars" in e.text for e in pattern.evidence_against)
    assert any("2022 or 2023" in e.text for e in stronger.evidence_against)  # no Druzhba in those years
    assert stronger.source_ids and pattern.source_ids


def test_sbp_goods_statistics_decide_the_first_thesis(frames: dict[str, pd.DataFrame]) -> None:
    with_sbp = dict(frames, trade_observations=pd.concat([frames["trade_observations"], _sbp(SBP_ROWS)]))
    a = theses.stronger_than_ever(with_sbp)
    assert (a.verdict, a.confidence) == (Verdict.CONTRADICTED, "high")
    assert any("243.9 million" in e.text and "174.9" in e.text for e in a.evidence_against)
    # a latest year near the peak would support the thesis: the verdict follows the evidence
    steady = [r if r[2] != "2025-06-30" else (r[0], r[1], r[2], r[3] * 5.5) for r in SBP_ROWS]
    near = dict(frames, trade_observations=pd.concat([frames["trade_observations"], _sbp(steady)]))
    assert theses.stronger_than_ever(near).verdict is Verdict.SUPPORTED


def test_pattern_verdict_follows_the_settlements(frames: dict[str, pd.DataFrame]) -> None:
    events = frames["payment_events"]
    later = events["date"] > "2023-12-31"
    none_after = dict(frames, payment_events=events[~later | (events["category"] != "payment policy")
                                                   & (events["category"] != "barter")])
    assert theses.de_dollarisation_pattern(none_after).verdict is Verdict.CONTRADICTED
    nd = theses.non_dollar_settlements(events, frames["cargoes"])
    assert int((nd["date"].dt.year > 2023).sum()) == 2  # wheat half in dirhams (Q1 2024), barter (Oct 2024)


def test_readers_words_and_key_figures(frames: dict[str, pd.DataFrame]) -> None:
    for a in theses.assess(frames):
        text = " ".join(theses.paragraphs(a))
        assert not any(sid in text for sid in a.source_ids) and ".csv" not in text
        figure = theses.key_figure(a)
        assert figure.key.startswith("claims.thesis_") and figure.value == theses.VERDICT_WORDS[a.verdict]
        # the article's main argument is a key finding; the second thesis stays in its section
        assert figure.source_ids and figure.headline == (a.thesis_id == "thesis.stronger_than_ever")
        with pytest.raises(dataclasses.FrozenInstanceError):
            a.verdict = Verdict.SUPPORTED  # type: ignore[misc]
    table = theses.table(theses.assess(frames))
    assert list(table.columns) == ["thesis", "verdict", "confidence", "evidence for", "evidence against", "sources"]
    assert list(table["verdict"]) == ["not borne out", "partly borne out"]
