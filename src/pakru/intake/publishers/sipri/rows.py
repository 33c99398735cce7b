"""SIPRI files (trade register, TIV table) as rows of ``data/defence/``."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ....data.schema import ARMS_IMPORTS_TIV, ARMS_TRANSFERS, Schema
from ...extract import ShapeError, number_text
from . import reader as sipri

# The suppliers whose TIV rows the report reads: Russia and the Soviet Union, and the two
# largest suppliers and SIPRI's total for scale.
TIV_SUPPLIERS: tuple[str, ...] = ("Russia", "Soviet Union", "China", "United States", "Total")


def _text(schema: Schema, frame: pd.DataFrame) -> tuple[dict[str, str], ...]:
    rows = []
    for rec in frame.to_dict("records"):
        row = {}
        for col in schema.columns:
            v = rec.get(col.name)
            if v is None or (not isinstance(v, str) and pd.isna(v)):
                row[col.name] = "false" if col.kind == "boolean" else ""
            elif col.kind == "boolean":
                row[col.name] = "true" if bool(v) else "false"
            elif col.kind == "integer":
                row[col.name] = str(int(v))
            elif col.kind == "number":
                row[col.name] = number_text(float(v))
            else:
                row[col.name] = str(v)
        rows.append(row)
    return tuple(rows)


def register_rows(path: Path, source_id: str) -> tuple[dict[str, str], ...]:
    try:
        register = sipri.read_trade_register(path)
    except ValueError as err:
        raise ShapeError(str(err).replace(f"{path}: ", "")) from None
    return _text(ARMS_TRANSFERS, sipri.arms_transfers_rows(register, source_id))


def tiv_rows(path: Path, source_id: str) -> tuple[dict[str, str], ...]:
    try:
        tiv = sipri.read_tiv_table(path)
    except ValueError as err:
        raise ShapeError(str(err).replace(f"{path}: ", "")) from None
    rows = _text(ARMS_IMPORTS_TIV, sipri.arms_imports_rows(tiv, TIV_SUPPLIERS, source_id))
    return tuple({**r, "note": "SIPRI's own all-suppliers row for the year"} if r["supplier"] == "Total" else r
                 for r in rows)
