"""The claims-check notebook runs on its own under plain papermill: with the report's defaults, with
the article's "now" moved to 2026 (as the explorer review tried), and refusing a misspelled name."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html import unescape
from pathlib import Path

import nbformat
import pytest

import data_facts
from notebook_runner import run_notebook

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "04_claims_check.ipynb"
TEXT = "application/vnd.pakru.text+json"
TABLE = "application/vnd.pakru.table+json"
FACTS = "application/vnd.pakru.facts+json"


def outputs(nb: nbformat.NotebookNode) -> tuple[str, list[dict], dict]:
    """The section's words as the page shows them (headings and told text, tags stripped), its
    tables, and its published facts by id."""
    text, tables, facts = [], [], {}
    for cell in nb.cells:
        if "remove-in-report" in cell.metadata.get("tags", []):
            continue
        if cell.cell_type == "markdown":
            text.append(cell.source)
        for out in cell.get("outputs", []):
            data = out.get("data") or {}
            if TEXT in data:
                text.append(unescape(re.sub(r"<[^>]+>", " ", data["text/html"])))
            if TABLE in data:
                tables.append(data[TABLE])
            if FACTS in data:
                facts = {f["id"]: f for f in data[FACTS]}
    return re.sub(r"\s+", " ", " ".join(text)), tables, facts


def words(text: str) -> list[str]:
    """The words a reader reads (a lone comma or '#' left by stripped markup is not one)."""
    return [w for w in text.split() if re.search(r"\w", w)]


@pytest.mark.slow
def test_claims_notebook_with_defaults(tmp_path: Path) -> None:
    text, tables, facts = outputs(run_notebook(NOTEBOOK, tmp_path / "c.ipynb"))
    assert len(words(text)) <= 1150, len(words(text))
    assert "the data support 12" in text and "Held eight times in 2016–25" in text
    assert [t["appendix"] for t in tables] == [True, True]
    # the tables' sources are publishers linked to the sources appendix, never ids
    for t in tables:
        shown = re.sub(r"<[^>]+>", " ", t["body"])
        assert "sources" in shown and not re.search(r"\b(?:def|pay|trd)-", shown), t["caption"]
    assert facts["claims.count.total"]["value"] == len(data_facts.CLAIM_VERDICTS)
    assert facts["claims.count.supported"]["value"] == 12 and facts["claims.count.not_checkable"]["value"] == 1
    for q, (verdict, confidence) in data_facts.THESIS_VERDICTS.items():
        assert (facts[f"theses.{q}.verdict"]["value"], facts[f"theses.{q}.confidence"]["value"]) == \
            (verdict, confidence)
    # the section publishes its own facts only; the sections' facts it weighs are theirs to publish
    assert all(i.startswith(("claims.", "theses.")) for i in facts)
    assert "None" not in text and "Traceback" not in text and not re.search(r"\b(?:def|pay|trd)-e?\d", text)


@pytest.mark.slow
def test_claims_notebook_with_the_articles_now_in_2026(tmp_path: Path) -> None:
    text, _, facts = outputs(run_notebook(NOTEBOOK, tmp_path / "c.ipynb", as_of_year=2026))
    assert facts["claims.general.anniversary.years"]["value"] == 78
    assert facts["claims.general.anniversary.verdict"]["value"] == "contradicted"
    assert "contradict one (75 years of relations)" in text and "counted to 2026, not to 2023" in text
    # the theses are weighed on the latest data whatever year the article's "now" is taken to be
    assert facts["theses.stronger_than_ever_since.verdict"]["value"] == \
        data_facts.THESIS_VERDICTS["stronger_than_ever_since"][0]


@pytest.mark.slow
def test_a_misspelled_parameter_is_refused_in_one_line(tmp_path: Path) -> None:
    out = tmp_path / "c.ipynb"
    run = subprocess.run([sys.executable, "-m", "papermill", "-k", "python3", "--cwd", str(NOTEBOOK.parent),
                          str(NOTEBOOK), str(out), "-p", "as_of_yeer", "2026"], capture_output=True, text=True,
                         timeout=300)
    assert run.returncode != 0
    errors = [o for c in json.loads(out.read_text())["cells"] for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert errors[0]["ename"] == "ParameterError" and "'as_of_yeer' is not a parameter" in errors[0]["evalue"]
