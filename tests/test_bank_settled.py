"""The State Bank's bank-settled series: fiscal years, windows, months, the change and Russia's
share, on the figures of SBP's March 2026 country workbooks (thousand US$ there, USD million here)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from pakru.trade import bank_settled as bs

SRC = "trd-sbp-test"
# (flow, start, end, basis, value USD m, qualifier): the Russian Federation rows of the workbooks
PAIR = [
    ("exports", "2023-07-01", "2024-06-30", "fiscal", 78.9044797, ""),
    ("imports", "2023-07-01", "2024-06-30", "fiscal", 1020.1697983, ""),
    ("exports", "2024-07-01", "2025-06-30", "fiscal", 68.9969525, "revised"),
    ("imports", "2024-07-01", "2025-06-30", "fiscal", 174.9195354, "revised"),
    ("exports", "2024-07-01", "2025-03-31", "fiscal", 49.4799807, "revised"),
    ("imports", "2024-07-01", "2025-03-31", "fiscal", 170.7704227, "revised"),
    ("exports", "2025-07-01", "2026-03-31", "fiscal", 35.8539389, "provisional"),
    ("imports", "2025-07-01", "2026-03-31", "fiscal", 17.8008921, "provisional"),
    ("exports", "2025-03-01", "2025-03-31", "month", 6.9371328, "revised"),
    ("imports", "2025-03-01", "2025-03-31", "month", 7.1653103, "revised"),
    ("exports", "2026-02-01", "2026-02-28", "month", 5.3801493, "revised"),
    ("imports", "2026-02-01", "2026-02-28", "month", 1.049337, "revised"),
    ("exports", "2026-03-01", "2026-03-31", "month", 4.622007, "provisional"),
    ("imports", "2026-03-01", "2026-03-31", "month", 1.3910277, "provisional"),
]
# the total lines "I. Export Receipts through Banks" / "I. Import Payments Through Banks"
WORLD = [
    ("exports", "2023-07-01", "2024-06-30", "fiscal", 30705.3281012),
    ("imports", "2023-07-01", "2024-06-30", "fiscal", 53698.5695328),
    ("exports", "2024-07-01", "2025-06-30", "fiscal", 31477.6936878),
    ("imports", "2024-07-01", "2025-06-30", "fiscal", 58719.4919136),
]


def _frame(rows, **extra) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=["flow", "period_start", "period_end", "basis", "value", *extra])
    df["period_start"] = pd.to_datetime(df["period_start"])
    df["period_end"] = pd.to_datetime(df["period_end"])
    return df


@pytest.fixture()
def observations() -> pd.DataFrame:
    df = _frame(PAIR, qualifier=None)
    press = _frame([("total", "2023-07-01", "2024-06-30", "fiscal", 1810.0, "")], qualifier=None)
    df = df.assign(series=bs.SERIES, reporter="PAK", coverage="goods", source_id=SRC)
    press = press.assign(series="SBP", reporter="PAK", coverage="goods and services", source_id="trd-press")
    return pd.concat([df, press], ignore_index=True).replace({"qualifier": {"": None}})


@pytest.fixture()
def totals() -> pd.DataFrame:
    return _frame(WORLD).assign(coverage="goods", compiler="SBP", source_id=SRC)


def test_fiscal_years_sum_the_two_flows_and_keep_the_revised_mark(observations):
    years = bs.fiscal_years(observations)
    assert list(years["label"]) == ["FY2023-24", "FY2024-25"]
    assert years["total"].round(2).tolist() == [1099.07, 243.92]
    assert years["balance"].round(2).tolist() == [-941.27, -105.92]
    assert years["status"].tolist() == ["", "revised"]


def test_the_fy2024_25_fall_is_full_year_against_full_year_goods_only(observations):
    change = bs.latest_year_change(observations)
    assert (change.label, change.earlier_label) == ("FY2024-25", "FY2023-24")
    assert round(change.pct, 1) == -77.8 and change.words == "down 78%"
    # the goods-and-services press figure of 1,810 is never the base
    assert change.earlier_value == pytest.approx(1099.0742780)
    assert change.source_ids == (SRC,)
    imports = bs.latest_year_change(observations, "imports")
    assert round(imports.pct, 1) == -82.9


def test_the_current_window_is_set_against_the_same_months_a_year_earlier(observations):
    change = bs.latest_window_change(observations)
    assert change.label == "July 2025–March 2026 (FY2025-26)"
    assert change.earlier_label == "July 2024–March 2025 (FY2024-25)"
    assert round(change.value, 2) == 53.65 and round(change.earlier_value, 2) == 220.25
    assert change.words == "down 76%" and change.status == "provisional"


def test_months_and_the_latest_month_with_its_mark(observations):
    m = bs.months(observations)
    assert m["label"].tolist() == ["Mar 2025", "Feb 2026", "Mar 2026"]
    assert m["total"].round(2).tolist() == [14.10, 6.43, 6.01]
    assert bs.data_through(observations) == "March 2026 (provisional)"
    assert bs.data_through(observations.iloc[:0]) == ""


def test_peak_year_is_fy2023_24(observations):
    assert bs.peak_year(observations)["label"] == "FY2023-24"


def test_russia_share_within_the_banks_record(observations, totals):
    share = bs.russia_share(observations, totals)
    fy25 = share[(share["period_start"] == "2024-07-01") & (share["period_end"] == "2025-06-30")]
    by_flow = fy25.set_index("flow")["share_pct"].round(3).to_dict()
    assert by_flow == {"exports": 0.219, "imports": 0.298, "total": 0.270}
    latest = bs.latest_year_share(observations, totals)
    assert latest["fy"] == 2025 and round(latest["share_pct"], 2) == 0.27
    fy24 = share[(share["period_start"] == "2023-07-01") & (share["flow"] == "total")]
    assert round(float(fy24["share_pct"].iloc[0]), 2) == 1.30


def test_totals_from_another_source_are_not_divided_into(observations, totals):
    other = totals.assign(source_id="trd-other")
    assert bs.russia_share(observations, other).empty
    assert bs.latest_year_share(observations, other) is None


def test_without_state_bank_rows_nothing_is_claimed(observations, totals):
    press_only = observations[observations["series"] != bs.SERIES]
    assert bs.fiscal_years(press_only).empty
    assert bs.latest_year_change(press_only) is None
    assert bs.latest_window_change(press_only) is None
    assert bs.peak_year(press_only) is None
    assert math.isnan(bs.Change("a", "b", 1.0, 0.0, "", ()).pct)
