"""State Bank of Pakistan: the country-wise goods trade workbooks.

SBP's Statistics and Data Services Department publishes two workbooks every month, "Export
Receipts by All Countries" (.xls, sheet ``Exp Acount``) and "Import Payments by all Countries"
(.xlsx, sheet ``Imports by all Countries``), in thousand US dollars. Each sheet has a title block
(rows 1–4), a two-row header, one row per country (alphabetical), then the total and memo lines
(``I. Export Receipts through Banks``, ``II. Freight on Export``, ...) and footnotes.

The header is read by its labels, never by position. The first row starts with ``Country`` in
column A; under each value column the two rows together say what the column is:

* ``Jul-Jun`` over ``FY24``: the full fiscal year FY2023-24 (July 2023 – June 2024);
* ``Mar`` over ``FY26``: one month, March 2026 (July–December fall in the fiscal year's first
  calendar year, January–June in its second);
* ``Jul-Mar`` over ``FY26``: the cumulative window July 2025 – March 2026.

``(R)`` (revised) or ``(P)`` (provisional) may follow the label in either row. A blank cell in the
first row continues the label to its left (``Jul-Jun`` over ``FY24``, then blank over ``FY25 (R)``);
the flag is not carried over, it belongs to the cell it is written in. A label the reader does
not understand is an error naming the sheet and cell, never a guess.

Cells are read with pandas' ``calamine`` engine (both .xls and .xlsx). They are binary floating
point numbers, so a stored ``78904.4797`` can come back as ``78904.47970000003``:
:func:`cell_text` writes each value with 15 significant digits, the precision a double carries
exactly, which drops that representation noise and nothing the workbook holds.
"""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

import pandas as pd

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
MONTHS |= {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
# the order of months in Pakistan's fiscal year (July first)
_FISCAL_ORDER = {m: (m - 7) % 12 for m in range(1, 13)}
_FLAG = r"(?:\s*\(\s*([RP])\s*\))?"
_TOP = re.compile(rf"^([A-Za-z]+)(?:\s*-\s*([A-Za-z]+))?{_FLAG}$")
_BOTTOM = re.compile(rf"^FY\s*'?(\d{{2}}|\d{{4}})\s*{_FLAG}$", re.IGNORECASE)
_FLAGS = {"R": "revised", "P": "provisional"}
TITLES = {"export receipts by all countries": "exports", "import payments by all countries": "imports"}
TOTAL_LINES = {"exports": re.compile(r"^I\.\s*Export Receipts through Banks$", re.IGNORECASE),
               "imports": re.compile(r"^I\.\s*Import Payments through Banks$", re.IGNORECASE)}
UNIT = re.compile(r"^\(?\s*Thousand US Dollars?\s*\)?$", re.IGNORECASE)
SIGNIFICANT = 15


class SbpLayoutError(ValueError):
    """The workbook is not in the layout of SBP's country workbooks; the message names the cell."""


@dataclass(frozen=True)
class Column:
    """One value column: its period and the flag SBP gives it."""

    letter: str
    label: str  # as the sheet writes it, both rows: "Jul-Mar FY26 (P)"
    period: str  # "year", "month" or "window"
    start: date
    end: date
    status: str  # "", "revised" or "provisional"


@dataclass(frozen=True)
class Value:
    sheet: str
    flow: str  # exports / imports, Pakistan's side
    line: str  # the row label: "Russian Federation" or the total line
    column: Column
    text: str  # thousand US dollars, as written by cell_text
    cell: str  # "E158"


def letter(col: int) -> str:
    """0 -> ``A``, 25 -> ``Z``, 26 -> ``AA``."""
    out = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


def _cell(sheet: str, row: int, col: int) -> str:
    return f"sheet '{sheet}', cell {letter(col)}{row + 1}"


def _text(v: object) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    return " ".join(str(v).split())


def cell_text(value: object, where: str) -> str:
    """A numeric cell as decimal text with at most 15 significant digits, no exponent, no trailing
    zeros: ``78904.47970000003`` -> ``'78904.4797'``, ``189.0`` -> ``'189'``."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise SbpLayoutError(f"{where}: {value!r} is not a number")
    if isinstance(value, float) and not math.isfinite(value):
        raise SbpLayoutError(f"{where}: {value!r} is not a number")
    if value == 0:
        return "0"
    text = format(Decimal(f"{float(value):.{SIGNIFICANT}g}").normalize(), "f")
    return text


def _fiscal_end(label: str, where: str) -> int:
    year = int(label)
    if len(label) == 2:
        year += 2000
    if not 1947 <= year <= 2100:
        raise SbpLayoutError(f"{where}: fiscal year {label!r} is out of range")
    return year


def _month_date(month: int, fy_end: int) -> tuple[int, int]:
    return (fy_end - 1 if month >= 7 else fy_end), month


def parse_column(sheet: str, row: int, col: int, top: str, bottom: str) -> Column:
    """The period of one value column from its two header cells (``top`` already carries a label
    continued from the left)."""
    allowed = ("allowed: a month ('Mar'), a span of months ('Jul-Mar', 'Jul-Jun'), each with an optional "
               "(R) or (P), over a fiscal year ('FY26', 'FY25 (R)')")
    t, b = _TOP.match(top), _BOTTOM.match(bottom)
    if not t or t.group(1).lower() not in MONTHS or (t.group(2) and t.group(2).lower() not in MONTHS):
        raise SbpLayoutError(f"{_cell(sheet, row, col)}: header label {top!r} is not understood; {allowed}")
    if not b:
        raise SbpLayoutError(f"{_cell(sheet, row + 1, col)}: header label {bottom!r} is not understood; {allowed}")
    flags = {f for f in (t.group(3), b.group(2)) if f}
    if len(flags) > 1:
        raise SbpLayoutError(f"{_cell(sheet, row, col)}: the column is marked both (R) and (P) "
                             f"({top!r} over {bottom!r})")
    fy_end = _fiscal_end(b.group(1), _cell(sheet, row + 1, col))
    first = MONTHS[t.group(1).lower()]
    last = MONTHS[t.group(2).lower()] if t.group(2) else first
    if _FISCAL_ORDER[last] < _FISCAL_ORDER[first]:
        raise SbpLayoutError(f"{_cell(sheet, row, col)}: {top!r} runs backwards in the fiscal year (July–June)")
    y0, m0 = _month_date(first, fy_end)
    y1, m1 = _month_date(last, fy_end)
    start, end = date(y0, m0, 1), date(y1, m1, calendar.monthrange(y1, m1)[1])
    if not t.group(2):
        period = "month"
    elif (first, last) == (7, 6):
        period = "year"
    else:
        period = "window"
    status = _FLAGS[flags.pop()] if flags else ""
    return Column(letter(col), f"{top} {bottom}", period, start, end, status)


def _flow_of(grid: pd.DataFrame, header_row: int, sheet: str) -> str:
    for r in range(header_row):
        for c in range(grid.shape[1]):
            flow = TITLES.get(_text(grid.iat[r, c]).lower())
            if flow:
                return flow
    raise SbpLayoutError(f"sheet '{sheet}': no title 'Export Receipts by All Countries' or 'Import Payments by "
                         "all Countries' above the header")


def _check_unit(grid: pd.DataFrame, header_row: int, sheet: str) -> None:
    for r in range(header_row):
        for c in range(grid.shape[1]):
            if UNIT.match(_text(grid.iat[r, c])):
                return
    raise SbpLayoutError(f"sheet '{sheet}': no unit line '(Thousand US Dollar)' above the header; the unit is unknown")


def read_sheet(grid: pd.DataFrame, sheet: str, countries: tuple[str, ...] = ("Russian Federation",)
               ) -> tuple[Value, ...] | None:
    """Values of the rows ``countries`` and of line I (through banks) of one sheet; None when the
    sheet has no ``Country`` header (a notes sheet)."""
    header_rows = [r for r in range(grid.shape[0]) if _text(grid.iat[r, 0]).lower() == "country"]
    if not header_rows:
        return None
    if len(header_rows) > 1:
        raise SbpLayoutError(f"sheet '{sheet}': 'Country' starts two header rows ({header_rows[0] + 1} and "
                             f"{header_rows[1] + 1})")
    hr = header_rows[0]
    if hr + 1 >= grid.shape[0]:
        raise SbpLayoutError(f"sheet '{sheet}': the header row {hr + 1} has no second row under it")
    flow = _flow_of(grid, hr, sheet)
    _check_unit(grid, hr, sheet)
    columns: dict[int, Column] = {}
    carried = ""
    for c in range(1, grid.shape[1]):
        top, bottom = _text(grid.iat[hr, c]), _text(grid.iat[hr + 1, c])
        if top:
            # a blank cell continues this label, without its (R)/(P): the flag is the cell's own
            carried = re.sub(rf"{_FLAG}$", "", top)
        if not top and not bottom:
            if grid.iloc[hr + 2:, c].map(_text).ne("").any():
                raise SbpLayoutError(f"{_cell(sheet, hr, c)}: a column of values with no header label")
            continue
        if not carried:
            raise SbpLayoutError(f"{_cell(sheet, hr, c)}: blank header label with no label to its left to continue")
        columns[c] = parse_column(sheet, hr, c, top or carried, bottom)
    if not columns:
        raise SbpLayoutError(f"sheet '{sheet}': no value columns beside 'Country' in row {hr + 1}")
    seen: dict[tuple[date, date], Column] = {}
    for col in columns.values():
        if (col.start, col.end) in seen:
            raise SbpLayoutError(f"sheet '{sheet}': columns {seen[(col.start, col.end)].letter} and {col.letter} "
                                 f"both give {col.label}")
        seen[(col.start, col.end)] = col
    labels = [_text(v) for v in grid.iloc[:, 0]]
    wanted: list[tuple[int, str]] = []
    for name in countries:
        rows = [r for r in range(hr + 2, len(labels)) if labels[r].lower() == name.lower()]
        if len(rows) != 1:
            raise SbpLayoutError(f"sheet '{sheet}': {'no' if not rows else 'more than one'} row '{name}' in column A")
        wanted.append((rows[0], name))
    totals = [r for r in range(hr + 2, len(labels)) if TOTAL_LINES[flow].match(labels[r])]
    if len(totals) != 1:
        raise SbpLayoutError(f"sheet '{sheet}': {'no' if not totals else 'more than one'} total line "
                             f"'{TOTAL_LINES[flow].pattern.strip('^$')}' in column A")
    wanted.append((totals[0], labels[totals[0]]))
    out = []
    for r, name in wanted:
        for c, col in columns.items():
            raw = grid.iat[r, c]
            if _text(raw) == "":
                continue
            out.append(Value(sheet, flow, name, col, cell_text(raw, _cell(sheet, r, c)), f"{col.letter}{r + 1}"))
    return tuple(out)


def read_workbook(path: Path | BinaryIO) -> tuple[Value, ...]:
    """Every sheet of an SBP country workbook (a path, or its bytes as a file object) that has the
    country table."""
    try:
        sheets = pd.read_excel(path, sheet_name=None, header=None, engine="calamine")
    except Exception as err:  # calamine raises its own error types for a file that is not a workbook
        raise SbpLayoutError(f"not readable as an Excel workbook ({' '.join(str(err).split())[:160]})") from None
    values: list[Value] = []
    read_any = False
    for name, grid in sheets.items():
        got = read_sheet(grid, str(name))
        if got is not None:
            read_any = True
            values += got
    if not read_any:
        names = ", ".join(map(str, sheets))
        raise SbpLayoutError(f"no sheet has a header row starting with 'Country' (sheets: {names})")
    return tuple(values)


def saved_date(path: Path | BinaryIO) -> str:
    """The date an .xlsx workbook was last saved (its core properties, ``dcterms:modified``), or ``""``
    (an .xls keeps it in an OLE property set this reader does not parse)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            core = z.read("docProps/core.xml").decode("utf-8", errors="replace")
    except (zipfile.BadZipFile, KeyError, OSError):
        return ""
    m = re.search(r"<dcterms:modified[^>]*>(\d{4}-\d{2}-\d{2})", core)
    return m.group(1) if m else ""
