"""The de-dollarisation notebook: parameters in step with report.yaml, runs with papermill with
the defaults and with other parameters, and shows the known headings and numbers."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import papermill
import pytest

from notebook_runner import keyed, run_notebook, text_of

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "02_dedollarisation.ipynb"
HEADINGS = ("Pakistan's steps away from the dollar", "Russian crude and LPG cargoes",
            "Checks: the first cargo, its currency, and barter", "Where the reports disagree",
            "How Russia is paid: the Bank of Russia's currency shares",
            "Russia–China settlements: what officials say",
            "The yuan in SWIFT payments", "Reserves: the dollar and the renminbi in the IMF's COFER", "Sources")


def run(tmp_path: Path, name: str, **parameters: object) -> nbformat.NotebookNode:
    return run_notebook(NOTEBOOK, tmp_path / f"{name}.ipynb", **parameters)


def charts_of(nb: nbformat.NotebookNode) -> list[str]:
    return [out["metadata"]["image/svg+xml"]["alt"] for cell in nb.cells for out in cell.get("outputs", [])
            if "image/svg+xml" in (out.get("data") or {})]


@pytest.mark.slow
def test_notebook_with_defaults(tmp_path: Path, facts) -> None:
    nb = run(tmp_path, "defaults")
    text = text_of(nb)
    for heading in HEADINGS:
        assert f"## {heading}" in text
    # the cargo table and its totals; the first cargo's share of the order
    assert "45,142" in text and "210,142" in text and "200,142" in text
    assert "45,142 t, under half of its order" in text
    # the checks and the conflict box
    assert "Verdict: supported." in text and "Verdict: partly supported." in text
    assert "Verdict: contradicted." not in text
    assert "had to buy the yuan with US dollars" in text
    assert f"Conflicting claims: {facts.CONFLICTING_TOPICS} topics, {facts.CONFLICTING_ACCOUNTS} reports" in text
    # the section opens with its computed summary; no "account(s)" in what the reader sees
    assert ("The 100,000 t government-to-government trial order of Russian crude (2 cargoes, June 2023) was settled "
            "in Chinese yuan") in text and "the yuan bought with dollars" in text
    assert "uptake was slow" in text and "Russia itself is paid more in roubles: 53.7%" in text
    assert "swap line with China stood at CNY 30 bn" in text
    assert not re.search(r"\baccounts?\b", re.sub(r"<[^>]+>", " ", text), re.I)
    # the long tables are marked for the appendix: events, cargoes, conflicts, Bank of Russia, statements, sources
    assert text.count('class="pakru-appendix"') == 6
    # statistics
    assert "peaked at 4.74% in July 2024" in text
    assert "a peak of 2.84% in 2022-Q1" in text  # COFER: one sentence, no chart
    assert "67% of Russia&#x27;s export receipts in June 2023" in text  # in its own subsection
    alts = charts_of(nb)
    # cargoes, the key steps, Bank of Russia, SWIFT; the officials' statements are a table and COFER a
    # sentence (both off the bilateral topic, as the reader review asked)
    assert len(alts) == 4
    assert alts[1].startswith("Annotated timeline, 2018 to 2025, of 11 key steps")
    assert alts[0].startswith("Horizontal bar charts of the 6 Russian crude and LPG cargoes")
    assert "hollow and hatched when a yuan payment was intended" in alts[0]
    assert any("series breaks drawn as dotted vertical lines" in a for a in alts)
    assert not any("COFER" in a or "official statement" in a.lower() for a in alts)
    figures = keyed(nb)
    assert figures["payments.first_cargo_share_pct"]["value"] == 45.1
    # the trial order's tonnes: the private refiner's intended yuan payment is not counted as paid
    assert figures["payments.yuan_paid_crude_tonnes"]["value"] == 100_142
    assert figures["payments.cbr_rouble_share_latest_year"]["value"] == 53.7
    peak, cofer = figures["payments.swift_cny_peak"], figures["payments.cofer_cny_latest"]
    assert peak["value"] == 4.74 and "July 2024" in peak["text"]
    assert cofer["value"] == 2.12 and "2025-Q1" in cofer["text"]
    assert figures["payments.cbr_rub_cny_share_latest"]["value"] == 67.0
    assert "Sources of the de-dollarisation section" in text and "pay-swift-rmb-tracker" in text


@pytest.mark.slow
def test_notebook_with_swift_only_and_no_statements(tmp_path: Path) -> None:
    nb = run(tmp_path, "swift", start="2022-01-01", end="2024-12-31", series=["swift_global"],
             include_statements=False)
    text = text_of(nb)
    assert "1 January 2022 to 31 December 2024" in text  # the events table names the window
    assert "The Bank of Russia series are not among the chosen series." in text
    assert "The IMF COFER series is not among the chosen series." in text
    assert "Statements are left out (include_statements = False)." in text
    assert "peaked at 4.74% in July 2024" in text
    alts = charts_of(nb)
    assert len(alts) == 3  # the cargoes, the key steps and SWIFT
    assert not any("Bank of Russia" in a for a in alts)
    figures = keyed(nb)
    assert set(figures) == {"payments.yuan_paid_crude_tonnes", "payments.first_cargo_share_pct",
                            "payments.swift_cny_peak"}
    assert "pay-imf-cofer" not in text


@pytest.mark.slow
def test_notebook_with_a_window_holding_almost_nothing(tmp_path: Path) -> None:
    nb = run(tmp_path, "empty", start="2010-01-01", end="2010-12-31", series=["cbr_exports", "swift_ex_ez"])
    text = text_of(nb)
    assert "No payment event in data/payments/events.csv falls in the window" in text
    assert "No Russian crude or LPG cargo in data/payments/cargoes.csv arrived in the window" in text
    assert "No Bank of Russia figure" in text and "No SWIFT yuan share falls in the window" in text
    # the checks read all the data, whatever the window
    assert "Verdict: supported." in text
    assert charts_of(nb) == []


@pytest.mark.slow
def test_notebook_rejects_start_after_end(tmp_path: Path) -> None:
    with pytest.raises(papermill.PapermillExecutionError, match=r"'start' \(2024-01-01\) is after 'end'"):
        run(tmp_path, "bad", start="2024-01-01", end="2023-01-01")
