"""The article's checkable claims, in its order, each checked by the section that holds its data:
the twelve the report has checked since its first edition, and the claims a reader's review of
December 2026 found left out (Bilawal Bhutto Zardari's January 2023 visit, "the first delivery of
Russian crude oil to Pakistan after western sanctions"), with Guddu checked apart from the steel
mill."""

from __future__ import annotations

import pandas as pd

from .. import dedollarisation, defence
from ..present.key_figures import KeyFigure
from ..present.shown import Table
from ..present.wording import join_words
from ..claims import general
from ..trade import claims as trade_claims
from ..claims.model import ClaimCheck, Verdict, clashes, to_frame, verdict_counts

# The twelve claims checked since the first edition, in the article's order.
ORIGINAL_CLAIMS = (
    "general.anniversary", "general.president_visit", "defence.agreement_2014", "defence.mi35",
    "defence.su35_interest", "defence.druzhba_since_2017", "dedollarisation.first_cargo",
    "dedollarisation.paid_in_yuan", "trade.growth_34pct", "dedollarisation.barter",
    "general.sco", "general.soviet_projects",
)
# Every claim checked, in the article's order: each added claim stands next to the one it follows in
# the article (the visit with the other visit, the sanctions with the first cargo, Guddu with the
# steel mill). The de-dollarisation section also checks the power minister's counter-claim (paid in
# dollars): evidence for the yuan claim's verdict, not a claim of the article, so not here.
ARTICLE_ORDER = (
    "general.anniversary", "general.president_visit", "general.bilawal_visit", "defence.agreement_2014",
    "defence.mi35", "defence.su35_interest", "defence.druzhba_since_2017", "dedollarisation.first_cargo",
    "dedollarisation.first_after_sanctions", "dedollarisation.paid_in_yuan", "trade.growth_34pct",
    "dedollarisation.barter", "general.sco", "general.soviet_projects", "general.guddu",
)
# Claims and counter-claims whose verdicts must not clash (pakru.claims.model.verdicts_clash)
OPPOSING = dedollarisation.claims.OPPOSING


# A few words per claim, for sentences that name several claims at once.
TOPICS = {
    "general.anniversary": "75 years of relations", "general.president_visit": "the president's 2011 visit",
    "general.bilawal_visit": "the foreign minister's January 2023 visit",
    "dedollarisation.first_after_sanctions": "the first crude after Western sanctions",
    "general.guddu": "the Guddu plant's age",
    "defence.agreement_2014": "the 2014 defence agreement", "defence.mi35": "the Mi-35 purchase",
    "defence.su35_interest": "interest in the Su-35", "defence.druzhba_since_2017": "Druzhba exercises since 2017",
    "dedollarisation.first_cargo": "the first crude cargo", "dedollarisation.paid_in_yuan": "payment in yuan",
    "trade.growth_34pct": "34% trade growth", "dedollarisation.barter": "the barter mechanism",
    "general.sco": "Russian backing for SCO membership", "general.soviet_projects": "the steel mill's age",
}


def _all_checks(frames: dict[str, pd.DataFrame], as_of_year: int) -> dict[str, ClaimCheck]:
    events, sources = frames["defence_events"], frames["sources"]
    checks = [
        general.anniversary(events, as_of_year), general.president_visit(events), general.bilawal_visit(events),
        *defence.claims.check_claims(events, frames["arms_transfers"]),
        *dedollarisation.claims.check_claims(frames["cargoes"], frames["payment_claims"], frames["payment_events"],
                                             sources),
        dedollarisation.claims.check_first_after_sanctions(frames["cargoes"], frames["payment_events"], sources),
        trade_claims.trade_growth_claim(frames["trade_observations"], sources), general.sco_backing(events),
        general.soviet_projects(events, sources, as_of_year), general.guddu(events, sources, as_of_year),
    ]
    return {c.claim_id: c for c in checks}


def check_all(frames: dict[str, pd.DataFrame], as_of_year: int = 2023) -> list[ClaimCheck]:
    """Every checked claim of the article, in its order (:data:`ARTICLE_ORDER`). ``frames`` maps
    dataset names to loaded frames (as :func:`pakru.data.datasets.load` returns them)."""
    by_id = _all_checks(frames, as_of_year)
    return [by_id[claim_id] for claim_id in ARTICLE_ORDER]


def clashing_verdicts(frames: dict[str, pd.DataFrame], as_of_year: int = 2023) -> list[tuple[str, str]]:
    """Pairs of opposing claims (the article's and the counter-claims the sections check) whose
    verdicts cannot both stand; empty when the verdicts are consistent."""
    return clashes(_all_checks(frames, as_of_year).values(), OPPOSING)


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
    if any(c.verdict is Verdict.NOT_CHECKABLE for c in checks):
        out.append("A claim is not checkable when the data can neither confirm nor refute it, for example a date "
                   "known only to the decade.")
    return out


def headline_sentence(checks: list[ClaimCheck]) -> str:
    """The key finding: how many of the article's claims the data support, partly support, contradict."""
    counts = verdict_counts(checks)
    open_ = counts.get(Verdict.NOT_CHECKABLE, 0)
    return (f"Of the article's {len(checks)} claims checked, {counts[Verdict.SUPPORTED]} are supported by the data, "
            f"{counts[Verdict.PARTLY]} partly supported, {counts[Verdict.CONTRADICTED]} contradicted"
            + (f" and {open_} cannot be checked" if open_ else "")
            + ("; its facts mostly hold (its argument is assessed separately)." if counts[Verdict.SUPPORTED]
               >= 0.7 * len(checks) else "."))


def supported_figure(checks: list[ClaimCheck]) -> KeyFigure:
    """The key figure: how many claims the data support (the sentence gives the other verdicts)."""
    return KeyFigure("claims.supported", verdict_counts(checks)[Verdict.SUPPORTED], headline_sentence(checks),
                     unit="claims")


def verdicts_table(checks: list[ClaimCheck]) -> Table:
    """The body's table: every claim with its verdict, at a glance (what the data say, and the
    sources, are in the appendix table)."""
    frame = to_frame(checks)[["claim", "verdict"]]
    return Table(frame, f"The article's {len(checks)} claims and their verdicts, in the article's order (verdicts "
                 "computed at build time; each finding and its sources in the appendix)",
                 formats={c: "text" for c in frame.columns})


def claims_table(checks: list[ClaimCheck]) -> Table:
    """The appendix table: each claim with its finding, verdict and the source ids it rests on."""
    frame = to_frame(checks)[["claim_id", "claim", "finding", "verdict", "source_ids"]].rename(
        columns={"claim_id": "id", "source_ids": "sources"})
    return Table(frame, "The article's claims with their findings, verdicts and sources",
                 formats={c: "text" for c in frame.columns}, appendix=True)
