"""The trade section's pure functions (series, growth, mirror, shares, conflicts), with numbers known
by hand."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest

from pakru.trade import conflicts as trade_conflicts
from pakru.trade import recent, series
from pakru.data import periods
from pakru.data.periods import fiscal_label, fiscal_year_end, is_full_year, window_label


def obs(rows: list[tuple]) -> pd.DataFrame:
    """Observation rows from (flow, start, end, basis, reporter, value[, qualifier, series, source_id,
    coverage]) tuples; coverage defaults to goods."""
    cols = ["flow", "period_start", "period_end", "basis", "reporter", "value", "qualifier", "unit", "series",
            "source_id", "note", "coverage"]
    frame = pd.DataFrame([(*r[:5], r[5], r[6] if len(r) > 6 else None, "USD million",
                           r[7] if len(r) > 7 else "IMF DOTS", r[8] if len(r) > 8 else "s1", None,
                           r[9] if len(r) > 9 else "goods") for r in rows],
                         columns=cols)
    frame["period_start"] = pd.to_datetime(frame["period_start"])
    frame["period_end"] = pd.to_datetime(frame["period_end"])
    return frame


def test_published_jul_may_growth_is_34_percent() -> None:
    assert round(series.growth_pct(760.5, 567.5), 1) == 34.0


def test_fiscal_year_starts_in_july() -> None:
    assert fiscal_year_end(date(2022, 6, 30)) == 2022
    assert fiscal_year_end(date(2022, 7, 1)) == 2023
    assert fiscal_label(2023) == "FY2022-23"
    assert is_full_year(date(2022, 7, 1), date(2023, 6, 30), "fiscal")
    assert not is_full_year(date(2022, 7, 1), date(2023, 5, 31), "fiscal")
    assert not is_full_year(date(2022, 1, 1), date(2022, 12, 31), "fiscal")
    assert window_label(pd.Timestamp("2022-07-01"), pd.Timestamp("2023-05-31"), "fiscal") == \
        "Jul 2022–May 2023 (FY2022-23)"


def test_cagr_of_a_known_series() -> None:
    # 100 -> 121 over two years is exactly 10% a year
    assert series.cagr_pct(100, 121, 2) == pytest.approx(10.0)
    c = series.cagr_over(pd.Series({2010: 100.0, 2011: None, 2012: 121.0}))
    assert c is not None and (c.first_year, c.last_year) == (2010, 2012)
    assert c.rate_pct == pytest.approx(10.0)


def test_yoy_growth_is_not_computed_across_a_gap() -> None:
    g = series.yoy_growth(pd.Series({2010: 100.0, 2011: 110.0, 2013: 121.0}))
    assert g[2011] == pytest.approx(10.0)
    assert math.isnan(g[2013])  # 2012 is missing: no two-year change passed off as one year


def test_annual_keeps_full_years_only_and_drops_bounds() -> None:
    frame = obs([
        ("total", "2019-01-01", "2019-12-31", "calendar", "PAK", 500.0),
        ("total", "2020-01-01", "2020-11-30", "calendar", "RUS", 681.1, None, "Russian official"),
        ("total", "2023-01-01", "2023-12-31", "calendar", "RUS", 1000.0, "more_than", "Russian official"),
        ("total", "2022-07-01", "2023-06-30", "fiscal", "PAK", 920.0, None, "Pakistan MoC"),
    ])
    cal = series.annual(frame, "calendar", 1990, 2030)
    assert list(cal["year"]) == [2019]
    fy = series.annual(frame, "fiscal", 1990, 2030)
    assert list(fy["year"]) == [2023]


def test_total_and_balance_are_computed_from_one_source_and_marked() -> None:
    frame = obs([
        ("exports", "2019-01-01", "2019-12-31", "calendar", "PAK", 144.0),
        ("imports", "2019-01-01", "2019-12-31", "calendar", "PAK", 224.5),
    ])
    rows = series.with_total_and_balance(series.annual(frame, "calendar", 2019, 2019))
    total = rows[rows["flow"] == "total"].iloc[0]
    balance = rows[rows["flow"] == "balance"].iloc[0]
    assert total["value"] == pytest.approx(368.5) and bool(total["derived"])
    assert balance["value"] == pytest.approx(-80.5)


def test_mirror_gap_pairs_the_same_flow_and_year() -> None:
    frame = obs([
        ("exports", "2019-01-01", "2019-12-31", "calendar", "PAK", 144.1, None, "IMF DOTS", "pk"),
        ("exports", "2019-01-01", "2019-12-31", "calendar", "RUS", 360.4, None, "IMF DOTS", "ru"),
        ("imports", "2019-01-01", "2019-12-31", "calendar", "PAK", 224.5, None, "IMF DOTS", "pk"),
    ])
    gap = series.mirror_gap(frame, "IMF DOTS")
    assert len(gap) == 1
    row = gap.iloc[0]
    assert row["flow"] == "exports" and row["gap"] == pytest.approx(216.3)
    assert row["gap_pct"] == pytest.approx(216.3 / 144.1 * 100)


def test_conflicts_keep_both_values_and_ignore_agreement() -> None:
    frame = obs([
        ("total", "2015-01-01", "2015-12-31", "calendar", "unstated", 381.0, None, "Business body", "pbc"),
        ("total", "2015-01-01", "2015-12-31", "calendar", "unstated", 331.0, "about", "Business body", "lcci"),
        ("total", "2016-01-01", "2016-12-31", "calendar", "unstated", 403.0, None, "Business body", "a"),
        ("total", "2016-01-01", "2016-12-31", "calendar", "unstated", 403.2, None, "Business body", "b"),
    ])
    conf = trade_conflicts.find(frame)
    assert conf["conflict"].nunique() == 1
    assert sorted(conf["value"]) == [331.0, 381.0]


def test_russia_share_never_mixes_customs_and_payment_figures() -> None:
    frame = obs([
        ("total", "2020-07-01", "2021-06-30", "fiscal", "PAK", 945.87, None, "Pakistan MoC", "moc"),
        ("total", "2021-07-01", "2022-06-30", "fiscal", "PAK", 388.492, None, "SBP", "sbp"),
    ])
    totals = pd.DataFrame({
        "flow": ["exports", "imports", "exports", "imports"],
        "period_start": pd.to_datetime(["2020-07-01"] * 2 + ["2021-07-01"] * 2),
        "period_end": pd.to_datetime(["2021-06-30"] * 2 + ["2022-06-30"] * 2),
        "basis": "fiscal", "coverage": "goods", "compiler": ["PBS", "PBS", "PBS", "PBS"],
        "value": [25268.0, 56325.0, 31760.0, 80019.0], "unit": "USD million", "source_id": "pbs", "note": None,
    })
    share = series.russia_share(frame, totals)
    assert list(share["fy"]) == ["FY2020-21"]  # the SBP figure has no SBP total to divide by
    assert share.iloc[0]["share_pct"] == pytest.approx(945.87 / (25268 + 56325) * 100)


def _sbp_totals(coverage: str) -> pd.DataFrame:
    return pd.DataFrame({
        "flow": ["exports", "imports"], "period_start": pd.to_datetime(["2023-07-01"] * 2),
        "period_end": pd.to_datetime(["2024-06-30"] * 2), "basis": "fiscal", "coverage": coverage,
        "compiler": "SBP", "value": [30000.0, 50000.0], "unit": "USD million", "source_id": "sbp-world", "note": None,
    })


def test_russia_share_divides_goods_and_services_only_by_a_goods_and_services_total() -> None:
    frame = obs([("total", "2023-07-01", "2024-06-30", "fiscal", "PAK", 1810.0, None, "SBP", "arab",
                  "goods and services")])
    assert series.russia_share(frame, _sbp_totals("goods")).empty
    share = series.russia_share(frame, _sbp_totals("goods and services"))
    assert share.iloc[0]["share_pct"] == pytest.approx(1810 / 80000 * 100)
    assert share.iloc[0]["coverage"] == "goods and services"


def test_conflicts_never_set_goods_against_goods_and_services() -> None:
    frame = obs([
        ("total", "2023-07-01", "2024-06-30", "fiscal", "PAK", 1810.0, None, "SBP", "arab", "goods and services"),
        ("total", "2023-07-01", "2024-06-30", "fiscal", "PAK", 900.0, None, "Pakistan MoC", "moc"),
    ])
    assert trade_conflicts.find(frame).empty
    frame.loc[1, "coverage"] = "goods and services"
    conf = trade_conflicts.find(frame)
    assert sorted(conf["value"]) == [900.0, 1810.0] and set(conf["coverage"]) == {"goods and services"}


def test_window_growth_compares_only_figures_of_the_same_coverage() -> None:
    frame = obs([
        ("total", "2024-07-01", "2025-05-31", "fiscal", "PAK", 236.0, None, "SBP", "arab", "goods and services"),
        ("total", "2023-07-01", "2024-05-31", "fiscal", "PAK", 1040.0, None, "SBP", "arab", "goods and services"),
        ("total", "2023-07-01", "2024-05-31", "fiscal", "PAK", 700.0, None, "Pakistan MoC", "moc"),
    ])
    check = series.window_growth(frame, "total", ("2024-07-01", "2025-05-31"), ("2023-07-01", "2024-05-31"))
    assert len(check) == 1 and check.iloc[0]["earlier_value"] == 1040.0
    assert round(check.iloc[0]["growth_pct"], 1) == -77.3
    only_goods_before = frame.drop(index=1)
    assert series.window_growth(only_goods_before, "total", ("2024-07-01", "2025-05-31"),
                               ("2023-07-01", "2024-05-31")).empty


def test_annual_series_hold_goods_only_and_read_imts_as_the_imf_series() -> None:
    frame = obs([
        ("total", "2022-07-01", "2023-06-30", "fiscal", "PAK", 920.0, None, "Pakistan MoC", "moc"),
        ("total", "2023-07-01", "2024-06-30", "fiscal", "PAK", 1810.0, None, "SBP", "arab", "goods and services"),
        ("exports", "2020-01-01", "2020-12-31", "calendar", "PAK", 146.2, None, "IMF DOTS", "dots"),
        ("exports", "2021-01-01", "2021-12-31", "calendar", "PAK", 175.0, None, "IMF IMTS", "imts"),
    ])
    fiscal = series.annual(frame, "fiscal", 2000, 2030)
    assert list(fiscal["value"]) == [920.0]
    cal = series.annual(frame, "calendar", 2000, 2030)
    assert set(cal["series"]) == {"IMF DOTS"} and list(cal["dataset"]) == ["IMF DOTS", "IMF IMTS"]
    assert series.series_break(cal) == "IMF DOTS 2020–2020, then IMF IMTS 2021–2021"
    assert series.series_break(cal[cal["dataset"] == "IMF DOTS"]) == ""


def test_window_growth_recomputes_the_ministers_statement() -> None:
    frame = obs([
        ("total", "2022-07-01", "2023-05-31", "fiscal", "PAK", 760.5, None, "Pakistan official", "qamar"),
        ("total", "2021-07-01", "2022-05-31", "fiscal", "PAK", 567.5, None, "Pakistan official", "qamar"),
    ])
    check = series.window_growth(frame, "total", ("2022-07-01", "2023-05-31"), ("2021-07-01", "2022-05-31"))
    assert round(check.iloc[0]["growth_pct"], 1) == 34.0


def test_compress_years_and_gaps() -> None:
    assert periods.compress_years([1992, 1993, 1994, 1999]) == "1992–1994, 1999"
    assert periods.compress_years([2021, 2022], fiscal=True) == "FY2020-21–FY2021-22"
    assert periods.gaps([2019, 2021], 2019, 2022) == [2020, 2022]


def test_mirror_wide_puts_both_records_of_a_year_on_one_row() -> None:
    frame = obs([
        ("exports", "2019-01-01", "2019-12-31", "calendar", "PAK", 100.0, None, "IMF DOTS", "pk"),
        ("exports", "2019-01-01", "2019-12-31", "calendar", "RUS", 250.0, None, "IMF DOTS", "ru"),
        ("imports", "2019-01-01", "2019-12-31", "calendar", "PAK", 200.0, None, "IMF DOTS", "pk"),
        ("imports", "2019-01-01", "2019-12-31", "calendar", "RUS", 150.0, None, "IMF DOTS", "ru"),
    ])
    wide = series.mirror_wide(series.mirror_gap(frame, "IMF DOTS"))
    row = wide.iloc[0]
    assert row["year"] == 2019 and row["PK→RU gap %"] == pytest.approx(150.0)
    assert row["RU→PK gap %"] == pytest.approx(-25.0)


def test_most_recent_names_its_window_and_coverage() -> None:
    frame = obs([
        ("total", "2022-07-01", "2023-06-30", "fiscal", "PAK", 920.0, None, "Pakistan MoC", "moc"),
        ("total", "2023-07-01", "2024-06-30", "fiscal", "PAK", 1810.0, None, "SBP", "arab", "goods and services"),
        ("total", "2024-07-01", "2025-05-31", "fiscal", "PAK", 236.0, None, "SBP", "arab", "goods and services"),
    ])
    last = recent.most_recent(frame)
    assert last["value"] == 236.0
    assert last["what"] == "Jul 2024–May 2025 (FY2024-25), 11 months, goods and services"


def test_averages_compare_three_years_at_each_end_not_single_years() -> None:
    values = pd.Series([100.0, 110.0, 120.0, 300.0, 310.0, 320.0], index=range(2010, 2016))
    head, tail = series.averages(values)
    assert (head.mean(), tail.mean()) == (110.0, 310.0)
    # from 2011 to 2014 (the middle years), 110 -> 310 is 41.2% a year
    assert series.average_growth_pct(head, tail) == pytest.approx(((310 / 110) ** (1 / 3) - 1) * 100)
    assert series.averages(values.head(5)) is None


def test_mirror_ratio_is_pooled_and_balance_signs_follow_each_record() -> None:
    frame = obs([
        ("exports", "2019-01-01", "2019-12-31", "calendar", "PAK", 100.0),
        ("imports", "2019-01-01", "2019-12-31", "calendar", "PAK", 300.0),
        ("exports", "2019-01-01", "2019-12-31", "calendar", "RUS", 250.0),
        ("imports", "2019-01-01", "2019-12-31", "calendar", "RUS", 200.0),
        ("exports", "2020-01-01", "2020-12-31", "calendar", "PAK", 300.0),
        ("exports", "2020-01-01", "2020-12-31", "calendar", "RUS", 350.0),
    ])
    gap = series.mirror_gap(frame, "IMF DOTS")
    assert series.mirror_ratio(gap) == pytest.approx(600 / 400)  # the sums, not the mean of 2.5 and 1.17
    signs = series.balance_signs(frame, "IMF DOTS", 2000, 2030).set_index("reporter")["balance"]
    assert signs["PAK"] == -200.0 and signs["RUS"] == 50.0  # 2020 lacks imports: no balance
    assert math.isnan(series.mirror_ratio(gap.iloc[:0]))
