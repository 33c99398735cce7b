"""Notebooks: stored clean, parameters in step with report.yaml, and runnable with papermill."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest

from notebook_runner import keyed, run_notebook, text_of
from pakru import params

ROOT = Path(__file__).resolve().parents[1]
SPEC = params.load_spec(ROOT)
NOTEBOOKS = {s.id: ROOT / s.notebook for s in SPEC.sections}


def _parameters_cell(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    cells = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(cells) == 1, "exactly one cell tagged 'parameters'"
    return cells[0]


def run(section: str, tmp_path: Path, **parameters: object) -> nbformat.NotebookNode:
    return run_notebook(NOTEBOOKS[section], tmp_path / f"{section}.ipynb", **parameters)


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks").glob("*.ipynb")), ids=lambda p: p.name)
def test_notebooks_are_stored_without_outputs(path: Path) -> None:
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, f"{path.name} has outputs"


@pytest.mark.parametrize("section", list(NOTEBOOKS))
def test_parameters_cell_holds_the_report_defaults(section: str) -> None:
    nb = nbformat.read(NOTEBOOKS[section], as_version=4)
    namespace: dict[str, object] = {}
    exec(_parameters_cell(nb).source, namespace)  # noqa: S102 - our own notebook's literal assignments
    declared = SPEC.section(section).defaults()
    assert {k: namespace[k] for k in declared} == declared


@pytest.mark.slow
def test_trade_notebook_with_defaults(tmp_path: Path) -> None:
    nb = run("trade", tmp_path)
    text = text_of(nb)
    for heading in ("Annual trade, as each side reports it", "Mirror figures", "Russia's share",
                    "What is traded", "Where the figures disagree", "Coverage", "Sources"):
        assert heading in text
    figures = keyed(nb)
    assert figures["trade.julmay_fy23_growth"]["value"] == 34.0
    # IMF DOTS, Pakistan-reported, 2020: exports 146.17 + imports 616.20
    assert figures["trade.latest_total"]["value"] == pytest.approx(762.4, abs=0.05)
    assert "+34.0%" in text and "matches the stated +34%" in text


@pytest.mark.slow
def test_trade_notebook_on_fiscal_basis_for_pakistan_only(tmp_path: Path) -> None:
    nb = run("trade", tmp_path, basis="fiscal", start_year=2013, end_year=2024, reporter="PAK")
    text = text_of(nb)
    assert "fiscal basis" in text and "FY2020-21" in text
    assert "945.9" in text  # FY2020-21 total, Ministry of Commerce
    figures = keyed(nb)
    assert figures["trade.julmay_fy23_growth"]["value"] == 34.0


@pytest.mark.slow
def test_claims_notebook_gives_twelve_verdicts(tmp_path: Path) -> None:
    nb = run("claims", tmp_path)
    text = text_of(nb)
    assert "Of 12 claims" in text
    assert "The series began in 2016, not 2017" in text
    figures = keyed(nb)
    assert 0 < figures["claims.supported"]["value"] <= 12


@pytest.mark.slow
def test_trade_growth_table_shows_growth_as_signed_percentages(tmp_path: Path) -> None:
    nb = run("trade", tmp_path, start_year=2015, end_year=2020)
    html = text_of(nb)
    # 2020 over 2019, IMF DOTS, Pakistan-reported: imports 616.2 / 224.5 - 1 = +174.4%
    assert "<td>+174.4%</td>" in html
