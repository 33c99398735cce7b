"""The article's trade claim (+34% in July–May FY2022-23), checked against the trade data.

"75 years on, Pakistan-Russia relations are stronger than ever" (Arab News, 2023); the section's
other sentences use the same windows and rounding rule (:data:`GROWTH_WINDOWS`,
:func:`matches_stated_growth`).
"""

from __future__ import annotations

import pandas as pd

from ..claims.model import ClaimCheck, Verdict
from . import series


# The article's figures: July–May of FY2022-23 against July–May of FY2021-22.
GROWTH_WINDOWS = (("2022-07-01", "2023-05-31"), ("2021-07-01", "2022-05-31"))
GROWTH_STATED_PCT = 34.0


def trade_growth_claim(observations: pd.DataFrame) -> ClaimCheck:
    claim = ("Bilateral trade grew 34% in 2022 over 2021, to 760.5 million dollars in July–May FY2022-23 "
             "from 567.5 million.")
    check = series.window_growth(observations, "total", *GROWTH_WINDOWS)
    if check.empty:
        return ClaimCheck.of("trade.growth_34pct", claim, "The two July–May figures are not in the data.",
                             Verdict.NOT_CHECKABLE)
    r = check.iloc[0]
    growth = r["growth_pct"]
    cal = series.annual(observations, "calendar", 2021, 2022)
    cal = cal[cal["flow"] == "total"]
    finding = (f"The July–May figures are in the data ({r['value']:,.1f} and {r['earlier_value']:,.1f} USD m, "
               f"one ministerial statement): growth {growth:+.1f}%. They are fiscal-year windows "
               "(July 2021–May 2022 and July 2022–May 2023), not calendar 2021 and 2022")
    finding += ("; the data hold no full calendar-2022 total to compare." if cal[cal["year"] == 2022].empty
                else ".")
    verdict = Verdict.PARTLY if matches_stated_growth(growth) else Verdict.CONTRADICTED
    return ClaimCheck.of("trade.growth_34pct", claim, finding, verdict, [r["source_id"], r["earlier_source_id"]])


def matches_stated_growth(growth_pct: float) -> bool:
    """True when a computed growth rounds to the article's +34%."""
    return abs(growth_pct - GROWTH_STATED_PCT) < 0.5
