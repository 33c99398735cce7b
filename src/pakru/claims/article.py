"""The article's twelve checkable claims, in its order, each checked by the section that holds
its data."""

from __future__ import annotations

import pandas as pd

from .. import dedollarisation, defence
from ..findings import KeyFigure
from ..shown import Table
from . import general
from .model import ClaimCheck, Verdict, to_frame, verdict_counts

# The article's order. The de-dollarisation section also checks the power minister's counter-claim
# (paid in dollars): evidence for the yuan claim's verdict, not a claim of the article, so not here.
ARTICLE_ORDER = (
    "general.anniversary", "general.president_visit", "defence.agreement_2014", "defence.mi35",
    "defence.su35_interest", "defence.druzhba_since_2017", "dedollarisation.first_cargo",
    "dedollarisation.paid_in_yuan", "trade.growth_34pct", "dedollarisation.barter",
    "general.sco", "general.soviet_projects",
)


def check_all(frames: dict[str, pd.DataFrame], as_of_year: int = 2023) -> list[ClaimCheck]:
    """All twelve claims, in the article's order. ``frames`` maps dataset names to loaded frames
    (as :func:`pakru.data.load` returns them)."""
    events = frames["defence_events"]
    checks = [
        general.anniversary(events, as_of_year), general.president_visit(events),
        *defence.claims.check_claims(events, frames["arms_transfers"]),
        *dedollarisation.claims.check_claims(frames["cargoes"], frames["payment_claims"], frames["payment_events"]),
        general.trade_growth_claim(frames["trade_observations"]), general.sco_backing(events),
        general.soviet_projects(events, frames["sources"], as_of_year),
    ]
    by_id = {c.claim_id: c for c in checks}
    return [by_id[claim_id] for claim_id in ARTICLE_ORDER]


def tally_sentence(checks: list[ClaimCheck]) -> str:
    """``"Of 12 claims, 7 supported, 5 partly supported, 0 contradicted, 0 not checkable with the data held."``"""
    counts = verdict_counts(checks)
    return f"Of {len(checks)} claims, " + ", ".join(f"{n} {v.value}" for v, n in counts.items()) + "."


def headline_sentence(checks: list[ClaimCheck]) -> str:
    """The key finding: how many of the article's claims the data support, partly support, contradict."""
    counts = verdict_counts(checks)
    return (f"Of the article's {len(checks)} checkable claims, {counts[Verdict.SUPPORTED]} are supported by the "
            f"data, {counts[Verdict.PARTLY]} partly supported and {counts[Verdict.CONTRADICTED]} contradicted.")


def supported_figure(checks: list[ClaimCheck]) -> KeyFigure:
    """The key figure: how many claims the data support (the sentence gives the other verdicts)."""
    return KeyFigure("claims.supported", verdict_counts(checks)[Verdict.SUPPORTED], headline_sentence(checks),
                     unit="claims")


def claims_table(checks: list[ClaimCheck]) -> Table:
    frame = to_frame(checks)[["claim", "finding", "verdict", "source_ids"]].rename(columns={"source_ids": "sources"})
    return Table(frame, "The article's claims against the data (verdicts computed at build time)",
                 formats={c: "text" for c in frame.columns})
