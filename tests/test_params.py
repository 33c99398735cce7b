"""Parameters are declared once and validated before any kernel starts."""

from __future__ import annotations

from pathlib import Path

import pytest

from pakru import params
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
    ({"start_year": "twenty"}, "parameter 'trade.start_year': 'twenty' is not an integer; allowed: an integer from 1992 to"),
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
    assert params.validate_section("trade", {"start_year": "2010", "basis": "fiscal"}, project_root)["start_year"] == 2010
    with pytest.raises(ParameterError, match="'trade.basis': 'lunar' is not allowed"):
        params.validate_section("trade", {"basis": "lunar"}, project_root)
