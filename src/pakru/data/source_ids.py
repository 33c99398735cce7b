"""Source ids as the data and the report write them: a cell holds one id or several joined with
``;``, and the sources registry rates each id's quality.

One spelling everywhere: :func:`join` writes ``"a; b"``, :func:`split` reads any spacing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

SEPARATOR = "; "
COLUMNS = ("source_id", "also_source_ids")


def split(*cells: object) -> list[str]:
    """``("a", "b; c", None)`` -> ``["a", "b", "c"]``: the ids in source-id cells, in first-seen
    order, without repeats; empty and missing cells are skipped."""
    ids: list[str] = []
    for cell in cells:
        if cell is None or (not isinstance(cell, str) and pd.isna(cell)):
            continue
        for sid in str(cell).split(";"):
            sid = sid.strip()
            if sid and sid not in ids:
                ids.append(sid)
    return ids


def split_all(cells: Iterable[object]) -> list[str]:
    """:func:`split` over a column or list of cells."""
    return split(*cells)


def join(ids: Iterable[object]) -> str:
    """``["a", "b; c", "a"]`` -> ``"a; b; c"`` (cells may themselves hold joined ids)."""
    return SEPARATOR.join(split(*ids))


def of_frame(frame: pd.DataFrame) -> list[str]:
    """The distinct source ids a frame's rows rest on (``source_id`` and ``also_source_ids``), in
    first-seen order."""
    return split(*(cell for col in COLUMNS if col in frame for cell in frame[col]))


def of_rows(frame: pd.DataFrame) -> list[list[str]]:
    """Each row's own source ids (``source_id`` plus ``also_source_ids``)."""
    also = frame["also_source_ids"] if "also_source_ids" in frame else [None] * len(frame)
    return [split(a, b) for a, b in zip(frame["source_id"], also)]


def quality_of(sources: pd.DataFrame) -> dict[str, str]:
    """Source id -> its quality rating in the sources registry."""
    return dict(zip(sources["source_id"], sources["quality"]))


def weak_only(ids: Iterable[str], quality: Mapping[str, str]) -> bool:
    """The 'weak sources only' rule: True when there is at least one id and every one is rated
    ``weak`` (an id missing from the registry counts as not weak)."""
    ids = list(ids)
    return bool(ids) and all(quality.get(s) == "weak" for s in ids)
