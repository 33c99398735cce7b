"""SIPRI as ``import`` and ``update`` see it: its source registry rows, its file kinds and
(where it has one) its API, in one :class:`~pakru.intake.publisher.Publisher` declaration."""

from __future__ import annotations

from pathlib import Path

from ...extract import Extract, SourceInfo
from ...publisher import ImportOptions, Kind, Publisher, with_options
from . import rows

NAME = "Stockholm International Peace Research Institute (SIPRI)"
TERMS = ("SIPRI Arms Transfers Database user rules: cite 'Information from the SIPRI Arms Transfers "
         "Database'; calculations must not be attributed to SIPRI")
URL = "https://www.sipri.org/databases/armstransfers"
REGISTER = SourceInfo("def-sipri-register-2025", NAME, "SIPRI Arms Transfers Database: trade register, transfers of "
                      "major arms (Pakistan as recipient)", URL, licence=TERMS)
TIV = SourceInfo("def-sipri-tiv-2022", NAME, "SIPRI Arms Transfers Database: TIV tables, import values by supplier "
                 "and year", URL, licence=TERMS)


def read_register(path: Path, options: ImportOptions) -> Extract:
    src = with_options(REGISTER, options)
    return Extract(src, {"arms_transfers": rows.register_rows(path, src.source_id)})


def read_tiv(path: Path, options: ImportOptions) -> Extract:
    src = with_options(TIV, options)
    return Extract(src, {"arms_imports_tiv": rows.tiv_rows(path, src.source_id)})


PUBLISHER = Publisher(
    "sipri", NAME,
    kinds=(Kind("sipri-register", ("arms_transfers",),
                "SIPRI trade register CSV (recipient Pakistan), armstrade.sipri.org 'Trade registers'", read_register),
           Kind("sipri-tiv", ("arms_imports_tiv",),
                "SIPRI TIV table, long layout Import_To,Export_From,Year,TIV, armstrade.sipri.org 'Importer/exporter "
                "TIV tables'", read_tiv)),
    files_only=("SIPRI publishes files, not an API: download the trade register (recipient Pakistan, CSV) and the "
                "TIV table at https://armstrade.sipri.org/, then run 'pakru import sipri-register FILE' and "
                "'pakru import sipri-tiv FILE'."))
