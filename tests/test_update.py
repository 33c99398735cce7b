"""``pakru update``: the whole path from a publisher's API to data/, against a local server.

The server (pytest-httpserver on 127.0.0.1) serves the recorded answers in tests/recorded/ (see
the README there for where each format is documented; their numbers are made up). Every test
runs on a temporary copy of the project, so nothing reaches the real data/.
"""

from __future__ import annotations

from collections.abc import Iterator

import hashlib
import json
from datetime import datetime, UTC
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from api_server import COFER_PATH, IMTS_PATH, LOOPBACK, SDMX_CSV, local_only, no_waits
from fixtures.cli import run as pakru
from data_files import digest, rows
from pakru.intake.publishers.imf import sdmx as imf

RECORDED = Path(__file__).resolve().parent / "recorded"
# what pakru must send: the SDMX-CSV 2.0 media type and the annual form of the time filter
ACCEPT = "application/vnd.sdmx.data+csv;version=2.0.0"
TIME_FILTER = "ge:1992-A1"


@pytest.fixture(scope="session")
def httpserver_listen_address() -> tuple[str, int]:
    return LOOPBACK


@pytest.fixture(autouse=True)
def _no_backoff_and_no_key(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    local_only(monkeypatch)
    with no_waits():
        yield


def _status(root: Path) -> dict:
    return json.loads((root / "state" / "update-status.json").read_text(encoding="utf-8"))


def _serve_imf(server: HTTPServer, imts: bytes | None = None, cofer: bytes | None = None) -> None:
    query = {"attributes": "dsd", "measures": "all"}
    server.expect_request(IMTS_PATH, query_string={"c[TIME_PERIOD]": TIME_FILTER, **query},
                          headers={"Accept": ACCEPT}).respond_with_data(
        imts if imts is not None else (RECORDED / "imf" / "imts.csv").read_bytes(), content_type=SDMX_CSV)
    server.expect_request(COFER_PATH, query_string=query, headers={"Accept": ACCEPT}).respond_with_data(
        cofer if cofer is not None else (RECORDED / "imf" / "cofer.csv").read_bytes(), content_type=SDMX_CSV)


def _comtrade_handler(request: Request) -> Response:
    args = request.args
    periods = args.get("period", "").split(",")
    if args.get("reporterCode") == "586" and args.get("cmdCode") == "TOTAL" and "2023" in periods:
        name = "totals-pak.json"
    elif args.get("reporterCode") == "643" and args.get("cmdCode") == "AG2" and "2023" in periods:
        name = "chapters-rus.json"
    else:
        name = "empty.json"
    return Response((RECORDED / "comtrade" / name).read_bytes(), content_type="application/json")


def test_update_imf_merges_both_dataflows_keeps_raw_answers_and_records_provenance(
        tmp_project: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    _serve_imf(httpserver)
    monkeypatch.setenv("PAKRU_IMF_URL", httpserver.url_for("/"))
    result = pakru(tmp_project, "update", "imf")
    assert result.returncode == 0, result.stderr
    # the diff: five IMTS figures added (the empty 2024 cell is a gap, not a row), one COFER share
    # changed, one added, one found equal
    assert "data/trade/observations.csv: 5 added, 0 changed, 0 unchanged" in result.stdout
    assert "data/payments/currency_shares.csv: 1 added, 1 changed, 1 unchanged" in result.stdout
    assert "imf_cofer, USD, 2025-01-01, 2025-03-31, pay-imf-cofer: share_pct: 57.736 → 57.5" in result.stdout

    obs = [r for r in rows(tmp_project, "trade/observations.csv") if r["source_id"] == "trd-imf-imts"]
    got = {(r["reporter"], r["flow"], r["period_start"]): r["value"] for r in obs}
    # Russia's exports to Pakistan are Pakistan's imports; OBS_VALUE is whole US dollars whatever SCALE (6)
    # says, so 111,500,000 dollars are 111.5 USD million
    assert got == {("PAK", "exports", "2022-01-01"): "111.5", ("PAK", "exports", "2023-01-01"): "222.25",
                   ("PAK", "imports", "2023-01-01"): "333.125", ("RUS", "imports", "2023-01-01"): "444.5",
                   ("RUS", "exports", "2023-01-01"): "55.75"}
    assert {r["series"] for r in obs} == {"IMF IMTS"} and {r["basis"] for r in obs} == {"calendar"}
    # STATUS e: the IMF's estimate, never called a figure Russia reported
    estimates = {(r["reporter"], r["flow"]): r for r in obs if r["qualifier"] == "estimate"}
    assert set(estimates) == {("RUS", "imports"), ("RUS", "exports")}
    assert all("IMF estimate" in r["note"] and "Russia-reported" not in r["note"] for r in estimates.values())
    assert all(r["qualifier"] == "" and "Pakistan-reported" in r["note"] for r in obs if r["reporter"] == "PAK")
    shares = {(r["currency"], r["period_start"]): r for r in rows(tmp_project, "payments/currency_shares.csv")
              if r["series"] == "imf_cofer"}
    assert shares[("USD", "2025-04-01")]["share_pct"] == "56.25"
    assert shares[("USD", "2025-04-01")]["period_end"] == "2025-06-30"
    assert shares[("USD", "2025-01-01")]["share_pct"] == "57.5"

    today = datetime.now(UTC).date().isoformat()
    sources = {r["source_id"]: r for r in rows(tmp_project, "sources.csv")}
    assert sources["trd-imf-imts"]["publisher"] == "International Monetary Fund"
    assert sources["trd-imf-imts"]["accessed"] == today
    assert sources["pay-imf-cofer"]["accessed"] == today

    raw = tmp_project / "data" / "raw" / "imf" / today
    assert (raw / "imts.csv").read_bytes() == (RECORDED / "imf" / "imts.csv").read_bytes()  # unchanged
    meta = json.loads((raw / "imts.csv.json").read_text(encoding="utf-8"))
    assert meta["sha256"] == hashlib.sha256((RECORDED / "imf" / "imts.csv").read_bytes()).hexdigest()
    assert meta["url"].startswith(httpserver.url_for(IMTS_PATH))
    assert "c%5BTIME_PERIOD%5D=ge%3A1992-A1" in meta["url"]
    log = [r for r in rows(tmp_project, "raw/imports.csv") if r["kind"] == "imf-sdmx"]
    assert [(r["source_id"], r["kind"], r["file"], r["added"], r["changed"]) for r in log] == [
        ("trd-imf-imts", "imf-sdmx", f"raw/imf/{today}/imts.csv", "5", "0"),
        ("pay-imf-cofer", "imf-sdmx", f"raw/imf/{today}/cofer.csv", "1", "1")]
    assert log[0]["sha256"] == meta["sha256"]

    status = _status(tmp_project)["sources"]["imf"]
    assert status["ok"] is True and status["error"] is None and status["exit_code"] == 0
    assert status["last_success_utc"] == status["last_attempt_utc"]
    assert status["publisher"] == "International Monetary Fund"
    assert status["last_success"] == {"added": 6, "changed": 1, "datasets": {
        "trade/observations.csv": {"added": 5, "changed": 0},
        "payments/currency_shares.csv": {"added": 1, "changed": 1}}}
    assert pakru(tmp_project, "check").returncode == 0

    # a second run finds everything in place
    again = pakru(tmp_project, "update", "imf")
    assert again.returncode == 0, again.stderr
    assert "imf: nothing to change (0 added, 0 changed)" in again.stdout

    # a later failure is recorded beside the last success, which the report can still name
    succeeded = _status(tmp_project)["sources"]["imf"]["last_success_utc"]
    monkeypatch.setenv("PAKRU_IMF_URL", "http://127.0.0.1:9")
    assert pakru(tmp_project, "update", "imf").returncode == 7
    failed = _status(tmp_project)["sources"]["imf"]
    assert (failed["ok"], failed["last_success_utc"]) == (False, succeeded)
    assert failed["error"].startswith("update imf: cannot reach")


def test_update_retries_after_a_503(tmp_project: Path, httpserver: HTTPServer,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    httpserver.expect_ordered_request(IMTS_PATH).respond_with_data("busy", status=503)
    httpserver.expect_ordered_request(IMTS_PATH).respond_with_data(
        (RECORDED / "imf" / "imts.csv").read_bytes(), content_type=SDMX_CSV)
    httpserver.expect_ordered_request(COFER_PATH).respond_with_data(
        (RECORDED / "imf" / "cofer.csv").read_bytes(), content_type=SDMX_CSV)
    monkeypatch.setenv("PAKRU_IMF_URL", httpserver.url_for("/"))
    result = pakru(tmp_project, "update", "imf")
    assert result.returncode == 0, result.stderr
    assert [req.path for req, _ in httpserver.log] == [IMTS_PATH, IMTS_PATH, COFER_PATH]
    assert "5 added" in result.stdout


def test_update_with_the_server_down_exits_7_in_one_line_and_leaves_data_byte_identical(
        tmp_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = digest(tmp_project / "data")
    monkeypatch.setenv("PAKRU_IMF_URL", "http://127.0.0.1:9")
    result = pakru(tmp_project, "update", "imf")
    assert result.returncode == 7
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("pakru: update imf: cannot reach http://127.0.0.1:9/")
    assert "gave up after 4 attempts" in lines[0]
    assert digest(tmp_project / "data") == before
    status = _status(tmp_project)["sources"]["imf"]
    assert status["ok"] is False and status["exit_code"] == 7 and status["last_success_utc"] is None
    assert status["last_success"] is None
    assert "cannot reach" in status["error"]


@pytest.mark.parametrize(("body", "says"), [
    (b"<!DOCTYPE html><html><body>Service temporarily unavailable</body></html>", "HTML"),
    ((RECORDED / "imf" / "imts.csv").read_bytes().replace(b"OBS_VALUE", b"VALUE"), "'OBS_VALUE'"),
    ((RECORDED / "imf" / "imts.csv").read_bytes().replace(b"COUNTERPART_COUNTRY", b"PARTNER"),
     "'COUNTERPART_COUNTRY'"),
    (b"", "empty"),
], ids=["html-page", "renamed-value-column", "renamed-dimension", "empty-body"])
def test_an_answer_in_an_unexpected_shape_is_named_and_never_merged(
        tmp_project: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch, body: bytes, says: str) -> None:
    _serve_imf(httpserver, imts=body)
    monkeypatch.setenv("PAKRU_IMF_URL", httpserver.url_for("/"))
    before = digest(tmp_project / "data")
    result = pakru(tmp_project, "update", "imf")
    assert result.returncode == 7
    line = result.stderr.strip()
    assert len(line.splitlines()) == 1 and line.startswith("pakru: update imf: unexpected answer, not merged")
    assert says in line
    assert digest(tmp_project / "data") == before


def test_one_failing_request_leaves_the_whole_source_unwritten(
        tmp_project: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    httpserver.expect_request(IMTS_PATH).respond_with_data((RECORDED / "imf" / "imts.csv").read_bytes(),
                                                           content_type=SDMX_CSV)
    httpserver.expect_request(COFER_PATH).respond_with_data("no such dataflow", status=404)
    monkeypatch.setenv("PAKRU_IMF_URL", httpserver.url_for("/"))
    before = digest(tmp_project / "data")
    result = pakru(tmp_project, "update", "imf")
    assert result.returncode == 7
    assert "HTTP 404" in result.stderr and "COFER" in result.stderr
    assert digest(tmp_project / "data") == before  # no IMTS rows and no raw answers either
    # a 404 is the request's fault: it is not retried
    assert [req.path for req, _ in httpserver.log].count(COFER_PATH) == 1


def test_update_comtrade_uses_the_preview_without_a_key_and_merges_totals_and_chapters(
        tmp_project: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    httpserver.expect_request("/public/v1/preview/C/A/HS").respond_with_handler(_comtrade_handler)
    monkeypatch.setenv("PAKRU_COMTRADE_URL", httpserver.url_for("/"))
    result = pakru(tmp_project, "update", "comtrade")
    assert result.returncode == 0, result.stderr
    assert "data/trade/observations.csv: 2 added" in result.stdout
    assert "data/trade/composition.csv: 2 added" in result.stdout
    requests = [req for req, _ in httpserver.log]
    assert {r.args["reporterCode"] for r in requests} == {"586", "643"}
    assert {r.args["partnerCode"] for r in requests} == {"643", "586"}
    assert {r.args["cmdCode"] for r in requests} == {"TOTAL", "AG2"}
    assert all(r.args["flowCode"] == "X,M" and r.args["includeDesc"] == "true" for r in requests)
    assert not any("Ocp-Apim-Subscription-Key" in r.headers for r in requests)
    obs = {(r["reporter"], r["flow"]): r for r in rows(tmp_project, "trade/observations.csv")
           if r["source_id"] == "trd-comtrade-api"}
    assert obs[("PAK", "exports")]["value"] == "123.45678912"  # primaryValue 123456789.12 USD, unrounded
    assert obs[("PAK", "imports")]["value"] == "987.654321"
    assert obs[("PAK", "exports")]["period_start"] == "2023-01-01"
    comp = {r["product_code"]: r for r in rows(tmp_project, "trade/composition.csv")
            if r["source_id"] == "trd-comtrade-api"}
    assert comp["10"]["value"] == "45.6789015" and comp["10"]["flow"] == "imports"  # Russia's exports
    assert comp["27"]["product"].startswith("Mineral fuels") and comp["27"]["reporter"] == "RUS"
    today = datetime.now(UTC).date().isoformat()
    snapshots = sorted(p.name for p in (tmp_project / "data" / "raw" / "comtrade" / today).glob("*.json")
                       if not p.name.endswith(".json.json"))
    assert len(snapshots) == len(requests)
    assert _status(tmp_project)["sources"]["comtrade"]["ok"] is True


def test_a_comtrade_key_switches_to_the_full_api(tmp_project: Path, httpserver: HTTPServer,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    httpserver.expect_request("/data/v1/get/C/A/HS", headers={"Ocp-Apim-Subscription-Key": "test-key"}
                              ).respond_with_handler(_comtrade_handler)
    monkeypatch.setenv("PAKRU_COMTRADE_URL", httpserver.url_for("/"))
    monkeypatch.setenv("COMTRADE_API_KEY", "test-key")
    result = pakru(tmp_project, "update", "comtrade", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert {req.path for req, _ in httpserver.log} == {"/data/v1/get/C/A/HS"}
    assert "test-key" not in (tmp_project / "data" / "sources.csv").read_text(encoding="utf-8")


def test_one_source_failing_does_not_stop_the_others(
        tmp_project: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    httpserver.expect_request("/public/v1/preview/C/A/HS").respond_with_handler(_comtrade_handler)
    monkeypatch.setenv("PAKRU_COMTRADE_URL", httpserver.url_for("/"))
    monkeypatch.setenv("PAKRU_IMF_URL", "http://127.0.0.1:9")
    result = pakru(tmp_project, "update", "imf", "comtrade")
    assert result.returncode == 7
    assert result.stderr.count("pakru: update imf:") == 1
    assert any(r["source_id"] == "trd-comtrade-api" for r in rows(tmp_project, "trade/observations.csv"))
    assert not any(r["source_id"] == "trd-imf-imts" for r in rows(tmp_project, "trade/observations.csv"))
    status = _status(tmp_project)["sources"]
    assert (status["imf"]["ok"], status["comtrade"]["ok"]) == (False, True)


def test_dry_run_fetches_and_prints_the_diff_but_writes_nothing(
        tmp_project: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    _serve_imf(httpserver)
    monkeypatch.setenv("PAKRU_IMF_URL", httpserver.url_for("/"))
    before = digest(tmp_project)
    result = pakru(tmp_project, "update", "imf", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "5 added" in result.stdout and "dry run: nothing written" in result.stdout
    assert digest(tmp_project) == before


def test_update_sipri_and_swift_say_how_to_download_and_import(tmp_project: Path) -> None:
    result = pakru(tmp_project, "update", "sipri", "swift")
    assert result.returncode == 0, result.stderr
    assert "pakru import sipri-register FILE" in result.stdout and "armstrade.sipri.org" in result.stdout
    assert "pakru import swift-rmb FILE" in result.stdout


def test_unknown_source_exits_2(tmp_project: Path) -> None:
    result = pakru(tmp_project, "update", "worldbank")
    assert result.returncode == 2
    assert "unknown source 'worldbank'" in result.stderr and "comtrade" in result.stderr


IMTS_HEADER = ("STRUCTURE[;],STRUCTURE_ID,ACTION,COUNTRY,INDICATOR,COUNTERPART_COUNTRY,FREQUENCY,TIME_PERIOD,"
               "OBS_VALUE,SCALE,PRECISION,DECIMALS_DISPLAYED,TRADE_FLOW,VALUATION,UNIT,DERIVATION_TYPE,OVERLAP,STATUS")


def _imts(value: str, scale: str = "6", unit: str = "USD", status: str = "") -> bytes:
    """One observation in the real IMTS layout (api-formats.md §1.2); the value is made up."""
    return (f"{IMTS_HEADER}\ndataflow,IMF.STA:IMTS(1.0.0),R,PAK,XG_FOB_USD,RUS,A,2022,{value},{scale},,,XG,FOB,"
            f"{unit},M,OL,{status}\n").encode()


@pytest.mark.parametrize("scale", ["6", "0", "3", ""])
def test_imts_obs_value_is_whole_dollars_and_scale_never_changes_it(scale: str) -> None:
    # the line api-formats.md §6 ran through the old parser, which refused it as 150,000,000 USD million
    read = imf.extract_from_csv(_imts("150000000", scale)).rows["trade_observations"]
    assert [r["value"] for r in read] == ["150"]
    assert [r["unit"] for r in read] == ["USD million"]
    assert "published 150000000 US dollars" in read[0]["note"]


def test_imts_value_implausible_as_us_dollars_is_refused() -> None:
    from pakru.intake.extract import ShapeError

    # a value already in millions (the legacy API's unit) would be read as 150 dollars
    with pytest.raises(ShapeError, match="not a plausible Pakistan–Russia figure"):
        imf.extract_from_csv(_imts("150"))
    with pytest.raises(ShapeError, match="not a plausible Pakistan–Russia figure"):
        imf.extract_from_csv(_imts("150000000000000000"))
    with pytest.raises(ShapeError, match="UNIT 'EUR'"):
        imf.extract_from_csv(_imts("150000000", unit="EUR"))


def test_imts_estimate_is_kept_as_an_estimate() -> None:
    row = imf.extract_from_csv(_imts("150000000", status="e")).rows["trade_observations"][0]
    assert row["qualifier"] == "estimate"
    assert row["note"].startswith("IMF estimate (IMTS STATUS e)")
    assert "Pakistan-reported" not in row["note"]


def test_a_header_only_answer_is_no_data_never_merged_and_named(
        tmp_project: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    # the IMF answering an annual query with the header line only (as with a plain-year filter)
    _serve_imf(httpserver, imts=(RECORDED / "imf" / "imts-header-only.csv").read_bytes())
    monkeypatch.setenv("PAKRU_IMF_URL", httpserver.url_for("/"))
    before = digest(tmp_project / "data")
    result = pakru(tmp_project, "update", "imf")
    assert result.returncode == 7
    line = result.stderr.strip()
    assert len(line.splitlines()) == 1 and "Traceback" not in line
    assert line.startswith("pakru: update imf: no data, nothing merged: imts.csv")
    assert "header only" in line
    assert digest(tmp_project / "data") == before
    assert _status(tmp_project)["sources"]["imf"]["error"].startswith("update imf: no data")


def test_the_time_filter_is_sent_in_the_annual_form_the_imf_answers(
        tmp_project: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    """A server that, like the IMF is reported to, answers a plain-year filter with the header only
    and the ``-A1`` form with data: the update gets the data."""
    def imts(request: Request) -> Response:
        body = "imts.csv" if request.args.get("c[TIME_PERIOD]") == TIME_FILTER else "imts-header-only.csv"
        return Response((RECORDED / "imf" / body).read_bytes(), content_type=SDMX_CSV)

    httpserver.expect_request(IMTS_PATH).respond_with_handler(imts)
    httpserver.expect_request(COFER_PATH).respond_with_data((RECORDED / "imf" / "cofer.csv").read_bytes(),
                                                            content_type=SDMX_CSV)
    monkeypatch.setenv("PAKRU_IMF_URL", httpserver.url_for("/"))
    result = pakru(tmp_project, "update", "imf", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "data/trade/observations.csv: 5 added" in result.stdout


@pytest.mark.parametrize(("body", "says"), [
    (b'{"elapsedTime":"0.1 secs","count":2,"data":[],"error":""}', "'count' says 2 records but 'data' is empty"),
    (None, "'count' says 3 records but 'data' holds 2"),
], ids=["counted-but-empty", "count-differs"])
def test_a_comtrade_answer_whose_count_disagrees_with_its_records_is_a_shape_error(
        tmp_project: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch, body: bytes | None,
        says: str) -> None:
    if body is None:
        real = json.loads((RECORDED / "comtrade" / "totals-pak.json").read_text(encoding="utf-8"))
        body = json.dumps({**real, "count": 3}).encode()

    def handler(request: Request) -> Response:
        if request.args.get("reporterCode") == "586" and request.args.get("cmdCode") == "TOTAL":
            return Response(body, content_type="application/json")
        return Response((RECORDED / "comtrade" / "empty.json").read_bytes(), content_type="application/json")

    httpserver.expect_request("/public/v1/preview/C/A/HS").respond_with_handler(handler)
    monkeypatch.setenv("PAKRU_COMTRADE_URL", httpserver.url_for("/"))
    before = digest(tmp_project / "data")
    result = pakru(tmp_project, "update", "comtrade")
    assert result.returncode == 7
    assert result.stderr.strip().startswith("pakru: update comtrade: unexpected answer, not merged")
    assert says in result.stderr
    assert digest(tmp_project / "data") == before
