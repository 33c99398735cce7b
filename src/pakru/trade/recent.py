"""Trade figures published after the statistical series end: full years and partial windows, goods
and goods and services, each kept as what it is. Pure functions over ``trade_observations``."""

from __future__ import annotations

import pandas as pd

from .series import GOODS, is_exact, is_value, label_years


def describe(row: pd.Series) -> str:
    """What a published figure is: ``"Jul 2024–May 2025 (FY2024-25), 11 months, goods and services"``
    or ``"FY2022-23, goods"`` (rows from :func:`label_years`)."""
    what = row["period"]
    if not row["full_year"]:
        months = ((row["period_end"].year - row["period_start"].year) * 12
                  + row["period_end"].month - row["period_start"].month + 1)
        what += f", {months} month{'s' if months != 1 else ''}"
    return f"{what}, {row['coverage']}"


def most_recent(observations: pd.DataFrame, flow: str = "total") -> pd.Series | None:
    """The most recently ending published figure for ``flow``, whatever its window or coverage,
    with ``what`` saying which (:func:`describe`). Exact and rounded values only (no bounds); at a
    tie, full years come before partial windows and goods before goods and services."""
    obs = label_years(observations[(observations["flow"] == flow)
                                   & is_value(observations["qualifier"])])
    if obs.empty:
        return None
    obs = obs.assign(_partial=~obs["full_year"], _gs=obs["coverage"] != GOODS)
    order = obs.sort_values(["period_end", "_partial", "_gs"], ascending=[False, True, True], kind="stable")
    row = order.iloc[0].drop(["_partial", "_gs"]).copy()
    row["what"] = describe(row)
    return row


def recent(observations: pd.DataFrame, first_year: int = 2021, flow: str | None = None) -> pd.DataFrame:
    """Every published figure whose window ends in ``first_year`` or later (calendar or fiscal year
    end), full years and partial windows alike, each with what it covers. Columns: year, period,
    what, flow, basis, coverage, full_year, reporter, series, value, qualifier, source_id."""
    obs = label_years(observations)
    obs = obs[obs["period_end"].dt.year >= first_year]
    if flow:
        obs = obs[obs["flow"] == flow]
    obs = obs.assign(what=[describe(r) for _, r in obs.iterrows()]) if not obs.empty else obs.assign(what=[])
    cols = ["year", "period", "what", "flow", "basis", "coverage", "full_year", "reporter", "series", "value",
            "qualifier", "source_id", "period_start", "period_end"]
    return obs.sort_values(["period_end", "period_start", "flow"])[cols].reset_index(drop=True)


def recent_totals(observations: pd.DataFrame, first_year: int = 2021) -> pd.DataFrame:
    """Fiscal-year totals ending in ``first_year`` or later, exact values (the chart's points)."""
    rec = recent(observations, first_year, "total")
    return rec[(rec["basis"] == "fiscal") & is_exact(rec["qualifier"])].reset_index(drop=True)


def like_for_like(points: pd.DataFrame) -> tuple[int, int] | None:
    """Positions of the two latest partial windows with the same months and coverage a year apart
    (e.g. Jul–May of two fiscal years, both goods and services), from one source."""
    part = points[~points["full_year"]]
    for i in reversed(part.index):
        b = part.loc[i]
        same = part[(part["coverage"] == b["coverage"]) & (part["source_id"] == b["source_id"])
                    & (part["period_start"] == b["period_start"] - pd.DateOffset(years=1))
                    & (part["period_end"] == b["period_end"] - pd.DateOffset(years=1))]
        if not same.empty:
            return int(same.index[0]), int(i)
    return None
