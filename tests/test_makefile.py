"""The Makefile's targets: `make report` names pakru's exit code, `make test-fast` leaves out the
notebook and browser tests. Each runs the real Makefile against a stand-in venv in a temp folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

if not shutil.which("make"):
    pytest.skip("make is not installed", allow_module_level=True)


@pytest.fixture
def stand_in(tmp_path: Path):
    """A folder with pyproject.toml and a venv whose pakru exits with $FAKE_CODE; the install
    stamps are newer than pyproject.toml and package.json, so make installs nothing."""
    for name in ("pyproject.toml", "package.json", "package-lock.json"):
        (tmp_path / name).write_text("")
        os.utime(tmp_path / name, (1_000_000_000, 1_000_000_000))
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / ".installed").touch()
    bin_dir = tmp_path / "venv" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "python").write_text("#!/bin/sh\necho python \"$@\"\n")
    (bin_dir / "pakru").write_text(
        "#!/bin/sh\necho \"pakru: stand-in failure for $*\" >&2\nexit \"${FAKE_CODE:-0}\"\n")
    for exe in bin_dir.iterdir():
        exe.chmod(0o755)
    for stamp in (".installed", ".installed-dev"):
        (tmp_path / "venv" / stamp).touch()

    def make(*args: str, code: int = 0) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "FAKE_CODE": str(code)}
        env.pop("MAKEFLAGS", None)
        return subprocess.run(["make", "--no-print-directory", "-f", str(ROOT / "Makefile"), "-C", str(tmp_path),
                               "VENV=venv", *args], capture_output=True, text=True, env=env, timeout=120)

    return make


@pytest.mark.parametrize("target", ["report", "pdf"])
def test_make_report_names_pakrus_exit_code(stand_in, target: str) -> None:
    proc = stand_in(target, "ARGS=--keep 3", code=3)
    lines = proc.stderr.splitlines()
    # pakru's own line first, then the code it exited with
    assert lines[0].startswith("pakru: stand-in failure for build")
    assert "--keep 3" in lines[0]
    assert lines[1].startswith("make: pakru exited 3 ")
    # GNU make itself exits 0, 1 or 2 only (D22); the scheduled runs use deploy/scheduled-build
    assert proc.returncode == 2


def test_make_report_succeeds_when_pakru_does(stand_in) -> None:
    proc = stand_in("report", code=0)
    assert proc.returncode == 0, proc.stderr
    assert "make: pakru exited" not in proc.stderr


def test_test_fast_leaves_out_notebooks_and_browser(stand_in) -> None:
    proc = stand_in("test-fast", "PYTEST_ARGS=-x")
    assert proc.returncode == 0, proc.stderr
    assert 'python -m pytest -n 2 --dist loadgroup -m not slow and not browser -x' in proc.stdout
    markers = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]["markers"]
    assert {m.split(":")[0] for m in markers} >= {"slow", "browser"}


def test_full_test_target_selects_every_test(stand_in) -> None:
    proc = stand_in("-n", "test")
    assert "python -m pytest -n 2 --dist loadgroup" in proc.stdout and "not slow" not in proc.stdout


def test_tests_run_in_two_workers_unless_told_otherwise(stand_in) -> None:
    in_process = stand_in("test-fast", "PYTEST_WORKERS=0", "PYTEST_ARGS=-x")
    assert "python -m pytest -n 0 --dist loadgroup -m not slow and not browser -x" in in_process.stdout
    dev = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]["dev"]
    assert any(r.startswith("pytest-xdist") for r in dev)
