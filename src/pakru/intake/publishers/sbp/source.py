"""The State Bank of Pakistan as ``import`` and ``update`` see it: where it publishes the workbooks,
the source registry row of each, and its :class:`~pakru.intake.publisher.Publisher` declaration.

SBP publishes, under ``$PAKRU_SBP_URL`` (default :data:`DEFAULT_URL`):

* ``/ecodata/Export_Receipts_by_all_Countries.xls`` and ``/ecodata/Import-Payments-by-All-Countries.xlsx``:
  the current and the previous fiscal year, updated every month;
* ``/assets/document/Export_Receipts_by_all_Countries_Arch.xls`` and
  ``/assets/document/Import_Payments_by_all_Countries_Arch.xls``: long monthly archives (named in
  third-party catalogues; their layout has not been seen here, and the reader refuses a header
  it does not understand rather than guess).

Each workbook is one source; a later workbook's figure for the same flow and period replaces the
earlier one (same key, same source), so a revision shows in the diff as old → new. Which source a
workbook is comes from its content, never its file's name: the title says the flow, and a
workbook whose columns span more than three fiscal years is an archive.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from ...extract import Extract, ShapeError, SourceInfo
from ...publisher import Api, ImportOptions, Kind, Publisher, with_options
from ...workbook import read_isolated
from . import fetch, reader
from .rows import sbp_rows

NAME = "State Bank of Pakistan"
DEFAULT_URL = "https://www.sbp.org.pk"
LICENCE = "SBP public statistical release; cite the State Bank of Pakistan"


@dataclass(frozen=True)
class Workbook:
    flow: str
    archive: bool
    title: str
    path: str  # under the base URL

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @property
    def source_id(self) -> str:
        stem = "trd-sbp-export-receipts" if self.flow == "exports" else "trd-sbp-import-payments"
        return stem + ("-archive" if self.archive else "")


WORKBOOKS = (
    Workbook("exports", False, "Export Receipts by All Countries", "/ecodata/Export_Receipts_by_all_Countries.xls"),
    Workbook("imports", False, "Import Payments by all Countries", "/ecodata/Import-Payments-by-All-Countries.xlsx"),
    Workbook("exports", True, "Export Receipts by All Countries (archive)",
             "/assets/document/Export_Receipts_by_all_Countries_Arch.xls"),
    Workbook("imports", True, "Import Payments by all Countries (archive)",
             "/assets/document/Import_Payments_by_all_Countries_Arch.xls"),
)


def base_url() -> str:
    return os.environ.get("PAKRU_SBP_URL", DEFAULT_URL).rstrip("/")


def workbook_for(flow: str, archive: bool) -> Workbook:
    return next(w for w in WORKBOOKS if (w.flow, w.archive) == (flow, archive))


def source_for(book: Workbook, published: str = "") -> SourceInfo:
    return SourceInfo(book.source_id, NAME, book.title, DEFAULT_URL + book.path,
                      kind="statistical release", licence=LICENCE, published=published)


def extract_from_workbook(path: Path) -> Extract:
    """One SBP workbook (.xls or .xlsx) as rows: the Russian Federation row to ``trade_observations``,
    line I to ``pakistan_totals``. Read in a child process with limits; its title tells exports
    from imports, its columns an archive from a current workbook."""
    book = reader.from_json(read_isolated("pakru.intake.publishers.sbp.reader:read_for_child", path))
    flows = sorted({v.flow for v in book.values})
    if len(flows) != 1:
        raise ShapeError(f"the workbook mixes export receipts and import payments ({', '.join(flows)})")
    src = source_for(workbook_for(flows[0], book.archive), book.saved)
    # every cell of these rows is written by the reader (notes included), so a later workbook
    # rewrites all of them: a value marked (P) that comes back (R) changes qualifier and note
    return Extract(src, sbp_rows(book.values, src.source_id), keep_existing=frozenset())


def read_country_workbook(path: Path, options: ImportOptions) -> Extract:
    extract = extract_from_workbook(path)
    return replace(extract, source=with_options(extract.source, options))


PUBLISHER = Publisher(
    "sbp", NAME,
    kinds=(Kind("sbp-country", ("trade_observations", "pakistan_totals"),
                "SBP workbook 'Export Receipts by All Countries' (.xls) or 'Import Payments by all Countries' "
                "(.xlsx), sbp.org.pk/ecodata/ (or the _Arch archive workbooks)", read_country_workbook),),
    api=Api(lambda fetcher: fetch.fetch(fetcher, base_url(), WORKBOOKS), lambda snaps: fetch.parse(snaps),
            base_url,
            describe=("State Bank of Pakistan country-wise goods trade workbooks (export receipts, import payments; "
                      "the archive workbooks where present): the Russian Federation row and line I; base URL "
                      f"$PAKRU_SBP_URL (default {DEFAULT_URL})")))
