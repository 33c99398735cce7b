"""Importers for the payments domain (IMF COFER, SWIFT RMB Tracker) and the rows built from them.

The data rows are read straight from ``data/payments/currency_shares.csv`` with pandas (not the
validating loader) so that these tests check the numbers themselves; ``pakru check`` checks
the schema and the source registry.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pakru.intake.publishers.imf.cofer_reader import cofer_shares, parse_series_code, read_cofer
from pakru.intake.publishers.swift.reader import (
    read_cisembayer_currency_table, read_cisembayer_tracker, read_rmb_tracker, read_transcription)

COFER = "imf_cofer_world_shares.csv"
TRANSCRIPTION = "swift_rmb_tracker_monthly_2022-09_2025-06.csv"
CIS_CLEAN = "swift_rmb_tracker_2025-07_2025-10_cisembayer_clean.csv"
CIS_TABLE = "swift_currency_shares_reports_2025-08_2025-11_cisembayer.csv"

# The SWIFT source ids whose rows come from the extracts (news-reported months do not).
SWIFT_EXTRACT_SOURCES = {"pay-swift-rmb-tracker", "pay-swift-rmb-tracker-cisembayer"}


@pytest.fixture
def shares(project_root: Path) -> pd.DataFrame:
    frame = pd.read_csv(project_root / "data" / "payments" / "currency_shares.csv", dtype=str,
                        keep_default_na=False)
    frame["share_pct"] = frame["share_pct"].astype(float)
    frame["break"] = frame["break"].eq("true")
    return frame


def _month(frame: pd.DataFrame, ym: str) -> pd.DataFrame:
    return frame[frame["period_start"] == pd.Timestamp(f"{ym}-01")]


# ---------------------------------------------------------------- IMF COFER


def test_series_code_is_split_into_currency_measure_and_frequency() -> None:
    parts = parse_series_code("G001.AFXRA.CI_CNY.SHRO_PT.Q")
    assert parts == {"area": "G001", "indicator": "AFXRA", "currency": "CNY",
                     "measure": "SHRO_PT", "frequency": "quarter"}
    assert parse_series_code("G001.UFXRA.CI_T.SHRO_PT.A")["currency"] == "ALL"
    assert parse_series_code("G001.AFXRA.CI_OTHC.SHRO_PT.Q")["currency"] == "OTHER"
    with pytest.raises(ValueError):
        parse_series_code("PAK.TXG_FOB_USD.RUS")


def test_cofer_reader_turns_period_columns_into_rows(source_extracts: Path) -> None:
    frame = read_cofer(source_extracts / COFER)
    usd = frame[(frame["series_code"] == "G001.AFXRA.CI_USD.SHRO_PT.Q") & (frame["period"] == "2022-Q1")]
    assert len(usd) == 1
    row = usd.iloc[0]
    assert row["period_start"] == pd.Timestamp("2022-01-01")
    assert row["period_end"] == pd.Timestamp("2022-03-31")
    assert row["value"] == pytest.approx(58.968, abs=1e-3)
    # a quarterly series never picks up values from the annual columns, and vice versa
    assert set(frame.loc[frame["series_code"].str.endswith(".Q"), "frequency"]) == {"quarter"}
    assert set(frame.loc[frame["series_code"].str.endswith(".A"), "frequency"]) == {"year"}


def test_cofer_renminbi_share_starts_in_2016q4_and_peaks_at_2_84_in_2022q1(source_extracts: Path) -> None:
    cny = cofer_shares(source_extracts / COFER, currencies=("CNY",))
    assert cny["period_start"].min() == pd.Timestamp("2016-10-01")  # IMF added the renminbi then
    assert cny["share_pct"].iloc[0] == pytest.approx(1.08, abs=0.005)
    peak = cny.loc[cny["share_pct"].idxmax()]
    assert peak["period_start"] == pd.Timestamp("2022-01-01")
    assert round(peak["share_pct"], 2) == 2.84


def test_cofer_shares_are_of_allocated_reserves_not_the_unallocated_part(source_extracts: Path) -> None:
    usd = cofer_shares(source_extracts / COFER, currencies=("USD",))
    assert set(usd["series_code"]) == {"G001.AFXRA.CI_USD.SHRO_PT.Q"}
    assert usd["period_start"].min() == pd.Timestamp("1999-01-01")
    assert round(usd.set_index("period_start").loc[pd.Timestamp("2024-10-01"), "share_pct"], 2) == 57.79


# ---------------------------------------------------------------- SWIFT RMB Tracker


def test_transcription_gives_data_months_with_rank(source_extracts: Path) -> None:
    frame = read_transcription(source_extracts / TRANSCRIPTION)
    july = _month(frame, "2024-07")
    cny = july[(july["series"] == "swift_global") & (july["currency"] == "CNY")].iloc[0]
    assert cny["share_pct"] == 4.74 and cny["rank"] == 4
    assert cny["source_file"].endswith("rmb-tracker_august-2024.pdf")  # the August report holds July
    assert cny["period_end"] == pd.Timestamp("2024-07-31")
    ex_ez = july[(july["series"] == "swift_ex_ez")].iloc[0]
    assert ex_ez["share_pct"] == 3.32 and ex_ez["rank"] == 5
    usd = july[july["currency"] == "USD"].iloc[0]
    assert usd["share_pct"] == 47.81 and usd["series"] == "swift_global"
    # 34 months x (CNY global, CNY ex-euro-area, USD, EUR)
    assert len(frame) == 34 * 4


def test_currency_table_is_moved_back_from_report_month_to_data_month(source_extracts: Path) -> None:
    frame = read_cisembayer_currency_table(source_extracts / CIS_TABLE)
    # the August 2025 report (date 2025-08-01) describes July 2025
    usd = frame[frame["currency"] == "USD"].set_index("period_start")["share_pct"]
    assert usd[pd.Timestamp("2025-07-01")] == 47.94
    assert pd.Timestamp("2025-11-01") not in usd.index
    # the project's own derived columns are not read as currencies
    assert not {"R5_proxy", "HHI_month", "quarter"} & set(frame["currency"])


def test_both_cisembayer_files_agree_on_the_yuan_share(source_extracts: Path) -> None:
    clean = read_cisembayer_tracker(source_extracts / CIS_CLEAN)
    table = read_cisembayer_currency_table(source_extracts / CIS_TABLE)
    a = clean[(clean["series"] == "swift_global")].set_index("period_start")["share_pct"]
    b = table[table["currency"] == "CNY"].set_index("period_start")["share_pct"]
    assert list(a.index) == list(b.index)
    assert (a == b).all()
    assert a[pd.Timestamp("2025-09-01")] == 3.17


def test_reader_is_chosen_from_the_header(source_extracts: Path, tmp_path: Path) -> None:
    assert len(read_rmb_tracker(source_extracts / TRANSCRIPTION)) == 136
    assert set(read_rmb_tracker(source_extracts / CIS_CLEAN)["series"]) == {"swift_global", "swift_ex_ez"}
    other = tmp_path / "other.csv"
    other.write_text("year,value\n2024,1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no known RMB Tracker"):
        read_rmb_tracker(other)


# ---------------------------------------------------------------- data/payments/currency_shares.csv


def test_swift_yuan_share_is_highest_in_july_2024(shares: pd.DataFrame) -> None:
    cny = shares[(shares["series"] == "swift_global") & (shares["currency"] == "CNY")]
    peak = cny.loc[cny["share_pct"].idxmax()]
    assert (peak["period_start"], peak["share_pct"]) == ("2024-07-01", 4.74)


def test_cofer_yuan_share_in_data_peaks_in_2022q1(shares: pd.DataFrame) -> None:
    cny = shares[(shares["series"] == "imf_cofer") & (shares["currency"] == "CNY")]
    peak = cny.loc[cny["share_pct"].idxmax()]
    assert peak["period_start"] == "2022-01-01" and peak["period_end"] == "2022-03-31"
    assert round(peak["share_pct"], 2) == 2.84


def test_swift_breaks_are_flagged_at_scope_change_and_july_2023(shares: pd.DataFrame) -> None:
    swift = shares[shares["series"].str.startswith("swift")]
    flagged = set(swift.loc[swift["break"], "period_start"])
    assert flagged == {"2023-03-01", "2023-07-01"}
    # every SWIFT row of those months carries the flag and says why
    for start in flagged:
        month_rows = swift[swift["period_start"] == start]
        assert month_rows["break"].all() and (month_rows["break_note"] != "").all()


def _importer_swift(source_extracts: Path) -> pd.DataFrame:
    frames = [
        read_rmb_tracker(source_extracts / TRANSCRIPTION),
        read_rmb_tracker(source_extracts / CIS_CLEAN),
        # the table's CNY column repeats the clean file; only USD and EUR are taken from it
        read_rmb_tracker(source_extracts / CIS_TABLE).query("currency in ['USD', 'EUR']"),
    ]
    out = pd.concat(frames, ignore_index=True)
    out["period_start"] = out["period_start"].dt.strftime("%Y-%m-%d")
    return out.set_index(["series", "currency", "period_start"])["share_pct"]


def test_swift_rows_in_data_equal_the_importer(shares: pd.DataFrame, source_extracts: Path) -> None:
    """Every value the extracts give is in data/ as given: under the extract's own source, or (October
    2025, re-sourced to a press report of SWIFT's figures) under a better one with the same value."""
    expected = _importer_swift(source_extracts)
    rows = shares[shares["series"].isin(["swift_global", "swift_ex_ez"])]
    got = rows.set_index(["series", "currency", "period_start"])["share_pct"]
    got = got[~got.index.duplicated()]
    assert set(expected.index) <= set(got.index), "SWIFT rows missing from data"
    diff = (got.loc[expected.index] - expected).abs()
    assert diff.max() < 1e-9, diff[diff >= 1e-9]
    own = rows[rows["source_id"].isin(SWIFT_EXTRACT_SOURCES)].set_index(["series", "currency", "period_start"])
    assert set(own.index) <= set(expected.index), "a row credited to the extracts that they do not hold"


def test_cofer_rows_in_data_equal_the_importer(shares: pd.DataFrame, source_extracts: Path) -> None:
    expected = cofer_shares(source_extracts / COFER, currencies=("USD", "EUR", "CNY"))
    expected["period_start"] = expected["period_start"].dt.strftime("%Y-%m-%d")
    expected = expected.set_index(["currency", "period_start"])["share_pct"].round(4)
    rows = shares[shares["series"] == "imf_cofer"]
    assert set(rows["source_id"]) == {"pay-imf-cofer"}
    got = rows.set_index(["currency", "period_start"])["share_pct"]
    assert sorted(got.index) == sorted(expected.index)
    diff = (got - expected.loc[got.index]).abs()
    assert diff.max() < 1e-9, diff[diff >= 1e-9]
