"""SBP workbook values as rows: the Russian Federation row to ``trade/observations.csv``, line I
(all countries, through banks) to ``trade/pakistan_totals.csv``."""

from __future__ import annotations

from ...extract import shift_decimal
from .reader import Value


SBP_SERIES = "SBP, goods settled through banks"
_SBP_BASIS = {"year": "fiscal", "window": "fiscal", "month": "month"}
_SBP_WHAT = {"exports": ("export receipts", "Pakistan's exports to the Russian Federation"),
             "imports": ("import payments", "Pakistan's imports from the Russian Federation")}
SBP_COVERAGE_NOTE = (
    "Goods settled through banks only: the State Bank's payments record, not the Pakistan Bureau of "
    "Statistics' customs record. Leaves out barter, land-borne trade and other goods not settled through "
    "banks (the workbook's line IV, 'Other', has no country breakdown); freight is deducted only at the "
    "total level (line II), not in the country rows.")


def _sbp_status(status: str) -> str:
    return {"revised": " Marked (R), revised, in the workbook.",
            "provisional": " Marked (P), provisional, in the workbook."}.get(status, "")


def sbp_rows(values: tuple[Value, ...], source_id: str) -> dict[str, tuple[dict[str, str], ...]]:
    """The Russian Federation row to ``observations`` and line I (through banks, all countries) to
    ``pakistan_totals``, in USD million: the workbook's thousand US dollars with the decimal point
    moved three places (the cell's digits as :func:`.reader.cell_text` writes them)."""
    observations, totals = [], []
    for v in values:
        col = v.column
        value = shift_decimal(v.text, -3)
        what, flow_words = _SBP_WHAT[v.flow]
        unit = (f"Published in thousand US dollars; decimal point moved three places to USD million. "
                f"Column '{col.label}'.")
        if v.line == "Russian Federation":
            note = (f"{flow_words}, SBP country-wise {what}, row 'Russian Federation'. {SBP_COVERAGE_NOTE} {unit}"
                    + _sbp_status(col.status))
            observations.append({
                "flow": v.flow, "period_start": col.start.isoformat(), "period_end": col.end.isoformat(),
                "basis": _SBP_BASIS[col.period], "coverage": "goods", "reporter": "PAK", "value": value,
                "qualifier": col.status, "unit": "USD million", "series": SBP_SERIES, "source_id": source_id,
                "note": note})
        else:
            note = (f"SBP line '{v.line}': goods {what} settled through banks, all countries (the sum of the "
                    "country rows), before freight is deducted; not the BOP total (lines III + IV). "
                    f"{unit}" + _sbp_status(col.status))
            totals.append({
                "flow": v.flow, "period_start": col.start.isoformat(), "period_end": col.end.isoformat(),
                "basis": _SBP_BASIS[col.period], "coverage": "goods", "compiler": "SBP", "value": value,
                "unit": "USD million", "source_id": source_id, "note": note})
    return {"trade_observations": tuple(observations), "pakistan_totals": tuple(totals)}
