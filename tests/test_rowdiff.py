"""Rows added, removed and changed per dataset between two runs, from the manifest's digests."""

from __future__ import annotations

import shutil
from pathlib import Path

from pakru.data import rowdiff

OBS = "data/trade/observations.csv"


def _copy_data(project_root: Path, tmp_path: Path) -> Path:
    shutil.copytree(project_root / "data", tmp_path / "data")
    return tmp_path / "data"


def test_edits_show_as_rows_added_removed_and_changed(project_root: Path, tmp_path: Path) -> None:
    data_dir = _copy_data(project_root, tmp_path)
    before = rowdiff.digests(data_dir)
    path = data_dir / "trade" / "observations.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header, first, second, *rest = lines
    # change a value in the first row (its key stays), drop the second row, add a copy of the first
    # under another reporter (a new key)
    cols = header.rstrip("\n").split(",")
    cells = first.rstrip("\n").split(",")
    value = cols.index("value")
    changed = cells.copy()
    changed[value] = str(float(cells[value]) + 1)
    added = cells.copy()
    added[cols.index("reporter")] = "ZZZ"
    path.write_text(header + ",".join(changed) + "\n" + "".join(rest) + ",".join(added) + "\n", encoding="utf-8")
    diff = rowdiff.changed_datasets(before, rowdiff.digests(data_dir))
    assert diff == {OBS: {"added": 1, "removed": 1, "changed": 1}}
    assert rowdiff.sentence(OBS, diff[OBS]) == f"{OBS}: 1 row added, 1 removed, 1 changed."


def test_same_data_gives_no_change_and_every_dataset_has_a_digest(project_root: Path) -> None:
    a = rowdiff.digests(project_root / "data")
    assert rowdiff.changed_datasets(a, rowdiff.digests(project_root / "data")) == {}
    assert OBS in a and "data/sources.csv" in a
    assert all(len(k) == 12 and len(v) == 12 for k, v in a[OBS].items())
