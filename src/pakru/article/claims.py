"""The article's twelve checkable claims, in its order, each checked by the section that holds
its data."""

from __future__ import annotations

import pandas as pd

from .. import dedollarisation, defence
from ..present.key_figures import KeyFigure
from ..present.shown import Table
from ..present.wording import join_words
from ..claims import general
from ..trade import claims as trade_claims
from ..claims.model import ClaimCheck, Verdict, to_frame, verdict_counts

# The article's order. The de-dollarisation section also checks the power minister's counter-claim
# (paid in dollars): evidence for the yuan claim's verdict, not a claim of the article, so not here.
ARTICLE_ORDER = (
    "general.anniversary", "general.president_visit", "defence.agreement_2014", "defence.mi35",
    "defence.su35_interest", "defence.druzhba_since_2017", "dedollarisation.first_cargo",
    "dedollarisation.paid_in_yuan", "trade.growth_34pct", "dedollarisation.barter",
    "general.sco", "general.soviet_projects",
)


# A few words per claim, for sentences that name several claims at once.
TOPICS = {
    "general.anniversary": "75 years of relations", "general.president_visit": "the president's 2011 visit",
    "defence.agreement_2014": "the 2014 defence agreement", "defence.mi35": "the Mi-35 purchase",
    "defence.su35_interest": "interest in the Su-35", "defence.druzhba_since_2017": "Druzhba exercises since 2017",
    "dedollarisation.first_cargo": "the first crude cargo", "dedollarisation.paid_in_yuan": "payment in yuan",
    "trade.growth_34pct": "34% trade growth", "dedollarisation.barter": "the barter mechanism",
    "general.sco": "Russian backing for SCO membership", "general.soviet_projects": "the Soviet-built plants' age",
}


def check_all(frames: dict[str, pd.DataFrame], as_of_year: int = 2023) -> list[ClaimCheck]:
    """All twelve claims, in the article's order. ``frames`` maps dataset names to loaded frames
    (as :func:`pakru.data.datasets.load` returns them)."""
    events = frames["defence_events"]
    checks = [
        general.anniversary(events, as_of_year), general.president_visit(events),
        *defence.claims.check_claims(events, frames["arms_transfers"]),
        *dedollarisation.claims.check_claims(frames["cargoes"], frames["payment_claims"], frames["payment_events"]),
        trade_claims.trade_growth_claim(frames["trade_observations"]), general.sco_backing(events),
        general.soviet_projects(events, frames["sources"], as_of_year),
    ]
    by_id = {c.claim_id: c for c in checks}
    return [by_id[claim_id] for claim_id in ARTICLE_ORDER]


def tally_sentence(checks: list[ClaimCheck]) -> str:
    """``"Of 12 claims, 7 supported, 5 partly supported, 0 contradicted, 0 not checkable with the data held."``"""
    counts = verdict_counts(checks)
    return f"Of {len(checks)} claims, " + ", ".join(f"{n} {v.value}" for v, n in counts.items()) + "."


def summary(checks: list[ClaimCheck]) -> list[str]:
    """The section's opening: the tally, then which claims got each verdict short of 'supported'."""
    out = [tally_sentence(checks)]
    for verdict in (Verdict.PARTLY, Verdict.CONTRADICTED, Verdict.NOT_CHECKABLE):
        topics = [TOPICS.get(c.claim_id, c.claim_id) for c in checks if c.verdict is verdict]
        if topics:
            out.append(f"{verdict.value.capitalize()}: {join_words(topics)}.")
    if any(c.verdict is Verdict.PARTLY for c in checks):
        out.append("A claim is partly supported when the data bear out its substance but not a detail: a year, the "
                   "period of a figure, or how firm the evidence is.")
    return out


def headline_sentence(checks: list[ClaimCheck]) -> str:
    """The key finding: how many of the article's claims the data support, partly support, contradict."""
    counts = verdict_counts(checks)
    return (f"Of the article's {len(checks)} checkable claims, {counts[Verdict.SUPPORTED]} are supported by the "
            f"data, {counts[Verdict.PARTLY]} partly supported and {counts[Verdict.CONTRADICTED]} contradicted.")


def supported_figure(checks: list[ClaimCheck]) -> KeyFigure:
    """The key figure: how many claims the data support (the sentence gives the other verdicts)."""
    return KeyFigure("claims.supported", verdict_counts(checks)[Verdict.SUPPORTED], headline_sentence(checks),
                     unit="claims")


def verdicts_table(checks: list[ClaimCheck]) -> Table:
    """The body's table: every claim with its verdict and what the data say (sources in the appendix)."""
    frame = to_frame(checks)[["claim", "verdict", "finding"]]
    return Table(frame, f"The article's {len(checks)} claims and their verdicts, in the article's order (verdicts "
                 "computed at build time; sources in the appendix table)", formats={c: "text" for c in frame.columns})


def claims_table(checks: list[ClaimCheck]) -> Table:
    """The appendix table: each claim with its finding, verdict and the source ids it rests on."""
    frame = to_frame(checks)[["claim_id", "claim", "finding", "verdict", "source_ids"]].rename(
        columns={"claim_id": "id", "source_ids": "sources"})
    return Table(frame, "The article's claims with their findings, verdicts and sources",
                 formats={c: "text" for c in frame.columns}, appendix=True)
