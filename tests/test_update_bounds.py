"""``pakru update`` against hostile or broken answers (issue 19; review section 3), on 127.0.0.1.

Each answer is bounded (at most a few MiB, a drip of at most a few seconds), and every limit the
test needs is set small through the environment, so no test waits on a real limit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import gzip
import json
import shutil
import time
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from api_server import COFER_PATH, IMTS_PATH, LOOPBACK, SDMX_CSV, local_only, no_waits
from fixtures.cli import run as pakru
from data_files import digest
from pakru import __version__

RECORDED = Path(__file__).resolve().parent / "recorded"
PREVIEW = "/public/v1/preview/C/A/HS"
FULL = "/data/v1/get/C/A/HS"


@pytest.fixture(scope="session")
def httpserver_listen_address() -> tuple[str, int]:
    return LOOPBACK


@pytest.fixture(autouse=True)
def _quick(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    local_only(monkeypatch)
    monkeypatch.setenv("PAKRU_HTTP_ATTEMPTS", "2")
    with no_waits():
        yield


def _status(root: Path, source: str) -> dict:
    return json.loads((root / "state" / "update-status.json").read_text(encoding="utf-8"))["sources"][source]


def _line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def _imf(server: HTTPServer, monkeypatch: pytest.MonkeyPatch, imts: bytes | None = None,
         cofer: bytes | None = None) -> None:
    server.expect_request(IMTS_PATH).respond_with_data(
        imts if imts is not None else (RECORDED / "imf" / "imts.csv").read_bytes(), content_type=SDMX_CSV)
    server.expect_request(COFER_PATH).respond_with_data(
        cofer if cofer is not None else (RECORDED / "imf" / "cofer.csv").read_bytes(), content_type=SDMX_CSV)
    monkeypatch.setenv("PAKRU_IMF_URL", server.url_for("/"))


def _refused(root: Path, source: str, says: str, code: int = 7) -> str:
    before = digest(root / "data")
    result = pakru(root, "update", source)
    assert result.returncode == code, result.stderr
    line = _line(result)
    assert says in line, line
    assert digest(root / "data") == before  # not even a raw answer
    status = _status(root, source)
    assert status["ok"] is False and status["exit_code"] == code and says in status["error"]
    return line


# -- 3a, 3b, 3c: size -------------------------------------------------------------------------------

def test_an_answer_larger_than_the_limit_is_refused(tmp_project: Path, httpserver: HTTPServer,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    big = (RECORDED / "imf" / "imts.csv").read_bytes() + b"x" * 300_000 + b"\n"
    _imf(httpserver, monkeypatch, imts=big)
    monkeypatch.setenv("PAKRU_MAX_ANSWER_BYTES", "100000")
    _refused(tmp_project, "imf", "more than the 100,000 an answer may have")


def test_a_gzip_bomb_stops_at_the_limit_after_decompression(tmp_project: Path, httpserver: HTTPServer,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    bomb = gzip.compress(b"0" * (4 << 20))  # 4 MiB of zeros, a few KiB on the wire
    httpserver.expect_request(IMTS_PATH).respond_with_response(
        Response(bomb, content_type=SDMX_CSV, headers={"Content-Encoding": "gzip"}))
    monkeypatch.setenv("PAKRU_IMF_URL", httpserver.url_for("/"))
    monkeypatch.setenv("PAKRU_MAX_ANSWER_BYTES", str(1 << 20))
    _refused(tmp_project, "imf", "(after decompression)")


# -- 3d: time ---------------------------------------------------------------------------------------

def _drip(request: Request) -> Response:
    def body():
        for _ in range(20):  # at most 4 s, then the server is done with it
            yield b"S"
            time.sleep(0.2)
    return Response(body(), content_type=SDMX_CSV)


@pytest.mark.slow
def test_a_dripped_answer_is_refused_at_the_request_deadline(tmp_project: Path, httpserver: HTTPServer,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    httpserver.expect_request(IMTS_PATH).respond_with_handler(_drip)
    monkeypatch.setenv("PAKRU_IMF_URL", httpserver.url_for("/"))
    monkeypatch.setenv("PAKRU_HTTP_DEADLINE", "0.5")
    _refused(tmp_project, "imf", "to answer in full ($PAKRU_HTTP_DEADLINE)")
    assert len(httpserver.log) == 1  # a drip is not retried


@pytest.mark.slow
def test_a_source_that_keeps_failing_stops_at_its_deadline(tmp_project: Path, httpserver: HTTPServer,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    httpserver.expect_request(IMTS_PATH).respond_with_handler(_drip)
    monkeypatch.setenv("PAKRU_IMF_URL", httpserver.url_for("/"))
    monkeypatch.setenv("PAKRU_SOURCE_DEADLINE", "0.5")
    _refused(tmp_project, "imf", "$PAKRU_SOURCE_DEADLINE")


# -- 3e, 3f: answers that break a parser --------------------------------------------------------------

@pytest.mark.slow
def test_deeply_nested_json_is_exit_7_in_the_status_file_and_the_next_source_still_runs(
        tmp_project: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    deep = b'{"data": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    httpserver.expect_request(PREVIEW).respond_with_data(deep, content_type="application/json")
    monkeypatch.setenv("PAKRU_COMTRADE_URL", httpserver.url_for("/"))
    _imf(httpserver, monkeypatch)
    result = pakru(tmp_project, "update", "comtrade", "imf")
    assert result.returncode == 7
    line = _line(result)
    assert line.startswith("pakru: update comtrade: unexpected answer, not merged") and "nested" in line
    assert _status(tmp_project, "comtrade")["exit_code"] == 7
    assert _status(tmp_project, "imf")["ok"] is True  # the source after it ran


def test_cofer_1e309_is_exit_7_in_the_status_file(tmp_project: Path, httpserver: HTTPServer,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    cofer = (RECORDED / "imf" / "cofer.csv").read_bytes()
    header, first, *rest = cofer.decode().splitlines(keepends=True)
    cells = first.rstrip("\n").split(",")
    cells[header.split(",").index("OBS_VALUE")] = "1e309"
    _imf(httpserver, monkeypatch, cofer=(header + ",".join(cells) + "\n" + "".join(rest)).encode())
    _refused(tmp_project, "imf", "not a finite number")


def _imts_value(value: str) -> bytes:
    text = (RECORDED / "imf" / "imts.csv").read_text(encoding="utf-8")
    header, first, *rest = text.splitlines(keepends=True)
    cells = first.rstrip("\n").split(",")
    cells[header.rstrip("\n").split(",").index("OBS_VALUE")] = value
    return (header + ",".join(cells) + "\n" + "".join(rest)).encode()


def test_imts_1e309_gives_a_short_line(tmp_project: Path, httpserver: HTTPServer,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    _imf(httpserver, monkeypatch, imts=_imts_value("1e309"))
    line = _refused(tmp_project, "imf", "not a plausible")
    assert len(line) <= 420 and "0" * 30 not in line


def test_arabic_indic_digits_are_refused(tmp_project: Path, httpserver: HTTPServer,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    _imf(httpserver, monkeypatch, imts=_imts_value("١٢٣"))
    _refused(tmp_project, "imf", "not an ASCII digit 0-9")


def test_a_windows_1251_answer_is_refused_naming_the_offset(tmp_project: Path, httpserver: HTTPServer,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    body = (RECORDED / "comtrade" / "chapters-rus.json").read_text(encoding="utf-8")
    i = body.index('"cmdDesc":"') + len('"cmdDesc":"')
    body = body[:i] + "Зерно " + body[i:]
    httpserver.expect_request(PREVIEW).respond_with_data(body.encode("cp1251"), content_type="application/json")
    monkeypatch.setenv("PAKRU_COMTRADE_URL", httpserver.url_for("/"))
    _refused(tmp_project, "comtrade", f"is not UTF-8: byte 0xc7 at offset {len(body[:i].encode('cp1251'))}")


# -- 3g, 3h: redirects and the key ----------------------------------------------------------------------

def test_a_redirect_to_another_origin_is_refused_and_the_key_never_leaves(
        tmp_project: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    other = HTTPServer(host="127.0.0.1", port=0)
    other.start()
    try:
        other.expect_request(FULL).respond_with_data(b'{"data": []}', content_type="application/json")
        httpserver.expect_request(FULL).respond_with_data(
            b"", status=302, headers={"Location": other.url_for(FULL) + "?x=1"})
        monkeypatch.setenv("PAKRU_COMTRADE_URL", httpserver.url_for("/"))
        monkeypatch.setenv("COMTRADE_API_KEY", "fake-key")
        line = _refused(tmp_project, "comtrade", "a redirect to http://127.0.0.1:")
        assert "another origin" in line
        assert other.log == []  # not followed at all
        assert httpserver.log[0][0].headers.get("Ocp-Apim-Subscription-Key") == "fake-key"  # sent to its host
        assert "fake-key" not in line
    finally:
        other.clear()
        other.stop()


def test_a_same_origin_redirect_is_followed_with_the_key(tmp_project: Path, httpserver: HTTPServer,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    httpserver.expect_request(FULL).respond_with_data(b"", status=302, headers={"Location": "/moved"})
    httpserver.expect_request("/moved").respond_with_data(
        (RECORDED / "comtrade" / "empty.json").read_bytes(), content_type="application/json")
    monkeypatch.setenv("PAKRU_COMTRADE_URL", httpserver.url_for("/"))
    monkeypatch.setenv("COMTRADE_API_KEY", "fake-key")
    result = pakru(tmp_project, "update", "comtrade", "--dry-run")
    moved = [req for req, _ in httpserver.log if req.path == "/moved"]
    assert moved and all(r.headers.get("Ocp-Apim-Subscription-Key") == "fake-key" for r in moved)
    assert "no Pakistan–Russia rows" in result.stderr  # the empty answers were read, not refused as redirects


def test_a_redirect_to_a_file_is_refused_without_a_retry(tmp_project: Path, httpserver: HTTPServer,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    httpserver.expect_request(IMTS_PATH).respond_with_data(b"", status=302, headers={"Location": "file:///etc/passwd"})
    monkeypatch.setenv("PAKRU_IMF_URL", httpserver.url_for("/"))
    _refused(tmp_project, "imf", "a redirect to file://")
    assert len(httpserver.log) == 1


def test_every_request_names_pakru_and_its_version(tmp_project: Path, httpserver: HTTPServer,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    _imf(httpserver, monkeypatch)
    assert pakru(tmp_project, "update", "imf", "--dry-run").returncode == 0
    assert {req.headers.get("User-Agent", "").split(" ")[0] for req, _ in httpserver.log} == {f"pakru/{__version__}"}


# -- 3j, 3k: quotas -------------------------------------------------------------------------------------

def test_a_quota_longer_than_pakru_waits_is_named_at_once(tmp_project: Path, httpserver: HTTPServer,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    httpserver.expect_request(IMTS_PATH).respond_with_data("slow down", status=429, headers={"Retry-After": "100000"})
    monkeypatch.setenv("PAKRU_IMF_URL", httpserver.url_for("/"))
    line = _refused(tmp_project, "imf", "the publisher's quota or rate limit: asks to retry after 100000 s")
    assert "HTTP 429" in line and len(httpserver.log) == 1


def test_a_short_quota_is_waited_out_twice_then_named(tmp_project: Path, httpserver: HTTPServer,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    httpserver.expect_request(IMTS_PATH).respond_with_data("quota", status=403, headers={"Retry-After": "1"})
    monkeypatch.setenv("PAKRU_IMF_URL", httpserver.url_for("/"))
    _refused(tmp_project, "imf", "still refused after waiting 2 s as Retry-After asked, 2 times")
    assert len(httpserver.log) == 3


def test_a_quota_that_passes_is_retried(tmp_project: Path, httpserver: HTTPServer,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    httpserver.expect_ordered_request(IMTS_PATH).respond_with_data("slow", status=429, headers={"Retry-After": "1"})
    httpserver.expect_ordered_request(IMTS_PATH).respond_with_data(
        (RECORDED / "imf" / "imts.csv").read_bytes(), content_type=SDMX_CSV)
    httpserver.expect_ordered_request(COFER_PATH).respond_with_data(
        (RECORDED / "imf" / "cofer.csv").read_bytes(), content_type=SDMX_CSV)
    monkeypatch.setenv("PAKRU_IMF_URL", httpserver.url_for("/"))
    result = pakru(tmp_project, "update", "imf")
    assert result.returncode == 0, result.stderr


def test_a_403_without_retry_after_is_not_retried(tmp_project: Path, httpserver: HTTPServer,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    httpserver.expect_request(IMTS_PATH).respond_with_data("forbidden", status=403)
    monkeypatch.setenv("PAKRU_IMF_URL", httpserver.url_for("/"))
    assert "answered http 403 forbidden: forbidden" in _refused(tmp_project, "imf", "HTTP 403").lower()
    assert len(httpserver.log) == 1


# -- 4i, 4j, D12: folders ---------------------------------------------------------------------------------

def test_a_data_raw_that_cannot_be_written_is_exit_8_in_the_status_file(
        tmp_project: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    _imf(httpserver, monkeypatch)
    raw = tmp_project / "data" / "raw"
    shutil.rmtree(raw, ignore_errors=True)
    raw.write_text("not a folder\n", encoding="utf-8")
    _refused(tmp_project, "imf", "cannot write data/raw", code=8)


def test_an_update_while_data_is_locked_exits_6(tmp_project: Path, httpserver: HTTPServer,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from pakru.data.lock import DataLock

    _imf(httpserver, monkeypatch)
    with DataLock(tmp_project / "data", exclusive=False):
        result = pakru(tmp_project, "update", "imf")
    assert result.returncode == 6 and "data/ is in use" in _line(result)
    assert httpserver.log == []  # refused before any request


# -- issue 26, M3: only the encoding asked for, inflated within the cap ------------------------------

def test_stacked_gzip_is_refused_before_anything_is_inflated(tmp_project: Path, httpserver: HTTPServer,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """upd-gzip2_bomb: 'Content-Encoding: gzip, gzip' inflated through two decoders reached 11 GB."""
    inner = gzip.compress(b"0" * (64 << 20), compresslevel=1)
    httpserver.expect_request(IMTS_PATH).respond_with_response(
        Response(gzip.compress(inner), content_type=SDMX_CSV, headers={"Content-Encoding": "gzip, gzip"}))
    monkeypatch.setenv("PAKRU_IMF_URL", httpserver.url_for("/"))
    line = _refused(tmp_project, "imf", "answered with Content-Encoding 'gzip, gzip'; pakru asks for gzip and "
                    "inflates one gzip layer, nothing else")
    assert len(httpserver.log) == 1  # not retried
    assert httpserver.log[0][0].headers["Accept-Encoding"] == "gzip"
    assert line.startswith("pakru: update imf: http://127.0.0.1")


@pytest.mark.parametrize("coding", ["br", "deflate", "zstd", "gzip, br"])
def test_an_encoding_not_asked_for_is_refused(tmp_project: Path, httpserver: HTTPServer,
                                              monkeypatch: pytest.MonkeyPatch, coding: str) -> None:
    httpserver.expect_request(IMTS_PATH).respond_with_response(
        Response(b"\x00" * 100, content_type=SDMX_CSV, headers={"Content-Encoding": coding}))
    monkeypatch.setenv("PAKRU_IMF_URL", httpserver.url_for("/"))
    _refused(tmp_project, "imf", f"answered with Content-Encoding '{coding}'")


def test_a_gzip_answer_is_inflated_and_merged_and_a_cut_one_refused(
        tmp_project: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch) -> None:
    imts = (RECORDED / "imf" / "imts.csv").read_bytes()
    # two gzip members one after the other are one body (RFC 1952)
    body = gzip.compress(imts[:100]) + gzip.compress(imts[100:])
    httpserver.expect_request(IMTS_PATH).respond_with_response(
        Response(body, content_type=SDMX_CSV, headers={"Content-Encoding": "gzip"}))
    _imf(httpserver, monkeypatch)
    result = pakru(tmp_project, "update", "imf")
    assert result.returncode == 0, result.stderr
    raw = next((tmp_project / "data" / "raw" / "imf").glob("*/imts.csv"))
    assert raw.read_bytes() == imts  # kept as the publisher meant it, inflated

    httpserver.clear()
    httpserver.expect_request(IMTS_PATH).respond_with_response(
        Response(gzip.compress(imts)[:-30], content_type=SDMX_CSV, headers={"Content-Encoding": "gzip"}))
    _imf(httpserver, monkeypatch)
    _refused(tmp_project, "imf", "a gzip body that ends before its end mark: cut short")


def test_the_gzip_cap_holds_memory_to_the_cap(tmp_project: Path, httpserver: HTTPServer,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """A single-layer bomb of 64 MiB (280 KiB on the wire) stops at the 4 MiB cap: the process
    never holds more than the cap and one piece inflated (measured by tracemalloc)."""
    import tracemalloc

    bomb = gzip.compress(b"0" * (64 << 20), compresslevel=1)
    httpserver.expect_request(IMTS_PATH).respond_with_response(
        Response(bomb, content_type=SDMX_CSV, headers={"Content-Encoding": "gzip"}))
    monkeypatch.setenv("PAKRU_IMF_URL", httpserver.url_for("/"))
    monkeypatch.setenv("PAKRU_MAX_ANSWER_BYTES", str(4 << 20))
    tracemalloc.start()
    try:
        _refused(tmp_project, "imf", "more than 4,194,304 bytes (after decompression)")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 40 << 20, peak


# -- issue 26, M1/M2/m1/S1 through update: that source exit 7, the next one runs, the status written --

SBP_CURRENT = ("/ecodata/Export_Receipts_by_all_Countries.xls", "/ecodata/Import-Payments-by-All-Countries.xlsx")


def _sbp(server: HTTPServer, monkeypatch: pytest.MonkeyPatch, exports: bytes, imports: bytes) -> None:
    from fixtures import craft

    server.expect_request(SBP_CURRENT[0]).respond_with_data(exports or craft.EXPORTS_XLS.read_bytes())
    server.expect_request(SBP_CURRENT[1]).respond_with_data(imports or craft.IMPORTS_XLSX.read_bytes())
    for path in ("/assets/document/Export_Receipts_by_all_Countries_Arch.xls",
                 "/assets/document/Import_Payments_by_all_Countries_Arch.xls"):
        server.expect_request(path).respond_with_data("not found", status=404)
    monkeypatch.setenv("PAKRU_SBP_URL", server.url_for("/"))


def _hostile(case: str) -> tuple[bytes, bytes]:
    from fixtures import craft

    return {
        "upd-cyclic_xls": (craft.zero_tail(last=4096), b""),
        "upd-zipbomb_xlsx": (b"", craft.zip_bomb(8 << 20)),
        "upd-farcorner_xlsx": (b"", craft.far_corner()),
        "upd-fy99": (b"", craft.rezip(lambda x: craft.text_cell(x, "B6", "FY99"))),
        "upd-crc_flipped": (b"", craft.crc_flipped()),
    }[case]


UPDATE_CASES = [("upd-cyclic_xls", "Export_Receipts_by_all_Countries.xls: reading it needed more than 1,024 MB"),
                ("upd-zipbomb_xlsx", "Import-Payments-by-All-Countries.xlsx: member 'xl/worksheets/sheet1.xml' "
                                     "inflates 315 times"),
                ("upd-farcorner_xlsx", "Import-Payments-by-All-Countries.xlsx: reading it needed more than 1,024 MB"),
                ("upd-fy99", "cell B6: 'Jul-Jun FY99' is read as FY1998-99"),
                ("upd-crc_flipped", "fails its CRC-32 check")]


@pytest.mark.parametrize(("case", "says"), [pytest.param(c, s, id=c, marks=() if c == "upd-fy99"
                                                         else pytest.mark.slow) for c, s in UPDATE_CASES])
def test_a_hostile_workbook_fails_sbp_alone_and_imf_still_runs(
        tmp_project: Path, httpserver: HTTPServer, monkeypatch: pytest.MonkeyPatch, case: str, says: str) -> None:
    _sbp(httpserver, monkeypatch, *_hostile(case))
    _imf(httpserver, monkeypatch)
    before = digest(tmp_project / "data")
    result = pakru(tmp_project, "update", "sbp", "imf")
    assert result.returncode == 7, result.stderr
    line = _line(result)
    assert line.startswith("pakru: update sbp: unexpected answer, not merged: ") and says in line, line
    sbp = _status(tmp_project, "sbp")
    assert (sbp["ok"], sbp["exit_code"]) == (False, 7) and says in sbp["error"]
    assert _status(tmp_project, "imf")["ok"] is True  # the next source ran, and the status file was written
    changed = {k for k in digest(tmp_project / "data").keys() ^ before.keys()} | {
        k for k, v in digest(tmp_project / "data").items() if before.get(k) not in (None, v)}
    assert changed and not any("sbp" in k for k in changed)  # imf's rows and raw answers, nothing of sbp's


# -- the review's 'pakru update sbp' table against a hostile 127.0.0.1 (issue 26) ---------------------

EXPORTS_ARCH = "/assets/document/Export_Receipts_by_all_Countries_Arch.xls"


def _redirect_to(location: str) -> Callable[[Request], Response]:
    return lambda request: Response("", status=302, headers={"Location": location})


def _hang(request: Request) -> Response:
    time.sleep(1.5)  # longer than the test's request deadline, bounded for the server's sake
    return Response(b"late")


def _sbp_case(case: str, server: HTTPServer) -> dict[str, object]:
    """What the server answers where, for one case: {path: body bytes, or a werkzeug handler}."""
    from fixtures import craft

    html = b"<html><body><h1>Service unavailable</h1></body></html>\n"
    return {
        "upd-ok": {},
        "upd-one_value": {SBP_CURRENT[1]: craft.rezip(
            lambda x: craft.cell(x, "F158", '<c r="F158"><v>1391.0278</v></c>'))},
        "upd-cur404": {SBP_CURRENT[0]: lambda r: Response("Not Found", status=404)},
        "upd-arch500": {EXPORTS_ARCH: lambda r: Response("Internal Server Error", status=500)},
        "upd-arch_html200": {EXPORTS_ARCH: html},
        "upd-html200": {SBP_CURRENT[0]: html},
        "upd-empty200": {SBP_CURRENT[0]: b""},
        "upd-redirect_same": {SBP_CURRENT[0]: _redirect_to("/moved.xls"), "/moved.xls": craft.EXPORTS_XLS.read_bytes()},
        "upd-redirect_other_host": {SBP_CURRENT[0]: _redirect_to(server.url_for("/x").replace("127.0.0.1",
                                                                                              "localhost"))},
        "upd-redirect_file": {SBP_CURRENT[0]: _redirect_to("file:///etc/passwd")},
        "upd-redirect_loop": {SBP_CURRENT[0]: _redirect_to(SBP_CURRENT[0])},
        "upd-big_content_length": {SBP_CURRENT[0]: craft.EXPORTS_XLS.read_bytes() * 2},
        "upd-hang": {SBP_CURRENT[0]: _hang},
    }[case]


SBP_UPDATE_CASES = [
    ("upd-ok", 0, "sbp: nothing to change (0 added, 0 changed)"),
    ("upd-one_value", 0, "sbp: 0 added, 1 changed"),
    ("upd-redirect_same", 0, "sbp: nothing to change"),
    ("upd-cur404", 7, "Export_Receipts_by_all_Countries.xls answered HTTP 404 NOT FOUND"),
    ("upd-arch500", 7, "Export_Receipts_by_all_Countries_Arch.xls answered HTTP 500 INTERNAL SERVER ERROR: Internal "
                       "Server Error (gave up after 2 attempts)"),
    ("upd-arch_html200", 7, "Export_Receipts_by_all_Countries_Arch.xls: not readable as an Excel workbook"),
    ("upd-html200", 7, "Export_Receipts_by_all_Countries.xls: not readable as an Excel workbook"),
    ("upd-empty200", 7, "Export_Receipts_by_all_Countries.xls: not readable as an Excel workbook"),
    ("upd-redirect_other_host", 7, "a redirect to http://localhost:"),
    ("upd-redirect_file", 7, "a redirect to file://: another origin"),
    ("upd-redirect_loop", 7, "redirected more than 5 times"),
    ("upd-big_content_length", 7, "answered 195,584 bytes, more than the 150,000 an answer may have"),
    ("upd-hang", 7, "timed out (ReadTimeout) (gave up after 2 attempts)"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("case", "code", "says"), SBP_UPDATE_CASES, ids=[c for c, _, _ in SBP_UPDATE_CASES])
def test_update_sbp_against_the_reviews_answers(tmp_project: Path, httpserver: HTTPServer,
                                                 monkeypatch: pytest.MonkeyPatch, case: str, code: int,
                                                 says: str) -> None:
    from fixtures import craft

    served = _sbp_case(case, httpserver)
    for path, answer in served.items():
        if callable(answer):
            httpserver.expect_request(path).respond_with_handler(answer)
        else:
            httpserver.expect_request(path).respond_with_data(answer)
    for path, body in zip(SBP_CURRENT, (craft.EXPORTS_XLS.read_bytes(), craft.IMPORTS_XLSX.read_bytes())):
        if path not in served:
            httpserver.expect_request(path).respond_with_data(body)
    for path in (EXPORTS_ARCH, "/assets/document/Import_Payments_by_all_Countries_Arch.xls"):
        if path not in served:
            httpserver.expect_request(path).respond_with_data("not found", status=404)
    monkeypatch.setenv("PAKRU_SBP_URL", httpserver.url_for("/"))
    monkeypatch.setenv("PAKRU_MAX_ANSWER_BYTES", "150000")
    monkeypatch.setenv("PAKRU_HTTP_DEADLINE", "0.5")
    before = digest(tmp_project / "data")
    result = pakru(tmp_project, "update", "sbp")
    assert result.returncode == code, result.stderr
    if code:
        assert says in _line(result)
        assert digest(tmp_project / "data") == before
        assert _status(tmp_project, "sbp")["exit_code"] == code
    else:
        assert says in result.stdout, result.stdout[-400:]
        assert _status(tmp_project, "sbp")["ok"] is True
