"""How the report is cited: CITATION.cff, report.yaml and the package agree on who and which version."""

from __future__ import annotations

import tomllib
from pathlib import Path

import yaml

import pakru
from pakru.spec.params import load_spec

ROOT = Path(__file__).resolve().parents[1]


def test_citation_cff_names_the_author_report_yaml_names() -> None:
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    spec = load_spec(ROOT)
    assert cff["cff-version"] == "1.2.0"
    assert spec.author and "pakru" not in spec.author.lower()  # a person or organisation, not the software
    assert [a["name"] for a in cff["authors"]] == [spec.author]
    assert cff["title"] == spec.title


def test_one_version_everywhere() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert project["version"] == pakru.__version__ == cff["version"]
