"""Open Trade Statistics as ``import`` and ``update`` see it: its source registry rows, its file kinds and
(where it has one) its API, in one :class:`~pakru.intake.publisher.Publisher` declaration."""

from __future__ import annotations

from pathlib import Path

from ...extract import Extract, SourceInfo
from ...publisher import ImportOptions, Kind, Publisher, with_options
from . import rows

NAME = "Open Trade Statistics (Mauricio Vargas)"
COMMUNITIES = SourceInfo("trd-ots-communities", NAME,
                         "Open Trade Statistics yrpc table summed by product community: Pakistan and Russia",
                         "https://tradestatistics.io/", quality="secondary",
                         licence="CC BY-NC 4.0 (OTS) on top of UN Comtrade terms")


def read_communities(path: Path, options: ImportOptions) -> Extract:
    src = with_options(COMMUNITIES, options)
    return Extract(src, {"trade_composition": rows.ots_composition(path, src.source_id)})


PUBLISHER = Publisher(
    "ots", NAME,
    kinds=(Kind("ots", ("trade_composition",),
                "Open Trade Statistics community sums (year,community_name,reporter_iso,...), tradestatistics.io",
                read_communities),))
