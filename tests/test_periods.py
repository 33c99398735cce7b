"""Period labels (three kinds, three names) and runs of years."""

from __future__ import annotations

import pandas as pd
import pytest

from pakru.data import periods


def test_the_three_labels_say_different_things() -> None:
    ts = pd.Timestamp
    assert periods.window_label(ts("2022-07-01"), ts("2023-06-30"), "fiscal") == "FY2022-23"
    assert periods.window_label(ts("2019-01-01"), ts("2019-12-31"), "calendar") == "2019"
    assert periods.statistic_period_label("2024-07-01", "2024-07-31", "month") == "July 2024"
    assert periods.statistic_period_label("2022-01-01", "2022-03-31", "quarter") == "2022-Q1"
    assert periods.year_span_label(1950, 1954) == "1950–54"
    assert periods.year_span_label(1995, 2004) == "1995–2004" and periods.year_span_label(1970, 1970) == "1970"


def test_gaps_missing_years_and_runs() -> None:
    assert periods.gaps([2019, 2021], 2019, 2022) == [2020, 2022]
    assert periods.missing_years([2016, 2017, 2019]) == [2018] and periods.missing_years([]) == []
    assert periods.compress_years([1992, 1993, 1994, 1999]) == "1992–1994, 1999"
    assert periods.compress_years([]) == "none"


def test_in_period_refuses_a_reversed_window() -> None:
    frame = pd.DataFrame({"period_start": pd.to_datetime(["2022-01-01", "2022-06-01", "2023-01-01"])})
    assert len(periods.in_period(frame, "2022-01-01", "2022-06-01")) == 2
    with pytest.raises(ValueError, match="after end"):
        periods.in_period(frame, "2023-01-01", "2022-01-01")
