"""Run folders: pruning, repairing report/latest, writes to a full or read-only report folder,
and the run log (the "what changed" sentences: tests/test_changes.py)."""

from __future__ import annotations

import errno
import json
from pathlib import Path

import pytest

from pakru.build import steps as build, runs
from pakru.errors import ReportFolderError


def _run(root: Path, name: str, status: str | None) -> Path:
    folder = root / "report" / "runs" / name
    folder.mkdir(parents=True)
    if status is not None:
        (folder / "manifest.json").write_text(json.dumps({"run": name, "status": status}))
    return folder


def test_keep_counts_successful_runs_only() -> None:
    history = [("01", "succeeded"), ("02", "failed"), ("03", "succeeded"), ("04", "succeeded"),
               ("05", "interrupted"), ("06", "unknown"), ("07", "failed")]
    # newest success is 04: older failures go, the failed/killed runs after it stay as evidence
    assert sorted(runs.runs_to_prune(history, keep=2, current="04")) == ["01", "02"]
    assert runs.runs_to_prune(history, keep=10, current="04") == ["02"]


def test_a_burst_of_failures_never_pushes_out_the_last_good_run() -> None:
    history = [("01", "succeeded")] + [(f"{i:02d}", "failed") for i in range(2, 30)]
    assert runs.runs_to_prune(history, keep=1, current="01") == []


def test_latest_is_kept_even_when_older_than_the_newest_successes() -> None:
    history = [("01", "succeeded"), ("02", "succeeded"), ("03", "succeeded")]
    assert runs.runs_to_prune(history, keep=1, current="01") == ["02"]


def test_prune_runs_reads_the_manifests(tmp_path: Path) -> None:
    for name, status in [("20250101T000000000Z", "succeeded"), ("20250102T000000000Z", None),
                         ("20250103T000000000Z", "succeeded"), ("20250104T000000000Z", "failed")]:
        _run(tmp_path, name, status)
    (tmp_path / "report" / "latest").symlink_to(Path("runs") / "20250103T000000000Z")
    removed = runs.prune_runs(tmp_path, keep=1)
    assert sorted(removed) == ["20250101T000000000Z", "20250102T000000000Z"]
    assert sorted(p.name for p in (tmp_path / "report" / "runs").iterdir()) == [
        "20250103T000000000Z", "20250104T000000000Z"]


def test_latest_as_a_regular_file_is_moved_aside_with_a_message(tmp_path: Path) -> None:
    (tmp_path / "report").mkdir()
    (tmp_path / "report" / "latest").write_text("not a link")
    said: list[str] = []
    runs.repair_latest(tmp_path, said.append)
    assert not (tmp_path / "report" / "latest").exists()
    aside = list((tmp_path / "report").glob("latest.broken-*"))
    assert len(aside) == 1 and aside[0].read_text() == "not a link"
    assert said == [f"report/latest was a regular file, not a link to a run; moved it to report/{aside[0].name}"]
    assert runs.latest_manifest(tmp_path) is None


def test_latest_link_is_left_alone(tmp_path: Path) -> None:
    _run(tmp_path, "20250101T000000000Z", "succeeded")
    (tmp_path / "report" / "latest").symlink_to(Path("runs") / "20250101T000000000Z")
    runs.repair_latest(tmp_path, lambda msg: pytest.fail(msg))
    assert runs.latest_manifest(tmp_path) == {"run": "20250101T000000000Z", "status": "succeeded"}


def _full_disk(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device", "report/runs/x/manifest.json.part")


def test_full_disk_is_one_report_folder_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Path, "write_text", _full_disk)
    with pytest.raises(ReportFolderError) as info:
        runs.write_json(tmp_path / "manifest.json", {"status": "failed"})
    assert info.value.exit_code == 8
    assert str(info.value) == ("cannot write report/runs/x/manifest.json.part: No space left on device; the report "
                               "folder needs write permission and free space (report/latest was not changed)")
    assert info.value.__context__ is None or info.value.__suppress_context__


def test_read_only_report_folder_fails_at_the_lock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pakru.build.lock import BuildLock

    def read_only(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system", str(tmp_path / "report" / ".lock"))

    monkeypatch.setattr("builtins.open", read_only)
    with pytest.raises(ReportFolderError, match=r"cannot write .*report/\.lock: Read-only file system"):
        BuildLock(tmp_path / "report" / ".lock").__enter__()


def test_other_os_errors_are_not_disguised(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError), runs.writing(tmp_path):
        (tmp_path / "no" / "such").read_text()


def test_log_survives_a_full_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    said: list[str] = []
    log = runs.RunLog(said.append)
    log.attach(tmp_path / "build.log")
    monkeypatch.setattr(Path, "open", _full_disk)
    log("still shown")
    assert said == ["still shown"] and log.path is None


def test_missing_requested_output_counts_as_a_change(tmp_path: Path) -> None:
    run = _run(tmp_path, "20250101T000000000Z", "succeeded")
    (run / "report.html").write_text("<html></html>")
    (tmp_path / "report" / "latest").symlink_to(Path("runs") / run.name)
    assert build.missing_outputs(tmp_path, ("html",)) == []
    assert build.missing_outputs(tmp_path, ("html", "pdf")) == ["report.pdf"]


def test_run_log_appends_one_json_line_per_outcome_and_keeps_the_newest(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "report").mkdir()
    runs.log_outcome(tmp_path, "new edition", "R1", pruned=[])
    runs.log_outcome(tmp_path, "no new edition: nothing changed", "R1")
    entries = runs.read_run_log(tmp_path)
    assert [(e["outcome"], e["run"]) for e in entries] == [("new edition", "R1"),
                                                           ("no new edition: nothing changed", "R1")]
    assert all(e["time_utc"].endswith("+00:00") for e in entries)
    monkeypatch.setattr(runs, "RUN_LOG_LINES", 3)
    for n in range(5):
        runs.log_outcome(tmp_path, "failed", f"F{n}")
    assert [e["run"] for e in runs.read_run_log(tmp_path)] == ["F2", "F3", "F4"]
    assert sorted(p.name for p in (tmp_path / "report").iterdir()) == ["runs.log.jsonl"]


def test_run_log_that_cannot_be_written_never_fails_the_build(tmp_path: Path) -> None:
    runs.log_outcome(tmp_path / "no" / "such", "new edition", "R1")  # no report folder: nothing raised
    assert runs.read_run_log(tmp_path / "no" / "such") == []


def test_kept_manifests_are_newest_first_and_skip_unreadable_ones(tmp_path: Path) -> None:
    _run(tmp_path, "20250101T000000000Z", "succeeded")
    _run(tmp_path, "20250102T000000000Z", "failed")
    _run(tmp_path, "20250103T000000000Z", None)
    assert [(m["run"], m["status"]) for m in runs.kept_manifests(tmp_path)] == [
        ("20250102T000000000Z", "failed"), ("20250101T000000000Z", "succeeded")]
