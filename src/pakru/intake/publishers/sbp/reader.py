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

A two-digit fiscal year (``FY26``) is read in the latest century that does not put it in the
future; then every column of a sheet must lie in the past and the columns together must run year
after year without a gap, so ``FY99`` in a workbook of FY24–FY26 (a typo, or 2098-99 read the old
way) is refused, naming its cell, while an archive running FY98, FY99, FY00 ... reads right.

The Russian Federation's figure can never exceed line I (all countries) in the same column, and
line I itself is bounded by what Pakistan's goods trade could be in a month
(:data:`MAX_TOTAL_PER_MONTH`): a workbook in US dollars still labelled "Thousand US Dollar" is
refused instead of being stored a thousand times too large.

Cells are read by :mod:`pakru.intake.workbook` with calamine, in a child process with memory
and time limits (a damaged workbook can make calamine ask for gigabytes). They are binary floating
point numbers, so a stored ``78904.4797`` can come back as ``78904.47970000003``:
:func:`cell_text` writes each value with 15 significant digits, the precision a double carries
exactly, which drops that representation noise and nothing the workbook holds. A cell that holds
no value the reader can use, an error (``#N/A``), a formula saved without its result, or ``NaN``,
is refused naming the cell, never read as blank.
"""

from __future__ import annotations

import calendar
import math
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

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
# The most line I (all countries, thousand US dollars) may hold for one month of a column's span:
# USD 20 billion a month, about four times Pakistan's largest month of goods trade either way
# (imports passed USD 5 billion a month only in FY22). A workbook in US dollars that still says
# "Thousand US Dollar" is a thousand times over it.
MAX_TOTAL_PER_MONTH = Decimal(20_000_000)
# the current workbooks hold the fiscal year to date and the two before it; more is an archive
CURRENT_MAX_FISCAL_YEARS = 3
Grid = list[list[Any]]


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
    fy_cell: str = ""  # the cell of its fiscal-year label ("B6"), named when the year is refused

    @property
    def fiscal_year(self) -> int:
        """The calendar year the column's fiscal year ends in (FY2025-26: 2026)."""
        return self.end.year + (1 if self.end.month >= 7 else 0)


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
    """A cell as one line of text; ``""`` for an empty cell (``None`` or ``""``). A float NaN is not
    empty: it is text ``nan``, which no label matches and :func:`cell_text` refuses."""
    if v is None or v == "":
        return ""
    return " ".join(str(v).split())


def cell_text(value: object, where: str) -> str:
    """A numeric cell as decimal text with at most 15 significant digits, no exponent, no trailing
    zeros: ``78904.47970000003`` -> ``'78904.4797'``, ``189.0`` -> ``'189'``."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise SbpLayoutError(f"{where}: {value!r} is not a number")
    if isinstance(value, float) and math.isnan(value):
        raise SbpLayoutError(f"{where}: NaN (not a number) is not a figure; a cell that has no figure is blank")
    if isinstance(value, float) and not math.isfinite(value):
        raise SbpLayoutError(f"{where}: {value!r} is not a number")
    if value == 0:
        return "0"
    text = format(Decimal(f"{float(value):.{SIGNIFICANT}g}").normalize(), "f")
    return text


def _fiscal_end(label: str, where: str, today: date) -> int:
    """The calendar year a fiscal year ends in: ``FY2026`` and ``FY26`` are July 2025 – June 2026.
    Two digits are read in the latest century whose fiscal year has begun by ``today`` (``FY99`` is
    FY1998-99, not FY2098-99); :func:`_check_span` then holds every column against the others."""
    year = int(label)
    if len(label) == 2:
        year += 2000
        if date(year - 1, 7, 1) > today:
            year -= 100
    if not 1947 <= year <= 2100:
        raise SbpLayoutError(f"{where}: fiscal year {label!r} is out of range")
    return year


def _month_date(month: int, fy_end: int) -> tuple[int, int]:
    return (fy_end - 1 if month >= 7 else fy_end), month


def parse_column(sheet: str, row: int, col: int, top: str, bottom: str, today: date | None = None) -> Column:
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
    fy_end = _fiscal_end(b.group(1), _cell(sheet, row + 1, col), today or date.today())
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
    return Column(letter(col), f"{top} {bottom}", period, start, end, status, f"{letter(col)}{row + 2}")


def _flow_of(grid: Grid, header_row: int, sheet: str) -> str:
    for r in range(header_row):
        for v in grid[r]:
            flow = TITLES.get(_text(v).lower())
            if flow:
                return flow
    raise SbpLayoutError(f"sheet '{sheet}': no title 'Export Receipts by All Countries' or 'Import Payments by "
                         "all Countries' above the header")


def _check_unit(grid: Grid, header_row: int, sheet: str) -> None:
    for r in range(header_row):
        if any(UNIT.match(_text(v)) for v in grid[r]):
            return
    raise SbpLayoutError(f"sheet '{sheet}': no unit line '(Thousand US Dollar)' above the header; the unit is unknown")


def _fy_name(year: int) -> str:
    return f"FY{year - 1}-{year % 100:02d}"


def _check_span(sheet: str, columns: list[Column], today: date) -> None:
    """Every column ends by ``today``, and the columns' fiscal years run without a gap."""
    for col in columns:
        if col.end > today:
            raise SbpLayoutError(f"sheet '{sheet}', cell {col.fy_cell}: '{col.label}' is {col.start.isoformat()} to "
                                 f"{col.end.isoformat()}, a period not over by today ({today.isoformat()}); "
                                 "a workbook holds figures for periods that have ended")
    years = sorted({c.fiscal_year for c in columns})
    gaps = [(b - a, a, b) for a, b in zip(years, years[1:]) if b - a > 1]
    if not gaps:
        return
    _, before, after = max(gaps)
    # the smaller group across the widest gap is the odd one out
    below = [y for y in years if y <= before]
    odd = below if len(below) <= len(years) - len(below) else [y for y in years if y >= after]
    col = next(c for c in columns if c.fiscal_year in odd)
    rest = [y for y in years if y not in odd]
    raise SbpLayoutError(
        f"sheet '{sheet}', cell {col.fy_cell}: '{col.label}' is read as {_fy_name(col.fiscal_year)}, "
        f"{abs(col.fiscal_year - (rest[0] if col.fiscal_year < rest[0] else rest[-1]))} years apart from the "
        f"sheet's other columns ({_fy_name(rest[0])} to {_fy_name(rest[-1])}); allowed: fiscal years that follow one "
        "another (two digits are read in the latest century not in the future; four, FY1999, are plain)")


def _months(col: Column) -> int:
    return (col.end.year - col.start.year) * 12 + col.end.month - col.start.month + 1


def _check_totals(sheet: str, values: list[Value]) -> None:
    """The country row is part of line I (all countries), and line I is a plausible size."""
    totals = {v.column.letter: v for v in values if v.line not in ("Russian Federation",) and v.line.startswith("I.")}
    for v in values:
        total = totals.get(v.column.letter)
        if v is total:
            per_month = Decimal(v.text) / _months(v.column)
            if per_month > MAX_TOTAL_PER_MONTH:
                raise SbpLayoutError(
                    f"sheet '{sheet}', cell {v.cell}: line I (all countries) is {Decimal(v.text):,.0f} thousand US "
                    f"dollars for {v.column.label}, {per_month / 1_000_000:,.1f} billion US dollars a month, more "
                    f"than Pakistan's goods trade could be (allowed: {MAX_TOTAL_PER_MONTH / 1_000_000:,.0f} billion "
                    "a month); a workbook in US dollars with the unit line thousand, or a column's months misread")
        elif total is not None and Decimal(v.text) > Decimal(total.text):
            raise SbpLayoutError(
                f"sheet '{sheet}', cell {v.cell}: '{v.line}' is {v.text} thousand US dollars for {v.column.label}, "
                f"more than line I, all countries together ({total.text} in cell {total.cell}); one country's "
                "figure is part of that total, so the row or its unit is wrong")


def read_sheet(grid: Grid, sheet: str, countries: tuple[str, ...] = ("Russian Federation",),
               today: date | None = None, unreadable: dict[str, str] | None = None) -> tuple[Value, ...] | None:
    """Values of the rows ``countries`` and of line I (through banks) of one sheet; None when the
    sheet has no ``Country`` header (a notes sheet). ``unreadable`` maps the cells the workbook holds
    as an error or a formula without its saved result (``"F158"``) to what they are: such a cell
    reads as empty, and is refused where a figure is read."""
    today = today or date.today()
    unreadable = unreadable or {}
    height = len(grid)
    width = max((len(r) for r in grid), default=0)
    grid = [list(r) + [None] * (width - len(r)) for r in grid]
    header_rows = [r for r in range(height) if width and _text(grid[r][0]).lower() == "country"]
    if not header_rows:
        return None
    if len(header_rows) > 1:
        raise SbpLayoutError(f"sheet '{sheet}': 'Country' starts two header rows ({header_rows[0] + 1} and "
                             f"{header_rows[1] + 1})")
    hr = header_rows[0]
    if hr + 1 >= height:
        raise SbpLayoutError(f"sheet '{sheet}': the header row {hr + 1} has no second row under it")
    flow = _flow_of(grid, hr, sheet)
    _check_unit(grid, hr, sheet)
    # the columns that hold anything below the header, found in one pass over the rows
    filled = {c for row in grid[hr + 2:] for c, v in enumerate(row) if c and v is not None and v != ""
              and _text(v)}
    columns: dict[int, Column] = {}
    carried = ""
    for c in range(1, width):
        top, bottom = _text(grid[hr][c]), _text(grid[hr + 1][c])
        if top:
            # a blank cell continues this label, without its (R)/(P): the flag is the cell's own
            carried = re.sub(rf"{_FLAG}$", "", top)
        if not top and not bottom:
            if c in filled:
                raise SbpLayoutError(f"{_cell(sheet, hr, c)}: a column of values with no header label")
            continue
        if not carried:
            raise SbpLayoutError(f"{_cell(sheet, hr, c)}: blank header label with no label to its left to continue")
        columns[c] = parse_column(sheet, hr, c, top or carried, bottom, today)
    if not columns:
        raise SbpLayoutError(f"sheet '{sheet}': no value columns beside 'Country' in row {hr + 1}")
    seen: dict[tuple[date, date], Column] = {}
    for col in columns.values():
        if (col.start, col.end) in seen:
            raise SbpLayoutError(f"sheet '{sheet}': columns {seen[(col.start, col.end)].letter} and {col.letter} "
                                 f"both give {col.label}")
        seen[(col.start, col.end)] = col
    _check_span(sheet, list(columns.values()), today)
    labels = [_text(row[0]) for row in grid]
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
            raw = grid[r][c]
            address = f"{col.letter}{r + 1}"
            if address in unreadable:
                raise SbpLayoutError(f"{_cell(sheet, r, c)}: {unreadable[address]}, not a figure; recalculate and save "
                                     "the workbook, or leave the cell blank if there is no figure")
            if _text(raw) == "":
                continue
            out.append(Value(sheet, flow, name, col, cell_text(raw, _cell(sheet, r, c)), address))
    _check_totals(sheet, out)
    return tuple(out)


@dataclass(frozen=True)
class Workbook:
    """What one SBP workbook gives: its values, whether it is an archive (by its columns, never by its
    file's name), and the date it was saved (an .xlsx's own, else ``""``)."""

    values: tuple[Value, ...]
    archive: bool
    saved: str


def read_grids(grids: list[tuple[str, Grid]], unreadable: dict[str, dict[str, str]] | None = None,
               today: date | None = None) -> Workbook:
    """Every sheet that has the country table; ``unreadable`` per sheet as for :func:`read_sheet`."""
    values: list[Value] = []
    read_any = False
    for name, grid in grids:
        got = read_sheet(grid, name, today=today, unreadable=(unreadable or {}).get(name))
        if got is not None:
            read_any = True
            values += got
    if not read_any:
        names = ", ".join(n for n, _ in grids)
        raise SbpLayoutError(f"no sheet has a header row starting with 'Country' (sheets: {names})")
    years = {v.column.fiscal_year for v in values}
    return Workbook(tuple(values), len(years) > CURRENT_MAX_FISCAL_YEARS, "")


def read_workbook(path: Path, today: date | None = None) -> Workbook:
    """An SBP country workbook (.xls or .xlsx). Run it through :func:`pakru.intake.workbook.read_isolated`
    (``pakru import`` and ``update`` do): calamine itself is not safe on a damaged file."""
    from ... import workbook

    book = workbook.open_checked(path)
    unreadable = workbook.unreadable_cells(path, book) if book.zipped else {}
    wb = read_grids(book.grids, unreadable, today)
    return Workbook(wb.values, wb.archive, saved_date(path) if book.zipped else "")


def saved_date(path: Path) -> str:
    """The date an .xlsx workbook was last saved (its core properties, ``dcterms:modified``), or ``""``
    (an .xls keeps it in an OLE property set this reader does not parse)."""
    import zipfile

    try:
        with zipfile.ZipFile(path) as z:
            core = z.read("docProps/core.xml")[:65536].decode("utf-8", errors="replace")
    except (zipfile.BadZipFile, KeyError, OSError):
        return ""
    m = re.search(r"<dcterms:modified[^>]*>(\d{4}-\d{2}-\d{2})", core)
    return m.group(1) if m else ""


# --- across the child process: plain JSON ---------------------------------------------------------

def to_json(book: Workbook) -> dict[str, Any]:
    return {"archive": book.archive, "saved": book.saved, "values": [
        {"sheet": v.sheet, "flow": v.flow, "line": v.line, "text": v.text, "cell": v.cell,
         "column": {"letter": v.column.letter, "label": v.column.label, "period": v.column.period,
                    "start": v.column.start.isoformat(), "end": v.column.end.isoformat(),
                    "status": v.column.status, "fy_cell": v.column.fy_cell}} for v in book.values]}


def from_json(data: dict[str, Any]) -> Workbook:
    values = []
    for v in data["values"]:
        c = v["column"]
        column = Column(c["letter"], c["label"], c["period"], date.fromisoformat(c["start"]),
                        date.fromisoformat(c["end"]), c["status"], c["fy_cell"])
        values.append(Value(v["sheet"], v["flow"], v["line"], column, v["text"], v["cell"]))
    return Workbook(tuple(values), bool(data["archive"]), str(data["saved"]))


def read_for_child(path: str) -> dict[str, Any]:
    """The entry :mod:`pakru.intake.sandbox` runs in the child process."""
    return to_json(read_workbook(Path(path)))
