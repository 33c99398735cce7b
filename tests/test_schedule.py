"""Unattended runs: the lock, a killed build, the execution cache, --force, --keep, "what changed".

These use a small two-section report (two short notebooks over the real data) so that each build
takes seconds; what they check is the build's bookkeeping, not the analyses. Builds run in this
process (``pakru_here``) unless what is checked is the process itself: its stderr as a whole, its
signals, its being killed.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
import yaml

from conftest import ROOT, pakru_here, pakru_process
from pakru.build import fingerprint
from pakru.build.lock import BuildLock

pytestmark = pytest.mark.slow

NOTEBOOK_A = """
from pakru.data import datasets as data
from pakru.facts import FactBook
from pakru.present.show import publish
obs = data.load("trade_observations")
total = float(obs.loc[obs["flow"] == "exports", "value"].sum()) * factor
book = FactBook()
book.add("a.exports_sum", round(total, 1), "USD million")
publish(book.facts())
"""
NOTEBOOK_B = """
import time
from pakru.data import datasets as data
from pakru.facts import FactBook
from pakru.present.show import publish
time.sleep(pause)
events = data.load("defence_events")
book = FactBook()
book.add("b.events", int(len(events)), "count")
publish(book.facts())
"""


def _notebook(path: Path, params: str, body: str) -> None:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell(params)
    cell.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# " + path.stem), cell, nbformat.v4.new_code_cell(body.strip())]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)


@pytest.fixture
def small(tmp_path: Path) -> Path:
    root = tmp_path / "small"
    import shutil

    shutil.copytree(ROOT / "data", root / "data")
    (root / "notebooks").mkdir(parents=True)
    (root / "report").mkdir()
    _notebook(root / "notebooks" / "a.ipynb", "factor = 1.0", NOTEBOOK_A)
    _notebook(root / "notebooks" / "b.ipynb", "pause = 0.0", NOTEBOOK_B)
    spec = {
        "title": "Small", "subtitle": "test",
        "sections": [
            {"id": "a", "title": "A", "notebook": "notebooks/a.ipynb", "reads": ["sources", "trade_observations"],
             "parameters": {"factor": {"type": "float", "default": 1.0, "min": 0, "max": 10}}},
            {"id": "b", "title": "B", "notebook": "notebooks/b.ipynb", "reads": ["sources", "defence_events"],
             "parameters": {"pause": {"type": "float", "default": 0.0, "min": 0, "max": 60}}},
        ],
    }
    (root / "report" / "report.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))
    return root


def manifest(root: Path) -> dict:
    return json.loads((root / "report" / "latest" / "manifest.json").read_text())


def statuses(root: Path) -> dict[str, str]:
    return {n["section"]: n["status"] for n in manifest(root)["notebooks"]}


def runs(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "report" / "runs").iterdir())


def ok(result: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert result.returncode == 0, result.stderr
    return result


def _edit_first_value(root: Path, rel: str, column: str, value: str) -> None:
    path = root / rel
    rows = list(csv.reader(path.open(encoding="utf-8")))
    i = next(n for n, r in enumerate(rows) if n and r[rows[0].index("flow")] == "exports")
    rows[i][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)


def test_no_change_rebuild_does_nothing(small: Path) -> None:
    ok(pakru_here(small, "build"))
    assert statuses(small) == {"a": "executed", "b": "executed"}
    first = runs(small)
    again = ok(pakru_here(small, "build"))
    assert "nothing changed since run" in again.stdout
    assert runs(small) == first  # no new run folder, report untouched


def test_changed_notebook_reexecutes_only_that_notebook(small: Path) -> None:
    ok(pakru_here(small, "build"))
    nb = nbformat.read(small / "notebooks" / "a.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell("A new sentence."))
    nbformat.write(nb, small / "notebooks" / "a.ipynb")
    ok(pakru_here(small, "build"))
    m = {n["section"]: n for n in manifest(small)["notebooks"]}
    assert (m["a"]["status"], m["a"]["reason"]) == ("executed", "the notebook changed")
    assert m["b"]["status"] == "reused"


def test_changed_data_reexecutes_only_its_readers_and_says_what_moved(small: Path) -> None:
    ok(pakru_here(small, "build"))
    before = {f["key"]: f["value"] for f in manifest(small)["findings"]}
    _edit_first_value(small, "data/trade/observations.csv", "value", "100000")
    result = ok(pakru_here(small, "build"))
    m = {n["section"]: n for n in manifest(small)["notebooks"]}
    assert m["a"]["status"] == "executed" and m["a"]["reason"] == "data changed: data/trade/observations.csv"
    assert m["b"]["status"] == "reused"
    after = {f["key"]: f["value"] for f in manifest(small)["findings"]}
    assert after["a.exports_sum"] != before["a.exports_sum"]
    line = f"a.exports_sum: {before['a.exports_sum']:,.1f}".rstrip("0").rstrip(".")
    assert line in result.stdout and "→" in result.stdout
    # the lines "About this run" gives, and the record behind them
    assert "Data files changed: data/trade/observations.csv." in manifest(small)["changes"]
    assert manifest(small)["what_changed"]["data_files"] == ["data/trade/observations.csv"]


def test_parameter_change_and_force(small: Path) -> None:
    ok(pakru_here(small, "build"))
    ok(pakru_here(small, "build", "-p", "factor=2"))
    m = {n["section"]: n for n in manifest(small)["notebooks"]}
    assert m["a"]["reason"] == "its parameters changed" and m["b"]["status"] == "reused"
    ok(pakru_here(small, "build", "-p", "factor=2", "--force"))
    assert statuses(small) == {"a": "executed", "b": "executed"}
    assert {n["reason"] for n in manifest(small)["notebooks"]} == {"--force"}


def test_reasons_for_source_and_library_changes() -> None:
    base = {"notebook": "n", "parameters": "p", "data": {"d.csv": "1"}, "source": "s", "libraries": "l"}
    assert fingerprint.why_changed(base, dict(base)) == ""
    assert fingerprint.why_changed(base, {**base, "source": "s2"}) == "the pakru source changed"
    assert fingerprint.why_changed(base, {**base, "libraries": "l2"}) == "library versions changed"
    assert fingerprint.why_changed(None, base) == "no earlier run to reuse"


def test_keep_prunes_old_runs_but_never_latest(small: Path) -> None:
    for _ in range(3):
        ok(pakru_here(small, "build", "--force", "--keep", "2"))
    kept = runs(small)
    assert len(kept) == 2
    assert (small / "report" / "latest").resolve().name == kept[-1]


def test_second_build_is_refused_while_the_lock_is_held(small: Path) -> None:
    with BuildLock(small / "report" / ".lock"):
        result = pakru_process(small, "build")
    assert result.returncode == 6
    assert f"PID {os.getpid()}" in result.stderr and "--wait" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_waiting_build_gets_the_lock_when_it_is_released(small: Path) -> None:
    holder = subprocess.Popen([sys.executable, "-c", (
        "import time,sys; from pathlib import Path; from pakru.build.lock import BuildLock\n"
        f"with BuildLock(Path({str(small / 'report' / '.lock')!r})):\n"
        "    print('held', flush=True); time.sleep(2)")], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    result = pakru_here(small, "build", "--wait", "60")
    holder.wait(timeout=30)
    assert result.returncode == 0, result.stderr


def test_lock_left_by_a_killed_process_is_taken_over(small: Path) -> None:
    holder = subprocess.Popen([sys.executable, "-c", (
        "import time; from pathlib import Path; from pakru.build.lock import BuildLock\n"
        f"BuildLock(Path({str(small / 'report' / '.lock')!r})).__enter__(); "
        "print('held', flush=True); time.sleep(60)")],
        stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    holder.kill()
    holder.wait()
    assert "pid" in (small / "report" / ".lock").read_text()  # the dead holder's record is still there
    ok(pakru_here(small, "build"))


def test_killed_build_leaves_latest_intact_and_the_next_run_succeeds(small: Path) -> None:
    ok(pakru_here(small, "build"))
    latest_before = (small / "report" / "latest").resolve()
    html_before = (small / "report" / "latest" / "report.html").read_bytes()
    env = {k: v for k, v in os.environ.items() if k != "PAKRU_ROOT"}
    proc = subprocess.Popen([sys.executable, "-m", "pakru.cli", "--root", str(small), "build", "--force",
                             "-p", "pause=30"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env, start_new_session=True)
    deadline = time.time() + 120
    while time.time() < deadline:  # wait until a notebook is being executed
        logs = list((small / "report" / "runs").glob("*/build.log"))
        if any("running notebooks/b.ipynb" in p.read_text() for p in logs):
            break
        time.sleep(0.2)
    time.sleep(1.5)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert (small / "report" / "latest").resolve() == latest_before
    assert (small / "report" / "latest" / "report.html").read_bytes() == html_before
    assert not list((small / "report").glob(".latest-*"))
    ok(pakru_here(small, "build", "--force"))
    assert (small / "report" / "latest").resolve() != latest_before


def test_parallel_failure_is_attributed_to_its_notebook(small: Path) -> None:
    nb = nbformat.read(small / "notebooks" / "b.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("raise ValueError('b is broken')"))
    nbformat.write(nb, small / "notebooks" / "b.ipynb")
    result = pakru_process(small, "build", "--jobs", "2")
    assert result.returncode == 4
    assert result.stderr.splitlines()[0].startswith("pakru: notebooks/b.ipynb, cell")
    assert "ValueError: b is broken" in result.stderr
    assert "done    notebooks/a.ipynb" in result.stdout


def _kernels_of(root: Path) -> list[int]:
    """Processes started with this project's PAKRU_ROOT: the kernels a build started."""
    marker = f"PAKRU_ROOT={root.resolve()}".encode()
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            env = (proc / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if marker in env:
            found.append(int(proc.name))
    return found


def _start(root: Path, *args: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k != "PAKRU_ROOT"}
    return subprocess.Popen([sys.executable, "-m", "pakru.cli", "--root", str(root), "build", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                            start_new_session=True)


def _wait_until_b_runs(root: Path) -> None:
    deadline = time.time() + 120
    while time.time() < deadline:
        if _kernels_of(root) and any("running notebooks/b.ipynb" in p.read_text()
                                     for p in (root / "report" / "runs").glob("*/build.log")):
            return
        time.sleep(0.2)
    pytest.fail("notebook b never started")


@pytest.mark.parametrize("signum, to_group, code", [(signal.SIGINT, True, 130), (signal.SIGTERM, False, 143)])
def test_interrupted_build_says_so_marks_the_run_and_stops_its_kernels(small: Path, signum: int, to_group: bool,
                                                                        code: int) -> None:
    ok(pakru_here(small, "build"))
    html_before = (small / "report" / "latest" / "report.html").read_bytes()
    proc = _start(small, "--force", "-p", "pause=60")
    _wait_until_b_runs(small)
    time.sleep(1.0)
    if to_group:
        os.killpg(proc.pid, signum)  # Ctrl-C in a terminal signals the whole process group
    else:
        os.kill(proc.pid, signum)  # `kill PID`, or a scheduler stopping the build's main process
    _, stderr = proc.communicate(timeout=120)
    name = signal.Signals(signum).name
    assert proc.returncode == code
    assert len(stderr.strip().splitlines()) == 1, stderr
    assert stderr.startswith(f"pakru: interrupted ({name}); run ") and "marked interrupted" in stderr
    run = stderr.split("; run ")[1].split()[0]
    assert json.loads((small / "report" / "runs" / run / "manifest.json").read_text())["status"] == "interrupted"
    assert (small / "report" / "latest" / "report.html").read_bytes() == html_before
    assert _kernels_of(small) == []


def test_a_stop_while_the_page_renders_is_an_interruption_not_a_rendering_failure(
        small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C inside nbconvert reached the build as "rendering failed" (exit 5): it is exit 130."""
    from pakru.errors import Interrupted
    from pakru.page import assemble

    ok(pakru_here(small, "build"))
    html_before = (small / "report" / "latest" / "report.html").read_bytes()

    class Stopped:
        def from_notebook_node(self, *args, **kwargs):
            raise Interrupted("SIGINT", 130)

    monkeypatch.setattr(assemble, "exporter", lambda show_code=False: Stopped())
    result = pakru_here(small, "build", "--force")
    assert result.returncode == 130, result.stderr
    assert result.stderr.startswith("pakru: interrupted (SIGINT); run ") and "marked interrupted" in result.stderr
    run = result.stderr.split("; run ")[1].split()[0]
    assert json.loads((small / "report" / "runs" / run / "manifest.json").read_text())["status"] == "interrupted"
    assert (small / "report" / "latest" / "report.html").read_bytes() == html_before


def test_a_stop_while_a_finished_run_is_published_comes_after_the_publishing(
        small: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A Ctrl-C between "succeeded" and the move of report/latest left a run that said it had
    succeeded and was not the latest; the signal now waits until the run is published."""
    from pakru.build import runs

    publish = runs.publish

    def publish_with_a_ctrl_c(root: Path, run_dir: Path) -> None:
        os.kill(os.getpid(), signal.SIGINT)  # arrives as publishing starts
        publish(root, run_dir)

    monkeypatch.setattr(runs, "publish", publish_with_a_ctrl_c)
    result = pakru_here(small, "build")
    assert result.returncode == 130, result.stderr
    assert "after run " in result.stderr and "had succeeded and was published" in result.stderr
    run = result.stderr.split("after run ")[1].split()[0]
    assert json.loads((small / "report" / "runs" / run / "manifest.json").read_text())["status"] == "succeeded"
    assert json.loads((small / "report" / "latest" / "manifest.json").read_text())["run"] == run


def test_hanging_notebook_times_out_naming_notebook_and_cell(small: Path) -> None:
    result = pakru_process(small, "build", "-p", "pause=60", "--timeout", "3")
    assert result.returncode == 4
    first = result.stderr.splitlines()[0]
    # cell 3 of b.ipynb as stored: a heading, the parameters cell, then the cell that sleeps
    assert first.startswith("pakru: notebooks/b.ipynb, cell 3: Timeout: still running after 3 s"), first
    assert _kernels_of(small) == []
    ok(pakru_process(small, "build"))  # the lock was released


def test_latest_replaced_by_a_file_is_repaired_by_the_next_build(small: Path) -> None:
    ok(pakru_here(small, "build"))
    latest = small / "report" / "latest"
    latest.unlink()
    latest.write_text("not a link\n")
    result = ok(pakru_here(small, "build"))
    assert "report/latest was a regular file, not a link to a run; moved it to report/latest.broken-" in result.stdout
    assert latest.is_symlink() and (latest / "report.html").is_file()


def test_notebook_that_is_not_json_is_named_with_the_json_error(small: Path) -> None:
    (small / "notebooks" / "a.ipynb").write_text('{"cells": [')
    result = pakru_process(small, "build")
    assert result.returncode == 4
    assert result.stderr == ("pakru: notebooks/a.ipynb: is not valid JSON (Expecting value at line 1, column 12); "
                             "restore it with `git checkout -- notebooks/a.ipynb`\n")
    assert not (small / "report" / "runs").exists() or not any((small / "report" / "runs").iterdir())


def test_dead_kernel_first_stderr_line_is_pakrus_own(small: Path) -> None:
    nb = nbformat.read(small / "notebooks" / "b.ipynb", as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("import os; os._exit(1)"))
    nbformat.write(nb, small / "notebooks" / "b.ipynb")
    result = pakru_process(small, "build")
    assert result.returncode == 4
    lines = result.stderr.splitlines()
    assert lines[0].startswith("pakru: notebooks/b.ipynb, cell 4: DeadKernelError"), result.stderr
    assert all(line.startswith(("pakru: ", "  partly executed notebook: ")) for line in lines), result.stderr
    run_logs = list((small / "report" / "runs").glob("*/logs/b.log"))
    assert len(run_logs) == 1  # the kernel's own messages went to the run folder


def test_pdf_that_failed_is_made_by_the_next_build(small: Path, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAKRU_CHROMIUM", str(tmp_path / "missing-browser"))
    assert pakru_here(small, "build", "--format", "html,pdf").returncode == 5
    fake = tmp_path / "fake-chromium"
    fake.write_text('#!/bin/sh\nfor a in "$@"; do case "$a" in --print-to-pdf=*) '
                    'printf "%%PDF-1.4 test" > "${a#--print-to-pdf=}";; esac; done\n')
    fake.chmod(0o755)
    monkeypatch.setenv("PAKRU_CHROMIUM", str(fake))
    result = ok(pakru_here(small, "build", "--format", "html,pdf"))
    assert "nothing changed" not in result.stdout
    assert "report.pdf missing from run" in result.stdout
    assert (small / "report" / "latest" / "report.pdf").read_bytes().startswith(b"%PDF-")
    assert set(statuses(small).values()) == {"reused"}


def test_full_disk_while_writing_the_report_is_exit_8_with_the_run_recorded(
        small: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import errno

    from pakru import cli
    from pakru.page import write as page_writer

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", "report.html.part")

    monkeypatch.setattr(page_writer, "write", full)
    monkeypatch.delenv("PAKRU_ROOT", raising=False)
    assert cli.main(["--root", str(small), "build"]) == 8
    err = capsys.readouterr().err
    assert err == ("pakru: cannot write report.html.part: No space left on device; the report folder needs write "
                   "permission and free space (report/latest was not changed)\n")
    (run,) = runs(small)
    manifest = json.loads((small / "report" / "runs" / run / "manifest.json").read_text())
    assert manifest["status"] == "failed" and "No space left" in manifest["error"]
    assert not (small / "report" / "latest").exists()
    assert "PAKRU_ROOT" not in os.environ


def _refresh_failed_at(root: Path, attempt: str, error: str = "update imf: cannot reach the IMF") -> None:
    """The update status file as an offline `pakru update` leaves it (state/update-status.json)."""
    (root / "state").mkdir(exist_ok=True)
    (root / "state" / "update-status.json").write_text(json.dumps({"format": 1, "sources": {"imf": {
        "publisher": "International Monetary Fund", "last_attempt_utc": attempt, "ok": False, "exit_code": 7,
        "error": error, "last_success_utc": None, "last_success": None}}}), encoding="utf-8")


def test_scheduled_runs_that_change_nothing_add_no_edition_and_are_logged(small: Path) -> None:
    _refresh_failed_at(small, "2026-12-01T05:30:00Z")
    ok(pakru_here(small, "build", "--keep", "1"))
    first = runs(small)
    _refresh_failed_at(small, "2026-12-02T05:30:00Z")  # the next day's update: tried again, failed again
    again = ok(pakru_here(small, "build", "--keep", "1"))
    assert "nothing changed since run" in again.stdout
    assert runs(small) == first  # no edition added, none pruned
    log = [json.loads(line) for line in (small / "report" / "runs.log.jsonl").read_text().splitlines()]
    assert [(e["outcome"], e["run"]) for e in log] == [("new edition", first[0]),
                                                      ("no new edition: nothing changed", first[0])]
    assert log[1]["refresh"] == {"imf": "failed (exit 7)"}
    assert "nothing had changed, so no new edition was made" in (small / "report" / "index.html").read_text()
    # a refresh that fails for another reason is news for the title block: a new edition
    _refresh_failed_at(small, "2026-12-03T05:30:00Z", "update imf: an answer in an unexpected shape")
    assert "nothing changed" not in ok(pakru_here(small, "build", "--keep", "1")).stdout
    assert runs(small) != first


def test_a_default_build_after_an_ad_hoc_one_says_nothing_of_settings(small: Path) -> None:
    ok(pakru_here(small, "build"))
    (default_run,) = runs(small)
    adhoc = ok(pakru_here(small, "build", "-p", "factor=2"))
    assert "Built with non-default settings: a.factor=2." in adhoc.stdout
    assert "No earlier edition was built with these settings" in adhoc.stdout
    assert "a.exports_sum" not in adhoc.stdout  # it moved because of the setting: not news
    assert manifest(small)["what_changed"]["settings"] == {"non_default": [{"name": "a.factor", "value": 2.0}]}
    assert manifest(small)["what_changed"]["figures"] == []
    back = ok(pakru_here(small, "build"))
    assert f"Nothing in the data or the key figures changed since run {default_run}." in back.stdout
    assert "settings" not in back.stdout and "a.exports_sum" not in back.stdout
    record = manifest(small)["what_changed"]
    assert record["settings"] == {"non_default": []} and record["baseline"] == default_run
    assert (record["figures"], record["data_files"]) == ([], [])
    # nothing it depends on changed since the first default build: its notebooks are reused from there
    reasons = {n["section"]: (n["status"], n["reason"]) for n in manifest(small)["notebooks"]}
    assert reasons["a"] == ("reused", f"nothing it depends on changed, as in run {default_run}")
    assert reasons["b"][0] == "reused"
