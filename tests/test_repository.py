"""What a fresh clone holds: nothing that only works on the machine it was committed from."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _tracked_links(root: Path) -> list[str]:
    """Paths git stores as symbolic links (mode 120000)."""
    out = subprocess.run(["git", "-C", str(root), "ls-files", "-s"], capture_output=True, text=True, check=True)
    return [line.split("\t", 1)[1] for line in out.stdout.splitlines() if line.startswith("120000 ")]


def test_no_symbolic_link_is_committed() -> None:
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    # a committed link points into the machine it was made on (node_modules once looped on a fresh clone)
    assert _tracked_links(ROOT) == []


def test_the_check_sees_a_committed_link(tmp_path: Path) -> None:
    """The check above fails on a repository that does commit a link."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "target").write_text("x\n")
    (tmp_path / "link").symlink_to("/nonexistent/elsewhere")
    subprocess.run(["git", "-C", str(tmp_path), "add", "target", "link"], check=True)
    assert _tracked_links(tmp_path) == ["link"]
