"""The de-dollarisation notebook under plain papermill: with the defaults and with the parameter
combinations the explorer review tried, it runs, shows its words, charts and tables, and hands
the same front-page facts to the build whatever the window."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import papermill
import pytest

from notebook_runner import run_notebook

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "02_dedollarisation.ipynb"
FRONT_PAGE = ("payments.crude.g2g_order_tonnes", "payments.crude.yuan_paid_cargoes", "payments.crude.yuan_paid_tonnes",
              "payments.crude.first_cargo", "payments.crude.g2g_abandoned", "payments.crude.last_sized_cargo",
              "payments.crude.private_intended_tonnes", "payments.rouble_share.exports.latest",
              "payments.rouble_share.exports.previous", "payments.barter.order", "payments.barter.first_contracts",
              "payments.barter.latest_step", "payments.swift.cny_share.latest", "payments.swift.cny_share.peak",
              "payments.cofer.cny_share.latest")


def outputs(nb: nbformat.NotebookNode, mime: str) -> list:
    return [out["data"][mime] for cell in nb.cells for out in cell.get("outputs", [])
            if mime in (out.get("data") or {})]


def shown(nb: nbformat.NotebookNode) -> tuple[str, list[str], list[str], dict]:
    """The words (tags stripped), the chart titles, the table captions and the published facts."""
    words = " ".join(re.sub(r"<[^>]+>", "", "".join(t)) for t in outputs(nb, "text/markdown"))
    titles = [c["title"] for c in outputs(nb, "application/vnd.pakru.chart+json")]
    captions = [t["caption"] for t in outputs(nb, "application/vnd.pakru.table+json")]
    (facts,) = outputs(nb, "application/vnd.pakru.facts+json")
    return re.sub(r"\s+", " ", words), titles, captions, {f["id"]: f for f in facts}


@pytest.mark.slow
def test_notebook_with_defaults(tmp_path: Path) -> None:
    nb = run_notebook(NOTEBOOK, tmp_path / "defaults.ipynb")
    words, titles, captions, facts = shown(nb)
    assert all(f in facts for f in FRONT_PAGE)
    assert facts["payments.crude.yuan_paid_tonnes"]["value"] == 100_142
    assert "100,142 tonnes" in words and "intended" in words and "53.7%" in words
    assert len(titles) == 5 and titles[0].startswith("Two Russian crude cargoes totalling 100,142 tonnes")
    assert any("paid in yuan" in c for c in captions)
    assert not re.search(r"Window:|reader's review|pay-[a-z]|\bNone\b", words)
    assert len(words.split()) <= 1_100


@pytest.mark.slow
def test_notebook_with_a_half_year_window(tmp_path: Path) -> None:
    """The explorer review's "14 of the 14 payment and cargo events between 2023 and 2023"."""
    nb = run_notebook(NOTEBOOK, tmp_path / "half.ipynb", start="2023-01-01", end="2023-06-30")
    words, titles, _, facts = shown(nb)
    assert not re.search(r"\b(\d{4})\s*(?:–|and)\s*\1\b", words + " ".join(titles))
    for title in titles:
        assert {int(y) for y in re.findall(r"\b(20\d\d)\b", title)} <= {2023}, title
    assert "unconfirmed" not in titles[0]  # the October cargo is outside the window
    assert facts["payments.crude.private_intended_tonnes"]["value"] == 100_000  # the front page's fact stays


@pytest.mark.slow
def test_notebook_with_a_json_series_list_and_no_statements(tmp_path: Path) -> None:
    papermill.execute_notebook(str(NOTEBOOK), str(tmp_path / "swift.ipynb"), cwd=str(NOTEBOOK.parent),
                               parameters={"series": '["swift_global"]', "include_statements": False},
                               kernel_name="python3", progress_bar=False)
    words, titles, captions, facts = shown(nbformat.read(tmp_path / "swift.ipynb", as_version=4))
    assert not any("Roubles settled" in t or "reserves" in t for t in titles)
    assert any("SWIFT" in t for t in titles) and "Bank of Russia's figures" in words
    assert not any("statements" in c.lower() for c in captions)
    assert "payments.rouble_share.exports.latest" in facts  # front-page facts never depend on the parameters


@pytest.mark.slow
def test_notebook_with_an_empty_window_draws_nothing_it_cannot(tmp_path: Path) -> None:
    nb = run_notebook(NOTEBOOK, tmp_path / "empty.ipynb", start="2010-01-01", end="2010-12-31",
                      series=["cbr_exports", "swift_ex_ez"])
    words, titles, _, _ = shown(nb)
    assert titles == []
    assert "None" not in words and "nan" not in words.split()


@pytest.mark.slow
def test_notebook_rejects_start_after_end(tmp_path: Path) -> None:
    with pytest.raises(papermill.PapermillExecutionError, match=r"'start' \(2024-01-01\) is after 'end'"):
        run_notebook(NOTEBOOK, tmp_path / "bad.ipynb", start="2024-01-01", end="2023-01-01")
