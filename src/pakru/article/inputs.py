"""What the claims check reads: the article's claims and the evidence rows chosen for its theses
(``data/article/``), and the sections' data the checks test them against, loaded once."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..data import datasets

# every dataset a check reads (report/report.yaml's `reads` for the claims section lists these and
# the sections' own, which the theses read through the sections' facts)
READS = ("sources", "article_claims", "article_evidence", "defence_events", "payment_events", "cargoes",
         "payment_claims", "trade_observations", "arms_transfers", "supplier_shares")


@dataclass(frozen=True)
class Inputs:
    """The frames the checks read, and the year the article's "now" refers to (``as_of_year``:
    2023, when it was written; "75 years" and "four decades" are counted to it). Tests pass altered
    frames with :func:`dataclasses.replace`."""

    sources: pd.DataFrame
    claims: pd.DataFrame
    evidence: pd.DataFrame
    events: pd.DataFrame
    payment_events: pd.DataFrame
    cargoes: pd.DataFrame
    payment_claims: pd.DataFrame
    observations: pd.DataFrame
    transfers: pd.DataFrame
    supplier_shares: pd.DataFrame
    as_of_year: int = 2023


def load(as_of_year: int = 2023) -> Inputs:
    """The shipped data, as :func:`pakru.data.datasets.load` validates it."""
    d = {name: datasets.load(name) for name in READS}
    return Inputs(d["sources"], d["article_claims"].sort_values("order").reset_index(drop=True),
                  d["article_evidence"], d["defence_events"], d["payment_events"], d["cargoes"], d["payment_claims"],
                  d["trade_observations"], d["arms_transfers"], d["supplier_shares"], as_of_year)
