"""The defence notebook runs on its own under plain papermill, with the report's defaults and with
the parameter combinations the explorer review tried."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from notebook_runner import run_notebook

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "03_defence_timeline.ipynb"
CHART = "application/vnd.pakru.chart+json"
FACTS = "application/vnd.pakru.facts+json"


def outputs(nb: nbformat.NotebookNode) -> tuple[str, list[str], dict]:
    """The section's words (tags stripped), its chart titles, and its published facts by id."""
    text, titles, facts = [], [], {}
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data") or {}
            if "text/markdown" in data:
                text.append(re.sub(r"<[^>]+>", "", data["text/markdown"]))
            if CHART in data:
                titles.append(data[CHART]["title"])
            if FACTS in data:
                facts = {f["id"]: f for f in data[FACTS]}
    return "\n".join(text), titles, facts


@pytest.mark.slow
def test_defence_notebook_with_defaults(tmp_path: Path) -> None:
    text, titles, facts = outputs(run_notebook(NOTEBOOK, tmp_path / "d.ipynb"))
    assert len(titles) == 5 and titles[0].startswith("Since the 2014 agreement")
    assert facts["defence.rd93.engines"]["value"] == 206
    assert facts["defence.druzhba.editions"]["value"] >= 8
    assert "recorded here" not in text and "last published" not in text
    assert "SIPRI's March 2021 release gave it 6.6%" in text and titles[1].startswith("Russia's share")
    assert "Window:" not in text and "Traceback" not in text
    assert len(text.split()) < 1200


@pytest.mark.slow
@pytest.mark.parametrize("parameters", [
    {"start_year": 2014, "end_year": 2016, "share_period_years": 2},
    {"categories": "exercise,arms transfer", "show_weak": False},
])
def test_defence_notebook_in_the_windows_the_explorer_tried(tmp_path: Path, parameters: dict) -> None:
    text, titles, facts = outputs(run_notebook(NOTEBOOK, tmp_path / "d.ipynb", **parameters))
    assert titles and "1 editions" not in text and "No edition is recorded" not in text
    for year in re.findall(r"\b(?:19|20)\d\d\b", " ".join(titles)):
        assert parameters.get("start_year", 1948) <= int(year) <= parameters.get("end_year", 2026), titles


@pytest.mark.slow
def test_an_unknown_category_is_refused_in_one_line(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "papermill", "-k", "python3", "--cwd", str(NOTEBOOK.parent),
                          str(NOTEBOOK), str(tmp_path / "d.ipynb"), "-p", "categories", "navy"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode != 0
    nb = json.loads((tmp_path / "d.ipynb").read_text())
    errors = [o for c in nb["cells"] for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert errors[0]["ename"] == "ParameterError" and "'navy' is not allowed" in errors[0]["evalue"]
