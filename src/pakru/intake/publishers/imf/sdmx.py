"""The IMF's SDMX 3.0 API: bilateral goods trade (IMTS) and COFER currency shares.

Requests follow the SDMX 3.0 REST data query as the IMF serves it:
``{base}/data/dataflow/{agency}/{flow}/{version}/{key}`` with ``+`` for the latest stable
version, ``+`` between alternative codes of one dimension in the key (as the IMF's own examples
write it), and ``c[TIME_PERIOD]=ge:1992-A1`` to filter periods (:func:`time_filter`). The answer
is asked for as SDMX-CSV 2.0 (``Accept: application/vnd.sdmx.data+csv;version=2.0.0``): one
observation per line, ``STRUCTURE[;], STRUCTURE_ID, ACTION`` (``DATAFLOW`` in the older layout),
one column per dimension, ``TIME_PERIOD``, ``OBS_VALUE`` and the attributes (for IMTS ``SCALE,
PRECISION, DECIMALS_DISPLAYED, TRADE_FLOW, VALUATION, UNIT, DERIVATION_TYPE, OVERLAP, STATUS``).
IMTS ``OBS_VALUE`` is in whole US dollars; ``SCALE`` only says how the IMF displays it. An answer
that is the header only is "no data" (:class:`~pakru.intake.extract.NoData`), never merged.
Columns are found by name, never by position, so a renamed column is reported rather than misread.

* IMTS (International Trade in Goods by partner country, the dataset that replaced DOTS):
  dimensions ``COUNTRY`` (reporter), ``INDICATOR`` (``XG_FOB_USD`` exports FOB,
  ``MG_CIF_USD`` imports CIF, US dollars), ``COUNTERPART_COUNTRY``, ``FREQUENCY``.
* COFER: ``COUNTRY`` (``G001`` World), ``INDICATOR`` (``AFXRA`` allocated reserves),
  ``FXR_CURRENCY`` (``CI_USD`` ...), ``TYPE_OF_TRANSFORMATION`` (``SHRO_PT`` share in percent),
  ``FREQUENCY`` — the same series codes as the portal's CSV export read by
  :mod:`pakru.intake.publishers.imf.cofer_reader`.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass, replace

import pandas as pd

from ...extract import Extract, NoData, ShapeError, SourceInfo, answer_text, shift_decimal
from ...rows import COUNTRY_NAMES, PAIR, bilateral_flow, observation
from . import cofer_reader as imf_cofer
from .rows import COFER_CURRENCIES, cofer_rows_from_frame

DEFAULT_URL = "https://api.imf.org/external/sdmx/3.0"
# the SDMX-CSV 2.0 media type, as the IMF's maintained clients send it
ACCEPT_CSV = "application/vnd.sdmx.data+csv;version=2.0.0"
FIRST_YEAR = 1992  # the Russian Federation's first year as a partner in the IMF's trade statistics
INDICATOR_DIRECTION = {"XG_FOB_USD": ("exports", "FOB"), "MG_CIF_USD": ("imports", "CIF")}
# a year of Pakistan–Russia goods trade one way has never approached USD 100 bn; a larger
# figure means the unit was misread (the IMF's exports have labelled US dollars as millions)
PLAUSIBLE_MAX_USD_MILLION = 100_000
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_YEAR = re.compile(r"^(\d{4})(?:-A1?)?$")

IMTS_SOURCE = SourceInfo(
    "trd-imf-imts", "International Monetary Fund",
    "International Trade in Goods by partner country (IMTS), dataset IMF.STA:IMTS: exports FOB and imports CIF "
    "of Pakistan and of the Russian Federation with each other, annual (SDMX 3.0 API)",
    "https://data.imf.org/en/datasets/IMF.STA:IMTS", licence="IMF terms of use",
    note="Fetched by 'pakru update imf' from the IMF SDMX 3.0 API; raw responses under data/raw/imf/. "
         "IMTS replaced the Direction of Trade Statistics (DOTS) in 2025; its rows say series 'IMF IMTS', and "
         "the trade section reads DOTS and IMTS as one IMF series with the break noted.")
COFER_SOURCE = SourceInfo(
    "pay-imf-cofer", "International Monetary Fund",
    "Currency Composition of Official Foreign Exchange Reserves (COFER), dataset IMF.STA:COFER",
    "https://data.imf.org/en/datasets/IMF.STA:COFER", licence="IMF terms of use")


@dataclass(frozen=True)
class Query:
    name: str  # file stem of the raw snapshot
    path: str
    params: tuple[tuple[str, str], ...]


def base_url() -> str:
    return os.environ.get("PAKRU_IMF_URL", DEFAULT_URL).rstrip("/")


def time_filter(first_year: int) -> str:
    """``ge:1992-A1``. The form with the annual suffix is the one seen answered on a recorded IMF
    query (``ge:1972-A1+le:1976-A1``); a maintained client (r-imfapi) added the suffix after annual
    queries filtered by a plain year came back empty."""
    return f"ge:{first_year}-A1"


def queries(first_year: int = FIRST_YEAR) -> tuple[Query, ...]:
    currencies = "+".join(f"CI_{c}" for c in COFER_CURRENCIES)
    common = (("attributes", "dsd"), ("measures", "all"))
    return (
        Query("imts", "/data/dataflow/IMF.STA/IMTS/+/PAK+RUS.XG_FOB_USD+MG_CIF_USD.RUS+PAK.A",
              (("c[TIME_PERIOD]", time_filter(first_year)),) + common),
        Query("cofer", f"/data/dataflow/IMF.STA/COFER/+/G001.AFXRA.{currencies}.SHRO_PT.Q", common),
    )


def read_sdmx_csv(content: bytes) -> tuple[str, pd.DataFrame]:
    """The dataflow id (``IMF.STA:IMTS``) and the observations of an SDMX-CSV answer, as text."""
    text = answer_text(content, "SDMX-CSV")
    try:
        frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    except ValueError as err:  # pandas' ParserError is a ValueError
        raise ShapeError(f"the response is not readable as CSV ({' '.join(str(err).split())})") from None
    structure_col = "STRUCTURE_ID" if "STRUCTURE_ID" in frame.columns else "DATAFLOW"
    for col in (structure_col, "TIME_PERIOD", "OBS_VALUE"):
        if col not in frame.columns:
            raise ShapeError(f"no column {col!r} in the SDMX-CSV header ({', '.join(frame.columns[:12])})")
    if frame.empty:
        raise NoData("the SDMX-CSV answer is its header only: no observations match the query")
    ids = {re.sub(r"\(.*\)$", "", s.strip()) for s in frame[structure_col] if s.strip()}
    if len(ids) > 1:
        raise ShapeError(f"observations of several dataflows in one answer: {sorted(ids)}")
    return (ids.pop() if ids else ""), frame


def _require(frame: pd.DataFrame, columns: tuple[str, ...], flow: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ShapeError(f"{flow} answer has no column {missing[0]!r} (columns: {', '.join(frame.columns)})")


# IMTS sends OBS_VALUE in whole US dollars whatever SCALE says: SCALE (6 on every IMTS series) is how
# many digits the IMF's own tables hide when they display the figure, not a multiplier. A year of one
# flow between Pakistan and Russia has never been below USD 0.1 million (1992: 40 million) or above
# 100,000 million; a value outside means the unit was misread, and the answer is refused.
PLAUSIBLE_MIN_USD_MILLION = 0.1
STATUS_ESTIMATE = "e"


def _usd_million(r: pd.Series) -> str:
    published = r["OBS_VALUE"].strip()
    value = shift_decimal(published, -6)
    unit = r.get("UNIT", "USD").strip() or "USD"
    if unit != "USD":
        raise ShapeError(f"IMTS UNIT {unit!r} for {r['COUNTRY']} {r['INDICATOR']} {r['TIME_PERIOD']}; expected USD")
    size = abs(float(value))
    if size > PLAUSIBLE_MAX_USD_MILLION or 0 < size < PLAUSIBLE_MIN_USD_MILLION:
        raise ShapeError(f"IMTS OBS_VALUE {published} for {r['COUNTRY']} {r['INDICATOR']} {r['TIME_PERIOD']} is "
                         f"{value} USD million read as US dollars, not a plausible Pakistan–Russia figure "
                         f"(allowed {PLAUSIBLE_MIN_USD_MILLION:g} to {PLAUSIBLE_MAX_USD_MILLION:,} USD million)")
    return value


def imts_rows(frame: pd.DataFrame, source_id: str) -> tuple[dict[str, str], ...]:
    """IMTS observations as rows: ``OBS_VALUE`` (US dollars) divided by 1e6, the decimal point moved
    so nothing is rounded. An observation the IMF marks ``STATUS`` ``e`` is its estimate, not a
    figure the reporter published: qualifier ``estimate`` and a note saying so."""
    _require(frame, ("COUNTRY", "INDICATOR", "COUNTERPART_COUNTRY"), "IMTS")
    frame = frame[frame["OBS_VALUE"].str.strip().ne("") & frame["OBS_VALUE"].str.upper().ne("NAN")]
    if "FREQUENCY" in frame.columns:
        frame = frame[frame["FREQUENCY"] == "A"]
    picked = frame[frame["COUNTRY"].isin(PAIR) & frame["COUNTERPART_COUNTRY"].isin(PAIR)
                   & (frame["COUNTRY"] != frame["COUNTERPART_COUNTRY"])
                   & frame["INDICATOR"].isin(INDICATOR_DIRECTION)]
    rows = []
    for _, r in picked.iterrows():
        year = _YEAR.match(r["TIME_PERIOD"].strip())
        if not year:
            raise ShapeError(f"IMTS TIME_PERIOD {r['TIME_PERIOD']!r} is not a year")
        direction, valuation = INDICATOR_DIRECTION[r["INDICATOR"]]
        reporter, partner = r["COUNTRY"], r["COUNTERPART_COUNTRY"]
        flow = bilateral_flow(reporter, direction)
        value = _usd_million(r)
        status = r.get("STATUS", "").strip().lower()
        toward = "to" if direction == "exports" else "from"
        other = "the Russian Federation" if partner == "RUS" else "Pakistan"
        if status == STATUS_ESTIMATE:
            note = (f"IMF estimate (IMTS STATUS e) of {COUNTRY_NAMES[reporter]}'s {direction} {toward} {other} "
                    f"({valuation}), not a figure {COUNTRY_NAMES[reporter]} reported")
        else:
            note = f"{COUNTRY_NAMES[reporter]}-reported {direction} {toward} {other} ({valuation})"
        if reporter != "PAK":
            note += f"; mirror of Pakistan's {flow}"
        scale = r.get("SCALE", "").strip()
        note += (f"; IMF IMTS {r['INDICATOR']}, published {r['OBS_VALUE'].strip()} US dollars"
                 + (f" (SCALE {scale} is a display hint, not a multiplier)" if scale else "")
                 + ", divided by 1e6 to USD million, no rounding.")
        if status not in ("", STATUS_ESTIMATE):
            note += f" IMTS STATUS {status!r}."
        row = observation(flow, int(year.group(1)), reporter, value, "IMF IMTS", source_id, note)
        if status == STATUS_ESTIMATE:
            row["qualifier"] = "estimate"
        rows.append(row)
    return tuple(rows)


def _period(label: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    m = _QUARTER.match(label.strip())
    if not m:
        raise ShapeError(f"COFER TIME_PERIOD {label!r} is not a quarter (YYYY-Qn)")
    p = pd.Period(year=int(m.group(1)), quarter=int(m.group(2)), freq="Q")
    return p.start_time.normalize(), p.end_time.normalize()


def cofer_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Observations in the shape of :func:`pakru.intake.publishers.imf.cofer_reader.read_cofer`."""
    dims = ("COUNTRY", "INDICATOR", "FXR_CURRENCY", "TYPE_OF_TRANSFORMATION", "FREQUENCY")
    _require(frame, dims, "COFER")
    frame = frame[frame["OBS_VALUE"].str.strip().ne("") & frame["OBS_VALUE"].str.upper().ne("NAN")]
    records = []
    for _, r in frame.iterrows():
        code = ".".join(r[d].strip() for d in dims)
        parts = imf_cofer.parse_series_code(code)
        if parts["frequency"] != "quarter":
            continue
        start, end = _period(r["TIME_PERIOD"])
        try:
            value = float(r["OBS_VALUE"])
        except ValueError:
            raise ShapeError(f"COFER OBS_VALUE {r['OBS_VALUE']!r} is not a number") from None
        records.append({"series_code": code, **parts, "period": r["TIME_PERIOD"], "period_start": start,
                        "period_end": end, "value": value})
    columns = ["series_code", "area", "indicator", "currency", "measure", "frequency", "period", "period_start",
               "period_end", "value"]
    return pd.DataFrame.from_records(records, columns=columns)


def extract_from_csv(content: bytes, source_id: str | None = None, url: str | None = None) -> Extract:
    """An SDMX-CSV answer (IMTS or COFER) as rows for ``data/``."""
    flow, frame = read_sdmx_csv(content)
    if flow.endswith(":IMTS") or (not flow and "COUNTERPART_COUNTRY" in frame.columns):
        src = replace(IMTS_SOURCE, source_id=source_id or IMTS_SOURCE.source_id, url=url or IMTS_SOURCE.url)
        return Extract(src, {"trade_observations": imts_rows(frame, src.source_id)})
    if flow.endswith(":COFER") or (not flow and "FXR_CURRENCY" in frame.columns):
        src = replace(COFER_SOURCE, source_id=source_id or COFER_SOURCE.source_id, url=url or COFER_SOURCE.url)
        return Extract(src, {"currency_shares": cofer_rows_from_frame(cofer_frame(frame), src.source_id)},
                       keep_existing=frozenset({"note", "break", "break_note"}))
    raise ShapeError(f"dataflow {flow or '(none named)'} is neither IMF.STA:IMTS nor IMF.STA:COFER")
