"""Parameters are declared once and validated before any kernel starts."""

from __future__ import annotations

from pathlib import Path

import pytest

from pakru.spec import params
from pakru.errors import ParameterError


@pytest.fixture
def spec(project_root: Path) -> params.ReportSpec:
    return params.load_spec(project_root)


def test_defaults_resolve_without_overrides(spec: params.ReportSpec) -> None:
    values = params.resolve(spec, {})
    assert values["trade"]["basis"] == "calendar"
    assert params.changed_from_defaults(spec, values) == {}


def test_cli_strings_are_converted_to_declared_types(spec: params.ReportSpec) -> None:
    values = params.resolve(spec, params.parse_assignments(["start_year=2010", "basis=fiscal"]))
    assert values["trade"]["start_year"] == 2010
    assert values["trade"]["basis"] == "fiscal"
    # a plain name sets the parameter in every section that declares it
    assert params.changed_from_defaults(spec, values) == {"trade.start_year": 2010, "trade.basis": "fiscal",
                                                          "defence.start_year": 2010}


def test_section_prefix_sets_one_section(spec: params.ReportSpec) -> None:
    values = params.resolve(spec, {"trade.reporter": "PAK"})
    assert values["trade"]["reporter"] == "PAK"


@pytest.mark.parametrize("override, message", [
    ({"no_such": "1"}, "parameter 'no_such' is unknown"),
    ({"start_year": "twenty"},
     "parameter 'trade.start_year': 'twenty' is not an integer; allowed: an integer from 1992 to"),
    ({"start_year": "1800"}, "parameter 'trade.start_year': '1800' is out of range"),
    ({"start_year": "1960"}, "parameter 'trade.start_year': '1960' is out of range; allowed: an integer from 1992 to "
                             "2026 (-p start_year=... sets trade.start_year, defence.start_year; use -p "
                             "SECTION.start_year=VALUE to set one section only)"),
    ({"basis": "lunar"}, "parameter 'basis': 'lunar' is not allowed; allowed: one of: calendar, fiscal"),
    ({"start_year": "2020", "end_year": "2010"}, "parameter 'start_year' (2020) is after 'end_year' (2010)"),
    ({"nosuch.basis": "fiscal"}, "unknown section 'nosuch'"),
])
def test_bad_parameters_give_one_line_naming_the_parameter(spec: params.ReportSpec, override: dict,
                                                             message: str) -> None:
    with pytest.raises(ParameterError) as info:
        params.resolve(spec, override)
    assert message in str(info.value)
    assert "\n" not in str(info.value)
    assert info.value.exit_code == 2


def test_assignment_without_equals_is_rejected() -> None:
    with pytest.raises(ParameterError, match="write it as NAME=VALUE"):
        params.parse_assignments(["start_year"])


def test_params_file_sets_values_and_sections(tmp_path: Path, spec: params.ReportSpec) -> None:
    f = tmp_path / "my.yaml"
    f.write_text("start_year: 2005\ntrade:\n  reporter: RUS\n")
    values = params.resolve(spec, params.read_params_file(f))
    assert values["trade"]["start_year"] == 2005 and values["trade"]["reporter"] == "RUS"


def test_describe_lists_types_defaults_and_allowed_values(spec: params.ReportSpec) -> None:
    text = params.describe(spec)
    assert "basis" in text and "one of: calendar, fiscal" in text and "default 1992" in text


def test_a_notebook_on_its_own_validates_with_the_same_rules(project_root: Path) -> None:
    checked = params.validate_section("trade", {"start_year": "2010", "basis": "fiscal"}, project_root)
    assert checked["start_year"] == 2010
    with pytest.raises(ParameterError, match="'trade.basis': 'lunar' is not allowed"):
        params.validate_section("trade", {"basis": "lunar"}, project_root)


def test_params_file_not_utf8_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "p_latin1.yaml"
    path.write_bytes(b"start_year: 2010\nbasis: fiscal # r\xe9sum\xe9\n")
    with pytest.raises(ParameterError, match=r"^--params-file .*p_latin1.yaml, line 2: is not UTF-8 text "
                                             r"\(byte 0xe9\); save the file as UTF-8$"):
        params.read_params_file(path)


def test_params_file_that_is_a_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(ParameterError, match=r"^--params-file .*: is a folder, not a YAML file$"):
        params.read_params_file(tmp_path)


def test_duplicate_key_in_params_file_is_an_error_not_last_wins(tmp_path: Path) -> None:
    path = tmp_path / "p_dup.yaml"
    path.write_text("start_year: 2010\nstart_year: 2015\n")
    with pytest.raises(ParameterError,
                       match=r"p_dup.yaml, line 2, column 1: duplicate key 'start_year'; each name may appear once$"):
        params.read_params_file(path)


def test_duplicate_key_inside_a_section_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("trade:\n  basis: fiscal\n  basis: calendar\n")
    with pytest.raises(ParameterError, match="duplicate key 'basis'"):
        params.read_params_file(path)


def test_yaml_syntax_error_gives_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "p_bad.yaml"
    path.write_text("start_year: [2010\nbasis: {{\n")
    with pytest.raises(ParameterError, match=r"p_bad.yaml, line \d+, column \d+: not valid YAML \("):
        params.read_params_file(path)


def _spec_error(root: Path, edit) -> str:  # type: ignore[no-untyped-def]
    path = root / "report" / "report.yaml"
    path.write_text(edit(path.read_text()))
    with pytest.raises(ParameterError) as info:
        params.load_spec(root)
    return str(info.value)


def test_report_yaml_naming_a_missing_notebook(tmp_project: Path) -> None:
    msg = _spec_error(tmp_project, lambda t: t.replace("notebooks/03_defence_timeline.ipynb",
                                                       "notebooks/03_missing.ipynb"))
    assert msg == ("report/report.yaml: section 'defence', notebook: notebooks/03_missing.ipynb is not a "
                   "notebook file (a path to an .ipynb file under the project folder)")


def test_report_yaml_that_is_a_list(tmp_project: Path) -> None:
    msg = _spec_error(tmp_project, lambda t: "- just a list\n")
    assert msg == "report/report.yaml: the file: must be a mapping (key: value lines), not a list"


def test_report_yaml_reads_an_unknown_dataset(tmp_project: Path) -> None:
    msg = _spec_error(tmp_project, lambda t: t.replace("arms_imports_tiv, supplier_shares]", "nosuch]"))
    assert msg.startswith("report/report.yaml: section 'defence', reads: unknown dataset 'nosuch'; allowed: sources,")


def test_report_yaml_check_names_an_unknown_parameter(tmp_project: Path) -> None:
    msg = _spec_error(tmp_project, lambda t: t.replace("start_year: {before_or_equal: end_year}",
                                                       "start_year: {before_or_equal: last_year}", 1))
    assert msg == ("report/report.yaml: section 'trade', checks, start_year.before_or_equal: unknown parameter "
                   "'last_year'; allowed: start_year, end_year, basis, reporter, series, table_years")


def test_report_yaml_unknown_key_and_bad_timeout(tmp_project: Path) -> None:
    # the first section's reads (the front page's)
    msg = _spec_error(tmp_project, lambda t: t.replace("    reads: [", "    raeds: [", 1))
    assert msg.startswith("report/report.yaml: section 'overview': unknown key 'raeds'; allowed: id, title, notebook,")
    msg = _spec_error(tmp_project, lambda t: t.replace("    raeds: [", "    timeout: -5\n    reads: [", 1))
    assert msg == "report/report.yaml: section 'overview', timeout: -5 must be a number of seconds above 0"


def test_section_timeout_is_read(tmp_project: Path) -> None:
    path = tmp_project / "report" / "report.yaml"
    path.write_text(path.read_text().replace("    reads: [sources, trade_obs",
                                             "    timeout: 60\n    reads: [sources, trade_obs"))
    spec = params.load_spec(tmp_project)
    assert spec.section("trade").timeout_s == 60 and spec.section("defence").timeout_s is None
