"""SIPRI's published supplier shares of Pakistan's arms imports (defence/supplier_shares.csv): the
current windows are there, as published, each with a source that says where it was read."""

from __future__ import annotations

from pathlib import Path

import pytest

from pakru.data import datasets
from pakru.errors import DataError
from pakru.data.datasets import validate_rows
from pakru.data.schema import SUPPLIER_SHARES


def test_the_latest_two_sipri_windows_give_china_81_and_80_per_cent(project_root: Path) -> None:
    shares = datasets.load("supplier_shares", project_root)
    sources = datasets.load_sources(project_root).set_index("source_id")

    def share(start: int, end: int, supplier: str, recipient: str = "Pakistan") -> float:
        hit = shares[(shares["window_start"] == start) & (shares["window_end"] == end)
                     & (shares["supplier"] == supplier) & (shares["recipient"] == recipient)]
        assert len(hit) == 1, (start, end, supplier)
        return float(hit["share_pct"].iloc[0])

    assert share(2020, 2024, "China") == 81
    assert share(2021, 2025, "China") == 80
    assert share(2015, 2019, "Russia") == 6.6
    assert share(2020, 2024, "Russia", "India") == 36  # context: Russia's largest customer in the region
    # each release's shares of one recipient and window sum to at most 100
    for _, window in shares.groupby(["recipient", "window_start", "window_end", "release"]):
        assert window["share_pct"].sum() <= 100
    assert shares["window_end"].max() == 2025
    for sid in shares["source_id"]:
        src = sources.loc[sid]
        assert src["url"].startswith("https://") and src["accessed"].year == 2026
        # press copies of SIPRI's release: never marked as SIPRI's own primary page
        assert src["quality"] in ("secondary", "weak") and src["kind"] == "news report"
        assert "SIPRI" in src["note"] or "SIPRI" in src["title"]


def test_a_window_that_ends_before_it_starts_or_a_share_above_100_is_refused() -> None:
    row = {"recipient": "Pakistan", "window_start": "2021", "window_end": "2025", "supplier": "China",
           "share_pct": "80", "qualifier": "", "release": "r", "source_id": "x", "note": ""}
    validate_rows(SUPPLIER_SHARES, [{"__row": "1", **row}], "s.csv", None)
    with pytest.raises(DataError, match="ends before it starts"):
        validate_rows(SUPPLIER_SHARES, [{"__row": "1", **row, "window_end": "2020"}], "s.csv", None)
    with pytest.raises(DataError, match="above the maximum 100"):
        validate_rows(SUPPLIER_SHARES, [{"__row": "1", **row, "share_pct": "180"}], "s.csv", None)
