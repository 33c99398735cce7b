"""What the trade section reads from ``data/``, loaded once per call through
:func:`pakru.data.datasets.load` (which caches by file state, so :func:`pakru.trade.facts` and
:func:`pakru.trade.frames` share the reads).

``DATASETS`` is the section's ``reads:`` in ``report/report.yaml``; a test keeps the two equal, so
the build's cache re-runs the notebook whenever one of these files changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from ..data import datasets

DATASETS = ("sources", "trade_observations", "trade_composition", "pakistan_totals", "cargoes", "payment_events",
            "defence_events", "payment_claims", "trade_weighings", "trade_drivers")


@dataclass(frozen=True)
class Inputs:
    """The section's datasets, typed and validated (columns as in ``data/datapackage.json``)."""

    sources: pd.DataFrame
    observations: pd.DataFrame
    composition: pd.DataFrame
    totals: pd.DataFrame
    cargoes: pd.DataFrame
    events: pd.DataFrame
    defence_events: pd.DataFrame
    claims: pd.DataFrame
    weighings: pd.DataFrame
    drivers: pd.DataFrame


def load(root: Path | None = None) -> Inputs:
    d = {name: datasets.load(name, root) for name in DATASETS}
    return Inputs(d["sources"], d["trade_observations"], d["trade_composition"], d["pakistan_totals"], d["cargoes"],
                  d["payment_events"], d["defence_events"], d["payment_claims"], d["trade_weighings"],
                  d["trade_drivers"])


def registry(sources: pd.DataFrame) -> pd.DataFrame:
    """The source registry indexed by ``source_id`` (the column kept too), so that a fact's sources
    are looked up without re-indexing the registry each time."""
    return sources if sources.index.name == "source_id" else sources.set_index("source_id", drop=False)
