"""``pakru import`` loses nothing (issue 19; the cases of shared/reviews/intake-adversarial.md).

One lock on data/ (1a, 1b), whole files or nothing (5a-5c), one line ending (2), one encoding
(5k', 5k''), bounded files and paths (4d-4j), formula cells (5g), stale temporary files (6).
Every case runs on a temporary copy of the project.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import json
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from fixtures.cli import Result, run as pakru
from data_files import digest, rows
from pakru.data.lock import DataLock

COFER = "imf_cofer_world_shares.csv"
SWIFT = "swift_rmb_tracker_monthly_2022-09_2025-06.csv"
DOTS_PAK = "imf_dots_xlsx_pak_reporter_trade_with_russia_1960-2020_samleblanc.csv"
LEGACY = "comtrade_legacy_api_rus_exports_to_pak_hs2_2019-2020_cappmait.csv"
REGISTER = "sipri_trade_register_pakistan_recipient.csv"
SRC = str(Path(__file__).resolve().parents[1] / "src")


def _one_line(result: Result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def _cofer_with(source_extracts: Path, dest: Path, edits: dict[tuple[str, str], str], only: bool = False) -> Path:
    """The COFER extract with some cells set: {(currency, period column): value}; ``only`` keeps just
    the header and the edited rows (an edit that touches nothing else)."""
    text = (source_extracts / COFER).read_text(encoding="utf-8")
    table = list(csv.reader(io.StringIO(text, newline="")))
    header = table[0]
    for (currency, period), value in edits.items():
        row = next(r for r in table if r and r[1] == f"G001.AFXRA.CI_{currency}.SHRO_PT.Q")
        row[header.index(period)] = value
    if only:
        wanted = {f"G001.AFXRA.CI_{c}.SHRO_PT.Q" for c, _ in edits}
        table = [header] + [r for r in table[1:] if r and r[1] in wanted]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(table)
    dest.write_text(out.getvalue(), encoding="utf-8")
    return dest


def _share(root: Path, currency: str, start: str) -> str:
    return next(r["share_pct"] for r in rows(root, "payments/currency_shares.csv")
                if r["series"] == "imf_cofer" and r["currency"] == currency and r["period_start"] == start)


# -- 1a, 1b: one lock for data/ ---------------------------------------------------------------------

HOLDER = """
import sys
from collections.abc import Callable
from pathlib import Path
from pakru.data.lock import DataLock
with DataLock(Path(sys.argv[1]), exclusive=False):
    print("held", flush=True)
    sys.stdin.readline()
"""


def _hold_shared(data: Path) -> subprocess.Popen[str]:
    """A build-like holder: the shared data lock until its stdin gets a line."""
    env = {**os.environ, "PYTHONPATH": SRC}
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(data)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, env=env)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    return holder


@pytest.mark.slow
def test_an_import_while_a_build_reads_data_exits_6_or_waits_for_it(
        tmp_project: Path, source_extracts: Path, tmp_path: Path) -> None:
    edited = _cofer_with(source_extracts, tmp_path / "cofer-cny.csv", {("CNY", "2016-Q4"): "1.5"})
    holder = _hold_shared(tmp_project / "data")
    try:
        before = digest(tmp_project / "data")
        refused = pakru(tmp_project, "import", "imf-cofer", str(edited))
        assert refused.returncode == 6
        line = _one_line(refused)
        assert "data/ is in use by another pakru import, update or build" in line and "--wait SECONDS" in line
        assert digest(tmp_project / "data") == before

        env = {k: v for k, v in os.environ.items() if k != "PAKRU_ROOT"}
        waiting = subprocess.Popen([sys.executable, "-m", "pakru.cli", "--root", str(tmp_project), "import",
                                    "imf-cofer", str(edited), "--wait", "300"], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True, env=env)
        assert waiting.stderr is not None
        assert "waiting up to 300 s" in waiting.stderr.readline()  # it waits, and says so, while the lock is held
        assert _share(tmp_project, "CNY", "2016-10-01") != "1.5"  # nothing written while it waits
    finally:
        assert holder.stdin is not None
        holder.stdin.write("done\n")
        holder.stdin.close()
        holder.wait(timeout=60)
    out, err = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, err
    assert _share(tmp_project, "CNY", "2016-10-01") == "1.5"


def test_a_build_while_an_import_writes_exits_6(tmp_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from pakru import cli

    with DataLock(tmp_project / "data", exclusive=True):
        assert cli.main(["--root", str(tmp_project), "build"]) == 6
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "data/ is in use" in err and "to read it" in err


@pytest.mark.slow
def test_two_imports_at_once_with_disjoint_edits_both_land_ten_times(
        tmp_project: Path, source_extracts: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PAKRU_ROOT"}
    log_path = tmp_project / "data" / "raw" / "imports.csv"
    before = len(rows(tmp_project, "raw/imports.csv")) if log_path.exists() else 0
    for run in range(10):
        cny = _cofer_with(source_extracts, tmp_path / f"cofer-cny-{run}.csv", {("CNY", "2016-Q4"): f"1.{run}1"},
                          only=True)
        usd = _cofer_with(source_extracts, tmp_path / f"cofer-usd-{run}.csv", {("USD", "2016-Q4"): f"60.{run}1"},
                          only=True)
        procs = [subprocess.Popen([sys.executable, "-m", "pakru.cli", "--root", str(tmp_project), "import",
                                   "imf-cofer", str(f), "--wait", "300"], stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True, env=env) for f in (cny, usd)]
        for p in procs:
            out, err = p.communicate(timeout=300)
            assert p.returncode == 0, err
            assert "1 changed" in out
        assert (_share(tmp_project, "CNY", "2016-10-01"), _share(tmp_project, "USD", "2016-10-01")) == (
            f"1.{run}1", f"60.{run}1"), f"run {run}: an edit was lost"
        log = [r["file"] for r in rows(tmp_project, "raw/imports.csv")]
        assert log.count(cny.name) == 1 and log.count(usd.name) == 1, f"run {run}: a log line was lost"
    assert len(rows(tmp_project, "raw/imports.csv")) == before + 20


# -- 2: line endings ------------------------------------------------------------------------------

def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, text=True).stdout


@pytest.mark.parametrize("ending", ["lf", "crlf"])
def test_one_changed_value_is_one_changed_line_in_git_diff(
        tmp_project: Path, source_extracts: Path, tmp_path: Path, ending: str) -> None:
    if shutil.which("git") is None:
        pytest.skip("no git")
    if ending == "crlf":  # a file in another ending keeps its own: no line rewritten
        for rel in ("payments/currency_shares.csv", "sources.csv"):
            path = tmp_project / "data" / rel
            path.write_bytes(path.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    _git(tmp_project, "init", "-q")
    (tmp_project / ".gitattributes").write_text("* -text\n", encoding="utf-8")  # compare bytes as they are
    _git(tmp_project, "add", "-A")
    _git(tmp_project, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-qm", "before")
    edited = _cofer_with(source_extracts, tmp_path / "cofer-cny.csv", {("CNY", "2016-Q4"): "1.5"})
    result = pakru(tmp_project, "import", "imf-cofer", str(edited))
    assert result.returncode == 0, result.stderr
    numstat = sorted(_git(tmp_project, "diff", "--numstat").splitlines())
    # one value and its source's access date, each one line; the import log gains its one line
    assert numstat == ["1\t0\tdata/raw/imports.csv", "1\t1\tdata/payments/currency_shares.csv",
                       "1\t1\tdata/sources.csv"]


def test_the_repository_keeps_data_in_one_line_ending(project_root: Path) -> None:
    if shutil.which("git") is None or not (project_root / ".git").exists():
        pytest.skip("not a git checkout")
    eol = _git(project_root, "ls-files", "--eol", "data").splitlines()
    assert eol and {line.split()[0] for line in eol} == {"i/lf"}
    assert "data/** text eol=lf" in (project_root / ".gitattributes").read_text(encoding="utf-8")


# -- 5a-5c: files cut short -------------------------------------------------------------------------

def _cut_in_a_number(text: str, line_from_end: int = 2) -> tuple[str, int]:
    """``text`` cut in the middle of the last number on one of its last lines; (cut text, line number)."""
    lines = text.splitlines(keepends=True)
    n = len(lines) - line_from_end
    line = lines[n]
    digits = [i for i, ch in enumerate(line) if ch.isdigit() and i + 1 < len(line) and line[i + 1].isdigit()]
    cut = digits[-1]  # between two digits of the last number on the line
    return "".join(lines[:n]) + line[:cut + 1], n + 1


@pytest.mark.parametrize(("kind", "name"), [("swift-rmb", SWIFT), ("imf-dots", DOTS_PAK), ("comtrade", LEGACY),
                                            ("imf-cofer", COFER), ("sipri-register", REGISTER)])
def test_a_file_cut_in_a_number_is_refused_naming_its_last_line(
        tmp_project: Path, source_extracts: Path, tmp_path: Path, kind: str, name: str) -> None:
    cut, line = _cut_in_a_number((source_extracts / name).read_text(encoding="utf-8"))
    path = tmp_path / name
    path.write_text(cut, encoding="utf-8")
    before = digest(tmp_project / "data")
    result = pakru(tmp_project, "import", kind, str(path))
    assert result.returncode == 3
    msg = _one_line(result)
    assert f"the last line (line {line}) has no line break at its end" in msg and "cut short" in msg
    assert digest(tmp_project / "data") == before


def test_a_last_line_with_fewer_cells_than_the_header_is_refused(
        tmp_project: Path, source_extracts: Path, tmp_path: Path) -> None:
    text = (source_extracts / SWIFT).read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    last = lines[-1].rstrip("\n").split(",")
    path = tmp_path / SWIFT
    path.write_text("".join(lines[:-1]) + ",".join(last[:3]) + "\n", encoding="utf-8")
    result = pakru(tmp_project, "import", "swift-rmb", str(path))
    assert result.returncode == 3
    assert f"the last line (line {len(lines)}) has 3 cells, the header has" in _one_line(result)


def test_an_unclosed_quote_at_the_end_is_refused(tmp_project: Path, source_extracts: Path, tmp_path: Path) -> None:
    text = (source_extracts / REGISTER).read_text(encoding="utf-8")
    path = tmp_path / REGISTER
    path.write_text(text + 'Pakistan,Russia,2020,,2,,"Mi-35 \n', encoding="utf-8")
    result = pakru(tmp_project, "import", "sipri-register", str(path))
    assert result.returncode == 3
    assert "cannot be read as CSV" in _one_line(result)


def test_every_real_extract_passes_the_completeness_and_encoding_checks(source_extracts: Path) -> None:
    from pakru.intake.infile import read_publisher_file

    for path in sorted(source_extracts.glob("*.csv")):
        kind = "sipri-register" if path.name == REGISTER else "csv"
        assert read_publisher_file(path, kind) == path.read_bytes()


# -- 5k', 5k'', D10, digits -----------------------------------------------------------------------

def test_the_real_sipri_register_is_ascii_and_still_imports(tmp_project: Path, source_extracts: Path) -> None:
    raw = (source_extracts / REGISTER).read_bytes()
    assert "é" in raw.decode("utf-8")  # UTF-8 (with a non-ASCII letter): no Latin-1 fallback is needed for it
    result = pakru(tmp_project, "import", "sipri-register", str(source_extracts / REGISTER), "--dry-run")
    assert result.returncode == 0, result.stderr


def test_a_windows_1251_register_is_refused_naming_the_byte_offset(
        tmp_project: Path, source_extracts: Path, tmp_path: Path) -> None:
    text = (source_extracts / REGISTER).read_text(encoding="utf-8")
    head, sep, rest = text.replace("é", "e").partition("\nPakistan,")
    cyr = head + sep + rest.replace(",", ",Россия тест ", 1)
    path = tmp_path / "register-1251.csv"
    path.write_bytes(cyr.encode("cp1251"))
    offset = cyr.encode("cp1251").index("Россия".encode("cp1251"))
    before = digest(tmp_project / "data")
    result = pakru(tmp_project, "import", "sipri-register", str(path))
    assert result.returncode == 3
    msg = _one_line(result)
    assert f"is not UTF-8: byte 0x{'Р'.encode('cp1251')[0]:02x} at offset {offset}" in msg
    assert "Ð" not in msg and digest(tmp_project / "data") == before


def test_a_windows_1251_comtrade_json_is_refused(tmp_project: Path, tmp_path: Path) -> None:
    body = ('{"count": 1, "data": [{"reporterCode": 643, "partnerCode": 586, "flowCode": "X", "period": 2023, '
            '"cmdCode": "10", "cmdDesc": "Зерно", "primaryValue": 5}], "error": ""}\n')
    path = tmp_path / "answer.json"
    path.write_bytes(body.encode("cp1251"))
    result = pakru(tmp_project, "import", "comtrade-api", str(path))
    assert result.returncode == 3
    assert "is not UTF-8: byte 0xc7 at offset" in _one_line(result)


@pytest.mark.parametrize("kind", ["sbp-country", "swift-rmb"])
def test_a_pdf_is_named_as_a_pdf_with_what_the_kind_reads(tmp_project: Path, tmp_path: Path, kind: str) -> None:
    """SWIFT and the State Bank publish PDFs beside their data: a PDF given to import is named as one,
    with what the kind reads, not told to be saved as UTF-8."""
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.4\n%\xd0\xd4\xc5\xd8\n1 0 obj\n<<>>\nendobj\n")
    before = digest(tmp_project / "data")
    result = pakru(tmp_project, "import", kind, str(path))
    line = _one_line(result)
    assert result.returncode == 3
    assert f"is a PDF document, not a {kind} file" in line and ". expected: " in line and "UTF-8" not in line
    assert digest(tmp_project / "data") == before


def test_utf16_is_named_as_utf16(tmp_project: Path, source_extracts: Path, tmp_path: Path) -> None:
    path = tmp_path / "cofer16.csv"
    path.write_bytes((source_extracts / COFER).read_text(encoding="utf-8").encode("utf-16"))
    result = pakru(tmp_project, "import", "imf-cofer", str(path))
    assert result.returncode == 3 and "is UTF-16 text" in _one_line(result)


@pytest.mark.parametrize(("value", "says"), [("1e309", "not a finite number"), ("١٢٣", "not an ASCII digit 0-9")],
                         ids=["1e309", "arabic-indic"])
def test_a_cofer_value_that_is_not_a_plain_number_exits_3_in_one_line(
        tmp_project: Path, source_extracts: Path, tmp_path: Path, value: str, says: str) -> None:
    path = _cofer_with(source_extracts, tmp_path / "cofer.csv", {("CNY", "2016-Q4"): value})
    before = digest(tmp_project / "data")
    result = pakru(tmp_project, "import", "imf-cofer", str(path))
    assert result.returncode == 3
    assert says in _one_line(result)
    assert digest(tmp_project / "data") == before


def test_deeply_nested_json_exits_3_in_one_line(tmp_project: Path, tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"data": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    result = pakru(tmp_project, "import", "comtrade-api", str(path))
    assert result.returncode == 3
    assert "is not a comtrade-api file" in _one_line(result)


def test_a_long_value_in_an_error_is_clipped(tmp_project: Path, source_extracts: Path, tmp_path: Path) -> None:
    path = _cofer_with(source_extracts, tmp_path / "cofer.csv", {("CNY", "2016-Q4"): "9" * 300})
    result = pakru(tmp_project, "import", "imf-cofer", str(path))
    assert result.returncode == 3
    line = _one_line(result)
    assert len(line) <= 400 and "9" * 30 not in line


# -- 4d-4j, D12, D13: paths and folders -------------------------------------------------------------

def test_a_file_larger_than_a_publishers_is_refused_before_reading(
        tmp_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sparse = tmp_path / "sparse.csv"
    with open(sparse, "wb") as fh:
        fh.truncate(1 << 20)  # all NUL, no data written
    monkeypatch.setenv("PAKRU_MAX_FILE_BYTES", "65536")
    result = pakru(tmp_project, "import", "imf-cofer", str(sparse))
    assert result.returncode == 3
    assert "is 1,048,576 bytes, larger than any publisher's file pakru reads (at most 65,536" in _one_line(result)


def test_a_folder_and_a_fifo_are_named_as_such(tmp_project: Path, tmp_path: Path) -> None:
    folder = pakru(tmp_project, "import", "imf-cofer", str(tmp_path))
    assert folder.returncode == 2 and "is a folder, not a file" in _one_line(folder)
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    piped = pakru(tmp_project, "import", "imf-cofer", str(fifo))  # must not block on the pipe
    assert piped.returncode == 2 and "is a FIFO (named pipe), not a file" in _one_line(piped)


def test_a_symlinked_file_in_the_wrong_format_is_not_quoted(tmp_project: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:SECRET-HASH:19000:0:99999:7:::\n", encoding="utf-8")
    link = tmp_path / "download.csv"
    link.symlink_to(secret)
    for kind in ("imf-sdmx", "sipri-tiv", "swift-rmb", "comtrade", "sipri-register"):
        result = pakru(tmp_project, "import", kind, str(link))
        assert result.returncode == 3
        line = _one_line(result)
        assert "SECRET" not in line and "symbolic link" in line


def test_url_of_an_existing_source_is_checked(tmp_project: Path, source_extracts: Path) -> None:
    for url in ("javascript:alert(1)", "file:///etc/passwd"):
        result = pakru(tmp_project, "import", "imf-cofer", str(source_extracts / COFER), "--url", url)
        assert result.returncode == 2
        assert "not a web address; allowed: http:// or https://" in _one_line(result)


def _no_raw(root: Path) -> Path:
    """``data/raw`` removed (it holds only its README in a copy of the project)."""
    raw = root / "data" / "raw"
    shutil.rmtree(raw, ignore_errors=True)
    return raw


def _edited(source_extracts: Path, tmp_path: Path) -> Path:
    return _cofer_with(source_extracts, tmp_path / "cofer-cny.csv", {("CNY", "2016-Q4"): "1.5"})


def test_a_read_only_import_log_is_not_replaced(tmp_project: Path, source_extracts: Path, tmp_path: Path) -> None:
    log = _no_raw(tmp_project) / "imports.csv"
    log.parent.mkdir(parents=True)
    log.write_text("imported_utc,source_id,kind,file,sha256,url,added,changed\n", encoding="utf-8")
    log.chmod(0o444)
    before = digest(tmp_project / "data")
    result = pakru(tmp_project, "import", "imf-cofer", str(_edited(source_extracts, tmp_path)))
    assert result.returncode == 8
    assert "data/raw/imports.csv is read-only (mode 0444)" in _one_line(result)
    assert digest(tmp_project / "data") == before


def test_a_data_raw_that_cannot_be_a_folder_exits_8(tmp_project: Path, source_extracts: Path, tmp_path: Path) -> None:
    _no_raw(tmp_project).write_text("not a folder\n", encoding="utf-8")
    before = digest(tmp_project / "data")
    result = pakru(tmp_project, "import", "imf-cofer", str(_edited(source_extracts, tmp_path)))
    assert result.returncode == 8
    assert _one_line(result).startswith("pakru: cannot write data/raw")
    assert digest(tmp_project / "data") == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_read_only_data_raw_exits_8(tmp_project: Path, source_extracts: Path, tmp_path: Path) -> None:
    raw = _no_raw(tmp_project)
    raw.mkdir()
    raw.chmod(0o555)
    try:
        result = pakru(tmp_project, "import", "imf-cofer", str(_edited(source_extracts, tmp_path)))
    finally:
        raw.chmod(0o755)
    assert result.returncode == 8 and "Permission denied" in _one_line(result)


def test_a_data_raw_linked_out_of_the_project_is_refused(
        tmp_project: Path, source_extracts: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    _no_raw(tmp_project).symlink_to(elsewhere)
    before = digest(tmp_project / "data")
    result = pakru(tmp_project, "import", "imf-cofer", str(_edited(source_extracts, tmp_path)))
    assert result.returncode == 8
    assert "data/raw leads to" in _one_line(result) and "outside the project" in result.stderr
    assert list(elsewhere.iterdir()) == [] and digest(tmp_project / "data") == before


# -- 5g: formula cells --------------------------------------------------------------------------------

def test_a_formula_in_a_text_cell_is_refused(tmp_project: Path, source_extracts: Path, tmp_path: Path) -> None:
    text = (source_extracts / REGISTER).read_text(encoding="utf-8")
    table = list(csv.reader(io.StringIO(text, newline="")))
    start = next(i for i, r in enumerate(table) if r and r[0] == "Recipient")
    row = next(r for r in table[start + 1:] if len(r) > 12 and r[1] in ("Russia", "Soviet Union"))
    row[12] = '=HYPERLINK("http://evil.example/x","click")'
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(table)
    path = tmp_path / "register.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    before = digest(tmp_project / "data")
    result = pakru(tmp_project, "import", "sipri-register", str(path))
    assert result.returncode == 3
    line = _one_line(result)
    assert "column 'comments'" in line and "starts with '='" in line and "formula" in line
    assert digest(tmp_project / "data") == before


# -- 6: temporary files left by a killed write --------------------------------------------------------

def test_stale_temporary_files_are_ignored_by_check_and_removed_by_the_next_import(
        tmp_project: Path, source_extracts: Path, tmp_path: Path) -> None:
    stale = [tmp_project / "data" / ".sources.csv.k2j4h1ab.tmp",
             tmp_project / "data" / "trade" / ".composition.csv.a_b1c2d3.tmp"]
    for path in stale:
        path.write_text("half", encoding="utf-8")
    assert pakru(tmp_project, "check").returncode == 0
    result = pakru(tmp_project, "import", "imf-cofer", str(_edited(source_extracts, tmp_path)))
    assert result.returncode == 0, result.stderr
    assert not any(p.exists() for p in stale)
    assert "a temporary file left by an interrupted write" in result.stderr


def test_an_sdmx_csv_cut_in_a_row_is_refused_with_its_line_not_a_misleading_dataflow(
        tmp_project: Path, tmp_path: Path) -> None:
    recorded = Path(__file__).resolve().parent / "recorded" / "imf" / "imts.csv"
    cut, line = _cut_in_a_number(recorded.read_text(encoding="utf-8"), line_from_end=1)
    path = tmp_path / "imts.csv"
    path.write_text(cut, encoding="utf-8")
    result = pakru(tmp_project, "import", "imf-sdmx", str(path))
    assert result.returncode == 3
    msg = _one_line(result)
    assert f"the last line (line {line})" in msg and "several dataflows" not in msg


# -- issue 26, gap (c): kill -9 at any moment of an import leaves data/ wholly old or wholly new -----

def _state(root: Path, sha: str) -> tuple[bool, bool, bool]:
    """(the edited share is in, the import log names the file, no leftover of a write is in data/)."""
    logged = any(r["sha256"] == sha for r in rows(root, "raw/imports.csv"))
    leftovers = [p.name for p in (root / "data").rglob(".*") if p.is_file() and p.name != ".gitattributes"]
    return _share(root, "CNY", "2016-10-01") == "1.5", logged, not leftovers


def _killed_import(root: Path, edited: Path, step: int) -> None:
    env = {**os.environ, "PYTHONPATH": SRC, "PAKRU_JOURNAL_KILL_AT": str(step)}
    killed = subprocess.run([sys.executable, "-m", "pakru.cli", "--root", str(root), "import", "imf-cofer",
                             str(edited)], capture_output=True, text=True, env=env, timeout=120)
    assert killed.returncode == -signal.SIGKILL, killed.stderr


# steps of journal.apply: 0 temporaries written, 1 journal committed, 2-4 after each of the three
# renames (currency_shares.csv, sources.csv, raw/imports.csv), 99 journal removed, backups left
KILL_STEPS = [0, 1, 2, 3, 4, 99]


@pytest.mark.slow
@pytest.mark.parametrize("step", KILL_STEPS)
@pytest.mark.parametrize("next_command", ["check", "import"])
def test_an_import_killed_at_any_step_is_wholly_old_or_new_after_the_next_command(
        tmp_project: Path, source_extracts: Path, tmp_path: Path, step: int, next_command: str) -> None:
    edited = _edited(source_extracts, tmp_path)
    sha = hashlib.sha256(edited.read_bytes()).hexdigest()
    _killed_import(tmp_project, edited, step)
    if next_command == "check":
        result = pakru(tmp_project, "check")
        if step in (1, 2, 3, 4):  # the journal was there: check finishes the import and says so, exit 3
            assert result.returncode == 3, result.stderr
            line = _one_line(result)
            assert f"interrupted after {step - 1} of its 3 files were replaced" in line
            assert "rolled forward: data/ is now wholly the import" in line
        else:
            assert result.returncode == 0, result.stderr
    else:  # another import: it settles data/ first, then does its own work
        other = _cofer_with(source_extracts, tmp_path / "cofer-usd.csv", {("USD", "2016-Q4"): "65.3"}, only=True)
        result = pakru(tmp_project, "import", "imf-cofer", str(other))
        assert result.returncode == 0, result.stderr
    assert pakru(tmp_project, "check").returncode == 0
    share_new, logged, clean = _state(tmp_project, sha)
    assert not (tmp_project / "data" / ".pakru-import.journal").exists()
    # check reads and never deletes: temporaries and backups of a write that never began (step 0) or
    # had ended (99) stay until the next import removes them; an import leaves nothing
    assert clean or (next_command == "check" and step in (0, 99))
    assert share_new == logged == (step != 0)  # wholly new once the journal was written, else wholly old


def test_a_half_applied_import_whose_temporary_was_damaged_is_rolled_back(
        tmp_project: Path, source_extracts: Path, tmp_path: Path) -> None:
    """Simulated in process: the journal and state of an import killed after its first rename, with
    the second file's temporary cut short. The next command cannot finish it, so it undoes it."""
    from pakru.intake import journal

    data = tmp_project / "data"
    before = digest(data)
    targets = {data / "payments" / "currency_shares.csv": b"new shares\n", data / "sources.csv": b"new sources\n"}
    staged = {p: journal._stage(p, body) for p, body in targets.items()}
    (data / journal.JOURNAL).write_text(json.dumps({"format": 1, "label": "test", "started_utc": "now", "files": [
        {"target": str(p.relative_to(data)), "temp": str(t.relative_to(data)), "sha256": hashlib.sha256(
            targets[p]).hexdigest(), "backup": str(b.relative_to(data))} for p, (t, b) in staged.items()]}))
    first, second = staged.items()
    os.replace(first[1][0], first[0])  # the first rename happened
    second[1][0].write_bytes(b"new sh")  # the second temporary is damaged
    result = pakru(tmp_project, "check")
    assert result.returncode == 3
    assert "rolled back: data/ is now wholly as before it" in _one_line(result)
    assert digest(data) == before


def test_a_completed_import_leaves_no_journal_backup_or_temporary(
        tmp_project: Path, source_extracts: Path, tmp_path: Path) -> None:
    result = pakru(tmp_project, "import", "imf-cofer", str(_edited(source_extracts, tmp_path)))
    assert result.returncode == 0, result.stderr
    assert [p.name for p in (tmp_project / "data").rglob(".*") if p.name != ".gitattributes"] == []
    assert pakru(tmp_project, "check").returncode == 0


# -- issue 26, m4: what the README says of two imports at once is what happens ---------------------

def test_an_import_that_finds_the_lock_taken_exits_6_without_wait_and_lands_with_it(
        tmp_project: Path, source_extracts: Path, tmp_path: Path) -> None:
    """README: two imports started together both land when both are given --wait; without it,
    whichever finds the lock taken exits 6 and writes nothing."""
    import threading

    edited = _edited(source_extracts, tmp_path)
    before = digest(tmp_project / "data")
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert "when both are given `--wait SECONDS`; without it,\nwhichever finds the lock taken exits 6" in readme
    with DataLock(tmp_project / "data", exclusive=True):  # another import holding data/
        result = pakru(tmp_project, "import", "imf-cofer", str(edited))
    assert result.returncode == 6
    assert "in use by another pakru import, update or build" in _one_line(result)
    assert digest(tmp_project / "data") == before

    holder = DataLock(tmp_project / "data", exclusive=True).__enter__()
    threading.Timer(0.3, holder.__exit__, (None, None, None)).start()
    waited = pakru(tmp_project, "import", "imf-cofer", str(edited), "--wait", "30")
    assert waited.returncode == 0, waited.stderr
    assert "waiting up to 30 s" in waited.stderr
    assert _share(tmp_project, "CNY", "2016-10-01") == "1.5"


def test_a_build_finishes_a_half_applied_import_before_it_reads_data(
        tmp_project: Path, source_extracts: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The state of a real import killed after the first of its three renames (journal committed, the
    other temporaries complete): 'pakru build' rolls it forward before the build itself starts."""
    from pakru.build import steps
    from pakru.intake import journal
    from pakru.intake.plan import plan_import
    from pakru.intake.provenance import origin_of_file
    from pakru.intake.publisher import ImportOptions
    from pakru.intake.registry import KINDS

    edited = _edited(source_extracts, tmp_path)
    extract = KINDS["imf-cofer"].read(edited, ImportOptions())
    new = dict(plan_import(tmp_project, ((extract, origin_of_file("imf-cofer", edited, ""),),)).files)
    data = tmp_project / "data"
    staged = {p: journal._stage(p, body) for p, body in new.items()}
    (data / journal.JOURNAL).write_text(json.dumps({"format": 1, "label": "test", "started_utc": "now", "files": [
        {"target": str(p.relative_to(data)), "temp": str(t.relative_to(data)), "sha256": hashlib.sha256(
            new[p]).hexdigest(), "backup": str(b.relative_to(data))} for p, (t, b) in staged.items()]}))
    target, (temp, _backup) = next(iter(staged.items()))
    os.replace(temp, target)
    seen: list[bool] = []
    monkeypatch.setattr(steps, "main_build", lambda opts: seen.append(journal.pending(data)) or 0)
    result = pakru(tmp_project, "build")
    assert result.returncode == 0
    assert seen == [False]  # the journal was settled before the build began
    assert "interrupted after 1 of its 3 files" in _one_line(result)
    assert {p: p.read_bytes() for p in new} == new
    assert _share(tmp_project, "CNY", "2016-10-01") == "1.5"
    assert pakru(tmp_project, "check").returncode == 0


# -- the review's 'older promises' table (issue 26): SIPRI files, line endings, cuts, formulas --------

TIV = "sipri_tiv_imports_pakistan_by_supplier_year_1950-2021.csv"


def _tiv(edit: Callable[[bytes], bytes]) -> Callable[[Path], bytes]:
    return lambda extracts: edit((extracts / TIV).read_bytes())


def _register_comment(prefix: str) -> Callable[[Path], bytes]:
    def make(extracts: Path) -> bytes:
        data = (extracts / REGISTER).read_bytes()
        old = b",Second hand,Probably second-hand; $14 m deal; Mi-171E version,"
        return data.replace(old, old.replace(b"Second hand,", b"Second hand," + prefix), 1)
    return make


OLDER = [
    ("old-crlf-asis", "sipri-tiv", _tiv(lambda d: d), 0, "nothing to change"),
    ("old-lf", "sipri-tiv", _tiv(lambda d: d.replace(b"\r\n", b"\n")), 0, "nothing to change"),
    ("old-bom", "sipri-tiv", _tiv(lambda d: b"\xef\xbb\xbf" + d), 0, "nothing to change"),
    ("old-changed-one-lf", "sipri-tiv", _tiv(lambda d: d.replace(b"\r\n", b"\n").replace(
        b"Pakistan,Russia,1995,34\n", b"Pakistan,Russia,1995,35\n")), 0, "0 added, 1 changed"),
    ("old-changed-one-crlf", "sipri-tiv", _tiv(lambda d: d.replace(b"Pakistan,Russia,1995,34\r",
                                                                  b"Pakistan,Russia,1995,35\r")), 0,
     "0 added, 1 changed"),
    ("old-tiv_cut_mid_number", "sipri-tiv", _tiv(lambda d: d[:-4]), 3, "has no line break at its end"),
    ("old-tiv_cut_mid_line_with_newline", "sipri-tiv", _tiv(lambda d: d[: d.rindex(b",")] + b"\r\n"), 3,
     "has 3 cells, the header has 4, so the file looks cut short"),
    ("old-tiv_cut_quote_open", "sipri-tiv", _tiv(lambda d: d + b'Pakistan,"Russia,1999,1\r\n'), 3,
     "cannot be read as CSV"),
    ("old-tiv_latin1", "sipri-tiv", _tiv(lambda d: d.replace(b"Pakistan,Russia,1995", b"Pakistan,Cura\xe7ao,1995")),
     3, "is not UTF-8: byte 0xe7"),
    ("old-tiv_arabic_digits", "sipri-tiv", _tiv(lambda d: d.replace(b"Russia,1995,34", "Russia,1995,\u0663\u0664"
                                                                    .encode())), 3, "(U+0663), which is not an ASCII"),
    ("old-tiv_formula_at", "sipri-tiv",
     _tiv(lambda d: d.replace(b"Pakistan,Australia,1990", b"Pakistan,@SUM(A1),1990")), 0, "nothing to change"),
    ("old-register-formula-eq", "sipri-register", _register_comment(b"="), 3,
     "column 'comments': a text cell for defence/arms_transfers.csv starts with '='"),
    ("old-register-formula-at", "sipri-register", _register_comment(b"@"), 3, "starts with '@'"),
    ("old-register-formula-plus", "sipri-register", _register_comment(b"+"), 3, "starts with '+'"),
    ("old-register-formula-minus", "sipri-register", _register_comment(b"-"), 3, "starts with '-'"),
    ("old-register-formula-tab", "sipri-register", _register_comment(b"\t"), 0, "nothing to change"),
    ("old-register-formula-plain", "sipri-register", _register_comment(b"deal "), 0, "0 added, 1 changed"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("case", "kind", "make", "code", "says"), OLDER, ids=[c[0] for c in OLDER])
def test_the_reviews_older_promises_still_hold(tmp_project: Path, source_extracts: Path, tmp_path: Path,
                                              case: str, kind: str, make: Callable[[Path], bytes], code: int,
                                              says: str) -> None:
    path = tmp_path / f"{case}.csv"
    path.write_bytes(make(source_extracts))
    before = digest(tmp_project / "data")
    result = pakru(tmp_project, "import", kind, str(path))
    assert result.returncode == code, result.stderr
    if code:
        assert says in _one_line(result)
        assert digest(tmp_project / "data") == before
        return
    assert says in result.stdout, result.stdout[-400:]
    changed = {k for k, v in digest(tmp_project / "data").items() if before.get(k) != v}
    assert b"\r" not in (tmp_project / "data" / "defence" / "arms_imports_tiv.csv").read_bytes()  # data/ stays LF
    if "nothing to change" in says:
        assert changed <= {"raw/imports.csv"}  # a new file hash is logged, nothing else
    first = digest(tmp_project / "data")
    again = pakru(tmp_project, "import", kind, str(path))  # old-same-file-twice: the second time, nothing
    assert "nothing to change" in again.stdout
    assert digest(tmp_project / "data") == first  # not even a second log line
