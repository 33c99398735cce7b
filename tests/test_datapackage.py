"""data/datapackage.json is a valid Data Package: frictionless (v5) reads every file through it and
finds no error, its foreign keys catch an unknown source, and the ';'-separated also_source_ids,
which no foreign key can check, is checked by pakru's own loader."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, pakru

frictionless = pytest.importorskip("frictionless", reason="frictionless is in the dev extra")

DESCRIPTOR = ROOT / "data" / "datapackage.json"


def _descriptor() -> dict:
    return json.loads(DESCRIPTOR.read_text(encoding="utf-8"))


def _edit_cell(path: Path, row: int, column: str, value: str) -> None:
    """Set one cell (row counts data rows from 1) and write the file back as the project writes CSV."""
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
        fields = list(rows[0])
    rows[row - 1][column] = value
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _row_with(path: Path, column: str) -> int:
    with path.open(newline="", encoding="utf-8") as fh:
        return next(i for i, r in enumerate(csv.DictReader(fh), start=1) if r[column])


def _errors(descriptor: Path) -> list[tuple[str, str]]:
    report = frictionless.validate(str(descriptor))
    return [(e["type"], e["note"]) for task in report.to_dict()["tasks"] for e in task["errors"]] + [
        (e["type"], e["note"]) for e in report.to_dict()["errors"]]


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path / "data"


def test_shipped_data_package_is_valid_and_every_row_is_read() -> None:
    report = frictionless.validate(str(DESCRIPTOR))
    assert report.valid, report.flatten(["type", "note"])[:20]
    resources = {r["name"]: r for r in _descriptor()["resources"]}
    read = {task.name: task.stats["rows"] for task in report.tasks}
    # every resource was validated row by row, and holds the rows the descriptor declares
    assert read == {name: r["rows"] for name, r in resources.items()}
    assert read["sources"] > 200 and read["trade_observations"] > 100


@pytest.mark.slow  # a frictionless process validating every row: about 10 s
def test_frictionless_command_line_accepts_the_shipped_descriptor() -> None:
    cli = Path(sys.executable).with_name("frictionless")
    if not cli.is_file():
        pytest.skip("the frictionless command is not beside this interpreter")
    proc = subprocess.run([str(cli), "validate", "data/datapackage.json"], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]


def test_descriptor_follows_the_tabular_data_package_profile() -> None:
    desc = _descriptor()
    assert desc["profile"] == "tabular-data-package"
    for res in desc["resources"]:
        assert res["profile"] == "tabular-data-resource", res["name"]
        for source in res.get("sources", []):
            assert set(source) == {"title", "path"}, res["name"]
            assert source["path"].startswith(("http://", "https://")), source
        keys = res["schema"].get("foreignKeys", [])
        # a foreign key cannot hold for a list of ids; the single-id column keeps its key
        assert all(not fk["fields"].endswith("_ids") for fk in keys), res["name"]
        names = [f["name"] for f in res["schema"]["fields"]]
        if "source_id" in names and res["name"] != "sources":
            assert {"fields": "source_id", "reference": {"resource": "sources", "fields": "source_id"}} in keys
        if "also_source_ids" in names:
            field = next(f for f in res["schema"]["fields"] if f["name"] == "also_source_ids")
            assert "pattern" in field["constraints"] and "sources.csv" in field["description"]


def test_resource_sources_name_each_cited_source_once() -> None:
    from pakru.data import datasets as data, source_ids

    frames = data.load_all(ROOT)
    for res in _descriptor()["resources"]:
        if res["name"] == "sources":
            continue
        cited = set(source_ids.of_frame(frames[res["name"]]))
        listed = {s["title"].rsplit("[", 1)[1].rstrip("]") for s in res.get("sources", [])}
        assert listed == cited, res["name"]  # a file with no source column (payments/roles.csv) cites none
        assert len(res.get("sources", [])) == len(cited)


def test_unknown_source_id_breaks_the_foreign_key(data_copy: Path) -> None:
    _edit_cell(data_copy / "payments" / "events.csv", 2, "source_id", "no-such-source")
    errors = _errors(data_copy / "datapackage.json")
    assert [t for t, _ in errors] == ["foreign-key"], errors


def test_malformed_id_list_breaks_the_pattern(data_copy: Path) -> None:
    events = data_copy / "defence" / "events.csv"
    _edit_cell(events, _row_with(events, "also_source_ids"), "also_source_ids", "def-a;;Def B")
    errors = _errors(data_copy / "datapackage.json")
    assert [t for t, _ in errors] == ["constraint-error"], errors
    assert "pattern" in errors[0][1]


def test_id_list_pattern_accepts_what_the_loader_accepts() -> None:
    import re

    from pakru.data.datapackage import ID_LIST_PATTERN

    for good in ("a", "pay-khybernews-2023-06;pay-scribd-sro-642", "a.b_c; d-1", "x ;y"):
        assert re.match(ID_LIST_PATTERN, good), good
    for bad in ("", ";a", "a;", "a;;b", "A", "a,b", "a b"):
        assert not re.match(ID_LIST_PATTERN, bad), bad


def test_unknown_id_in_also_source_ids_is_refused_by_pakru(tmp_path: Path) -> None:
    # frictionless cannot check this column against sources.csv; pakru's loader must
    root = copy_project(tmp_path / "project")
    events = root / "data" / "payments" / "events.csv"
    row = _row_with(events, "also_source_ids")
    with events.open(newline="", encoding="utf-8") as fh:
        first = list(csv.DictReader(fh))[row - 1]["also_source_ids"].split(";")[0]
    _edit_cell(events, row, "also_source_ids", f"{first};no-such-source")
    result = pakru(root, "check")
    assert result.returncode == 3
    line = result.stderr.strip().splitlines()[0]
    assert "data/payments/events.csv" in line and "also_source_ids" in line and "no-such-source" in line
    assert "Traceback" not in result.stderr
