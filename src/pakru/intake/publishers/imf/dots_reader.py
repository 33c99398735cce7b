"""IMF Direction of Trade Statistics (DOTS): the data.imf.org Excel report, as CSV.

The pre-2025 IMF data portal exported DOTS as one workbook per reporting economy with two
sheets, ``Exports, FOB`` and ``Imports, CIF``. Each sheet names the reporter (cell B4) and the
unit (B5), carries the years across one header row and one partner per row. The copies this
project reads keep that layout row for row, with the sheet, title, reporter, unit and partner
written out as columns in front of the year columns::

    source_file,sheet,table_title,reporter,unit,partner,1960,1961,...,2020

DOTS marks its own estimates by writing the cell as text with a trailing ``" e"``
(``"27.81 e"``); the reader keeps the number and sets ``estimated``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ...rows import bilateral_flow

# The sheet decides the direction, seen from the reporting economy.
SHEET_DIRECTION: dict[str, str] = {"Exports, FOB": "exports", "Imports, CIF": "imports"}
SHEET_VALUATION: dict[str, str] = {"Exports, FOB": "FOB", "Imports, CIF": "CIF"}

# Names as DOTS spells them, mapped to the ISO codes the project's data files use.
REPORTER_CODES: dict[str, str] = {"Pakistan": "PAK", "Russian Federation": "RUS"}

_YEAR = re.compile(r"^\d{4}$")
_ESTIMATE = re.compile(r"^\s*(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)\s+e\s*$")

_ID_COLUMNS = ("source_file", "sheet", "table_title", "reporter", "unit", "partner")


def _parse_cell(raw: str) -> tuple[float | None, bool, str | None]:
    """Return (value, estimated, verbatim number text) for one DOTS cell."""
    text = raw.strip()
    if not text:
        return None, False, None
    match = _ESTIMATE.match(text)
    if match:
        return float(match.group(1)), True, match.group(1)
    return float(text), False, text


def read_dots_report(path: Path, partner: str | None = None) -> pd.DataFrame:
    """Read a DOTS Excel-report CSV copy into one row per reporter, partner, direction and year.

    Columns: ``source_file, sheet, reporter, reporter_code, partner, direction, valuation, unit,
    year, value, value_text, estimated``. ``direction`` is ``exports`` or ``imports`` as the
    *reporter* sees it; ``value`` is in the unit the sheet states (US dollars, millions);
    ``value_text`` is the number exactly as stored, so it can be written on without float
    round-trips. Empty cells (no data in DOTS) are dropped. ``partner`` keeps only the rows of
    that partner name (exact match, e.g. ``"Russian Federation"`` but not ``"USSR"``).
    """
    # Read every cell as text: the numbers are kept verbatim and estimates carry a suffix.
    wide = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in _ID_COLUMNS if c not in wide.columns]
    if missing:
        raise ValueError(f"{path}: not a DOTS report copy, missing column(s) {missing}")
    unknown_sheets = set(wide["sheet"]) - set(SHEET_DIRECTION)
    if unknown_sheets:
        raise ValueError(f"{path}: unexpected sheet name(s) {sorted(unknown_sheets)}")
    if partner is not None:
        wide = wide[wide["partner"] == partner]
    years = [c for c in wide.columns if _YEAR.match(c)]

    records: list[dict[str, object]] = []
    for row in wide.to_dict("records"):
        for year in years:
            value, estimated, text = _parse_cell(str(row[year]))
            if value is None:
                continue
            records.append({
                "source_file": row["source_file"],
                "sheet": row["sheet"],
                "reporter": row["reporter"],
                "reporter_code": REPORTER_CODES.get(str(row["reporter"])),
                "partner": row["partner"],
                "direction": SHEET_DIRECTION[str(row["sheet"])],
                "valuation": SHEET_VALUATION[str(row["sheet"])],
                "unit": row["unit"],
                "year": int(year),
                "value": value,
                "value_text": text,
                "estimated": estimated,
            })
    columns = ["source_file", "sheet", "reporter", "reporter_code", "partner", "direction",
               "valuation", "unit", "year", "value", "value_text", "estimated"]
    frame = pd.DataFrame.from_records(records, columns=columns)
    frame["year"] = frame["year"].astype("int64")
    frame["value"] = frame["value"].astype("float64")
    frame["estimated"] = frame["estimated"].astype(bool)
    return frame.sort_values(["reporter", "partner", "direction", "year"], ignore_index=True)


def with_bilateral_flow(frame: pd.DataFrame, home: str = "PAK") -> pd.DataFrame:
    """Add a ``flow`` column (exports/imports seen from ``home``) to a :func:`read_dots_report` frame."""
    out = frame.copy()
    out["flow"] = [bilateral_flow(str(r), str(d), home) for r, d in zip(out["reporter_code"], out["direction"])]
    return out
