"""environment.yml and pyproject.toml list the same runtime dependencies."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml


# conda-forge names that differ from PyPI's: matplotlib-base is matplotlib without the Qt backend
CONDA_TO_PYPI = {"matplotlib-base": "matplotlib"}


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _conda(requirement: str) -> tuple[str, str]:
    """(PyPI name, requirement spelled with it) of an environment.yml line."""
    name = _name(requirement)
    pypi = CONDA_TO_PYPI.get(name, name)
    return pypi, pypi + requirement.strip()[len(name):]


def test_environment_yml_matches_pyproject(project_root: Path) -> None:
    project = tomllib.loads((project_root / "pyproject.toml").read_text())["project"]
    runtime = {_name(r): r for r in project["dependencies"]}
    env = yaml.safe_load((project_root / "environment.yml").read_text())
    conda = dict(_conda(d) for d in env["dependencies"] if isinstance(d, str))
    conda.pop("python"), conda.pop("pip")
    assert set(conda) == set(runtime)
    for name, req in runtime.items():
        # the same lower bounds in both files
        assert req.replace(" ", "") == conda[name].replace(" ", ""), name
    assert "python=3.11" in env["dependencies"]
    assert project["requires-python"].startswith(">=3.11")


def test_environment_yml_installs_the_checkout_with_pip(project_root: Path) -> None:
    env = yaml.safe_load((project_root / "environment.yml").read_text())
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert pip == ["-e ."]
    assert env["channels"] == ["conda-forge"]


def test_dev_extra_has_the_test_and_check_tools(project_root: Path) -> None:
    dev = tomllib.loads((project_root / "pyproject.toml").read_text())["project"]["optional-dependencies"]["dev"]
    assert {"pytest", "playwright", "frictionless", "ruff", "setuptools"} <= {_name(r) for r in dev}


def test_design_card_packages_are_runtime_dependencies(project_root: Path) -> None:
    project = tomllib.loads((project_root / "pyproject.toml").read_text())["project"]
    names = {_name(r) for r in project["dependencies"]}
    assert {"jupyterlab", "pandas", "matplotlib", "papermill", "nbconvert"} <= names
