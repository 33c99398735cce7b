"""Trade importers (IMF DOTS, UN Comtrade, Open Trade Statistics) and the trade data built from them."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from pakru.intake.publishers.comtrade import reader as comtrade
from pakru.intake.publishers.imf import dots_reader as imf_dots
from pakru.intake.publishers.ots import reader as ots

DOTS_PAK = "imf_dots_xlsx_pak_reporter_trade_with_russia_1960-2020_samleblanc.csv"
DOTS_RUS = "imf_dots_xlsx_rus_reporter_trade_with_pakistan_1992-2020_samleblanc.csv"
CT_EXPORTS = "comtrade_plus_reporter_exports_pak_rus_2014-2021_garrettspooner.csv"
CT_IMPORTS = "comtrade_plus_reporter_imports_pak_rus_2021_westonslayton.csv"
CT_LEGACY = "comtrade_legacy_api_rus_exports_to_pak_hs2_2019-2020_cappmait.csv"
OTS = "ots_tradestatistics_pak_rus_by_community_1992-2018_jbkunst.csv"


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)


def _trade_csv(project_root: Path, name: str) -> pd.DataFrame:
    # Read the CSV directly (not through pakru.data.datasets.load) so the check does not depend on the
    # source registry being merged; the schema checks run in `pakru check`.
    return pd.read_csv(project_root / "data" / "trade" / name, dtype={"product_code": str})


# --- IMF DOTS ------------------------------------------------------------------------------


def test_dots_reader_keeps_reporter_and_direction(source_extracts: Path) -> None:
    frame = imf_dots.read_dots_report(source_extracts / DOTS_PAK, partner="Russian Federation")
    assert set(frame["reporter"]) == {"Pakistan"}
    assert set(frame["reporter_code"]) == {"PAK"}
    assert set(frame["direction"]) == {"exports", "imports"}
    exports_2019 = frame[(frame["direction"] == "exports") & (frame["year"] == 2019)]
    assert len(exports_2019) == 1
    assert exports_2019["value"].iloc[0] == 144.13692399999999
    assert exports_2019["valuation"].iloc[0] == "FOB"
    imports_2020 = frame[(frame["direction"] == "imports") & (frame["year"] == 2020)]
    assert imports_2020["value"].iloc[0] == 616.19994299999996
    assert imports_2020["valuation"].iloc[0] == "CIF"


def test_dots_partner_filter_keeps_ussr_apart(source_extracts: Path) -> None:
    everything = imf_dots.read_dots_report(source_extracts / DOTS_PAK)
    assert set(everything["partner"]) == {"Russian Federation", "USSR"}
    russia = imf_dots.read_dots_report(source_extracts / DOTS_PAK, partner="Russian Federation")
    # Russian Federation rows run 1992-2020 (29 years, both sheets); the USSR ends in 1992.
    assert sorted(russia["year"].unique()) == list(range(1992, 2021))
    assert len(russia) == 58
    ussr_1992 = everything[(everything["partner"] == "USSR") & (everything["year"] == 1992)
                           & (everything["direction"] == "exports")]
    assert ussr_1992["value"].iloc[0] == 4.7895730508156609
    assert 4.7895730508156609 not in set(russia["value"])


def test_dots_russia_reported_flows_are_mirrored_to_pakistan_view(source_extracts: Path) -> None:
    frame = imf_dots.with_bilateral_flow(imf_dots.read_dots_report(source_extracts / DOTS_RUS, partner="Pakistan"))
    assert set(frame["reporter_code"]) == {"RUS"}
    row = frame[(frame["year"] == 2012) & (frame["direction"] == "imports")].iloc[0]
    # Russia's imports from Pakistan in 2012 = Pakistan's exports, Russia-reported (mirror).
    assert row["flow"] == "exports"
    assert row["value"] == 332.20014700000002
    row = frame[(frame["year"] == 2020) & (frame["direction"] == "exports")].iloc[0]
    assert row["flow"] == "imports"
    assert row["value"] == 582.25934099999995


def test_bilateral_flow_mapping() -> None:
    assert imf_dots.bilateral_flow("PAK", "exports") == "exports"
    assert imf_dots.bilateral_flow("PAK", "imports") == "imports"
    assert imf_dots.bilateral_flow("RUS", "exports") == "imports"
    assert imf_dots.bilateral_flow("RUS", "imports") == "exports"
    with pytest.raises(ValueError):
        imf_dots.bilateral_flow("RUS", "total")


def test_dots_reader_reads_estimate_suffix(tmp_path: Path) -> None:
    # DOTS writes its own estimates as text with a trailing " e"; the layout is the report's.
    path = tmp_path / "dots.csv"
    path.write_text(
        "source_file,sheet,table_title,reporter,unit,partner,2019,2020\n"
        'X.xlsx,"Exports, FOB","Exports, FOB to Partner Countries",Pakistan,"US Dollars, Millions",Nowhere,27.81 e,\n',
        encoding="utf-8",
    )
    frame = imf_dots.read_dots_report(path)
    assert len(frame) == 1  # the empty 2020 cell is no data, not zero
    assert frame["value"].iloc[0] == 27.81
    assert bool(frame["estimated"].iloc[0]) is True
    assert frame["reporter_code"].iloc[0] == "PAK"


def test_dots_reader_rejects_unknown_sheet(tmp_path: Path) -> None:
    path = tmp_path / "dots.csv"
    path.write_text("source_file,sheet,table_title,reporter,unit,partner,2019\nX,Balance,T,Pakistan,U,P,1\n",
                    encoding="utf-8")
    with pytest.raises(ValueError, match="sheet"):
        imf_dots.read_dots_report(path)


# --- UN Comtrade ---------------------------------------------------------------------------


def test_comtrade_plus_reader_reads_reporter_exports(source_extracts: Path) -> None:
    frame = comtrade.read_comtrade_plus_totals(source_extracts / CT_EXPORTS, "exports")
    assert sorted(frame["year"].unique()) == list(range(2014, 2022))
    rus_2021 = frame[(frame["year"] == 2021) & (frame["reporter_code"] == "RUS")].iloc[0]
    assert rus_2021["value_usd"] == 343428602.58
    assert rus_2021["partner_code"] == "PAK"
    assert rus_2021["trade_flow"] == "exports"
    pak_2014 = frame[(frame["year"] == 2014) & (frame["reporter_code"] == "PAK")].iloc[0]
    assert pak_2014["value_usd"] == 187633130


def test_comtrade_plus_reader_reads_2021_imports(source_extracts: Path) -> None:
    frame = comtrade.read_comtrade_plus_totals(source_extracts / CT_IMPORTS, "imports")
    assert len(frame) == 2
    pak = frame[frame["reporter_code"] == "PAK"].iloc[0]
    assert pak["value_usd"] == 537481106.649
    assert pak["trade_flow"] == "imports"


def test_comtrade_plus_reader_requires_a_flow(source_extracts: Path) -> None:
    with pytest.raises(ValueError):
        comtrade.read_comtrade_plus_totals(source_extracts / CT_IMPORTS, "total")  # type: ignore[arg-type]


def test_comtrade_legacy_reader_keeps_hs_chapter_codes(source_extracts: Path) -> None:
    frame = comtrade.read_legacy_api(source_extracts / CT_LEGACY)
    assert frame.groupby("year").size().to_dict() == {2019: 45, 2020: 47}
    assert set(frame["reporter_code"]) == {"RUS"} and set(frame["partner_code"]) == {"PAK"}
    assert set(frame["trade_flow"]) == {"exports"}
    assert "07" in set(frame["cmd_code"])  # leading zero kept
    cereals_2020 = frame[(frame["year"] == 2020) & (frame["cmd_code"] == "10")].iloc[0]
    assert cereals_2020["value_usd"] == 279359450
    assert cereals_2020["cmd_desc"] == "Cereals"
    # The chapters add up to Comtrade's 2019 total (168,960,735.64 USD) within chapter rounding.
    assert abs(frame.loc[frame["year"] == 2019, "value_usd"].sum() - 168960735.64) < 100


# --- Open Trade Statistics -----------------------------------------------------------------


def test_ots_reader_splits_directions(source_extracts: Path) -> None:
    frame = ots.read_ots_communities(source_extracts / OTS)
    assert len(frame) == 2 * 486
    assert 1994 not in set(frame["year"])
    textiles_1992 = frame[(frame["year"] == 1992) & (frame["community"] == "Textiles")]
    by_flow = dict(zip(textiles_1992["trade_flow"], textiles_1992["value_usd"]))
    assert by_flow == {"exports": 23066066, "imports": 4616589}
    assert set(frame["reporter_iso"]) == {"PAK"} and set(frame["partner_iso"]) == {"RUS"}


def test_ots_reader_can_drop_zero_rows(source_extracts: Path) -> None:
    frame = ots.read_ots_communities(source_extracts / OTS, drop_zero=True)
    assert (frame["value_usd"] > 0).all()
    weapons_1992 = frame[(frame["year"] == 1992) & (frame["community"] == "Weapons")]
    assert list(weapons_1992["trade_flow"]) == ["imports"]  # the 0 export row is gone


# --- data/trade cross-checks ---------------------------------------------------------------


def test_observations_dots_rows_equal_the_extracts(source_extracts: Path, project_root: Path) -> None:
    data = _trade_csv(project_root, "observations.csv")
    dots = data[data["series"] == "IMF DOTS"]
    expected = {}
    for name, partner in ((DOTS_PAK, "Russian Federation"), (DOTS_RUS, "Pakistan")):
        frame = imf_dots.with_bilateral_flow(imf_dots.read_dots_report(source_extracts / name, partner=partner))
        for row in frame.itertuples():
            if 1992 <= row.year <= 2020:
                expected[(row.reporter_code, row.flow, f"{row.year}-01-01")] = row.value
    assert len(expected) == 116
    got = {(r.reporter, r.flow, r.period_start): r.value for r in dots.itertuples()}
    assert got.keys() == expected.keys()
    for key, value in expected.items():
        assert _close(got[key], value), key
    assert set(dots["basis"]) == {"calendar"}
    assert set(dots["source_id"]) == {"trd-imf-dots-pak", "trd-imf-dots-rus"}


def test_observations_comtrade_rows_equal_the_extracts(source_extracts: Path, project_root: Path) -> None:
    data = _trade_csv(project_root, "observations.csv")
    rows = data[data["series"] == "UN Comtrade"]
    expected = {}
    for name, trade_flow in ((CT_EXPORTS, "exports"), (CT_IMPORTS, "imports")):
        for row in comtrade.read_comtrade_plus_totals(source_extracts / name, trade_flow).itertuples():
            flow = imf_dots.bilateral_flow(row.reporter_code, trade_flow)
            expected[(row.reporter_code, flow, f"{row.year}-01-01")] = row.value_usd / 1e6
    assert len(expected) == 18
    got = {(r.reporter, r.flow, r.period_start): r.value for r in rows.itertuples()}
    assert got.keys() == expected.keys()
    for key, value in expected.items():
        assert _close(got[key], value), key
    # the known number from the brief, in USD million
    assert _close(got[("RUS", "imports", "2021-01-01")], 343.42860258)


def test_composition_hs2_rows_equal_the_extract(source_extracts: Path, project_root: Path) -> None:
    data = _trade_csv(project_root, "composition.csv")
    hs2 = data[data["classification"] == "HS2"]
    frame = comtrade.read_legacy_api(source_extracts / CT_LEGACY)
    expected = {(f"{r.year}-01-01", r.cmd_code): r.value_usd / 1e6 for r in frame.itertuples()}
    got = {(r.period_start, r.product_code): r.value for r in hs2.itertuples()}
    assert got.keys() == expected.keys()
    for key, value in expected.items():
        assert _close(got[key], value), key
    assert set(hs2["reporter"]) == {"RUS"} and set(hs2["flow"]) == {"imports"}


def test_composition_ots_rows_equal_the_extract(source_extracts: Path, project_root: Path) -> None:
    data = _trade_csv(project_root, "composition.csv")
    rows = data[data["classification"] == "OTS group"]
    frame = ots.read_ots_communities(source_extracts / OTS, drop_zero=True)
    expected = {(f"{r.year}-01-01", r.trade_flow, r.community): r.value_usd / 1e6 for r in frame.itertuples()}
    got = {(r.period_start, r.flow, r.product): r.value for r in rows.itertuples()}
    assert got.keys() == expected.keys()
    for key, value in expected.items():
        assert _close(got[key], value), key


def test_observations_keep_the_checked_fiscal_windows(project_root: Path) -> None:
    data = _trade_csv(project_root, "observations.csv")
    def value(flow: str, start: str, end: str, source_id: str) -> float:
        hit = data[(data["flow"] == flow) & (data["period_start"] == start) & (data["period_end"] == end)
                   & (data["source_id"] == source_id)]
        assert len(hit) == 1, (flow, start, end, source_id)
        return float(hit["value"].iloc[0])
    assert value("total", "2022-07-01", "2023-05-31", "trd-ppr-2023-qamar-ria") == 760.5
    assert value("total", "2021-07-01", "2022-05-31", "trd-ppr-2023-qamar-ria") == 567.5
    # both sides of the FY2022-23 conflict are kept
    assert value("total", "2022-07-01", "2023-06-30", "trd-app-2023-10-12-moc") == 920
    assert value("total", "2022-07-01", "2023-06-30", "trd-nation-2024-03-07-fpcci") == 666.85
