"""The IMF as ``import`` and ``update`` see it: its source registry rows, its file kinds and
(where it has one) its API, in one :class:`~pakru.intake.publisher.Publisher` declaration."""

from __future__ import annotations

from pathlib import Path

from ...extract import Extract, SourceInfo
from ...publisher import Api, ImportOptions, Kind, Publisher, with_options
from . import fetch, rows, sdmx

NAME = "International Monetary Fund"
TERMS = "IMF terms of use"
COFER = SourceInfo("pay-imf-cofer", NAME,
                   "Currency Composition of Official Foreign Exchange Reserves (COFER), dataset IMF.STA:COFER",
                   "https://data.imf.org/en/datasets/IMF.STA:COFER", licence=TERMS)


def dots_source(reporter: str) -> SourceInfo:
    name = {"PAK": "Pakistan", "RUS": "Russian Federation"}[reporter]
    return SourceInfo(f"trd-imf-dots-{reporter.lower()}", NAME,
                      f"Direction of Trade Statistics: {name} as reporter, exports FOB and imports CIF by partner "
                      "(annual Excel report)", "https://data.imf.org/", licence=TERMS)


def read_dots(path: Path, options: ImportOptions) -> Extract:
    src = with_options(dots_source(rows.dots_reporter(path)), options)
    return Extract(src, {"trade_observations": rows.dots_observations(path, src.source_id)})


def read_cofer(path: Path, options: ImportOptions) -> Extract:
    src = with_options(COFER, options)
    return Extract(src, {"currency_shares": rows.cofer_rows(path, src.source_id)},
                   keep_existing=frozenset({"note", "break", "break_note"}))


def read_sdmx(path: Path, options: ImportOptions) -> Extract:
    return sdmx.extract_from_csv(path.read_bytes(), options.source_id, options.url)


PUBLISHER = Publisher(
    "imf", NAME,
    kinds=(Kind("imf-dots", ("trade_observations",),
                "DOTS annual Excel report (one reporter; sheets 'Exports, FOB' and 'Imports, CIF') saved as CSV, "
                "data.imf.org (pre-2025 portal)", read_dots),
           Kind("imf-cofer", ("currency_shares",),
                "COFER CSV export (SERIES_CODE and period columns), data.imf.org/en/datasets/IMF.STA:COFER",
                read_cofer),
           Kind("imf-sdmx", ("trade_observations", "currency_shares"),
                "SDMX-CSV from api.imf.org (IMTS trade by partner, or COFER), what 'pakru update imf' saves",
                read_sdmx)),
    api=Api(fetch.fetch, fetch.parse, sdmx.base_url,
            describe=(f"IMF SDMX 3.0 API: IMTS goods trade Pakistan<->Russia as each reports it (annual, "
                      f"{sdmx.FIRST_YEAR}-latest) and COFER currency shares; base URL $PAKRU_IMF_URL (default "
                      f"{sdmx.DEFAULT_URL})")))
