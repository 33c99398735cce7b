"""deploy/scheduled-build (cron, systemd, the report workflow): `pakru update`, then `pakru build`
even when the publishers could not be reached, and pakru's own exit codes out (not make's 2)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "deploy" / "scheduled-build"

FAKE_PAKRU = """#!/bin/sh
echo "$*" >> "$FAKE_LOG"
case "$1" in
    update) echo "pakru: update says $FAKE_UPDATE" >&2; exit "$FAKE_UPDATE" ;;
    build) echo "report/latest/report.html"; exit "$FAKE_BUILD" ;;
esac
exit 99
"""


@pytest.fixture
def fake(tmp_path: Path):
    """Run the script with a stand-in pakru that exits with the given codes and logs its calls."""
    exe = tmp_path / "pakru"
    exe.write_text(FAKE_PAKRU)
    exe.chmod(0o755)
    log = tmp_path / "calls.log"

    def run(update: int, build: int, *args: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
        env = {**os.environ, "PAKRU": str(exe), "FAKE_LOG": str(log),
               "FAKE_UPDATE": str(update), "FAKE_BUILD": str(build)}
        proc = subprocess.run([str(SCRIPT), *args], capture_output=True, text=True, env=env, timeout=60)
        calls = log.read_text().splitlines() if log.exists() else []
        log.unlink(missing_ok=True)
        return proc, calls

    return run


def test_updates_then_builds_with_the_given_options(fake) -> None:
    proc, calls = fake(0, 0, "--keep", "10")
    assert proc.returncode == 0, proc.stderr
    assert calls == ["update", "build --keep 10"]
    assert proc.stdout == "report/latest/report.html\n"  # stdout stays pakru's own


@pytest.mark.parametrize("args, update", [
    (("--wait", "600", "--keep", "10"), "update --wait 600"),
    (("--keep", "10", "--wait=30"), "update --wait 30"),
    (("--format", "html,pdf", "--wait", "5", "--wait", "60"), "update --wait 60"),
])
def test_the_builds_wait_is_the_updates_too(fake, args: tuple[str, ...], update: str) -> None:
    # the systemd unit passes --wait 600: an update refused at once because an analyst's build reads
    # data/ would skip the refresh and fail the unit after a good build
    proc, calls = fake(0, 0, *args)
    assert proc.returncode == 0, proc.stderr
    assert calls == [update, "build " + " ".join(args)]


def test_data_still_in_use_after_waiting_skips_the_refresh_but_not_the_good_build(fake) -> None:
    proc, calls = fake(6, 0, "--wait", "600")
    assert calls == ["update --wait 600", "build --wait 600"]
    assert proc.returncode == 0
    assert "data/ was in use, the refresh was skipped (pakru update exit 6)" in proc.stderr


def test_unreachable_publishers_still_build_and_succeed(fake) -> None:
    proc, calls = fake(7, 0)
    assert calls == ["update", "build"]
    assert proc.returncode == 0
    assert "exit 7" in proc.stderr and "building from the data on disk" in proc.stderr


@pytest.mark.parametrize("code", [2, 3, 4, 5, 6])
def test_exits_with_the_builds_own_code(fake, code: int) -> None:
    proc, _ = fake(7, code)
    assert proc.returncode == code


def test_a_failed_build_wins_over_a_failed_update(fake) -> None:
    proc, calls = fake(3, 4)
    assert calls == ["update", "build"]
    assert proc.returncode == 4


def test_an_update_that_failed_for_another_reason_still_builds_but_is_reported(fake) -> None:
    # e.g. a publisher changed its format: the report is rebuilt from the data on disk, and the run
    # does not pass as a success
    proc, calls = fake(3, 0)
    assert calls == ["update", "build"]
    assert proc.returncode == 3
    assert "pakru update failed with exit 3" in proc.stderr


def test_script_is_executable_posix_sh() -> None:
    assert os.access(SCRIPT, os.X_OK)
    assert SCRIPT.read_text().startswith("#!/bin/sh\n")
    assert subprocess.run(["sh", "-n", str(SCRIPT)]).returncode == 0
