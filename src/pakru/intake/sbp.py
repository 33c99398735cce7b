"""The State Bank of Pakistan's country-wise goods trade workbooks: where SBP publishes them, and
each workbook as rows for ``data/`` (``pakru import sbp-country`` and ``pakru update sbp``).

SBP publishes, under ``$PAKRU_SBP_URL`` (default :data:`DEFAULT_URL`):

* ``/ecodata/Export_Receipts_by_all_Countries.xls`` and ``/ecodata/Import-Payments-by-All-Countries.xlsx``:
  the current and the previous fiscal year, updated every month;
* ``/assets/document/Export_Receipts_by_all_Countries_Arch.xls`` and
  ``/assets/document/Import_Payments_by_all_Countries_Arch.xls``: long monthly archives (named in
  third-party catalogues; their layout has not been seen here, and the reader refuses a header
  it does not understand rather than guess).

Each workbook is one source; a later workbook's figure for the same flow and period replaces the
earlier one (same key, same source), so a revision shows in the diff as old → new.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass

from .extract import Extract, ShapeError, SourceInfo
from .readers import sbp as reader
from .trade_rows import sbp_rows

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
    return SourceInfo(book.source_id, "State Bank of Pakistan", book.title, DEFAULT_URL + book.path,
                      kind="statistical release", licence=LICENCE, published=published)


def extract_from_workbook(content: bytes, file_name: str) -> Extract:
    """One SBP workbook (.xls or .xlsx, as bytes) as rows: the Russian Federation row to
    ``trade_observations``, line I to ``pakistan_totals``. ``file_name`` tells an archive workbook
    (``..._Arch.xls``) from a current one; the title inside tells exports from imports."""
    try:
        values = reader.read_workbook(io.BytesIO(content))
    except reader.SbpLayoutError as err:
        raise ShapeError(str(err)) from None
    flows = sorted({v.flow for v in values})
    if len(flows) != 1:
        raise ShapeError(f"the workbook mixes export receipts and import payments ({', '.join(flows)})")
    book = workbook_for(flows[0], "_arch" in file_name.lower())
    src = source_for(book, reader.saved_date(io.BytesIO(content)))
    # every cell of these rows is written by the reader (notes included), so a later workbook
    # rewrites all of them: a value marked (P) that comes back (R) changes qualifier and note
    return Extract(src, sbp_rows(values, src.source_id), keep_existing=frozenset())
