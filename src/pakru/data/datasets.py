"""Load and validate the datasets in ``data/``.

Every load checks the file against its schema in :mod:`pakru.data.schema` and stops at the first
problem with a :class:`~pakru.errors.DataError` naming file, row, column and value. What comes
back is typed: dates as ``datetime64``, numbers as ``float``, flags as ``bool``, and empty
optional cells as missing values.
"""

from __future__ import annotations

import calendar
import csv
import os
import re
from datetime import date
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .digest import file_sha256
from ..errors import DataError
from .periods import fiscal_year_end
from .schema import DATASETS, SOURCES, Column, Schema

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SOURCE_ID = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
# digits with an optional '.' part, as a publisher prints them: float() alone would also take '9_5',
# 'nan', 'inf', and a spreadsheet's '1e5' or '.5' would enter the data in a form no source printed
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
# a longer cell is almost always an unbalanced quote swallowing the rest of the file
MAX_CELL_CHARS = 131_072
# datasets the report cannot do without: a file with a header and no rows is an error, not an
# empty section (every dataset today; a dataset that may be empty would be left out here)
MUST_HAVE_ROWS = frozenset(DATASETS)
_TRUE = {"true", "yes", "1"}
_FALSE = {"false", "no", "0", ""}


def project_root(start: Path | None = None) -> Path:
    """The project folder: ``$PAKRU_ROOT``, else the nearest folder above ``start`` (or the
    working directory) holding ``data/sources.csv``, else the checkout this package lives in."""
    env = os.environ.get("PAKRU_ROOT")
    if env:
        return Path(env).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "data" / "sources.csv").is_file():
            return folder
    return Path(__file__).resolve().parents[2]


def data_dir(root: Path | None = None) -> Path:
    return (root or project_root()) / "data"


def _display(path: Path, root: Path) -> str:
    try:
        return str(path.relative_to(root.parent if path.is_relative_to(root.parent) else root))
    except ValueError:
        return str(path)


def _not_utf8(path: Path, shown: str) -> DataError:
    for line, text in enumerate(path.read_bytes().split(b"\n"), start=1):
        try:
            text.decode("utf-8")
        except UnicodeDecodeError as err:
            return DataError(f"{shown}, line {line}", f"is not UTF-8 text (byte 0x{text[err.start]:02x} at "
                             f"character {err.start + 1})", hint="save the file as UTF-8 (in a spreadsheet: "
                             "'CSV UTF-8')")
    return DataError(shown, "is not UTF-8 text", hint="save the file as UTF-8")


def _read_rows(path: Path, shown: str, schema: Schema) -> list[dict[str, str]]:
    if not path.is_file():
        raise DataError(shown, "file not found", hint=f"the dataset '{schema.name}' is expected here")
    csv.field_size_limit(MAX_CELL_CHARS)
    # utf-8-sig: a spreadsheet's 'CSV UTF-8' starts with a byte-order mark; it is not part of the header
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh)
        try:
            header = next(reader)
        except StopIteration:
            raise DataError(shown, "the file is empty; it needs a header row") from None
        except UnicodeDecodeError:
            raise _not_utf8(path, shown) from None
        header = [h.strip() for h in header]
        doubled = [h for i, h in enumerate(header) if h in header[:i]]
        if doubled:
            raise DataError(shown, f"column '{doubled[0]}' appears twice in the header",
                            hint="each column may appear once; delete or rename the copy")
        missing = [c for c in schema.column_names if c not in header]
        if missing:
            raise DataError(shown, f"missing column '{missing[0]}'", row=None,
                            hint=f"expected columns: {', '.join(schema.column_names)}")
        unknown = [h for h in header if h not in schema.column_names]
        if unknown:
            raise DataError(shown, f"unknown column '{unknown[0]}'",
                            hint=f"expected columns: {', '.join(schema.column_names)}")
        rows = []
        i = 0
        try:
            for i, cells in enumerate(reader, start=1):
                if not any(c.strip() for c in cells):
                    continue
                if len(cells) != len(header):
                    raise DataError(shown, f"has {len(cells)} cells, the header has {len(header)}", row=i,
                                    hint="check for an unquoted comma")
                rows.append({"__row": str(i), **{h: c.strip() for h, c in zip(header, cells)}})
        except UnicodeDecodeError:
            raise _not_utf8(path, shown) from None
        except csv.Error as err:
            raise DataError(shown, f"cannot be read as CSV ({err})", row=i + 1,
                            hint=f"a cell holds at most {MAX_CELL_CHARS:,} characters; check for an "
                                 "unbalanced double quote") from None
    if not rows and schema.name in MUST_HAVE_ROWS:
        raise DataError(shown, "has a header but no rows",
                        hint=f"the report needs the dataset '{schema.name}'; restore its rows")
    return rows


def _parse_cell(col: Column, raw: str, shown: str, row: int) -> object:
    if raw == "":
        if col.required and col.kind != "boolean":
            raise DataError(shown, "is empty; this column is required", row=row, column=col.name)
        return False if col.kind == "boolean" else None
    if col.choices is not None and raw not in col.choices:
        allowed = ", ".join(col.choices) if len(col.choices) <= 12 else ", ".join(col.choices[:12]) + ", …"
        raise DataError(shown, f"is not allowed here (allowed: {allowed})", row=row, column=col.name, value=raw)
    if col.kind == "string":
        return raw
    if col.kind == "date":
        if not _DATE.match(raw):
            raise DataError(shown, "is not an ISO date (YYYY-MM-DD)", row=row, column=col.name, value=raw)
        try:
            return date.fromisoformat(raw)
        except ValueError:
            raise DataError(shown, "is not a real calendar date", row=row, column=col.name, value=raw) from None
    if col.kind == "boolean":
        low = raw.lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        raise DataError(shown, "is not true or false", row=row, column=col.name, value=raw)
    try:
        if not _NUMBER.match(raw):
            raise ValueError(raw)
        number = float(raw)
    except ValueError:
        raise DataError(shown, "is not a number", row=row, column=col.name, value=raw,
                        hint="write digits with a '.' decimal point (-1234.5): no thousands separator, exponent or "
                             "leading '+' or '.'") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise DataError(shown, "is not a finite number", row=row, column=col.name, value=raw)
    if col.kind == "integer":
        if not number.is_integer():
            raise DataError(shown, "is not a whole number", row=row, column=col.name, value=raw)
        number = int(number)
    if col.minimum is not None and number < col.minimum:
        raise DataError(shown, f"is below the minimum {col.minimum:g}", row=row, column=col.name, value=raw)
    if col.maximum is not None and number > col.maximum:
        raise DataError(shown, f"is above the maximum {col.maximum:g}", row=row, column=col.name, value=raw)
    return number


def _check_row_rules(schema: Schema, rec: dict[str, object], shown: str, row: int) -> None:
    for start, end in schema.ordered_dates:
        a, b = rec.get(start), rec.get(end)
        if a is not None and b is not None and b < a:  # type: ignore[operator]
            raise DataError(shown, f"ends before it starts ({start} is {a})", row=row, column=end, value=str(b))
    for date_col, prec_col in schema.precision_dates:
        d, p = rec.get(date_col), rec.get(prec_col)
        if not isinstance(d, date):
            continue
        if p in ("month", "year", "decade") and d.day != 1:
            raise DataError(shown, f"must be the first day of its {p} when precision is '{p}'",
                            row=row, column=date_col, value=d.isoformat())
        if p in ("year", "decade") and d.month != 1:
            raise DataError(shown, f"must be 1 January when precision is '{p}'",
                            row=row, column=date_col, value=d.isoformat())
        if p == "decade" and d.year % 10:
            raise DataError(shown, "must start a decade (a year ending in 0) when precision is 'decade'",
                            row=row, column=date_col, value=d.isoformat())
    if "basis_window" in schema.extra_checks:
        start, end = rec["period_start"], rec["period_end"]
        if isinstance(start, date) and isinstance(end, date):
            if rec["basis"] == "month":
                last = calendar.monthrange(start.year, start.month)[1]
                if start.day != 1 or (end.year, end.month, end.day) != (start.year, start.month, last):
                    raise DataError(shown, f"the period {start.isoformat()} to {end.isoformat()} is not one calendar "
                                    "month", row=row, column="period_end", value=end.isoformat(),
                                    hint="basis 'month' needs the first to the last day of one month")
                same_year, what = True, ""
            elif rec["basis"] == "fiscal":
                # Pakistan's fiscal year runs July-June: a window must stay inside one of them
                same_year = fiscal_year_end(start) == fiscal_year_end(end)
                what = "one fiscal year (July-June)"
            else:
                same_year = start.year == end.year
                what = "one calendar year"
            if not same_year:
                raise DataError(shown, f"the period {start.isoformat()} to {end.isoformat()} is not inside {what}",
                                row=row, column="period_end", value=end.isoformat(),
                                hint="split it into one row per year, or check the basis")
    if "nonnegative_flows" in schema.extra_checks and rec.get("flow") != "balance" and (rec.get("value") or 0) < 0:
        raise DataError(shown, f"is negative; only a balance can be below zero (flow is '{rec.get('flow')}')",
                        row=row, column="value", value=str(rec.get("value")))
    if "value_has_unit" in schema.extra_checks and rec.get("value") is not None and not rec.get("unit"):
        raise DataError(shown, "a value needs a unit", row=row, column="unit", value="")
    if "amount_has_unit" in schema.extra_checks and rec.get("amount") is not None and not rec.get("unit"):
        raise DataError(shown, "an amount needs a unit", row=row, column="unit", value="")


def validate_rows(schema: Schema, rows: list[dict[str, str]], shown: str,
                  known_sources: set[str] | None) -> pd.DataFrame:
    """Check raw CSV rows against ``schema``; return a typed DataFrame or raise DataError."""
    records: list[dict[str, object]] = []
    seen: dict[tuple[object, ...], int] = {}
    for raw in rows:
        row = int(raw["__row"])
        rec = {c.name: _parse_cell(c, raw[c.name], shown, row) for c in schema.columns}
        if schema is SOURCES:
            sid = str(rec["source_id"])
            if not _SOURCE_ID.match(sid):
                raise DataError(shown, "is not a valid source id (lower-case letters, digits, '.', '_', '-')",
                                row=row, column="source_id", value=sid)
            if not str(rec["url"]).startswith(("http://", "https://")):
                raise DataError(shown, "is not a web address (http:// or https://)", row=row, column="url",
                                value=rec["url"])
        for col in schema.source_columns:
            cell = rec.get(col)
            if not cell:
                continue
            for sid in str(cell).split(";"):
                sid = sid.strip()
                if known_sources is not None and sid not in known_sources:
                    raise DataError(shown, "is not a source_id in data/sources.csv", row=row, column=col,
                                    value=sid, hint="add the source to data/sources.csv or fix the id")
        _check_row_rules(schema, rec, shown, row)
        key = tuple(rec[k] for k in schema.key)
        if key in seen:
            raise DataError(shown, f"duplicates the key of row {seen[key]} ({', '.join(schema.key)})",
                            row=row, column=schema.key[-1], value=str(rec[schema.key[-1]]))
        seen[key] = row
        records.append(rec)
    frame = pd.DataFrame.from_records(records, columns=list(schema.column_names))
    for col in schema.columns:
        if col.kind == "date":
            frame[col.name] = pd.to_datetime(frame[col.name])
        elif col.kind == "number":
            frame[col.name] = frame[col.name].astype("float64")
        elif col.kind == "integer":
            frame[col.name] = frame[col.name].astype("Int64")
        elif col.kind == "boolean":
            frame[col.name] = frame[col.name].astype(bool)
        else:
            frame[col.name] = frame[col.name].astype(object)
    frame.attrs["dataset"] = schema.name
    frame.attrs["path"] = shown
    frame.attrs["rows"] = tuple(int(raw["__row"]) for raw in rows)  # blank lines skipped: row numbers differ
    return frame


@lru_cache(maxsize=64)
def _load_cached(path: str, mtime_ns: int, size: int, name: str, root: str,
                 sources_stamp: tuple[int, int]) -> pd.DataFrame:
    schema = DATASETS[name]
    rootp = Path(root)
    shown = str(Path(path).relative_to(rootp)) if Path(path).is_relative_to(rootp) else path
    known = None if schema is SOURCES else set(load_sources(rootp)["source_id"])
    return validate_rows(schema, _read_rows(Path(path), shown, schema), shown, known)


def _file_state(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
        return st.st_mtime_ns, st.st_size
    except FileNotFoundError:
        return 0, 0


def load(name: str, root: Path | None = None) -> pd.DataFrame:
    """Load the dataset ``name`` (a key of :data:`pakru.data.schema.DATASETS`), validated and typed."""
    if name not in DATASETS:
        raise KeyError(f"unknown dataset '{name}'; known: {', '.join(DATASETS)}")
    rootp = (root or project_root()).resolve()
    path = data_dir(rootp) / DATASETS[name].path
    mtime, size = _file_state(path)
    frame = _load_cached(str(path), mtime, size, name, str(rootp), _file_state(data_dir(rootp) / SOURCES.path))
    return frame.copy()


def load_sources(root: Path | None = None) -> pd.DataFrame:
    return load("sources", root)


def load_all(root: Path | None = None) -> dict[str, pd.DataFrame]:
    """Load and validate every dataset, and the event ids one file names in another; raises on the first
    problem."""
    frames = {name: load(name, root) for name in DATASETS}
    check_event_ids(frames)
    return frames


def check_event_ids(frames: dict[str, pd.DataFrame]) -> None:
    """Every event id an editorial file names is a row of payments/events.csv or defence/events.csv."""
    known = set(frames["payment_events"]["event_id"]) | set(frames["defence_events"]["event_id"])
    for name, frame in frames.items():
        for col in DATASETS[name].event_columns:
            for row, cell in zip(frame.attrs["rows"], frame[col]):
                for eid in str(cell).split(";"):
                    if eid.strip() not in known:
                        raise DataError(frame.attrs["path"], "is not an event_id of payments/events.csv or "
                                        "defence/events.csv", row=row, column=col, value=eid.strip(),
                                        hint="fix the id, or add the event with its source")


def data_files(root: Path | None = None) -> list[Path]:
    """Every data file the report reads, in a stable order."""
    base = data_dir(root)
    return [base / s.path for s in DATASETS.values()]


def checksums(root: Path | None = None) -> dict[str, str]:
    rootp = root or project_root()
    return {str(p.relative_to(rootp)): file_sha256(p) for p in data_files(rootp) if p.is_file()}
