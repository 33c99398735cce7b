"""Every SBP workbook case of the adversarial review (shared/reviews/intake-adversarial-2026-12-07.md,
"SBP workbooks: pakru import sbp-country FILE"), made in the test from the real workbooks, with the
answer it must get now: the exit code, the line's words, and whether data/ changed.

Refusals run a real import and prove nothing was written; the others run ``--dry-run`` and check
the counts. The defects the issue closed are marked in the tables (S1, S2, M1, M2, m1, m2, m3, gap
a). The case names are the review's. A handful run in ``make test-fast``; the whole table is slow.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import copy_project
from data_files import digest
from fixtures import craft
from fixtures.cli import run
from pakru.intake.publishers.sbp.reader import letter

F158 = craft.RUSSIA_MAR_FY26
Case = tuple[str, str, Callable[[], bytes], int, str]


def _cell(ref: str, new: str) -> Callable[[], bytes]:
    return lambda: craft.rezip(lambda x: craft.cell(x, ref, new.replace("REF", ref)))


def _text(ref: str, text: str) -> Callable[[], bytes]:
    return lambda: craft.rezip(lambda x: craft.text_cell(x, ref, text))


def _empty(ref: str) -> Callable[[], bytes]:
    return lambda: craft.rezip(lambda x: craft.cell(x, ref, ""))


def _value(v: str, t: str = "") -> Callable[[], bytes]:
    return _cell(F158, f'<c r="REF"{t}><v>{v}</v></c>')


def _xls(edit: Callable[[bytes], bytes]) -> Callable[[], bytes]:
    return lambda: edit(craft.EXPORTS_XLS.read_bytes())


def _far_text() -> bytes:
    """One text cell in column 20,000 (ACOF), below the table."""
    far = letter(19999)
    return craft.rezip(lambda x: x.replace(
        "</sheetData>", f'<row r="400"><c r="{far}400" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'))


def _russia_row_20k() -> bytes:
    """The Russia row carried on with a value in every column up to 20,000."""
    cells = "".join(f'<c r="{letter(c)}158"><v>1</v></c>' for c in range(8, 20000))
    return craft.rezip(lambda x: craft.cell(x, "H158", '<c r="H158" s="6"><v>17800.8921</v></c>' + cells))


def _empty_header_20k() -> bytes:
    cells = "".join(f'<c r="{letter(c)}5" t="inlineStr"><is><t></t></is></c>' for c in range(8, 20000))
    return craft.rezip(lambda x: craft.cell(x, "H5", '<c r="H5" s="66"/>' + cells))


# (case, file name, how it is made, exit code, words of the line printed)
REFUSED: list[Case] = [
    # the defects the issue closed
    ("imp-label_fy_two_digit_99 (S1)", "x.xlsx", _text("B6", "FY99"), 3,
     "cell B6: 'Jul-Jun FY99' is read as FY1998-99, 26 years apart from the sheet's other columns"),
    ("imp-label_fy_future_62 (S1)", "x.xlsx", _text("B6", "FY62"), 3, "is read as FY1961-62, 63 years apart"),
    ("imp-label_fy_future_four_digits (S1)", "x.xlsx", _text("B6", "FY2027"), 3,
     "a period not over by today"),
    ("imp-crc_mismatch_digit_flipped (S2)", "x.xlsx", craft.crc_flipped, 3,
     "member 'xl/worksheets/sheet1.xml' fails its CRC-32 check"),
    ("imp-corrupt_deflate_byte (S2)", "x.xlsx",
     lambda: craft.flipped_byte(d := craft.rezip(), craft.deflated_sheet_offset(d)), 3,
     "fails its CRC-32 check"),
    ("imp-bomb_whitespace (M2)", "x.xlsx", lambda: craft.zip_bomb(8 << 20), 3,
     "inflates 315 times (26,884 to 8,486,910 bytes); a workbook's members inflate at most 100 times"),
    ("imp-far_corner_XFD1048576 (m1)", "x.xlsx", craft.far_corner, 3,
     "reading it needed more than 1,024 MB of memory"),
    ("imp-xls_zero_padded_tail (M1)", "x.xls", lambda: craft.zero_tail(0.5), 3,
     "reading it needed more than 1,024 MB of memory"),
    ("imp-xls_zero_padded_last_sectors (M1)", "x.xls", lambda: craft.zero_tail(last=4096), 3,
     "reading it needed more than 1,024 MB of memory"),
    ("imp-formula_no_cached_value (m2)", "x.xlsx", _cell(F158, '<c r="REF"><f>1+1</f></c>'), 3,
     "cell F158: a formula saved without its result, not a figure"),
    ("imp-value_nan (m2)", "x.xlsx", _value("NaN"), 3, "cell F158: NaN (not a number) is not a figure"),
    ("imp-value_error_div0 (m2)", "x.xlsx", _value("#DIV/0!", ' t="e"'), 3, "cell F158: the error #DIV/0!"),
    ("imp-value_error_na (m2)", "x.xlsx", _value("#N/A", ' t="e"'), 3, "cell F158: the error #N/A"),
    ("imp-unit_dollars_labelled_thousand (gap a)", "x.xlsx",
     lambda: craft.rezip(lambda x: craft.times_1000(x, range(7, 240))), 3,
     "cell B221: line I (all countries) is 53,698,569,533 thousand US dollars for Jul-Jun FY24"),
    ("imp-unit_russia_row_x1000 (gap a)", "x.xlsx",
     lambda: craft.rezip(lambda x: craft.times_1000(x, range(158, 159))), 3,
     "cell B158: 'Russian Federation' is 1020169798.3 thousand US dollars for Jul-Jun FY24, more than line I"),
    ("imp-value_1e300 (gap a)", "x.xlsx", _value("1E300"), 3, "more than line I"),
    # was taken as a one-month window (as documented); line I's bound now shows the nine months in it
    ("imp-label_month_window_jul_jul (gap a)", "x.xlsx", _text("G5", "Jul-Jul"), 3,
     "cell G221: line I (all countries) is 43,173,103 thousand US dollars for Jul-Jul FY25 (R), 43.2 billion"),
    # refused before, and still
    ("imp-formula_text_in_value", "x.xlsx", _text(F158, "=1+1"), 3, "cell F158: '=1+1' is not a number"),
    ("imp-formula_string_result_in_value", "x.xlsx",
     _cell(F158, '<c r="REF" t="str"><f>TEXT(1391.0277,"0.0000")</f><v>1391.0277</v></c>'), 3,
     "cell F158: '1391.0277' is not a number"),
    ("imp-header_merged_E5F5", "x.xlsx", _empty("F5"), 3, "columns E and F both give Feb FY26"),
    ("imp-header_merged_F5G5", "x.xlsx", _empty("G5"), 3, "columns D and G both give Mar FY25 (R)"),
    ("imp-flag_lowercase", "x.xlsx", _text("F5", "Mar (p)"), 3, "cell F5: header label 'Mar (p)' is not understood"),
    ("imp-flag_before_label", "x.xlsx", _text("F5", "(P) Mar"), 3, "header label '(P) Mar' is not understood"),
    ("imp-flag_both_rows_conflict", "x.xlsx", _text("F6", "FY26 (R)"), 3, "cell F5: the column is marked both"),
    ("imp-flag_in_russia_label", "x.xlsx", _text("A158", "Russian Federation (P)"), 3,
     "no row 'Russian Federation' in column A"),
    ("imp-flag_in_value_cell", "x.xlsx", _text(F158, "1391.0277 (P)"), 3, "'1391.0277 (P)' is not a number"),
    ("imp-flag_star", "x.xlsx", _text("F5", "Mar*"), 3, "header label 'Mar*' is not understood"),
    ("imp-label_unparsable", "x.xlsx", _text("E5", "Febr. (R)"), 3, "cell E5: header label 'Febr. (R)'"),
    ("imp-russia_twice", "x.xlsx", _text("A157", "Russian Federation"), 3,
     "more than one row 'Russian Federation' in column A"),
    ("imp-russia_plain", "x.xlsx", _text("A158", "Russia"), 3, "no row 'Russian Federation'"),
    ("imp-russia_cyrillic_a", "x.xlsx", _text("A158", "Russi\u0430n Federation"), 3, "no row 'Russian Federation'"),
    ("imp-russia_trailing_dot", "x.xlsx", _text("A158", "Russian Federation."), 3, "no row 'Russian Federation'"),
    ("imp-russia_footnote_mark", "x.xlsx", _text("A158", "Russian Federation\u00b9"), 3,
     "no row 'Russian Federation'"),
    ("imp-russia_zero_width", "x.xlsx", _text("A158", "Russian\u200bFederation"), 3, "no row 'Russian Federation'"),
    ("imp-value_negative", "x.xlsx", _value("-1391.0277"), 3, "'-1.3910277' is negative"),
    ("imp-value_text_na", "x.xlsx", _text(F158, "n.a."), 3, "cell F158: 'n.a.' is not a number"),
    ("imp-value_text_dash", "x.xlsx", _text(F158, "-"), 3, "cell F158: '-' is not a number"),
    ("imp-value_number_as_text", "x.xlsx", _text(F158, "1391.0277"), 3, "'1391.0277' is not a number"),
    ("imp-value_inf", "x.xlsx", _value("inf"), 3, "cell F158: inf is not a number"),
    ("imp-value_1e309", "x.xlsx", _value("1E309"), 3, "cell F158: inf is not a number"),
    ("imp-value_bool", "x.xlsx", _value("1", ' t="b"'), 3, "cell F158: True is not a number"),
    ("imp-value_arabic_digits_text", "x.xlsx", _text(F158, "\u0661\u0663\u0669\u0661"), 3, "is not a number"),
    ("imp-unit_dollars_relabelled", "x.xlsx", _text("A4", "(US Dollar)"), 3, "the unit is unknown"),
    ("imp-unit_million_relabelled", "x.xlsx", _text("A4", "(Million US Dollar)"), 3, "the unit is unknown"),
    ("imp-unit_missing", "x.xlsx", _empty("A4"), 3, "no unit line '(Thousand US Dollar)' above the header"),
    ("imp-truncated_half", "x.xlsx", lambda: (d := craft.rezip())[: len(d) // 2], 3,
     "not readable as an Excel workbook"),
    ("imp-truncated_last_byte", "x.xlsx", lambda: craft.rezip()[:-1], 3, "not readable as an Excel workbook"),
    ("imp-truncated_no_central_dir", "x.xlsx",
     lambda: (d := craft.rezip())[: d.rindex(b"PK\x01\x02", 0, d.index(b"PK\x05\x06"))], 3, "not readable"),
    ("imp-empty_workbook", "x.xlsx",
     lambda: craft.rezip(lambda x: x[: x.index("<sheetData>")] + "<sheetData/>" + x[x.index("</sheetData>") + 12:]),
     3, "no sheet has a header row starting with 'Country'"),
    ("imp-second_sheet_same_table_other_value", "x.xlsx",
     lambda: craft.second_sheet(lambda x: craft.cell(x, F158, '<c r="F158"><v>1400</v></c>')), 3,
     "gives two rows for the key"),
    ("imp-second_sheet_identical_copy", "x.xlsx", lambda: craft.second_sheet(), 3, "gives two rows for the key"),
    ("imp-mixed_flows_two_sheets", "x.xlsx",
     lambda: craft.second_sheet(lambda x: craft.text_cell(craft.text_cell(x, "A1", "Export Receipts by All Countries"),
                                                          "A221", "I. Export Receipts through Banks")), 3,
     "the workbook mixes export receipts and import payments (exports, imports)"),
    ("imp-xls_truncated_half", "x.xls", _xls(lambda d: d[: len(d) // 2]), 3, "not readable as an Excel workbook"),
    ("imp-xls_truncated_90pct", "x.xls", _xls(lambda d: d[: len(d) * 9 // 10]), 3, "not readable"),
    ("imp-xls_truncated_99pct", "x.xls", _xls(lambda d: d[: len(d) * 99 // 100]), 3, "not readable"),
    ("imp-html_error_page.xls", "x.xls", lambda: b"<html><body>\n<h1>404 Not Found</h1>\n</body></html>\n", 3,
     "not readable as an Excel workbook"),
    ("imp-html_error_page_no_final_newline.xls", "x.xls", lambda: b"<html>\n<body>\n</body>\n</html>", 3,
     "has no line break at its end, so the file looks cut short"),
    ("imp-html_error_page_cp1252.xls", "x.xls", lambda: "<html>\n<p>error \u2013 sorry</p>\n".encode("cp1252"), 3,
     "is not UTF-8: byte 0x96 at offset"),
    ("imp-html_error_page_urdu_digits.xls", "x.xls", lambda: "<html>\n<p>\u06f4\u06f0\u06f4</p>\n".encode(), 3,
     "holds the digit '\u06f4' (U+06F4)"),
    ("imp-html_error_page.xlsx", "x.xlsx", lambda: b"<html><body>\n<h1>Error</h1>\n</body></html>\n", 3,
     "not readable as an Excel workbook"),
    ("imp-empty_zero_bytes.xls", "x.xls", lambda: b"", 3, "not readable as an Excel workbook"),
    ("imp-empty_zero_bytes.xlsx", "x.xlsx", lambda: b"", 3, "not readable as an Excel workbook"),
    ("imp-cols20k_one_far_text", "x.xlsx", _far_text, 3, "cell ACOF5: a column of values with no header label"),
    ("imp-cols20k_values_in_russia_row", "x.xlsx", _russia_row_20k, 3,
     "cell I5: a column of values with no header label"),
]

# (case, file name, how it is made, exit code, the closing line)
ACCEPTED: list[Case] = [
    ("old-sbp-current-named-arch (m3)", "imports_Arch_copy.xlsx", lambda: craft.IMPORTS_XLSX.read_bytes(), 0,
     "imports_Arch_copy.xlsx → trd-sbp-import-payments: nothing to change"),
    ("imp-base_rezip", "x.xlsx", craft.rezip, 0, "trd-sbp-import-payments: nothing to change"),
    ("imp-formula_cached_value", "x.xlsx", _cell(F158, '<c r="REF"><f>1+1</f><v>2</v></c>'), 0,
     "trd-sbp-import-payments: 0 added, 1 changed"),
    ("imp-formula_hyperlink_label", "x.xlsx",
     _cell("A158", '<c r="REF" t="str"><f>HYPERLINK("https://x","Russian Federation")</f><v>Russian Federation</v>'
                   "</c>"), 0, "nothing to change"),
    ("imp-formula_hyperlink_cached_number", "x.xlsx",
     _cell(F158, '<c r="REF"><f>HYPERLINK("https://x",1391.0277)</f><v>1391.0277</v></c>'), 0, "nothing to change"),
    ("imp-label_mar_over_fy2026", "x.xlsx", _text("F6", "FY2026"), 0, "0 added, 2 changed"),
    ("imp-sheet_renamed", "x.xlsx", lambda: craft.renamed_sheet("Sheet1"), 0, "nothing to change"),
    ("imp-russia_upper", "x.xlsx", _text("A158", "RUSSIAN FEDERATION"), 0, "nothing to change"),
    ("imp-russia_nbsp", "x.xlsx", _text("A158", "Russian\u00a0Federation"), 0, "nothing to change"),
    ("imp-russia_and_russian_federation", "x.xlsx", _text("A157", "Russia"), 0, "nothing to change"),
    ("imp-value_1e-300", "x.xlsx", _value("1E-300"), 0, "0 added, 1 changed"),
    ("imp-value_blank", "x.xlsx", _empty(F158), 0, "nothing to change"),
    ("imp-value_space_text", "x.xlsx", _text(F158, " "), 0, "nothing to change"),
    ("imp-value_changed_one", "x.xlsx", _value("1391.0278"), 0, "0 added, 1 changed"),
    ("imp-stored_sheet", "x.xlsx", lambda: craft.rezip(stored=True), 0, "nothing to change"),
    ("imp-export_real_renamed.xlsx", "export_real_renamed.xlsx", lambda: craft.EXPORTS_XLS.read_bytes(), 0,
     "trd-sbp-export-receipts: nothing to change"),
    ("imp-import_real_renamed.xls", "import_real_renamed.xls", lambda: craft.IMPORTS_XLSX.read_bytes(), 0,
     "trd-sbp-import-payments: nothing to change"),
    ("imp-dimension_only_huge", "x.xlsx",
     lambda: craft.rezip(lambda x: re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', x)), 0,
     "nothing to change"),
    ("imp-cols20k_empty_strings_in_header", "x.xlsx", _empty_header_20k, 0, "nothing to change"),
]

FAST = {"imp-label_fy_two_digit_99 (S1)", "imp-crc_mismatch_digit_flipped (S2)", "imp-bomb_whitespace (M2)",
        "imp-far_corner_XFD1048576 (m1)", "imp-value_error_na (m2)", "imp-unit_dollars_labelled_thousand (gap a)",
        "old-sbp-current-named-arch (m3)", "imp-value_changed_one"}


def _params(cases: list[Case]) -> list[object]:
    return [pytest.param(*c, id=c[0], marks=() if c[0] in FAST else pytest.mark.slow) for c in cases]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One project copy for the whole table: refusals must leave it byte for byte, the rest dry-run."""
    return copy_project(tmp_path_factory.mktemp("hostile") / "project")


@pytest.mark.parametrize(("case", "name", "make", "code", "says"), _params(REFUSED))
def test_a_hostile_workbook_is_refused_in_one_line_and_writes_nothing(
        project: Path, tmp_path: Path, case: str, name: str, make: Callable[[], bytes], code: int, says: str) -> None:
    path = tmp_path / name
    path.write_bytes(make())
    before = digest(project / "data")
    result = run(project, "import", "sbp-country", str(path))
    assert result.returncode == code, (case, result.stdout[-300:], result.stderr)
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("pakru: "), result.stderr
    assert says in result.stderr, result.stderr
    assert digest(project / "data") == before


@pytest.mark.parametrize(("case", "name", "make", "code", "says"), _params(ACCEPTED))
def test_a_workbook_the_review_found_good_is_still_read_right(
        project: Path, tmp_path: Path, case: str, name: str, make: Callable[[], bytes], code: int, says: str) -> None:
    path = tmp_path / name
    path.write_bytes(make())
    result = run(project, "import", "sbp-country", str(path), "--dry-run")
    assert result.returncode == code, (case, result.stderr)
    assert says in result.stdout, result.stdout[-600:]
    assert "archive" not in result.stdout  # m3: a current workbook is never the archive's, whatever its name



@pytest.mark.parametrize("limit_mb", [pytest.param(256, id="256MB"), pytest.param(None, id="default",
                                                                                 marks=pytest.mark.slow)])
def test_the_reader_child_is_held_to_its_memory_limit(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit_mb: int | None) -> None:
    """M1: a cut .xls drove calamine to 23.6 GB. The child that reads it stops at its limit, and no
    child of this test process has ever held 1.5 GB (ru_maxrss of the waited-for children, which
    counts this process's own peak too)."""
    import resource

    from pakru.intake import sandbox

    if limit_mb:
        monkeypatch.setenv("PAKRU_READER_MEMORY_MB", str(limit_mb))
    # the caller holds more than the limit: the child is started with vfork, and the kernel's account
    # of it would count this too; the reader's own peak must not (a CI run's worker at 259 MB failed)
    ballast = bytearray(limit_mb + 64 << 20) if limit_mb else bytearray(0)
    ballast[::4096] = b"\1" * len(range(0, len(ballast), 4096))
    path = tmp_path / "cut.xls"
    path.write_bytes(craft.zero_tail(0.5))
    result = run(project, "import", "sbp-country", str(path))
    assert result.returncode == 3
    assert f"reading it needed more than {limit_mb or 1024:,} MB of memory ($PAKRU_READER_MEMORY_MB)" in result.stderr
    # the child's own peak (wait4), within its limit; and no child of this process ever reached 1.5 GB
    assert 0 < sandbox.last_peak_bytes < (limit_mb or 1024) << 20, sandbox.last_peak_bytes
    del ballast
    assert resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024 < 1536 << 20


@pytest.mark.slow
def test_the_reader_child_is_held_to_its_cpu_time(project: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """A workbook that takes the reader longer than its CPU limit (here 1 s; the default is 60 s) is
    one line and exit 3: 150,000 extra rows take about 2.5 s to read."""
    rows = "".join(f'<row r="{r}">' + "".join(f'<c r="{letter(c)}{r}"><v>{c}</v></c>' for c in range(1, 8))
                   + "</row>" for r in range(300, 150_300))
    path = tmp_path / "many.xlsx"
    path.write_bytes(craft.rezip(lambda x: x.replace("</sheetData>", rows + "</sheetData>")))
    monkeypatch.setenv("PAKRU_READER_SECONDS", "1")
    result = run(project, "import", "sbp-country", str(path))
    assert result.returncode == 3
    assert "reading it used more than 1 s of CPU ($PAKRU_READER_SECONDS)" in result.stderr


def test_the_members_inflated_sizes_are_summed_before_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    """M2: the caps counted compressed bytes. The zip's directory is summed first (here against a cap
    set below the real workbook's 139,665 bytes), before calamine or testzip inflates anything."""
    from pakru.intake import workbook

    workbook.check_zip(craft.IMPORTS_XLSX)  # the real one passes
    monkeypatch.setattr(workbook, "MAX_INFLATED_BYTES", 100_000)
    says = r"the workbook's members inflate to 139,665 bytes, more than a workbook this report reads would \(at most "
    with pytest.raises(workbook.WorkbookError, match=says + r"100,000\)"):
        workbook.check_zip(craft.IMPORTS_XLSX)


@pytest.mark.slow  # it waits out a 2 s wall clock
def test_a_reader_past_the_wall_clock_is_killed_with_everything_it_started(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A reader that waits (no CPU used, so its CPU limit never comes) is stopped at the wall clock,
    and so is what it started: the reader is the child's own child, in the child's session."""
    from pakru.intake import sandbox

    monkeypatch.setattr(sandbox, "WALL_SECONDS", 1.0)
    monkeypatch.setenv("PAKRU_READER_SECONDS", "1")  # the wall clock: max(1 s, 2 x CPU) = 2 s
    script = tmp_path / "waits.sh"
    # 20 s: long enough to be found, short enough that a kill that misses it fails the test, not hangs it
    marker = f"20.{os.getpid()}"  # this test's own sleeper, not another run's on the same machine
    script.write_text(f"#!/bin/sh\nexec sleep {marker}\n")
    script.chmod(0o755)
    # subprocess.call(path) runs the file: a stand-in for a reader that hangs
    with pytest.raises(sandbox.ChildFailed, match=r"^reading it took more than 2 s \(\$PAKRU_READER_SECONDS\)"):
        sandbox.run("subprocess:call", script)
    left = [p for p in Path("/proc").glob("[0-9]*/cmdline") if marker.encode() in _read_or_empty(p)]
    assert not left, left
    assert sandbox.last_peak_bytes == 0  # the child was killed before it could report


def _read_or_empty(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""
