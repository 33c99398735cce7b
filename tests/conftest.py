"""Shared fixtures."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


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
    """Run the pakru command line on the project at ``root``, as a user would."""
    env = {k: v for k, v in os.environ.items() if k != "PAKRU_ROOT"}
    return subprocess.run([sys.executable, "-m", "pakru.cli", "--root", str(root), *args],
                          capture_output=True, text=True, env=env, timeout=900)


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory):
    """One full default build in a temporary copy, shared by the tests that read its output."""
    root = copy_project(tmp_path_factory.mktemp("built") / "project")
    result = pakru(root, "build")
    assert result.returncode == 0, result.stderr
    return root, result


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
