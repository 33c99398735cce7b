"""The file kinds ``pakru import`` reads: a small registry, one entry per publisher format.

Each kind names the reader in :mod:`pakru.intake.readers` (through the row modules), the datasets its
rows go to, where a user downloads such a file, and the source registry row its rows point to
by default (the one ``data/`` was built from; ``--source`` names another).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from collections.abc import Callable

from ..errors import ParameterError
from . import defence_rows, payments_rows, trade_rows
from .extract import Extract, ShapeError, SourceInfo


@dataclass(frozen=True)
class ImportOptions:
    source_id: str | None = None  # --source: the registry row the rows point to
    url: str | None = None        # --url: where the file came from (for a new registry row)
    flow: str | None = None       # --flow: exports/imports, for files that hold one flow
    published: str | None = None  # --published: the file's publication date (for a new registry row)


@dataclass(frozen=True)
class Kind:
    name: str
    datasets: tuple[str, ...]
    where: str  # one line: where to download such a file
    read: Callable[[Path, ImportOptions], Extract]


_IMF_TERMS = "IMF terms of use"
_COMTRADE_TERMS = "UN Comtrade terms of use"
_SIPRI_TERMS = ("SIPRI Arms Transfers Database user rules: cite 'Information from the SIPRI Arms Transfers "
                "Database'; calculations must not be attributed to SIPRI")


def _source(options: ImportOptions, default: SourceInfo) -> SourceInfo:
    info = replace(default, source_id=options.source_id) if options.source_id else default
    info = replace(info, published=options.published) if options.published else info
    return replace(info, url=options.url) if options.url else info


def _imf_dots(path: Path, options: ImportOptions) -> Extract:
    reporter = trade_rows.dots_reporter(path)
    name = {"PAK": "Pakistan", "RUS": "Russian Federation"}[reporter]
    src = _source(options, SourceInfo(
        f"trd-imf-dots-{reporter.lower()}", "International Monetary Fund",
        f"Direction of Trade Statistics: {name} as reporter, exports FOB and imports CIF by partner "
        "(annual Excel report)", "https://data.imf.org/", licence=_IMF_TERMS))
    return Extract(src, {"trade_observations": trade_rows.dots_observations(path, src.source_id)})


def _flow_of(path: Path, options: ImportOptions) -> str:
    if options.flow:
        return options.flow
    # Comtrade+ extracts hold one flow and do not say which: the file name usually does
    hits = [f for f in ("export", "import") if f in path.name.lower()]
    if len(hits) != 1:
        raise ParameterError(f"{path.name}: a reduced Comtrade+ extract holds one flow and its name does not "
                             "say which; pass --flow exports or --flow imports")
    return hits[0] + "s"


def _comtrade(path: Path, options: ImportOptions) -> Extract:
    if trade_rows.comtrade_layout(path) == "legacy":
        src = _source(options, SourceInfo(
            "trd-comtrade-legacy-hs2", "United Nations Statistics Division (UN Comtrade)",
            "UN Comtrade legacy API: goods trade by HS 2-digit chapter", "https://comtrade.un.org/",
            licence=_COMTRADE_TERMS))
        return Extract(src, trade_rows.comtrade_legacy_rows(path, src.source_id))
    flow = _flow_of(path, options)
    src = _source(options, SourceInfo(
        f"trd-comtrade-plus-{flow}", "United Nations Statistics Division (UN Comtrade)",
        f"UN Comtrade (Comtrade+): total goods {flow} by reporter and partner, annual (primaryValue)",
        "https://comtradeplus.un.org/", licence=_COMTRADE_TERMS))
    return Extract(src, {"trade_observations": trade_rows.comtrade_plus_observations(path, flow, src.source_id)})


def _ots(path: Path, options: ImportOptions) -> Extract:
    src = _source(options, SourceInfo(
        "trd-ots-communities", "Open Trade Statistics (Mauricio Vargas)",
        "Open Trade Statistics yrpc table summed by product community: Pakistan and Russia",
        "https://tradestatistics.io/", quality="secondary", licence="CC BY-NC 4.0 (OTS) on top of UN Comtrade terms"))
    return Extract(src, {"trade_composition": trade_rows.ots_composition(path, src.source_id)})


def _imf_cofer(path: Path, options: ImportOptions) -> Extract:
    src = _source(options, SourceInfo(
        "pay-imf-cofer", "International Monetary Fund",
        "Currency Composition of Official Foreign Exchange Reserves (COFER), dataset IMF.STA:COFER",
        "https://data.imf.org/en/datasets/IMF.STA:COFER", licence=_IMF_TERMS))
    return Extract(src, {"currency_shares": payments_rows.cofer_rows(path, src.source_id)},
                   keep_existing=frozenset({"note", "break", "break_note"}))


def _swift(path: Path, options: ImportOptions) -> Extract:
    layout = payments_rows.swift_layout(path)
    url = ("https://www.swift.com/our-solutions/compliance-and-shared-services/business-intelligence/renminbi/"
           "rmb-tracker")
    if layout == "transcription":
        default = SourceInfo("pay-swift-rmb-tracker", "SWIFT", "RMB Tracker, monthly reports", url,
                             licence="SWIFT publication; reuse terms not checked")
    else:
        default = SourceInfo("pay-swift-rmb-tracker-cisembayer",
                             "SWIFT (figures extracted by the student project cisembayer/Data-Science-Final-Project)",
                             "RMB Tracker, monthly reports", url, quality="weak")
    src = _source(options, default)
    return Extract(src, {"currency_shares": payments_rows.swift_rows(path, src.source_id)},
                   keep_existing=frozenset({"note", "break", "break_note"}))


def _sipri_register(path: Path, options: ImportOptions) -> Extract:
    src = _source(options, SourceInfo(
        "def-sipri-register-2025", "Stockholm International Peace Research Institute (SIPRI)",
        "SIPRI Arms Transfers Database: trade register, transfers of major arms (Pakistan as recipient)",
        "https://www.sipri.org/databases/armstransfers", licence=_SIPRI_TERMS))
    return Extract(src, {"arms_transfers": defence_rows.register_rows(path, src.source_id)})


def _sipri_tiv(path: Path, options: ImportOptions) -> Extract:
    src = _source(options, SourceInfo(
        "def-sipri-tiv-2022", "Stockholm International Peace Research Institute (SIPRI)",
        "SIPRI Arms Transfers Database: TIV tables, import values by supplier and year",
        "https://www.sipri.org/databases/armstransfers", licence=_SIPRI_TERMS))
    return Extract(src, {"arms_imports_tiv": defence_rows.tiv_rows(path, src.source_id)})


def _sbp_country(path: Path, options: ImportOptions) -> Extract:
    from . import sbp

    extract = sbp.extract_from_workbook(path.read_bytes(), path.name)
    return replace(extract, source=_source(options, extract.source))


def _imf_sdmx(path: Path, options: ImportOptions) -> Extract:
    from . import imf

    return imf.extract_from_csv(path.read_bytes(), options.source_id, options.url)


def _comtrade_api(path: Path, options: ImportOptions) -> Extract:
    from . import comtrade

    return comtrade.extract_from_json([path.read_bytes()], options.source_id, options.url)


KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("imf-dots", ("trade_observations",),
         "DOTS annual Excel report (one reporter; sheets 'Exports, FOB' and 'Imports, CIF') saved as CSV, "
         "data.imf.org (pre-2025 portal)", _imf_dots),
    Kind("comtrade", ("trade_observations", "trade_composition"),
         "UN Comtrade extract: Comtrade+ totals (date,value,reporter,partner; --flow) or legacy API CSV, "
         "comtradeplus.un.org", _comtrade),
    Kind("ots", ("trade_composition",),
         "Open Trade Statistics community sums (year,community_name,reporter_iso,...), tradestatistics.io",
         _ots),
    Kind("imf-cofer", ("currency_shares",),
         "COFER CSV export (SERIES_CODE and period columns), data.imf.org/en/datasets/IMF.STA:COFER", _imf_cofer),
    Kind("swift-rmb", ("currency_shares",),
         "transcription of the SWIFT RMB Tracker PDFs, swift.com RMB Tracker page", _swift),
    Kind("sipri-register", ("arms_transfers",),
         "SIPRI trade register CSV (recipient Pakistan), armstrade.sipri.org 'Trade registers'", _sipri_register),
    Kind("sipri-tiv", ("arms_imports_tiv",),
         "SIPRI TIV table, long layout Import_To,Export_From,Year,TIV, armstrade.sipri.org 'Importer/exporter "
         "TIV tables'", _sipri_tiv),
    Kind("sbp-country", ("trade_observations", "pakistan_totals"),
         "SBP workbook 'Export Receipts by All Countries' (.xls) or 'Import Payments by all Countries' (.xlsx), "
         "sbp.org.pk/ecodata/ (or the _Arch archive workbooks)", _sbp_country),
    Kind("imf-sdmx", ("trade_observations", "currency_shares"),
         "SDMX-CSV from api.imf.org (IMTS trade by partner, or COFER), what 'pakru update imf' saves", _imf_sdmx),
    Kind("comtrade-api", ("trade_observations", "trade_composition"),
         "UN Comtrade API JSON (comtradeapi.un.org, 'data' records), what 'pakru update comtrade' saves",
         _comtrade_api),
)}


def kind_named(name: str) -> Kind:
    if name not in KINDS:
        raise ParameterError(f"unknown kind {name!r}; known kinds: {', '.join(KINDS)}")
    return KINDS[name]


__all__ = ["KINDS", "Kind", "ImportOptions", "kind_named", "ShapeError"]
