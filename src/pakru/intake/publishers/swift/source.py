"""SWIFT as ``import`` and ``update`` see it: its source registry rows, its file kinds and
(where it has one) its API, in one :class:`~pakru.intake.publisher.Publisher` declaration."""

from __future__ import annotations

from pathlib import Path

from ...extract import Extract, SourceInfo
from ...publisher import ImportOptions, Kind, Publisher, with_options
from . import rows

URL = "https://www.swift.com/our-solutions/compliance-and-shared-services/business-intelligence/renminbi/rmb-tracker"
TRANSCRIPTION = SourceInfo("pay-swift-rmb-tracker", "SWIFT", "RMB Tracker, monthly reports", URL,
                           licence="SWIFT publication; reuse terms not checked")
STUDENT = SourceInfo("pay-swift-rmb-tracker-cisembayer",
                     "SWIFT (figures extracted by the student project cisembayer/Data-Science-Final-Project)",
                     "RMB Tracker, monthly reports", URL, quality="weak")


def read_tracker(path: Path, options: ImportOptions) -> Extract:
    default = TRANSCRIPTION if rows.swift_layout(path) == "transcription" else STUDENT
    src = with_options(default, options)
    return Extract(src, {"currency_shares": rows.swift_rows(path, src.source_id)},
                   keep_existing=frozenset({"note", "break", "break_note"}))


PUBLISHER = Publisher(
    "swift", "SWIFT",
    kinds=(Kind("swift-rmb", ("currency_shares",),
                "transcription of the SWIFT RMB Tracker PDFs, swift.com RMB Tracker page", read_tracker),),
    files_only=("SWIFT publishes the RMB Tracker as monthly PDF reports at https://www.swift.com/ (RMB Tracker "
                "page): transcribe the months into the CSV layout of the existing transcription, then run "
                "'pakru import swift-rmb FILE'."))
