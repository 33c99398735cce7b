"""The article's trade claim (+34% in July–May FY2022-23), checked against the trade data.

"75 years on, Pakistan-Russia relations are stronger than ever" (Arab News, 2023); the section's
other sentences use the same windows and rounding rule (:data:`GROWTH_WINDOWS`,
:func:`matches_stated_growth`).
"""

from __future__ import annotations

import pandas as pd

from ..claims.cite import amount, cited_all, cited_rated
from ..claims.model import ClaimCheck, Verdict
from ..data.periods import fiscal_label
from . import series


# The article's figures: July–May of FY2022-23 against July–May of FY2021-22.
GROWTH_WINDOWS = (("2022-07-01", "2023-05-31"), ("2021-07-01", "2022-05-31"))
GROWTH_STATED_PCT = 34.0
# series that are remarks, not statistics: never weighed against a statistic
NOT_STATISTICS = ("Business body",)


def independent_full_years(observations: pd.DataFrame, window_source: str) -> pd.DataFrame:
    """Full fiscal-year two-way totals for the fiscal years of :data:`GROWTH_WINDOWS`, from sources
    other than the statement's, with the July–May window of the same year beside each.

    Columns: fiscal_end (the year the fiscal year ends), value, coverage, series, source_id, window
    (the statement's July–May figure for that year), conflicts (True when the whole year is smaller
    than its own eleven months: both cannot be right)."""
    cols = ["fiscal_end", "value", "coverage", "series", "source_id", "window", "conflicts"]
    # a business body's remark is not set against statistics as an equal
    obs = observations[(observations["flow"] == "total") & (observations["basis"] == "fiscal")
                       & ~observations["series"].isin(NOT_STATISTICS)]
    rows = []
    for start, end in sorted(GROWTH_WINDOWS):
        s_day, e_day = pd.Timestamp(start), pd.Timestamp(end)
        window = obs[(obs["period_start"] == s_day) & (obs["period_end"] == e_day)
                     & (obs["source_id"] == window_source)]
        full = obs[(obs["period_start"] == s_day) & (obs["period_end"] == pd.Timestamp(f"{s_day.year + 1}-06-30"))
                   & (obs["source_id"] != window_source)]
        w = float(window["value"].iloc[0]) if len(window) else float("nan")
        for _, r in full.iterrows():
            rows.append({"fiscal_end": s_day.year + 1, "value": float(r["value"]), "coverage": r["coverage"],
                         "series": r["series"], "source_id": r["source_id"], "window": w,
                         "conflicts": bool(pd.notna(w) and r["coverage"] == "goods" and float(r["value"]) < w)})
    return pd.DataFrame(rows, columns=cols)


def trade_growth_claim(observations: pd.DataFrame, sources: pd.DataFrame | None = None) -> ClaimCheck:
    """The article's +34%. The check can only recompute the commerce minister's ratio from the
    minister's own two figures: it says that it matches the statement, that no independent source
    gives the same windows, and what the independent full-year figures say (FY2021-22's 388.5 m
    for the whole year is smaller than the minister's 567.5 m for eleven months of it).

    Verdict: 'partly supported' when the ratio rounds to 34%: the figure is the minister's, but the
    article calls fiscal-year windows '2022 over 2021' and nothing independent confirms it (the one
    independent figure for the base year conflicts with it). 'Contradicted' when the minister's own
    figures do not give 34%."""
    claim = ("Bilateral trade grew 34% in 2022 over 2021, to 760.5 million dollars in July–May FY2022-23 "
             "from 567.5 million.")
    check = series.window_growth(observations, "total", *GROWTH_WINDOWS)
    if check.empty:
        return ClaimCheck.of("trade.growth_34pct", claim, "The two July–May figures are not in the data.",
                             Verdict.NOT_CHECKABLE)
    r = check.iloc[0]
    growth = r["growth_pct"]
    ids = [r["source_id"], r["earlier_source_id"]]
    statement = cited_all(ids, sources)
    if not matches_stated_growth(growth):
        finding = (f"The July–May figures on record ({r['value']:,.1f} and {r['earlier_value']:,.1f} million dollars; "
                   f"{statement}) give growth of {growth:+.1f}%, not 34%.")
        return ClaimCheck.of("trade.growth_34pct", claim, finding, Verdict.CONTRADICTED, ids)
    finding = (f"Matches the statement: the commerce minister's two figures, {amount(r['value'])} million dollars for "
               f"July 2022–May 2023 and {amount(r['earlier_value'])} million for July 2021–May 2022 ({statement}), "
               f"give {growth:+.0f}%. These are fiscal-year windows, not calendar 2022 and 2021. "
               "It cannot be verified independently: no other source gives these windows.")
    indep = independent_full_years(observations, r["source_id"])
    for _, x in indep.iterrows():
        fy = fiscal_label(int(x["fiscal_end"]))
        who = cited_rated([x["source_id"]], sources)
        if x["conflicts"]:
            which = "for the base year" if x["fiscal_end"] == pd.Timestamp(GROWTH_WINDOWS[1][1]).year else f"for {fy}"
            finding += (f" The independent figure {which} conflicts with it: {amount(x['value'])} million "
                        f"for the whole of {fy} ({who}) is less than the minister's {amount(x['window'])} million for "
                        "eleven months of that year, so the two cannot both be right.")
        elif x["coverage"] == "goods":
            finding += (f" For {fy}, {amount(x['value'])} million for the whole year ({who}) fits the eleven-month "
                        "figure.")
        ids.append(x["source_id"])
    finding += (" Partly supported: the figure is the minister's, but its period is mislabelled and nothing "
                "independent confirms it.")
    return ClaimCheck.of("trade.growth_34pct", claim, finding, Verdict.PARTLY, ids)


def matches_stated_growth(growth_pct: float) -> bool:
    """True when a computed growth rounds to the article's +34%."""
    return abs(growth_pct - GROWTH_STATED_PCT) < 0.5
