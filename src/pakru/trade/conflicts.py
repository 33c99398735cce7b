"""Conflicts weighed, not counted: the disagreements a reader needs, each with the figures, why
they cannot both hold, the likely reason, and which figure the report uses and why; and the small
differences between two statistical releases, which are revisions, not conflicts.

A figure's weight follows its kind of source: a statistical release over a minister's statement,
a statement over a business body's remark; a majority of press reports settles nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import bank_settled as bs
from .series import is_value, label_years

def find(observations: pd.DataFrame, tolerance_pct: float = 1.0) -> pd.DataFrame:
    """Published figures for the same flow, window, basis, coverage and reporter that disagree.

    Exact values disagree when they differ by more than ``tolerance_pct`` percent; a bound
    ("more than 1,000") disagrees only with an exact value on the wrong side of it. Pakistan's and
    Russia's records of the same flow are mirror figures, compared in :func:`mirror_gap`, not here.
    A goods figure and a goods-and-services figure for the same window measure different things
    and are never compared. One row per figure, grouped by ``conflict`` number. Columns: conflict,
    year, period, flow, basis, coverage, reporter, series, value, qualifier, source_id; year is the
    calendar year or the year the fiscal year ends."""
    obs = label_years(observations)
    out = []
    n = 0
    for _, group in obs.groupby(["flow", "period_start", "period_end", "basis", "coverage", "reporter"], sort=True):
        if group["source_id"].nunique() < 2:
            continue
        # "about 331" is a value, not a bound
        exact = group[is_value(group["qualifier"])]["value"]
        disagree = False
        if len(exact) >= 2:
            low = abs(exact.min()) or 1e-9
            disagree = (exact.max() - exact.min()) / low * 100.0 > tolerance_pct
        for _, b in group[group["qualifier"].isin(["more_than", "less_than"])].iterrows():
            if b["qualifier"] == "more_than" and (exact < b["value"]).any():
                disagree = True
            if b["qualifier"] == "less_than" and (exact > b["value"]).any():
                disagree = True
        if not disagree:
            continue
        n += 1
        out.append(group.assign(conflict=n))
    columns = ["conflict", "year", "period", "flow", "basis", "coverage", "reporter", "series", "value", "qualifier",
               "source_id"]
    if not out:
        return pd.DataFrame(columns=columns)
    return pd.concat(out, ignore_index=True)[columns]


STATISTICS = ("IMF DOTS", "IMF IMTS", "UN Comtrade", bs.SERIES, "PBS")
REVISION_PCT = 5.0


def classified(observations: pd.DataFrame) -> pd.DataFrame:
    """:func:`find` with a ``kind`` per case: ``revision`` when every figure
    comes from a statistical release and they differ by less than 5%; ``remark against a statistic``
    when a business body's remark meets a statistic or an official figure; else ``conflict``."""
    conf = find(observations)
    if conf.empty:
        return conf.assign(kind=pd.Series(dtype=str))
    kinds = {}
    for n, g in conf.groupby("conflict"):
        values = g["value"]
        spread = (values.max() - values.min()) / (abs(values.min()) or 1e-9) * 100
        if g["series"].isin(STATISTICS).all() and spread < REVISION_PCT:
            kinds[n] = "revision"
        elif (g["series"] == "Business body").any() and not (g["series"] == "Business body").all():
            kinds[n] = "remark against a statistic"
        else:
            kinds[n] = "conflict"
    return conf.assign(kind=conf["conflict"].map(kinds))


@dataclass(frozen=True)
class Weighed:
    """One conflict a reader needs: the question, the figures, why both cannot hold, the likely
    reason and the figure used."""

    question: str
    figures: str
    why_not_both: str
    likely_reason: str
    used: str
    source_ids: tuple[str, ...]


def _one(observations: pd.DataFrame, flow: str, start: str, end: str, series: str | None = None,
         coverage: str | None = None) -> pd.Series | None:
    o = observations[(observations["flow"] == flow) & (observations["period_start"] == start)
                     & (observations["period_end"] == end)]
    if series:
        o = o[o["series"] == series]
    if coverage:
        o = o[o["coverage"] == coverage]
    return None if o.empty else o.iloc[0]


def weighed(observations: pd.DataFrame) -> list[Weighed]:
    """The trade conflicts that matter, with the figures read from the data (a case whose figures
    are not all in the data is left out)."""
    out = []
    year, part = (_one(observations, "total", "2021-07-01", "2022-06-30"),
                  _one(observations, "total", "2021-07-01", "2022-05-31"))
    if year is not None and part is not None:
        out.append(Weighed(
            "How large was trade in FY2021-22?",
            f"{year['value']:,.1f} USD m for the full year (State Bank data as quoted by WealthPK, 2022) against "
            f"{part['value']:,.1f} USD m for July–May alone (the commerce minister, 2023)",
            "Eleven months cannot exceed the whole year of the same trade.",
            "Different records: the minister's figure is probably the customs (Bureau of Statistics) record or "
            "includes goods the banks' record leaves out; the press did not say which.",
            "Neither as a level: the report shows both, and the minister's +34% is checked only against his own "
            "two figures.", (str(year["source_id"]), str(part["source_id"]))))
    gs, gs_part = (_one(observations, "total", "2023-07-01", "2024-06-30", "SBP", "goods and services"),
                   _one(observations, "total", "2023-07-01", "2024-05-31", "SBP", "goods and services"))
    fy24 = bs.fiscal_years(observations)
    fy24 = fy24[fy24["fy"] == 2024]
    if gs is not None and gs_part is not None:
        june = gs["value"] - gs_part["value"]
        goods = (f"; the State Bank's own workbook gives {fy24['total'].iloc[0]:,.0f} USD m of goods settled through "
                 "banks for the full year" if not fy24.empty else "")
        out.append(Weighed(
            "How large was trade in FY2023-24?",
            f"{gs['value']:,.0f} USD m for the full year against {gs_part['value']:,.0f} USD m for July–May, both "
            f"goods and services, in one Arab News report (2025){goods}",
            f"Together they imply {june:,.0f} USD m in June 2024 alone, about three-quarters of the eleven months "
            "before it; no monthly figure supports such a June.",
            "One of the two quoted figures is probably misreported or of another coverage.",
            "The State Bank's goods figure from its own workbook; the press pair is listed, not used, and the "
            "FY2024-25 change is computed from the workbook (full year against full year).",
            (str(gs["source_id"]),) + tuple(sorted(set(bs.rows_of(observations)["source_id"])))))
    return out


def balance_by_reporter(observations: pd.DataFrame, series: str = "IMF DOTS") -> str:
    """The sign of Pakistan's balance by reporter: a sentence, or '' without both records."""
    o = observations[(observations["series"] == series) & (observations["basis"] == "calendar")
                     & observations["flow"].isin(["exports", "imports"]) & observations["qualifier"].isna()]
    wide = o.assign(year=o["period_start"].dt.year).pivot_table(index=["reporter", "year"], columns="flow",
                                                                values="value", aggfunc="first")
    if not {"PAK", "RUS"} <= set(wide.index.get_level_values(0)):
        return ""
    pak = (wide.loc["PAK"]["exports"] - wide.loc["PAK"]["imports"]).dropna()
    # flows are named from Pakistan's side in both records (Russia's imports from Pakistan are stored
    # as Pakistan's exports), so one subtraction serves both
    rus = (wide.loc["RUS"]["exports"] - wide.loc["RUS"]["imports"]).dropna()
    since = [y for y in rus.index if y >= 2011]
    if not since:
        return ""
    surplus_rus = int((rus.loc[since] > 0).sum())
    deficit_pak = int((pak.loc[[y for y in since if y in pak.index]] < 0).sum())
    n_pak = len([y for y in since if y in pak.index])
    return (f"The sign of the balance depends on whose records are read: in {since[0]}–{since[-1]} Pakistan's own "
            f"records ({series}) show a deficit with Russia in {deficit_pak} of {n_pak} years, Russia's records a "
            f"Pakistani surplus in {surplus_rus} of {len(since)}. The report shows both and takes neither as the "
            "truth: Russia records more Pakistani goods than Pakistan records sending (see the mirror figures).")
