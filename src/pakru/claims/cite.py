"""Sources named as a reader reads them: publisher and year, never the source id.

The findings of the claims check are sentences for readers; the ids stay in the check's
``source_ids`` (tables, tooltips, the appendix).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from ..data import source_ids as ids_

_YEAR_IN_ID = re.compile(r"(?<![0-9])(19[4-9][0-9]|20[0-9]{2})(?![0-9])")


def _year(row: pd.Series, source_id: str) -> str:
    published = row.get("published")
    if published is not None and not pd.isna(published) and str(published).strip():
        return str(pd.Timestamp(published).year)
    # an undated page: the year its id was given (ids carry the year of the item they name)
    found = _YEAR_IN_ID.search(source_id)
    return found.group(1) if found else ""


def cited(source_id: str, sources: pd.DataFrame | None) -> str:
    """``"Reuters, 2023"``: the source's publisher and year; ``"a report"`` when the registry is
    not given or does not hold the id (a sentence never falls back to the id itself)."""
    if sources is None or not len(sources):
        return "a report"
    reg = sources.set_index("source_id")
    if source_id not in reg.index:
        return "a report"
    row = reg.loc[source_id]
    year = _year(row, source_id)
    return f"{row['publisher']}, {year}" if year else str(row["publisher"])


def cited_all(source_ids: Iterable[object], sources: pd.DataFrame | None) -> str:
    """Several sources, each once, as ``"Reuters, 2023; ARY News, 2023"``."""
    names = list(dict.fromkeys(cited(s, sources) for s in ids_.split(*source_ids)))
    return "; ".join(names)


def is_weak(source_ids: Iterable[object], sources: pd.DataFrame | None) -> bool:
    """True when the registry is given and every one of the sources is rated weak."""
    if sources is None:
        return False
    return ids_.weak_only(ids_.split(*source_ids), ids_.quality_of(sources))


def cited_rated(source_ids: Iterable[object], sources: pd.DataFrame | None) -> str:
    """:func:`cited_all`, with ``"; weakly rated"`` added when every source is rated weak."""
    ids = list(source_ids)
    return cited_all(ids, sources) + ("; weakly rated" if is_weak(ids, sources) else "")


def amount(value: float) -> str:
    """A figure as published: ``920`` for a round number, ``760.5`` otherwise (no decimals added)."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
