"""Readers for the SIPRI Arms Transfers Database's own export formats.

Two SIPRI products are read here:

* the **trade register** CSV (one row per deal: supplier, recipient, order year, numbers ordered
  and delivered, delivery years, SIPRI trend-indicator values), as the register tool at
  https://armstrade.sipri.org/ exports it;
* the **TIV table** of import values by supplier and delivery year, in the long layout
  ``Import_To, Export_From, Year, TIV`` that a scripted export of SIPRI's TIV tables produces.

SIPRI's terms ask that its data be credited ("Information from the SIPRI Arms Transfers
Database") and that sums or shares computed from them are not attributed to SIPRI. Nothing in
this module computes shares; it only turns the publisher's layout into typed, tidy columns.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pandas as pd

__all__ = [
    "TRADE_REGISTER_HEADER",
    "SOVIET_AND_RUSSIAN_SUPPLIERS",
    "read_trade_register",
    "read_tiv_table",
    "read_tiv_period_totals",
    "arms_transfers_rows",
    "arms_imports_rows",
]

# The register's header, cell by cell. SIPRI leaves three columns unnamed (a single space in
# the export); each holds a '?' when the value in the column before it is uncertain.
TRADE_REGISTER_HEADER: tuple[str, ...] = (
    "Recipient", "Supplier", "Year of order", "", "Number ordered", "", "Weapon designation",
    "Weapon description", "Number delivered", "", "Year(s) of delivery", "status", "Comments",
    "SIPRI TIV per unit", "SIPRI TIV for total order", "SIPRI TIV of delivered weapons",
)

# Tidy names, in the same order as TRADE_REGISTER_HEADER.
_TRADE_REGISTER_NAMES: tuple[str, ...] = (
    "recipient", "supplier", "order_year", "order_year_uncertain", "number_ordered",
    "number_ordered_uncertain", "designation", "description", "number_delivered",
    "number_delivered_uncertain", "delivery_years", "status", "comments", "tiv_per_unit",
    "tiv_order", "tiv_delivered",
)

_INTEGER_COLUMNS = ("order_year", "number_ordered", "number_delivered")
_FLAG_COLUMNS = ("order_year_uncertain", "number_ordered_uncertain", "number_delivered_uncertain")
_TIV_COLUMNS = ("tiv_per_unit", "tiv_order", "tiv_delivered")
_TEXT_COLUMNS = ("recipient", "supplier", "designation", "description", "delivery_years",
                 "status", "comments")

# SIPRI treats the Soviet Union (to 1991) and Russia (from 1992) as separate suppliers.
SOVIET_AND_RUSSIAN_SUPPLIERS: tuple[str, ...] = ("Soviet Union", "Russia")

_GENERATED = re.compile(r"^Data generated:\s*(.+?)\s*$")


def _decode(raw: bytes) -> str:
    # SIPRI's own export is ISO-8859-1; copies re-saved as UTF-8 also occur. UTF-8 is tried
    # first because Latin-1 decodes any byte sequence and would silently garble a UTF-8 file.
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _split_preamble(text: str) -> tuple[list[str], str]:
    """Separate SIPRI's notes block (11 lines in the register tool's export) from the table.

    The table starts at the first line whose first cell is ``Recipient``; an export without a
    preamble starts there directly.
    """
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if line.startswith("Recipient,"):
            return [ln.rstrip("\r\n") for ln in lines[:i]], "".join(lines[i:])
    raise ValueError("no header row starting with 'Recipient,' found; is this a SIPRI trade register export?")


def _flag(cell: object) -> bool:
    return isinstance(cell, str) and cell.strip() == "?"


def read_trade_register(path: Path) -> pd.DataFrame:
    """Read a SIPRI trade-register CSV into one tidy row per deal.

    Handles the notes preamble SIPRI puts above the header (its "Data generated" line is kept
    in ``frame.attrs["generated"]``, the other lines in ``frame.attrs["preamble"]``) and the three
    unnamed columns carrying SIPRI's '?' uncertainty marks.

    Columns: ``recipient``, ``supplier``, ``order_year`` (Int64), ``order_year_uncertain`` (bool),
    ``number_ordered`` (Int64, missing where SIPRI has no figure yet), ``number_ordered_uncertain``,
    ``designation``, ``description``, ``number_delivered`` (Int64), ``number_delivered_uncertain``,
    ``delivery_years`` (text as SIPRI writes it, years separated by ``"; "``), ``status``,
    ``comments``, ``tiv_per_unit``, ``tiv_order``, ``tiv_delivered`` (float, millions of TIV;
    missing where SIPRI leaves the cell empty).
    """
    preamble, table = _split_preamble(_decode(Path(path).read_bytes()))
    rows = list(csv.reader(io.StringIO(table)))
    header = [cell.strip() for cell in rows[0]]
    if tuple(header) != TRADE_REGISTER_HEADER:
        raise ValueError(f"unexpected trade-register header in {path}: {rows[0]!r}")
    body = [r for r in rows[1:] if any(cell.strip() for cell in r)]
    for n, r in enumerate(body, start=2):
        if len(r) != len(header):
            raise ValueError(f"{path}: table row {n} has {len(r)} cells, the header has {len(header)}")
    frame = pd.DataFrame(body, columns=list(_TRADE_REGISTER_NAMES), dtype=object)

    for col in _TEXT_COLUMNS:
        # SIPRI pads some designations with a trailing space (e.g. 'Fleyta/Skorpion ').
        frame[col] = frame[col].map(lambda s: s.strip() or None).astype("string")
    for col in _FLAG_COLUMNS:
        frame[col] = frame[col].map(_flag).astype(bool)
    for col in _INTEGER_COLUMNS:
        frame[col] = pd.to_numeric(frame[col].str.strip().replace("", None), errors="raise").astype("Int64")
    for col in _TIV_COLUMNS:
        frame[col] = pd.to_numeric(frame[col].str.strip().replace("", None), errors="raise").astype("float64")

    generated = next((m.group(1) for ln in preamble if (m := _GENERATED.match(ln.strip()))), None)
    frame.attrs["generated"] = generated
    frame.attrs["preamble"] = [ln for ln in preamble if ln.strip()]
    return frame


def _read_tiv_long(path: Path) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    expected = ["Import_To", "Export_From", "Year", "TIV"]
    if list(frame.columns) != expected:
        raise ValueError(f"unexpected TIV-table columns in {path}: {list(frame.columns)} (expected {expected})")
    frame = frame.rename(columns={"Import_To": "recipient", "Export_From": "supplier", "Year": "year", "TIV": "tiv"})
    frame["tiv"] = pd.to_numeric(frame["tiv"], errors="raise").astype("float64")
    for col in ("recipient", "supplier"):
        frame[col] = frame[col].str.strip().astype("string")
    return frame


def read_tiv_table(path: Path) -> pd.DataFrame:
    """Read a SIPRI TIV table (long layout) into one row per recipient, supplier and year.

    Columns: ``recipient``, ``supplier``, ``year`` (Int64), ``tiv`` (float, millions of TIV, as
    SIPRI rounds it). Supplier ``Total`` is SIPRI's own all-suppliers row for that year. SIPRI's
    sums over the whole period (``Year == "Total"``) are not yearly values and are left out here;
    :func:`read_tiv_period_totals` returns them. Years without deliveries are absent in SIPRI's
    table and stay absent (they are not filled with zeros).
    """
    frame = _read_tiv_long(path)
    yearly = frame[frame["year"].str.strip() != "Total"].copy()
    yearly["year"] = pd.to_numeric(yearly["year"], errors="raise").astype("Int64")
    return yearly.reset_index(drop=True)[["recipient", "supplier", "year", "tiv"]]


def read_tiv_period_totals(path: Path) -> pd.DataFrame:
    """SIPRI's own sum over all years of the table for each supplier (``Year == "Total"``).

    Columns: ``recipient``, ``supplier``, ``tiv``.
    """
    frame = _read_tiv_long(path)
    totals = frame[frame["year"].str.strip() == "Total"]
    return totals.reset_index(drop=True)[["recipient", "supplier", "tiv"]]


def arms_transfers_rows(register: pd.DataFrame, source_id: str,
                        suppliers: tuple[str, ...] = SOVIET_AND_RUSSIAN_SUPPLIERS) -> pd.DataFrame:
    """The register's deals from ``suppliers``, in the column order of ``data/defence/arms_transfers.csv``.

    Rows are sorted by supplier order in ``suppliers``, then order year, designation and number
    ordered, so the data file is stable however SIPRI orders its export.
    """
    from ....data.schema import ARMS_TRANSFERS

    picked = register[register["supplier"].isin(suppliers)].copy()
    picked["source_id"] = source_id
    rank = {s: i for i, s in enumerate(suppliers)}
    picked["_rank"] = picked["supplier"].map(rank)
    picked = picked.sort_values(["_rank", "order_year", "designation", "number_ordered"], kind="stable")
    return picked[list(ARMS_TRANSFERS.column_names)].reset_index(drop=True)


def arms_imports_rows(tiv: pd.DataFrame, suppliers: tuple[str, ...], source_id: str,
                      recipient: str = "Pakistan") -> pd.DataFrame:
    """Yearly TIV rows for ``recipient`` from ``suppliers``, in the column order of
    ``data/defence/arms_imports_tiv.csv`` (the ``note`` column is left empty)."""
    from ....data.schema import ARMS_IMPORTS_TIV

    picked = tiv[(tiv["recipient"] == recipient) & tiv["supplier"].isin(suppliers)].copy()
    picked["source_id"] = source_id
    picked["note"] = pd.NA
    rank = {s: i for i, s in enumerate(suppliers)}
    picked["_rank"] = picked["supplier"].map(rank)
    picked = picked.sort_values(["_rank", "year"], kind="stable")
    return picked[list(ARMS_IMPORTS_TIV.column_names)].reset_index(drop=True)
