"""Source ids: one way to split and join them, and the 'weak sources only' rule."""

from __future__ import annotations

import pandas as pd

from pakru.data import source_ids


def test_split_reads_any_spacing_and_drops_repeats_and_blanks() -> None:
    assert source_ids.split("a", "b;c", " c ; d", None, float("nan"), "") == ["a", "b", "c", "d"]


def test_join_writes_one_spelling() -> None:
    assert source_ids.join(["a;b", "b", "c"]) == "a; b; c"
    assert source_ids.split(source_ids.join(["x", "y"])) == ["x", "y"]


def test_rows_and_frames_include_the_also_column() -> None:
    frame = pd.DataFrame({"source_id": ["a", "b"], "also_source_ids": ["c; a", None]})
    assert source_ids.of_rows(frame) == [["a", "c"], ["b"]]
    assert source_ids.of_frame(frame) == ["a", "b", "c"]


def test_weak_only_needs_every_source_weak_and_at_least_one() -> None:
    quality = {"w1": "weak", "w2": "weak", "p": "primary"}
    assert source_ids.weak_only(["w1", "w2"], quality)
    assert not source_ids.weak_only(["w1", "p"], quality)
    assert not source_ids.weak_only([], quality)
    assert not source_ids.weak_only(["unknown"], quality)  # an id missing from the registry is not weak
