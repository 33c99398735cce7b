"""The code passes ruff with the configuration in pyproject.toml (line length, rules, ignores)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _ruff() -> list[str]:
    # the dev extra installs ruff into the venv; its binary sits beside the interpreter
    beside = Path(sys.executable).with_name("ruff")
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("ruff")
    if found:
        return [found]
    pytest.skip("ruff is not installed (pip install -e '.[dev]')")


def test_ruff_finds_nothing_in_src_and_tests() -> None:
    proc = subprocess.run([*_ruff(), "check", "--no-cache", "--output-format", "concise", "src", "tests"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_configuration_selects_pyflakes_bugbear_and_pyupgrade() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["ruff"]
    assert {"F", "B", "UP", "E", "W"} <= set(config["lint"]["select"])
    assert config["line-length"] == 120


def test_ruff_reports_a_planted_violation(tmp_path: Path) -> None:
    # the check above would pass vacuously if ruff read no configuration or no files
    bad = tmp_path / "bad.py"
    bad.write_text("import os\n" + "x = '" + "a" * 130 + "'\n")
    proc = subprocess.run([*_ruff(), "check", "--no-cache", "--config", str(ROOT / "pyproject.toml"),
                           "--output-format", "concise", str(bad)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1
    assert "F401" in proc.stdout and "E501" in proc.stdout
