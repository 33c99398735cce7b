"""The commerce minister's July–May windows (FY2022-23 against FY2021-22), which the section's
growth figure uses; the article's +34% claim is checked in :mod:`pakru.article.checks.trade`."""

from __future__ import annotations

# The minister's figures: July–May of FY2022-23 against July–May of FY2021-22.
GROWTH_WINDOWS = (("2022-07-01", "2023-05-31"), ("2021-07-01", "2022-05-31"))
GROWTH_STATED_PCT = 34.0


def matches_stated_growth(growth_pct: float) -> bool:
    """True when a computed growth rounds to the stated +34%."""
    return abs(growth_pct - GROWTH_STATED_PCT) < 0.5
