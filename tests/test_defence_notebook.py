"""The defence notebook runs on its own, with the report's defaults and with other parameters."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from notebook_runner import images, keyed, run_notebook, text_of

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "03_defence_timeline.ipynb"
CREDIT = "Information from the SIPRI Arms Transfers Database"


def run(tmp_path: Path, **parameters: object) -> nbformat.NotebookNode:
    return run_notebook(NOTEBOOK, tmp_path / "defence.ipynb", **parameters)


@pytest.mark.slow
def test_defence_notebook_with_defaults(tmp_path: Path) -> None:
    nb = run(tmp_path)
    text = text_of(nb)
    for heading in ("Timeline of cooperation", "Events before and after the 2014 agreement", "The Druzhba exercises",
                    "Soviet and Russian arms deliveries (SIPRI)", "Russia's share of Pakistan's arms imports",
                    "Soviet and Russian weapons in SIPRI's register", "Checking the article's defence claims",
                    "Sources"):
        assert heading in text
    figures = keyed(nb)
    assert figures["defence.first_druzhba_year"]["value"] == 2016
    assert figures["defence.druzhba_editions"]["value"] == 8
    assert figures["defence.mi35_delivered"]["value"] == 4
    share = figures["defence.russia_share_recent"]
    assert share["value"] == 6.7 and "2015–19" in share["text"] and "computed by pakru" in share["text"]
    # the claims table with computed verdicts
    assert "20 Nov 2014" in text and "began in 2016, not 2017" in text
    assert text.count("partly supported") >= 2
    # Druzhba table: 8 numbered editions with the first and last dates
    assert "24 Sep–10 Oct 2016" in text and "15–27 Sep 2025" in text
    # SIPRI's credit under its tables; our shares labelled as ours
    assert text.count(CREDIT) >= 3 and "computed by pakru from SIPRI TIV" in text
    # numbers and years SIPRI marks uncertain appear as "100?", "1968?"
    assert "1968?" in text and "100?" in text
    # before/after 2014 counts
    assert "58 of 102 events" in text
    # charts: two timelines, deliveries, shares; each with a meaningful alt text
    pngs = images(nb)
    assert len(pngs) == 4
    alts = [p.get("metadata", {}).get("image/png", {}).get("alt", "") or p.get("metadata", {}).get("alt", "")
            for p in pngs]
    assert all(len(a) > 80 for a in alts)
    assert "shaded bands" in alts[0] and "computed by pakru" in alts[3]
    assert "Traceback" not in text


@pytest.mark.slow
def test_defence_notebook_with_other_parameters(tmp_path: Path) -> None:
    nb = run(tmp_path, start_year=2010, end_year=2025, categories=["exercise", "agreement"], show_weak=False,
             share_period_years=3)
    text = text_of(nb)
    assert "categories shown: agreement, exercise" in text
    assert "30 of the 102 events" in text and "left out" in text
    assert "weak sources only" not in text.split("All events shown")[1]
    figures = keyed(nb)
    assert figures["defence.first_druzhba_year"]["value"] == 2016
    # 3-year periods aligned on 1950 (1950-52, ..., 2019-21): the last one ends with SIPRI's table in 2021;
    # Russia 64 + 40 + 11 = 115 of 669 + 760 + 884 = 2,313 million TIV
    share = figures["defence.russia_share_recent"]
    assert "2019–21" in share["text"] and share["value"] == round(115 / 2313 * 100, 1)
    assert "2010–12" in text  # the first period, cut by nothing (2010 = 1950 + 20)
    # a 16-year window needs no zoomed timeline: one timeline, deliveries and shares
    assert len(images(nb)) == 3 and "No separate view of the years from 2014" in text
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
