"""The article's claims: one verdict model, verdicts computed from the shipped data and from
altered data."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pandas as pd
import pytest

import data_facts
from pakru.data import datasets as data
from pakru.claims import ClaimCheck, Verdict, clashes, general, to_frame, verdict_counts, verdicts_clash
from pakru.article import claims as article
from pakru.dedollarisation import claims as dd_claims
from pakru.defence import claims as defence_claims
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


def test_the_original_twelve_claims_stay_in_the_articles_order(frames: dict[str, pd.DataFrame]) -> None:
    ids = [c.claim_id for c in article.check_all(frames)]
    assert ids == list(article.ARTICLE_ORDER) == list(EXPECTED_VERDICTS) and len(ids) == len(set(ids))
    assert len(article.ORIGINAL_CLAIMS) == 12
    assert [i for i in ids if i in article.ORIGINAL_CLAIMS] == list(article.ORIGINAL_CLAIMS)
    assert set(ids) - set(article.ORIGINAL_CLAIMS) == {"general.bilawal_visit", "dedollarisation.first_after_sanctions",
                                                       "general.guddu"}


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
    expected = {v: sum(e is v for e in EXPECTED_VERDICTS.values()) for v in Verdict}
    assert counts == expected == {Verdict.SUPPORTED: 12, Verdict.PARTLY: 2, Verdict.CONTRADICTED: 0,
                                  Verdict.NOT_CHECKABLE: 1}
    assert article.headline_sentence(list(checks.values())) == (
        "Of the article's 15 claims checked, 12 are supported by the data, 2 partly supported, 0 contradicted and 1 "
        "cannot be checked; its facts mostly hold (its argument is assessed separately).")
    assert article.tally_sentence(list(checks.values())) == (
        "Of 15 claims, 12 supported, 2 partly supported, 0 contradicted, 1 not checkable with the data held.")


def test_no_two_verdicts_clash(frames: dict[str, pd.DataFrame]) -> None:
    assert article.clashing_verdicts(frames) == []
    dollars = {c.claim_id: c for c in dd_claims.check_claims(frames["cargoes"], frames["payment_claims"],
                                                             frames["payment_events"], frames["sources"])}
    assert dollars["dedollarisation.paid_in_dollars"].verdict is Verdict(data_facts.DOLLAR_COUNTER_CLAIM_VERDICT)


def test_clash_rule() -> None:
    S, P, C, N = Verdict.SUPPORTED, Verdict.PARTLY, Verdict.CONTRADICTED, Verdict.NOT_CHECKABLE
    assert verdicts_clash(S, S) and verdicts_clash(P, C) and verdicts_clash(C, P)
    assert not any(verdicts_clash(a, b) for a, b in [(S, P), (S, C), (C, S), (P, P), (N, C), (S, N)])
    a, b = ClaimCheck.of("x.a", "a", "f", P), ClaimCheck.of("x.b", "b", "f", C)
    assert clashes([a, b], [("x.a", "x.b"), ("x.a", "x.missing")]) == [("x.a", "x.b")]


def test_the_yuan_bought_with_dollars_reconciles_the_two_accounts(frames: dict[str, pd.DataFrame]) -> None:
    cargoes, claims, sources = frames["cargoes"], frames["payment_claims"], frames["sources"]
    yuan = dd_claims.check_currency(cargoes, claims, "CNY", sources)
    assert yuan.verdict is Verdict.SUPPORTED
    assert "had to buy the yuan with US dollars" in yuan.finding and "Reuters, 2023" in yuan.finding
    # without the accounts of how the yuan was bought, the dollar account is an unexplained conflict
    unexplained = claims[claims["topic"] != dd_claims.TOPIC_FUNDING]
    assert dd_claims.check_currency(cargoes, unexplained, "CNY", sources).verdict is Verdict.PARTLY
    assert dd_claims.check_currency(cargoes, unexplained, "USD", sources).verdict is Verdict.CONTRADICTED
    assert verdicts_clash(Verdict.PARTLY, Verdict.CONTRADICTED)  # the pair the review found, and the rule names


def test_su35_interest_on_record_is_supported_and_says_nothing_came_of_it(frames: dict[str, pd.DataFrame]) -> None:
    events, transfers = frames["defence_events"], frames["arms_transfers"]
    check = defence_claims.su35_interest(events, transfers)
    assert check.verdict is Verdict.SUPPORTED
    assert "Interest is on record in 3 reports" in check.finding and "Nothing came of it" in check.finding
    no_talks = events[~events["title"].str.contains("Su-35")]
    assert defence_claims.su35_interest(no_talks, transfers).verdict is Verdict.NOT_CHECKABLE


def test_34pct_matches_the_statement_but_cannot_be_verified(frames: dict[str, pd.DataFrame]) -> None:
    check = trade_claims.trade_growth_claim(frames["trade_observations"], frames["sources"])
    assert check.verdict is Verdict.PARTLY
    assert check.finding.startswith("Matches the statement") and "+34%" in check.finding
    assert "cannot be verified independently" in check.finding
    assert "388.5 million for the whole of FY2021-22" in check.finding and "cannot both be right" in check.finding
    # a business body's remark is never weighed against the statistics
    assert "666" not in check.finding and "trd-nation-2024-03-07-fpcci" not in check.source_ids
    indep = trade_claims.independent_full_years(frames["trade_observations"], check.source_ids[0])
    assert list(indep["conflicts"]) == [True, False]  # FY2021-22 conflicts, FY2022-23 (920) fits


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
    assert check.verdict is Verdict.CONTRADICTED and "+58.6%" in check.finding and "not 34%" in check.finding


def test_steel_mill_age_counts_from_its_first_units(frames: dict[str, pd.DataFrame]) -> None:
    events, sources = frames["defence_events"], frames["sources"]
    check = general.soviet_projects(events, sources, 2023)
    assert check.verdict is Verdict.SUPPORTED and "April 1981, 42 years before 2023" in check.finding
    assert "inaugurated in January 1985 (38 years" in check.finding and "weakly rated" in check.finding
    assert general.soviet_projects(events, sources, 2021).verdict is Verdict.PARTLY  # exactly 40: not "more than"
    assert general.soviet_projects(events, sources, 1990).verdict is Verdict.CONTRADICTED  # too young then
    # one weakly rated source alone for the date is not enough for 'supported'
    one = events.copy()
    one.loc[one["title"].str.contains("commissioned"), "also_source_ids"] = ""
    assert general.soviet_projects(one, sources, 2023).verdict is Verdict.PARTLY


def test_guddu_dated_to_a_decade_is_not_checkable(frames: dict[str, pd.DataFrame]) -> None:
    events, sources = frames["defence_events"], frames["sources"]
    assert general.guddu(events, sources, 2023).verdict is Verdict.NOT_CHECKABLE
    assert general.guddu(events, sources, 2030).verdict is Verdict.SUPPORTED  # the whole 1980s over 40 by then
    assert general.guddu(events, sources, 2015).verdict is Verdict.CONTRADICTED
    guddu = events["title"].str.contains("Guddu")
    assert general.guddu(events[~guddu], sources, 2023).verdict is Verdict.NOT_CHECKABLE


def test_added_claims_follow_the_data(frames: dict[str, pd.DataFrame]) -> None:
    events = frames["defence_events"]
    visit = general.bilawal_visit(events)
    assert visit.verdict is Verdict.SUPPORTED and "29–30 January 2023" in visit.finding
    moved = events.copy()
    moved.loc[moved["title"].str.contains("Bilawal"), "date"] = pd.Timestamp("2023-03-01")
    moved.loc[moved["title"].str.contains("Bilawal"), "end_date"] = pd.NaT
    assert general.bilawal_visit(moved).verdict is Verdict.PARTLY
    cargoes, pay_events, sources = frames["cargoes"], frames["payment_events"], frames["sources"]
    first = dd_claims.check_first_after_sanctions(cargoes, pay_events, sources)
    assert first.verdict is Verdict.SUPPORTED
    assert "11 June 2023" in first.finding and "26 February 2022" in first.finding
    earlier = pd.concat([cargoes, cargoes.head(1).assign(cargo_id="x", arrival_date=pd.Timestamp("2022-09-01"),
                                                          order="spot", vessel="X")])
    assert dd_claims.check_first_after_sanctions(earlier, pay_events, sources).verdict is Verdict.CONTRADICTED


def test_findings_are_written_for_readers(checks: dict[str, ClaimCheck]) -> None:
    for check in checks.values():
        assert ".csv" not in check.finding and "Note in the data" not in check.finding, check.claim_id
        assert not any(sid in check.finding for sid in check.source_ids), check.claim_id


def test_missing_evidence_is_not_checkable(frames: dict[str, pd.DataFrame]) -> None:
    empty = frames["defence_events"].iloc[0:0]
    assert general.president_visit(empty).verdict is Verdict.NOT_CHECKABLE
    assert general.sco_backing(empty).verdict is Verdict.NOT_CHECKABLE
    assert general.anniversary(empty, 2023).verdict is Verdict.NOT_CHECKABLE


def test_summary_gives_the_tally_and_names_the_partly_supported_claims(checks: dict[str, ClaimCheck]) -> None:
    sentences = article.summary(list(checks.values()))
    assert sentences[0] == article.tally_sentence(list(checks.values()))
    partly = [article.TOPICS[i] for i, v in EXPECTED_VERDICTS.items() if v is Verdict.PARTLY]
    assert sentences[1] == "Partly supported: Druzhba exercises since 2017 and 34% trade growth."
    assert all(t in sentences[1] for t in partly)
    assert sentences[2] == "Not checkable with the data held: the Guddu plant's age."
    assert set(article.TOPICS) == set(article.ARTICLE_ORDER)
    contradicted = [dataclasses.replace(checks["general.sco"], verdict=Verdict.CONTRADICTED)]
    assert article.summary(contradicted)[1] == "Contradicted: Russian backing for SCO membership."


def test_every_verdict_stays_in_the_body_and_the_sources_go_to_the_appendix(checks: dict[str, ClaimCheck]) -> None:
    body = article.verdicts_table(list(checks.values()))
    # the body shows every verdict at a glance; each finding, with its sources, is in the appendix (printed)
    assert not body.appendix and list(body.frame.columns) == ["claim", "verdict"]
    assert list(body.frame["verdict"]) == [v.value for v in EXPECTED_VERDICTS.values()]
    full = article.claims_table(list(checks.values()))
    assert full.appendix and f'data-rows="{len(EXPECTED_VERDICTS)}"' in full.html() and "sources" in full.frame.columns
    assert "finding" in full.frame.columns and full.printed
