"""State Bank of Pakistan country workbooks: the header read by its labels, the values, the import
and the update (served from 127.0.0.1), and the figures data/ holds from them."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, UTC
from pathlib import Path

import pandas as pd
import pytest
from pytest_httpserver import HTTPServer

from fixtures.cli import run as pakru
from data_files import digest, rows
from pakru.errors import DataError
from pakru.intake.publishers.sbp import source as sbp_source
from pakru.intake.extract import Extract
from pakru.intake.publisher import ImportOptions
from pakru.intake.registry import KINDS
from pakru.intake.plan import describe_plan, plan_import
from pakru.intake.provenance import origin_of_file
from pakru.intake.publishers.sbp import reader as sbp
from pakru.intake.publishers.sbp.rows import SBP_SERIES, sbp_rows
from pakru.data.datasets import validate_rows
from pakru.data.schema import TRADE_OBSERVATIONS

EXPORTS = "sbp_export_receipts_by_all_countries_2026-03_farrukhmasud.xls"
IMPORTS = "sbp_import_payments_by_all_countries_2026-03_farrukhmasud.xlsx"
LABELS = ["Jul-Jun FY24", "Jul-Jun FY25 (R)", "Mar (R) FY25", "Feb (R) FY26", "Mar (P) FY26", "Jul-Mar FY25 (R)",
          "Jul-Mar FY26 (P)"]


@pytest.fixture(scope="session")
def httpserver_listen_address() -> tuple[str, int]:
    return ("127.0.0.1", 0)


def _russia(values: tuple[sbp.Value, ...]) -> dict[str, sbp.Value]:
    return {v.column.label: v for v in values if v.line == "Russian Federation"}


SBP_SOURCES = {"trd-sbp-export-receipts", "trd-sbp-import-payments"}


def _without_sbp(root: Path) -> None:
    """The project as it was before the SBP workbooks were imported (their rows and sources gone)."""
    for name in ("trade/observations.csv", "trade/pakistan_totals.csv", "sources.csv", "raw/imports.csv"):
        path = root / "data" / name
        lines = path.read_bytes().splitlines(keepends=True)
        path.write_bytes(b"".join(ln for ln in lines if not any(s.encode() in ln for s in SBP_SOURCES)))


# --- the reader, on the real workbooks ------------------------------------------------------------


def test_export_workbook_gives_every_column_of_the_russia_row_and_line_one(source_extracts: Path) -> None:
    values = sbp.read_workbook(source_extracts / EXPORTS).values
    russia = _russia(values)
    assert list(russia) == LABELS
    assert {v.flow for v in values} == {"exports"}
    # stored as 78904.47970000003 in the .xls: the float noise goes, the workbook's digits stay
    assert russia["Jul-Jun FY24"].text == "78904.4797"
    assert russia["Jul-Jun FY25 (R)"].text == "68996.9525"
    assert russia["Jul-Mar FY26 (P)"].text == "35853.9389"
    assert russia["Jul-Jun FY24"].cell == "B158"
    fy25 = russia["Jul-Jun FY25 (R)"].column
    assert (fy25.period, fy25.start.isoformat(), fy25.end.isoformat(), fy25.status) == (
        "year", "2024-07-01", "2025-06-30", "revised")
    march = russia["Mar (P) FY26"].column
    assert (march.period, march.start.isoformat(), march.end.isoformat(), march.status) == (
        "month", "2026-03-01", "2026-03-31", "provisional")
    window = russia["Jul-Mar FY26 (P)"].column
    assert (window.period, window.start.isoformat(), window.end.isoformat(), window.status) == (
        "window", "2025-07-01", "2026-03-31", "provisional")
    totals = {v.column.label: v.text for v in values if v.line.startswith("I. ")}
    assert totals["Jul-Jun FY24"] == "30705328.1012"
    assert len(totals) == 7


def test_import_workbook_values(source_extracts: Path) -> None:
    values = sbp.read_workbook(source_extracts / IMPORTS).values
    russia = _russia(values)
    assert {v.flow for v in values} == {"imports"}
    assert russia["Jul-Jun FY24"].text == "1020169.7983"
    assert russia["Jul-Jun FY25 (R)"].text == "174919.5354"
    assert russia["Feb (R) FY26"].text == "1049.337"
    totals = {v.column.label: v.text for v in values if v.line.startswith("I. ")}
    assert totals["Jul-Jun FY24"] == "53698569.53276"


@pytest.mark.parametrize(("value", "text"), [
    (78904.47970000003, "78904.4797"), (30705328.101199996, "30705328.1012"), (189.0, "189"), (0.0, "0"),
    (0, "0"), (1049.337, "1049.337"), (0.733, "0.733")])
def test_cell_text_keeps_fifteen_significant_digits(value: float, text: str) -> None:
    assert sbp.cell_text(value, "here") == text


# --- the header, by its labels (synthetic sheets in the real layout) -------------------------------


def _grid(top: list[object], bottom: list[object], russia: list[object] | None = None) -> list[list[object]]:
    width = len(top) + 1
    pad = [None] * (width - 1)
    cells = [
        ["Export Receipts by All Countries", *pad],
        ["STATE BANK OF PAKISTAN", *pad],
        ["(Thousand US Dollar)", *pad],
        ["Country", *top],
        [None, *bottom],
        ["Romania", *[1.0] * (width - 1)],
        ["Russian Federation", *(russia or [float(i + 1) for i in range(width - 1)])],
        ["I. Export Receipts through Banks", *[1000000.0] * (width - 1)],
    ]
    return cells


def test_columns_are_read_by_label_not_position() -> None:
    # the same columns in another order, flags in the other row, a label continued from the left
    grid = _grid(["Jul-Mar", "Mar", "Jul-Jun", None], ["FY26 (P)", "FY26 (P)", "FY25 (R)", "FY24"],
                 [35853.9389, 4622.007, 68996.9525, 78904.4797])
    values = {v.column.label: v for v in sbp.read_sheet(grid, "Exp Acount") if v.line == "Russian Federation"}
    assert list(values) == ["Jul-Mar FY26 (P)", "Mar FY26 (P)", "Jul-Jun FY25 (R)", "Jul-Jun FY24"]
    assert values["Jul-Jun FY24"].text == "78904.4797"
    assert values["Jul-Jun FY24"].column.status == ""  # the (R) of the cell to its left is not carried over
    assert (values["Jul-Jun FY24"].column.start.isoformat(), values["Jul-Jun FY24"].column.period) == (
        "2023-07-01", "year")
    assert values["Mar FY26 (P)"].column.status == "provisional"
    assert values["Jul-Mar FY26 (P)"].column.end.isoformat() == "2026-03-31"


def test_a_december_column_falls_in_the_first_calendar_year_of_its_fiscal_year() -> None:
    grid = _grid(["Dec (R)", "Jul-Dec"], ["FY26", "FY26"])
    cols = {v.column.label: v.column for v in sbp.read_sheet(grid, "S") if v.line == "Russian Federation"}
    assert (cols["Dec (R) FY26"].start.isoformat(), cols["Dec (R) FY26"].end.isoformat()) == ("2025-12-01",
                                                                                             "2025-12-31")
    assert cols["Jul-Dec FY26"].period == "window"


@pytest.mark.parametrize(("top", "bottom", "message"), [
    (["Jul-Jun", "Q3"], ["FY24", "FY26"], "sheet 'Exp Acount', cell C4: header label 'Q3' is not understood"),
    (["Jul-Jun", "Mar"], ["FY24", "2026"], "sheet 'Exp Acount', cell C5: header label '2026' is not understood"),
    (["Mar (R)", "Jul-Mar"], ["FY26 (P)", "FY26"], "cell B4: the column is marked both (R) and (P)"),
    (["Mar-Jul", "Mar"], ["FY26", "FY26"], "cell B4: 'Mar-Jul' runs backwards in the fiscal year"),
    ([None, "Mar"], ["FY26", "FY26"], "cell B4: blank header label with no label to its left"),
    (["Mar", "Mar"], ["FY26", "FY26"], "columns B and C both give Mar FY26"),
])
def test_a_header_label_not_understood_is_an_error_naming_the_cell(top: list[object], bottom: list[object],
                                                                   message: str) -> None:
    with pytest.raises(sbp.SbpLayoutError) as err:
        sbp.read_sheet(_grid(top, bottom), "Exp Acount")
    assert message in str(err.value)


def test_a_sheet_without_its_unit_or_its_russia_row_is_refused() -> None:
    grid = _grid(["Mar"], ["FY26"])
    no_unit = [list(r) for r in grid]
    no_unit[2][0] = None
    with pytest.raises(sbp.SbpLayoutError, match="the unit is unknown"):
        sbp.read_sheet(no_unit, "S")
    no_russia = [list(r) for r in grid]
    no_russia[6][0] = "Russia"
    with pytest.raises(sbp.SbpLayoutError, match="no row 'Russian Federation'"):
        sbp.read_sheet(no_russia, "S")
    text_cell = [list(r) for r in grid]
    text_cell[6][1] = "n.a."
    with pytest.raises(sbp.SbpLayoutError, match=r"cell B7: 'n.a.' is not a number"):
        sbp.read_sheet(text_cell, "S")


# --- rows for data/ ----------------------------------------------------------------------------------


def test_rows_are_usd_million_goods_pakistan_reported_with_status_and_basis(source_extracts: Path) -> None:
    extract = KINDS["sbp-country"].read(source_extracts / IMPORTS, ImportOptions())
    assert extract.source.source_id == "trd-sbp-import-payments"
    assert extract.source.published == "2026-04-15"  # the .xlsx's own saved date
    assert extract.source.kind == "statistical release"
    obs = {(r["period_start"], r["period_end"], r["basis"]): r for r in extract.rows["trade_observations"]}
    fy24 = obs[("2023-07-01", "2024-06-30", "fiscal")]
    assert (fy24["flow"], fy24["value"], fy24["qualifier"], fy24["coverage"], fy24["reporter"], fy24["unit"]) == (
        "imports", "1020.1697983", "", "goods", "PAK", "USD million")
    assert fy24["series"] == SBP_SERIES
    assert "barter" in fy24["note"] and "land-borne" in fy24["note"] and "not the Pakistan Bureau" in fy24["note"]
    assert obs[("2024-07-01", "2025-06-30", "fiscal")]["qualifier"] == "revised"
    assert obs[("2026-03-01", "2026-03-31", "month")]["qualifier"] == "provisional"
    assert obs[("2025-07-01", "2026-03-31", "fiscal")]["value"] == "17.8008921"
    totals = {(r["period_start"], r["period_end"]): r for r in extract.rows["pakistan_totals"]}
    assert totals[("2023-07-01", "2024-06-30")]["value"] == "53698.56953276"
    assert totals[("2023-07-01", "2024-06-30")]["compiler"] == "SBP"
    assert len(totals) == 7


def test_a_month_row_must_cover_one_calendar_month() -> None:
    row = {"flow": "exports", "period_start": "2026-02-01", "period_end": "2026-03-31", "basis": "month",
           "coverage": "goods", "reporter": "PAK", "value": "1", "qualifier": "", "unit": "USD million",
           "series": SBP_SERIES, "source_id": "x", "note": ""}
    with pytest.raises(DataError, match="is not one calendar month"):
        validate_rows(TRADE_OBSERVATIONS, [{"__row": "1", **row}], "t.csv", None)
    validate_rows(TRADE_OBSERVATIONS, [{"__row": "1", **row, "period_start": "2026-03-01"}], "t.csv", None)


def test_import_twice_then_a_revised_workbook_replaces_the_value_and_shows_old_to_new(
        tmp_project: Path, source_extracts: Path) -> None:
    _without_sbp(tmp_project)
    first = pakru(tmp_project, "import", "sbp-country", str(source_extracts / EXPORTS), "--published", "2026-04-15")
    assert first.returncode == 0, first.stderr
    assert "data/trade/observations.csv: 7 added, 0 changed" in first.stdout
    assert "data/trade/pakistan_totals.csv: 7 added, 0 changed" in first.stdout
    source = next(r for r in rows(tmp_project, "sources.csv") if r["source_id"] == "trd-sbp-export-receipts")
    assert (source["publisher"], source["published"], source["quality"], source["url"]) == (
        "State Bank of Pakistan", "2026-04-15", "primary",
        "https://www.sbp.org.pk/ecodata/Export_Receipts_by_all_Countries.xls")
    before = digest(tmp_project / "data")
    again = pakru(tmp_project, "import", "sbp-country", str(source_extracts / EXPORTS))
    assert again.returncode == 0, again.stderr
    assert "nothing to change (0 added, 0 changed)" in again.stdout
    assert digest(tmp_project / "data") == before

    # the next month's workbook: March 2026 revised from 4,622.007 to 4,650.1 thousand US$
    values = sbp.read_workbook(source_extracts / EXPORTS).values
    later = tuple(replace(v, text="4650.1", column=replace(v.column, status="revised"))
                  if v.line == "Russian Federation" and v.column.label == "Mar (P) FY26" else v for v in values)
    extract = Extract(sbp_source.source_for(sbp_source.WORKBOOKS[0]), sbp_rows(later, "trd-sbp-export-receipts"),
                      keep_existing=frozenset())
    origin = origin_of_file("sbp-country", source_extracts / EXPORTS, extract.source.url)
    plan = plan_import(tmp_project, ((extract, origin),))
    assert (plan.added, plan.changed) == (0, 1)
    text = "\n".join(describe_plan(plan, True, "later"))
    assert "value: 4.622007 → 4.6501" in text
    assert "qualifier: provisional → revised" in text


def test_a_file_that_is_not_a_workbook_exits_3(tmp_project: Path, source_extracts: Path) -> None:
    result = pakru(tmp_project, "import", "sbp-country",
                   str(source_extracts / "sbp_country_receipts_payments_russia_fy24-fy26_farrukhmasud.csv"))
    assert result.returncode == 3
    assert "is not a sbp-country file" in result.stderr
    assert "Traceback" not in result.stderr


# --- pakru update sbp --------------------------------------------------------------------------------


@pytest.mark.slow
def test_update_sbp_downloads_keeps_and_imports_both_workbooks_and_skips_a_missing_archive(
        tmp_project: Path, source_extracts: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    served = {"/ecodata/Export_Receipts_by_all_Countries.xls": (source_extracts / EXPORTS).read_bytes(),
              "/ecodata/Import-Payments-by-All-Countries.xlsx": (source_extracts / IMPORTS).read_bytes()}
    for path, body in served.items():
        httpserver.expect_request(path).respond_with_data(body, content_type="application/vnd.ms-excel")
    for book in sbp_source.WORKBOOKS:
        if book.archive:
            httpserver.expect_request(book.path).respond_with_data("not found", status=404)
    monkeypatch.setenv("PAKRU_SBP_URL", httpserver.url_for("/"))
    _without_sbp(tmp_project)
    result = pakru(tmp_project, "update", "sbp")
    assert result.returncode == 0, result.stderr
    assert "(HTTP 404); skipped" in result.stdout
    assert "sbp: 28 added, 0 changed" in result.stdout

    today = datetime.now(UTC).date().isoformat()
    raw = tmp_project / "data" / "raw" / "sbp" / today
    assert (raw / "Export_Receipts_by_all_Countries.xls").read_bytes() == served[
        "/ecodata/Export_Receipts_by_all_Countries.xls"]
    meta = json.loads((raw / "Import-Payments-by-All-Countries.xlsx.json").read_text(encoding="utf-8"))
    assert meta["url"] == httpserver.url_for("/ecodata/Import-Payments-by-All-Countries.xlsx")
    assert meta["status"] == 200
    obs = {(r["flow"], r["period_start"], r["period_end"]): r["value"]
           for r in rows(tmp_project, "trade/observations.csv") if r["series"] == SBP_SERIES}
    assert obs[("imports", "2023-07-01", "2024-06-30")] == "1020.1697983"
    assert obs[("exports", "2024-07-01", "2025-06-30")] == "68.9969525"
    log = [r for r in rows(tmp_project, "raw/imports.csv") if r["kind"] == "sbp-country"]
    assert {r["file"] for r in log} == {f"raw/sbp/{today}/Export_Receipts_by_all_Countries.xls",
                                         f"raw/sbp/{today}/Import-Payments-by-All-Countries.xlsx"}
    assert pakru(tmp_project, "check").returncode == 0

    again = pakru(tmp_project, "update", "sbp")
    assert again.returncode == 0, again.stderr
    assert "sbp: nothing to change (0 added, 0 changed)" in again.stdout


def test_update_sbp_fails_whole_when_a_current_workbook_is_missing(
        tmp_project: Path, source_extracts: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    httpserver.expect_request("/ecodata/Export_Receipts_by_all_Countries.xls").respond_with_data(
        (source_extracts / EXPORTS).read_bytes())
    httpserver.expect_request("/ecodata/Import-Payments-by-All-Countries.xlsx").respond_with_data("gone", status=404)
    monkeypatch.setenv("PAKRU_SBP_URL", httpserver.url_for("/"))
    before = digest(tmp_project / "data")
    result = pakru(tmp_project, "update", "sbp")
    assert result.returncode == 7
    assert "update sbp:" in result.stderr and "404" in result.stderr
    assert "Traceback" not in result.stderr
    assert digest(tmp_project / "data") == before


# --- what data/ holds ----------------------------------------------------------------------------------


def test_data_holds_the_sbp_figures_for_fy2023_24_and_fy2024_25(project_root: Path) -> None:
    obs = pd.read_csv(project_root / "data" / "trade" / "observations.csv")
    sbp_goods = obs[(obs["series"] == SBP_SERIES) & (obs["coverage"] == "goods") & (obs["reporter"] == "PAK")
                    & (obs["unit"] == "USD million")]

    def value(flow: str, start: str, end: str) -> float:
        hit = sbp_goods[(sbp_goods["flow"] == flow) & (sbp_goods["period_start"] == start)
                        & (sbp_goods["period_end"] == end) & (sbp_goods["basis"] == "fiscal")]
        assert len(hit) == 1, (flow, start, end)
        return float(hit["value"].iloc[0])

    assert round(value("imports", "2023-07-01", "2024-06-30"), 2) == 1020.17
    assert round(value("exports", "2024-07-01", "2025-06-30"), 2) == 69.00
    assert round(value("exports", "2023-07-01", "2024-06-30"), 2) == 78.90
    assert round(value("imports", "2024-07-01", "2025-06-30"), 2) == 174.92
    assert round(value("exports", "2025-07-01", "2026-03-31"), 2) == 35.85
    totals = pd.read_csv(project_root / "data" / "trade" / "pakistan_totals.csv")
    line_one = totals[totals["source_id"].isin(["trd-sbp-export-receipts", "trd-sbp-import-payments"])]
    assert len(line_one) == 14
    sources = pd.read_csv(project_root / "data" / "sources.csv").set_index("source_id")
    for sid in ("trd-sbp-export-receipts", "trd-sbp-import-payments"):
        assert sources.loc[sid, "publisher"] == "State Bank of Pakistan"
        assert sources.loc[sid, "published"] == "2026-04-15"
        assert "FarrukhMasud/pakistaneconomydashboard" in sources.loc[sid, "note"]
