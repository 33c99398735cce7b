"""The article's trade claim: +34% "in 2022 over 2021". The figures behind it are the commerce
minister's two July–May totals (FY2022-23 against FY2021-22); the check recomputes his ratio and
sets beside it the independent full-year figures for the same fiscal years."""

from __future__ import annotations

from datetime import date

import pandas as pd

from ...claims.model import ClaimCheck, Verdict
from ...data.periods import MONTHS, fiscal_label
from ...facts import Period
from ...trade import series
from ...trade.facts import GROWTH_WINDOWS  # the minister's July–May windows
from ..inputs import Inputs
from .common import book

CLAIMED_GROWTH_PCT = 34.0
# series that are remarks, not statistics: never weighed against a statistic
NOT_STATISTICS = ("Business body",)


def window_period(start: str, end: str) -> Period:
    s, e = pd.Timestamp(start), pd.Timestamp(end)
    return Period(f"{MONTHS[s.month - 1]} {s.year}–{MONTHS[e.month - 1]} {e.year}", s.date(), e.date(), "window")


def fiscal_period(fy_end: int) -> Period:
    return Period(fiscal_label(fy_end), date(fy_end - 1, 7, 1), date(fy_end, 6, 30), "fiscal")


def matches_claim(growth_pct: float) -> bool:
    """True when a computed growth rounds to the article's +34%."""
    return abs(growth_pct - CLAIMED_GROWTH_PCT) < 0.5


def full_years(observations: pd.DataFrame, statement_source: str) -> pd.DataFrame:
    """Two-way goods totals for the whole fiscal years of :data:`GROWTH_WINDOWS`, from sources other
    than the statement's and other than remarks. Columns: fiscal_end, value, source_id."""
    obs = observations[(observations["flow"] == "total") & (observations["basis"] == "fiscal")
                       & (observations["coverage"] == "goods") & ~observations["series"].isin(NOT_STATISTICS)
                       & (observations["source_id"] != statement_source)]
    rows = []
    for start, _ in sorted(GROWTH_WINDOWS):
        s = pd.Timestamp(start)
        full = obs[(obs["period_start"] == s) & (obs["period_end"] == pd.Timestamp(f"{s.year + 1}-06-30"))]
        rows += [{"fiscal_end": s.year + 1, "value": float(r["value"]), "source_id": r["source_id"]}
                 for _, r in full.iterrows()]
    return pd.DataFrame(rows, columns=["fiscal_end", "value", "source_id"])


def growth_34pct(d: Inputs) -> ClaimCheck:
    """Partly supported when the minister's two figures give 34%: the figure is his, but the article
    calls fiscal-year windows "2022 over 2021", and no independent source gives those months (the one
    full-year figure for the base year is smaller than his eleven-month base, so both cannot be
    right). Contradicted when his own figures do not give 34%."""
    cid, b = "trade.growth_34pct", book(d)
    check = series.window_growth(d.observations, "total", *GROWTH_WINDOWS)
    if check.empty:
        return ClaimCheck.of(cid, Verdict.NOT_CHECKABLE)
    r = check.iloc[0]
    now = b.add(f"claims.{cid}.july_may", float(r["value"]), "USD million", window_period(*GROWTH_WINDOWS[0]),
                sources=r["source_id"])
    before = b.add(f"claims.{cid}.july_may_before", float(r["earlier_value"]), "USD million",
                   window_period(*GROWTH_WINDOWS[1]), sources=r["earlier_source_id"])
    growth = b.derive(f"claims.{cid}.growth", float(r["growth_pct"]), "percent", now.period if now else None,
                      of=[now, before])
    facts = [now, before, growth]
    for _, x in full_years(d.observations, r["source_id"]).iterrows():
        which = "full_year_before" if x["fiscal_end"] == pd.Timestamp(GROWTH_WINDOWS[1][1]).year else "full_year"
        facts.append(b.add(f"claims.{cid}.{which}", x["value"], "USD million", fiscal_period(int(x["fiscal_end"])),
                           sources=x["source_id"]))
    return ClaimCheck.of(cid, Verdict.PARTLY if matches_claim(float(r["growth_pct"])) else Verdict.CONTRADICTED,
                         facts)
