"""The command line: `pakru params` and `pakru check`."""

from __future__ import annotations

from pathlib import Path

import pytest

from pakru import cli


def test_params_lists_types_defaults_and_allowed_values(capsys: pytest.CaptureFixture[str], project_root: Path) -> None:
    assert cli.main(["--root", str(project_root), "params"]) == 0
    out = capsys.readouterr().out
    assert "[trade]" in out and "basis" in out and "one of: calendar, fiscal" in out


def test_check_reports_each_file(capsys: pytest.CaptureFixture[str], project_root: Path) -> None:
    assert cli.main(["--root", str(project_root), "check"]) == 0
    assert "ok  data/trade/observations.csv" in capsys.readouterr().out


def test_datapackage_descriptor_matches_the_files(project_root: Path) -> None:
    from pakru import datapackage

    committed = (project_root / "data" / "datapackage.json").read_text(encoding="utf-8")
    assert committed == datapackage.render(project_root), "run `pakru datapackage` after changing data/"


def test_unknown_format_is_a_parameter_error(capsys: pytest.CaptureFixture[str], project_root: Path) -> None:
    assert cli.main(["--root", str(project_root), "build", "--format", "docx"]) == 2
    assert "allowed formats are html and pdf" in capsys.readouterr().err
