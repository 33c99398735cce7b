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
    from pakru.data import datapackage

    committed = (project_root / "data" / "datapackage.json").read_text(encoding="utf-8")
    assert committed == datapackage.render(project_root), "run `pakru datapackage` after changing data/"


def test_unknown_format_is_a_parameter_error(capsys: pytest.CaptureFixture[str], project_root: Path) -> None:
    assert cli.main(["--root", str(project_root), "build", "--format", "docx"]) == 2
    assert "allowed formats are html and pdf" in capsys.readouterr().err


@pytest.mark.parametrize("option, message", [
    (["--jobs", "-1"], "pakru: --jobs -1: must be 0 (one per core) or more\n"),
    (["--keep", "0"], "pakru: --keep 0: must be 1 or more run folders\n"),
    (["--wait", "-2"], "pakru: --wait -2: must be 0 or more seconds\n"),
    (["--timeout", "0"], "pakru: --timeout 0: must be more than 0 seconds\n"),
    (["--timeout", "nan"], "pakru: --timeout nan: must be more than 0 seconds\n"),
])
def test_each_bad_option_is_named_with_what_is_allowed(capsys: pytest.CaptureFixture[str], project_root: Path,
                                                        option: list[str], message: str) -> None:
    assert cli.main(["--root", str(project_root), "build", *option]) == 2
    assert capsys.readouterr().err == message


def test_params_file_problems_exit_2_with_one_line(capsys: pytest.CaptureFixture[str], project_root: Path,
                                                   tmp_path: Path) -> None:
    latin1 = tmp_path / "p_latin1.yaml"
    latin1.write_bytes(b"basis: fiscal # r\xe9sum\xe9\n")
    for path in (latin1, tmp_path):
        assert cli.main(["--root", str(project_root), "build", "--params-file", str(path)]) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"pakru: --params-file {path}") and err.count("\n") == 1


def test_root_without_a_report_spec_names_the_full_path(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert cli.main(["--root", str(tmp_path / "no-such-dir"), "build"]) == 2
    assert capsys.readouterr().err == (f"pakru: {tmp_path}/no-such-dir/report/report.yaml: not found; it declares the "
                                       "report's sections and parameters (is --root, or the working directory, the "
                                       "project folder?)\n")


def test_the_in_process_helper_gives_what_the_command_gives(tmp_path: Path) -> None:
    from conftest import pakru_here, pakru_process

    for args in (("build", "--format", "tiff"), ("no-such-command",)):
        by_process, here = pakru_process(tmp_path, *args), pakru_here(tmp_path, *args)
        assert (here.returncode, here.stdout, here.stderr) == (by_process.returncode, by_process.stdout,
                                                               by_process.stderr)
        assert here.returncode == 2 and here.stderr
