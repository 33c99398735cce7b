"""``pakru update sbp``: the current workbooks (both required) and the archives, where SBP has them."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ...extract import ShapeError
from ...fetch import Fetcher, PublisherError
from ...publisher import Parsed, Snapshot

if TYPE_CHECKING:
    from .source import Workbook


def _not_found(err: PublisherError) -> bool:
    return re.search(r" answered HTTP 404\b", err.problem) is not None


def fetch(fetcher: Fetcher, base: str, books: Sequence[Workbook]) -> tuple[Snapshot, ...]:
    """Every workbook: an archive answering 404 is left out (with a line), any other failure fails
    the source."""
    snaps = []
    for book in books:
        try:
            snaps.append(Snapshot(book.name, fetcher.get(base + book.path)))
        except PublisherError as err:
            if book.archive and _not_found(err):
                print(f"sbp: no archive workbook at {base + book.path} (HTTP 404); skipped")
                continue
            raise
    return tuple(snaps)


def parse(snaps: tuple[Snapshot, ...]) -> tuple[Parsed, ...]:
    """Each answer read as a workbook, in the same limited child process as ``pakru import``."""
    from .source import extract_from_workbook

    out = []
    with tempfile.TemporaryDirectory(prefix="pakru-sbp-") as tmp:
        for s in snaps:
            path = Path(tmp) / s.name
            path.write_bytes(s.response.content)
            try:
                extract = extract_from_workbook(path)
            except ShapeError as err:
                raise ShapeError(f"{s.name}: {err}") from None
            out.append(Parsed("sbp-country", extract, (s,)))
    return tuple(out)
