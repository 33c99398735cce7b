"""The article's claims: one verdict model, verdicts computed from the shipped data and from
altered data."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import pytest

import data_facts
from pakru.data import datasets as data
from pakru.claims import ClaimCheck, Verdict, general, to_frame, verdict_counts
from pakru.article import claims as article
from pakru.trade import claims as trade_claims

# Every claim of the article, by its stable id, with the verdict the shipped data give it
# (tests/data_facts.py, which says why each is what it is).
EXPECTED_VERDICTS = {claim_id: Verdict(v) for claim_id, v in data_facts.CLAIM_VERDICTS.items()}


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return data.load_all(Path(__file__).resolve().parents[1])


@pytest.fixture(scope="module")
def checks(frames: dict[str, pd.DataFrame]) -> dict[str, ClaimCheck]:
    return {c.claim_id: c for c in article.check_all(frames)}


def test_the_article_has_twelve_claims_in_its_order(frames: dict[str, pd.DataFrame]) -> None:
    ids = [c.claim_id for c in article.check_all(frames)]
    assert ids == list(article.ARTICLE_ORDER) and len(ids) == 12 == len(set(ids))


@pytest.mark.parametrize("claim_id, verdict", list(EXPECTED_VERDICTS.items()))
def test_each_claim_gets_its_verdict_from_the_shipped_data(checks: dict[str, ClaimCheck], claim_id: str,
                                                          verdict: Verdict) -> None:
    assert checks[claim_id].verdict is verdict
    assert checks[claim_id].source_ids, "a verdict rests on sources"
    assert all(";" not in s and s == s.strip() for s in checks[claim_id].source_ids)


def test_the_dollar_counter_claim_is_not_one_of_the_articles(checks: dict[str, ClaimCheck]) -> None:
    assert "dedollarisation.paid_in_dollars" not in checks


def test_tally_counts_every_verdict(checks: dict[str, ClaimCheck]) -> None:
    counts = verdict_counts(checks.values())
    supported = sum(v is Verdict.SUPPORTED for v in EXPECTED_VERDICTS.values())
    partly = sum(v is Verdict.PARTLY for v in EXPECTED_VERDICTS.values())
    assert counts == {Verdict.SUPPORTED: supported, Verdict.PARTLY: partly, Verdict.CONTRADICTED: 0,
                      Verdict.NOT_CHECKABLE: 0}
    assert article.headline_sentence(list(checks.values())) == (
        f"Of the article's 12 checkable claims, {supported} are supported by the data, {partly} partly supported "
        "and 0 contradicted.")
    assert article.tally_sentence(list(checks.values())) == (
        f"Of 12 claims, {supported} supported, {partly} partly supported, 0 contradicted, "
        "0 not checkable with the data held.")


def test_a_check_is_a_frozen_record_with_joined_sources_for_display() -> None:
    check = ClaimCheck.of("trade.x", "claim", "finding", Verdict.PARTLY, ["a;b", " b ", None, "c"])
    assert check.source_ids == ("a", "b", "c") and check.sources == "a; b; c" and check.section == "trade"
    with pytest.raises(dataclasses.FrozenInstanceError):
        check.verdict = Verdict.SUPPORTED  # type: ignore[misc]
    frame = to_frame([check])
    assert frame.iloc[0]["verdict"] == "partly supported" and frame.iloc[0]["source_ids"] == "a; b; c"


def test_anniversary_depends_on_the_year_asked(frames: dict[str, pd.DataFrame]) -> None:
    assert general.anniversary(frames["defence_events"], 2023).verdict is Verdict.SUPPORTED
    later = general.anniversary(frames["defence_events"], 2025)
    assert later.verdict is Verdict.CONTRADICTED and "77 years" in later.finding


def test_trade_verdict_follows_the_data(frames: dict[str, pd.DataFrame]) -> None:
    obs = frames["trade_observations"].copy()
    window = (obs["period_start"] == "2022-07-01") & (obs["period_end"] == "2023-05-31") & (obs["flow"] == "total")
    obs.loc[window, "value"] = 900.0
    check = trade_claims.trade_growth_claim(obs)
    assert check.verdict is Verdict.CONTRADICTED and "+58.6%" in check.finding


def test_soviet_projects_weakly_sourced_guddu_is_only_partly_supported(frames: dict[str, pd.DataFrame]) -> None:
    events, sources = frames["defence_events"], frames["sources"]
    guddu = events["title"].str.contains("Guddu", case=False)
    strong = sources.assign(quality="primary")
    assert general.soviet_projects(events, strong, 2023).verdict is Verdict.PARTLY  # decade-only date remains
    assert general.soviet_projects(events[~guddu], sources, 2023).verdict is Verdict.PARTLY
    assert general.soviet_projects(events, sources, 1990).verdict is Verdict.CONTRADICTED  # steel mill too young


def test_missing_evidence_is_not_checkable(frames: dict[str, pd.DataFrame]) -> None:
    empty = frames["defence_events"].iloc[0:0]
    assert general.president_visit(empty).verdict is Verdict.NOT_CHECKABLE
    assert general.sco_backing(empty).verdict is Verdict.NOT_CHECKABLE
    assert general.anniversary(empty, 2023).verdict is Verdict.NOT_CHECKABLE


def test_summary_gives_the_tally_and_names_the_partly_supported_claims(checks: dict[str, ClaimCheck]) -> None:
    sentences = article.summary(list(checks.values()))
    assert sentences[0] == article.tally_sentence(list(checks.values()))
    partly = [article.TOPICS[i] for i, v in EXPECTED_VERDICTS.items() if v is Verdict.PARTLY]
    assert sentences[1].startswith("Partly supported: ") and all(t in sentences[1] for t in partly)
    assert set(article.TOPICS) == set(article.ARTICLE_ORDER)
    contradicted = [dataclasses.replace(checks["general.sco"], verdict=Verdict.CONTRADICTED)]
    assert article.summary(contradicted)[1] == "Contradicted: Russian backing for SCO membership."


def test_every_verdict_stays_in_the_body_and_the_sources_go_to_the_appendix(checks: dict[str, ClaimCheck]) -> None:
    body = article.verdicts_table(list(checks.values()))
    assert not body.appendix and list(body.frame.columns) == ["claim", "verdict", "finding"]
    assert list(body.frame["verdict"]) == [v.value for v in EXPECTED_VERDICTS.values()]
    full = article.claims_table(list(checks.values()))
    assert full.appendix and 'data-rows="12"' in full.html() and "sources" in full.frame.columns
