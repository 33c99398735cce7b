"""Shared fixtures."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# as the build does (pakru.build.execute.without_iri_checker): nbformat's schema validation would
# otherwise load rfc3987_syntax, 1.3 s of every test process (collection included)
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


FIXTURES = ROOT / "tests" / "fixtures" / "extracts"


@pytest.fixture
def source_extracts() -> Path:
    """The publishers' own files the importer tests read, kept in the repository
    (``tests/fixtures/extracts``, with their origin, terms and SHA-256 in ``tests/fixtures/README.md``)."""
    return FIXTURES


@pytest.fixture
def project_root() -> Path:
    return ROOT


def copy_project(dest: Path) -> Path:
    """A copy of what a build reads (data, notebooks, report spec) in ``dest``; nothing generated."""
    import shutil

    for folder in ("data", "notebooks"):
        shutil.copytree(ROOT / folder, dest / folder,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    (dest / "report").mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "report" / "report.yaml", dest / "report" / "report.yaml")
    return dest


@pytest.fixture
def tmp_project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def pakru(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The pakru command line on the project at ``root`` as a user types it, run in this process
    (:func:`pakru_here`): the same exit code, stdout and stderr, without the half second a new
    Python with pandas takes to start (most of the edit-test loop's time, measured). A test whose
    subject is the process itself (its whole stderr, signals, being killed) uses
    :func:`pakru_process`."""
    return pakru_here(root, *args)


def pakru_process(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the pakru command line on the project at ``root`` in a Python of its own, as a user would."""
    env = {k: v for k, v in os.environ.items() if k != "PAKRU_ROOT"}
    return subprocess.run([sys.executable, "-m", "pakru.cli", "--root", str(root), *args],
                          capture_output=True, text=True, env=env, timeout=900)


def pakru_here(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """:func:`pakru_process` without a new Python: ``pakru.cli.main`` in this process, its stdout and
    stderr captured, the same result (tests/test_cli.py compares the two)."""
    import contextlib
    import io

    from pakru import cli

    out, err = io.StringIO(), io.StringIO()
    saved = os.environ.pop("PAKRU_ROOT", None)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main(["--root", str(root), *args])
            except SystemExit as stop:  # argparse's usage errors
                code = stop.code if isinstance(stop.code, int) else 2
    finally:
        if saved is not None:
            os.environ["PAKRU_ROOT"] = saved
    return subprocess.CompletedProcess([sys.executable, "-m", "pakru.cli", "--root", str(root), *args], code,
                                       out.getvalue(), err.getvalue())


def shared_once(tmp_path_factory: pytest.TempPathFactory, name: str, make) -> Path:
    """A folder made once per test session, also when pytest-xdist runs it in several workers:
    ``make(folder)`` runs in the first worker that asks, under a lock; the others wait for it and
    find it made. (Without xdist the session's own temporary folder holds it.)"""
    import fcntl
    import shutil

    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder, done = shared / name, shared / f"{name}.done"
    with open(shared / f"{name}.lock", "a") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)  # a worker that failed halfway
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory):
    """One full default build in a temporary copy, shared by the tests that read its output (once
    per session, whatever the number of xdist workers)."""
    import json

    def make(folder: Path) -> None:
        result = pakru_process(copy_project(folder / "project"), "build")
        (folder / "result.json").write_text(json.dumps([result.returncode, result.stdout, result.stderr]))

    folder = shared_once(tmp_path_factory, "built", make)
    code, out, err = json.loads((folder / "result.json").read_text())
    root = folder / "project"
    assert code == 0, err
    return root, subprocess.CompletedProcess([sys.executable, "-m", "pakru.cli", "--root", str(root), "build"],
                                             code, out, err)


@pytest.fixture(scope="session")
def facts():
    """The counts that depend on the shipped data (tests/data_facts.py)."""
    import data_facts

    return data_facts


@pytest.fixture
def text_too_small():
    """A function listing every visible text of a matplotlib figure set below the house minimum
    (charts.MIN_FONT_PT, which prints at 9 pt or more on A4); a legible chart gives ``[]``."""
    from matplotlib.text import Text

    from pakru.present import charts

    def check(fig) -> list[str]:
        return [f"{t.get_text()[:40]!r} at {t.get_fontsize():g} pt" for t in fig.findobj(Text)
                if t.get_visible() and t.get_text().strip() and t.get_fontsize() < charts.MIN_FONT_PT]

    return check
