"""The defence notebook runs on its own, with the report's defaults and with other parameters."""

from __future__ import annotations

from pathlib import Path

import re

import nbformat
import pytest

from notebook_runner import keyed, run_notebook, text_of
from pakru.present import svg

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "03_defence_timeline.ipynb"
CREDIT = "Information from the SIPRI Arms Transfers Database"


def run(tmp_path: Path, **parameters: object) -> nbformat.NotebookNode:
    return run_notebook(NOTEBOOK, tmp_path / "defence.ipynb", **parameters)


def charts_of(nb: nbformat.NotebookNode) -> list[tuple[str, str]]:
    """Each inline-SVG chart the notebook showed: (its alt text, the SVG)."""
    return [(out.get("metadata", {}).get(svg.MIME, {}).get("alt", ""), out["data"][svg.MIME])
            for cell in nb.cells for out in cell.get("outputs", []) if svg.MIME in (out.get("data") or {})]


def appendix_captions(nb: nbformat.NotebookNode) -> list[str]:
    return re.findall(r'<div class="pakru-appendix" data-caption="([^"]*)"', text_of(nb))


@pytest.mark.slow
def test_defence_notebook_with_defaults(tmp_path: Path) -> None:
    nb = run(tmp_path)
    text = text_of(nb)
    for heading in ("Events before and after the 2014 agreement", "The Druzhba exercises",
                    "Soviet and Russian arms deliveries (SIPRI)", "Russia's share of Pakistan's arms imports",
                    "Checking the article's defence claims", "Sources"):
        assert heading in text
    # the summary opens the section, computed: SIPRI's latest published shares, the JF-17 engines,
    # Druzhba and its gap, what Russia delivered after the 2014 agreement; no count of reported events
    summary = text.split('<div class="box">')[1].split("</div>")[0]
    for part in ("In 2021–25 China supplied 80% of Pakistan&#x27;s imports of major arms",
                 "Russia is not among the suppliers named", "RD-93 engine of the JF-17",
                 "8 Druzhba counter-terrorism exercises since 2016", "(none in 2022 or 2023)",
                 "Since the defence cooperation agreement of 20 Nov 2014", "4 Mi-35M combat helicopters"):
        assert part in summary, part
    assert "dated events" not in summary
    # the long tables wait in the appendix: all events, Druzhba, the shares, SIPRI's register (the defence
    # claims are told in sentences here and tabled once, in the claims check)
    captions = appendix_captions(nb)
    assert len(captions) == 4 and captions[0].startswith("All events on the timeline")
    assert any("Druzhba" in c for c in captions) and any("SIPRI&#x27;s register" in c for c in captions)
    figures = keyed(nb)
    assert figures["defence.first_druzhba_year"]["value"] == 2016
    assert figures["defence.druzhba_editions"]["value"] == 8
    assert figures["defence.mi35_delivered"]["value"] == 4
    share = figures["defence.russia_share_recent"]
    assert share["value"] == 6.7 and "2015–19" in share["text"] and "computed for this report" in share["text"]
    assert not share["headline"]  # SIPRI's own published share leads instead
    assert figures["defence.sipri_top_share_latest"]["value"] == 80.0
    assert figures["defence.engine_share_of_russian_tiv"]["headline"]
    # the claims' sentences with computed verdicts
    assert "20 Nov 2014" in text and "began in 2016, not 2017" in text
    assert text.count("partly supported") >= 1
    # Druzhba table: 8 numbered editions with the first and last dates
    assert "24 Sep–10 Oct 2016" in text and "15–27 Sep 2025" in text
    # SIPRI's credit under its tables; our shares labelled as ours
    assert text.count(CREDIT) >= 3 and "computed for this report from SIPRI TIV" in text
    # numbers and years SIPRI marks uncertain appear as "100?", "1968?"
    assert "1968?" in text and "100?" in text
    # before/after 2014 counts
    assert "63 of 108 events" in text
    assert "largest year was 1968 (199 million TIV)" in text and "highest in 1965–69 at 14.9%" in text
    # charts: one strip of the key dates (no second, zoomed timeline), deliveries, shares; each with a
    # meaningful alt text and a tooltip per mark
    shown = charts_of(nb)
    assert len(shown) == 3
    assert all(len(alt) > 80 for alt, _ in shown)
    assert shown[0][0].startswith("Annotated timeline from 1948 to 2025 of 11 key events")
    assert "20 Nov 2014: defence cooperation agreement" in shown[0][0] and "computed for this report" in shown[2][0]
    assert shown[0][1].count("<title>") == 108 and "20 Nov 2014: " in shown[0][1]
    assert "1968: 199 million TIV delivered by the Soviet Union [def-sipri-tiv-2022]" in shown[1][1]
    assert "Russia (Soviet Union to 1991), 2015–19: 6.7%" in shown[2][1]
    assert "Traceback" not in text


@pytest.mark.slow
def test_defence_notebook_with_other_parameters(tmp_path: Path) -> None:
    nb = run(tmp_path, start_year=2010, end_year=2025, categories=["exercise", "agreement"], show_weak=False,
             share_period_years=3)
    text = text_of(nb)
    assert "categories shown: agreement, exercise" in text
    assert "30 of the 108 events" in text and "left out" in text
    assert "(weak sources only)" not in text  # no weak event drawn, so no tooltip says so
    figures = keyed(nb)
    assert figures["defence.first_druzhba_year"]["value"] == 2016
    # 3-year periods aligned on 1950 (1950-52, ..., 2019-21): the last one ends with SIPRI's table in 2021;
    # Russia 64 + 40 + 11 = 115 of 669 + 760 + 884 = 2,313 million TIV
    share = figures["defence.russia_share_recent"]
    assert "2019–21" in share["text"] and share["value"] == round(115 / 2313 * 100, 1)
    assert "2010–12" in text  # the first period, cut by nothing (2010 = 1950 + 20)
    # one strip of the key dates, deliveries and shares; no zoomed timeline in any window
    assert len(charts_of(nb)) == 3 and "No separate view" not in text
    # the register table holds only deals ordered or delivered from 2010
    assert "T-55" not in text and "Kornet" in text


@pytest.mark.slow
def test_defence_notebook_with_an_empty_selection(tmp_path: Path) -> None:
    nb = run(tmp_path, start_year=1950, end_year=1952, categories="exercise", show_weak=False)
    text = text_of(nb)
    assert "No event in the data falls in this window" in text
    assert "No Druzhba edition falls between 1950 and 1952" in text
    assert "records no Soviet or Russian delivery" in text
    assert "holds no Soviet or Russian deal" in text
    assert "defence.russia_share_recent" not in keyed(nb)  # no complete period in 1950-52
