"""Every load validates against the schema; a problem stops it with file, row, column and value."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from pakru.data import datasets as data
from pakru.errors import DataError
from pakru.data.schema import DATASETS

OBS = "data/trade/observations.csv"


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def _write(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)


def _set_cell(root: Path, rel: str, row: int, column: str, value: str) -> None:
    path = root / rel
    rows = _rows(path)
    rows[row][rows[0].index(column)] = value
    _write(path, rows)


def _load_error(root: Path, name: str = "trade_observations") -> str:
    with pytest.raises(DataError) as info:
        data.load(name, root)
    return str(info.value)


def test_shipped_data_is_valid(project_root: Path) -> None:
    frames = data.load_all(project_root)
    assert set(frames) == set(DATASETS)
    assert len(frames["trade_observations"]) > 100


def test_bad_number_names_file_row_and_column(tmp_project: Path) -> None:
    _set_cell(tmp_project, OBS, 3, "value", "12,5")
    msg = _load_error(tmp_project)
    assert msg.startswith("data/trade/observations.csv, row 3 (line 4), column 'value': '12,5' is not a number")


def test_missing_column_is_named(tmp_project: Path) -> None:
    path = tmp_project / OBS
    rows = _rows(path)
    drop = rows[0].index("unit")
    _write(path, [r[:drop] + r[drop + 1:] for r in rows])
    assert "missing column 'unit'" in _load_error(tmp_project)


def test_unknown_source_id_names_file_row_and_column(tmp_project: Path) -> None:
    _set_cell(tmp_project, OBS, 5, "source_id", "no-such-source")
    msg = _load_error(tmp_project)
    assert msg.startswith("data/trade/observations.csv, row 5 (line 6), column 'source_id': 'no-such-source' "
                          "is not a source_id in data/sources.csv")


@pytest.mark.parametrize(("rel", "column", "cell"), [
    ("data/overview/threads.csv", "event_ids", "def-e111;def-e999"),
    ("data/trade/drivers.csv", "event_id", "def-e999"),
    ("data/payments/roles.csv", "event_id", "def-e999"),
    ("data/article/evidence.csv", "event_id", "def-e999"),
])
def test_unknown_event_id_fails_the_check_not_a_notebook(tmp_project: Path, rel: str, column: str,
                                                         cell: str) -> None:
    # a blank line before the row: the message counts data rows as the file does, skipping it
    path = tmp_project / rel
    rows = _rows(path)
    rows[2][rows[0].index(column)] = cell
    _write(path, [rows[0], [], *rows[1:]])
    name = next(n for n, schema in DATASETS.items() if f"data/{schema.path}" == rel)
    data.load(name, tmp_project)  # the file alone is valid: the id is checked against the events files
    with pytest.raises(DataError) as info:
        data.load_all(tmp_project)
    assert str(info.value) == (f"{rel}, row 3 (line 4), column '{column}': 'def-e999' is not an event_id of "
                               "payments/events.csv or defence/events.csv. fix the id, or add the event with "
                               "its source")


def test_duplicate_key_is_reported_with_both_rows(tmp_project: Path) -> None:
    path = tmp_project / OBS
    rows = _rows(path)
    rows.append(list(rows[2]))
    _write(path, rows)
    msg = _load_error(tmp_project)
    assert f"row {len(rows) - 1} (line {len(rows)})" in msg
    assert "duplicates the key of row 2" in msg


def test_end_before_start_is_reported(tmp_project: Path) -> None:
    rows = _rows(tmp_project / OBS)
    start = rows[1][rows[0].index("period_start")]
    _set_cell(tmp_project, OBS, 1, "period_end", f"{int(start[:4]) - 1}-12-31")
    msg = _load_error(tmp_project)
    assert "row 1 (line 2), column 'period_end'" in msg and "ends before it starts" in msg


def test_fiscal_window_must_stay_inside_one_fiscal_year(tmp_project: Path) -> None:
    rows = _rows(tmp_project / OBS)
    i = next(n for n, r in enumerate(rows) if n and r[rows[0].index("basis")] == "fiscal")
    start = rows[i][rows[0].index("period_start")]
    _set_cell(tmp_project, OBS, i, "period_end", f"{int(start[:4]) + 1}-07-31")
    assert "is not inside one fiscal year (July-June)" in _load_error(tmp_project)


def test_malformed_date_and_unknown_choice(tmp_project: Path) -> None:
    _set_cell(tmp_project, OBS, 2, "period_start", "2019/01/01")
    assert "column 'period_start': '2019/01/01' is not an ISO date" in _load_error(tmp_project)
    _set_cell(tmp_project, OBS, 2, "period_start", "2019-01-01")
    _set_cell(tmp_project, OBS, 2, "flow", "export")
    assert "column 'flow': 'export' is not allowed here (allowed: exports, imports, total, balance)" in \
        _load_error(tmp_project)


def test_share_outside_0_100_and_unknown_currency(tmp_project: Path) -> None:
    rel = "data/payments/currency_shares.csv"
    _set_cell(tmp_project, rel, 1, "share_pct", "101")
    assert "column 'share_pct': '101' is above the maximum 100" in _load_error(tmp_project, "currency_shares")
    _set_cell(tmp_project, rel, 1, "share_pct", "5")
    _set_cell(tmp_project, rel, 1, "currency", "XYZ")
    assert "column 'currency': 'XYZ' is not allowed here" in _load_error(tmp_project, "currency_shares")


def test_precision_year_needs_first_of_january(tmp_project: Path) -> None:
    rel = "data/defence/events.csv"
    rows = _rows(tmp_project / rel)
    i = next(n for n, r in enumerate(rows) if n and r[rows[0].index("precision")] == "year")
    _set_cell(tmp_project, rel, i, "date", rows[i][rows[0].index("date")][:4] + "-03-01")
    assert "must be 1 January when precision is 'year'" in _load_error(tmp_project, "defence_events")


def test_loaded_frames_are_typed(project_root: Path) -> None:
    obs = data.load("trade_observations", project_root)
    assert str(obs["period_start"].dtype).startswith("datetime64")
    assert obs["value"].dtype == "float64"


def test_negative_exports_are_rejected_but_a_negative_balance_is_not(tmp_project: Path) -> None:
    rows = _rows(tmp_project / OBS)
    i = next(n for n, r in enumerate(rows) if n and r[rows[0].index("flow")] == "exports")
    _set_cell(tmp_project, OBS, i, "value", "-40.37")
    assert f"row {i} (line {i + 1}), column 'value': '-40.37' is negative" in _load_error(tmp_project)
    j = next(n for n, r in enumerate(rows) if n and r[rows[0].index("flow")] == "balance")
    _set_cell(tmp_project, OBS, i, "value", "40.37")
    _set_cell(tmp_project, OBS, j, "value", "-620.99")
    assert len(data.load("trade_observations", tmp_project)) == len(rows) - 1


def test_file_that_is_not_utf8_names_file_and_line(tmp_project: Path) -> None:
    path = tmp_project / "data" / "defence" / "events.csv"
    lines = path.read_bytes().split(b"\n")
    lines[2] = lines[2] + b" agr\xe9ement"  # latin-1 e-acute, as an old spreadsheet saves it
    path.write_bytes(b"\n".join(lines))
    msg = _load_error(tmp_project, "defence_events")
    assert msg.startswith("data/defence/events.csv, line 3: is not UTF-8 text (byte 0xe9")
    assert "save the file as UTF-8" in msg


def test_byte_order_mark_is_accepted(tmp_project: Path) -> None:
    path = tmp_project / OBS
    plain = data.load("trade_observations", tmp_project)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    with_bom = data.load("trade_observations", tmp_project)
    assert with_bom.equals(plain)


def test_huge_cell_is_a_data_error_naming_the_row(tmp_project: Path) -> None:
    _set_cell(tmp_project, OBS, 7, "note", "x" * 1_048_576)
    msg = _load_error(tmp_project)
    assert msg.startswith("data/trade/observations.csv, row 7 (line 8): cannot be read as CSV")
    assert "at most 131,072 characters" in msg


def test_underscore_in_a_number_is_rejected_not_read_as_95(tmp_project: Path) -> None:
    _set_cell(tmp_project, OBS, 7, "value", "9_5")
    msg = _load_error(tmp_project)
    assert msg.startswith("data/trade/observations.csv, row 7 (line 8), column 'value': '9_5' is not a number")


@pytest.mark.parametrize("text", ["nan", "inf", "1.5e", "0x10", "1 000", "+", ".", "1e5", "1.5e2", ".5", "5.", "+5"])
def test_number_shapes_that_float_would_take_or_half_take_are_rejected(tmp_project: Path, text: str) -> None:
    _set_cell(tmp_project, OBS, 7, "value", text)
    assert "is not a number" in _load_error(tmp_project) or "finite" in _load_error(tmp_project)


def test_plain_and_negative_numbers_are_accepted(tmp_project: Path) -> None:
    _set_cell(tmp_project, OBS, 7, "value", "150.25")
    frame = data.load("trade_observations", tmp_project)
    assert 150.25 in set(frame["value"])
    _set_cell(tmp_project, OBS, 7, "value", "-3")  # a number (the row's own rule then refuses it)
    assert "is negative; only a balance" in _load_error(tmp_project)


def test_doubled_header_column_is_named(tmp_project: Path) -> None:
    path = tmp_project / OBS
    _write(path, [r + (["value"] if i == 0 else ["0"]) for i, r in enumerate(_rows(path))])
    msg = _load_error(tmp_project)
    assert msg.startswith("data/trade/observations.csv: column 'value' appears twice in the header")


def test_header_without_rows_is_an_error_for_a_dataset_the_report_needs(tmp_project: Path) -> None:
    path = tmp_project / OBS
    _write(path, _rows(path)[:1])
    msg = _load_error(tmp_project)
    assert msg.startswith("data/trade/observations.csv: has a header but no rows")


@pytest.mark.parametrize("value", [1e-05, 1e16, 187.0, -0.25, 0.0, 123456789.125, 2.5e-7])
def test_every_number_the_intake_writes_is_one_the_data_files_take(value: float) -> None:
    """Intake writes floats as text; the data rule takes plain digits only, so no exponent."""
    from pakru.data.datasets import _NUMBER
    from pakru.intake.extract import number_text

    text = number_text(value)
    assert _NUMBER.match(text), text
    assert float(text) == value
