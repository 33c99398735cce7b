"""Suppliers' shares of Pakistan's (and India's) arms imports as SIPRI's yearly "Trends in
International Arms Transfers" releases give them (``supplier_shares``), one row per release as a
page reports it. SIPRI revises its database each year, so a window's share is the one its release
states; the latest window with a share for a supplier is only the latest among the releases read.
Pure functions over the loaded frame."""

from __future__ import annotations

import re

import pandas as pd


RUSSIA = ("Russia", "Soviet Union")
ARTICLE = {"Netherlands": "the Netherlands", "United States": "the United States",
           "United Kingdom": "the United Kingdom"}


def _name(supplier: str) -> str:
    return ARTICLE.get(supplier, supplier)


def release_month(release: str) -> str:
    """"Trends in International Arms Transfers, 2025 (March 2026)" -> "March 2026"."""
    m = re.search(r"\(([^)]+)\)\s*$", str(release))
    return m.group(1) if m else str(release)


def in_view(shares: pd.DataFrame, start_year: int, end_year: int) -> pd.DataFrame:
    """The rows whose five-year window lies inside ``start_year``..``end_year``."""
    return shares[(shares["window_start"] >= start_year) & (shares["window_end"] <= end_year)]


def latest_row(shares: pd.DataFrame, recipient: str, suppliers: tuple[str, ...]) -> pd.Series | None:
    """The share of ``suppliers`` in ``recipient``'s imports in the latest window recorded (the latest
    release on a tie), or None."""
    sub = shares[(shares["recipient"] == recipient) & shares["supplier"].isin(suppliers)]
    if sub.empty:
        return None
    return sub.assign(_month=pd.to_datetime(sub["release"].map(release_month), format="%B %Y", errors="coerce")) \
        .sort_values(["window_end", "_month"]).iloc[-1].drop("_month")


def one_per_window(shares: pd.DataFrame, recipient: str, suppliers: tuple[str, ...]) -> pd.DataFrame:
    """The share of ``suppliers`` in ``recipient``'s imports once per window: the latest release's
    figure where two releases give one, oldest window first."""
    sub = shares[(shares["recipient"] == recipient) & shares["supplier"].isin(suppliers)]
    month = pd.to_datetime(sub["release"].map(release_month), format="%B %Y", errors="coerce")
    return sub.assign(_month=month).sort_values(["window_end", "window_start", "_month"]) \
        .drop_duplicates(["window_start", "window_end"], keep="last").drop(columns="_month").reset_index(drop=True)
