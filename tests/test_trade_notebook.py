"""The trade notebook under plain papermill: with the defaults and with the windows the explorer
review tried, every cell runs, the section publishes its front-page facts with the same values
whatever the window, and no output holds an empty sentence, a "None" or a one-year span."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

from notebook_runner import run_notebook
from pakru.present.show import CHART_MIME, FACTS_MIME, TEXT_MIME

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "01_trade_growth.ipynb"
FRONT = ("trade.sbp.peak", "trade.sbp.latest_year", "trade.sbp.latest_year_change", "trade.sbp.latest_window",
         "trade.sbp.latest_month", "trade.sbp.share.latest_year", "trade.mirror.ratio")


def outputs(nb: nbformat.NotebookNode) -> list[dict]:
    return [o for c in nb.cells for o in c.get("outputs", [])]


def published(nb: nbformat.NotebookNode) -> dict[str, dict]:
    return {f["id"]: f for o in outputs(nb) for f in (o.get("data") or {}).get(FACTS_MIME, [])}


def shown_text(nb: nbformat.NotebookNode) -> str:
    """The section's words as the page shows them: text outputs (tags dropped) and chart titles."""
    parts = []
    for o in outputs(nb):
        data = o.get("data") or {}
        if TEXT_MIME in data:
            parts.append(re.sub(r"<[^>]+>", "", "".join(data["text/html"])))
        if CHART_MIME in data:
            parts.append(data[CHART_MIME]["title"])
    return "\n".join(parts)


@pytest.fixture(scope="module")
def defaults(tmp_path_factory: pytest.TempPathFactory) -> nbformat.NotebookNode:
    return run_notebook(NOTEBOOK, tmp_path_factory.mktemp("trade") / "trade.ipynb")


@pytest.mark.slow
def test_the_notebook_runs_with_the_defaults_and_publishes_the_front_page_facts(defaults) -> None:
    assert not [o for o in outputs(defaults) if o.get("output_type") == "error"]
    facts = published(defaults)
    assert round(facts["trade.sbp.peak"]["value"], 2) == 1099.07
    assert facts["trade.sbp.latest_window"]["period"]["label"] == "July 2025–March 2026"
    text = shown_text(defaults)
    assert text.index("peaked at $1.1 billion") < text.index("Two press figures for FY2023-24")
    charts = [o["data"][CHART_MIME]["name"] for o in outputs(defaults) if CHART_MIME in (o.get("data") or {})]
    assert charts == ["trade-lead", "trade-press", "trade-history", "trade-mirror", "trade-products"]
    assert len(text.split()) < 1400


@pytest.mark.slow
@pytest.mark.parametrize("parameters", [
    {"basis": "fiscal"},
    {"series": "UN Comtrade"},
    {"start_year": 2018, "end_year": 2020},
    {"basis": "fiscal", "reporter": "RUS", "series": "UN Comtrade"},
], ids=lambda d: ",".join(f"{k}={v}" for k, v in d.items()))
def test_the_windows_hold_up_and_leave_the_front_page_facts_alone(defaults, tmp_path: Path, parameters) -> None:
    nb = run_notebook(NOTEBOOK, tmp_path / "trade.ipynb", **parameters)
    assert not [o for o in outputs(nb) if o.get("output_type") == "error"]
    mine, theirs = published(nb), published(defaults)
    assert {k: mine[k]["value"] for k in FRONT} == {k: theirs[k]["value"] for k in FRONT}
    text = shown_text(nb)
    for bad in ("None", "nan", "{{", "last 1 years", "uses no series", "is not held here", " .", "()"):
        assert bad not in text, bad
    assert not re.search(r"\b(\d{4})–\1\b", text)
