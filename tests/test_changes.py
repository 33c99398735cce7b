"""What changed in an edition (pakru.build.changes): news against the last edition built with the
same settings, and the edition's own settings apart from it."""

from __future__ import annotations

import dataclasses

import pytest

from pakru.build import changes
from pakru.page import what_changed

OBS = "data/trade/observations.csv"
DEFAULTS = {"trade": {"basis": "calendar", "start_year": 2000}}
FISCAL = {"trade": {"basis": "fiscal", "start_year": 2000}}


def edition(run: str, parameters: dict = DEFAULTS, total: float = 762.4, status: str = "succeeded",
            **extra: object) -> dict:
    changed = {} if parameters == DEFAULTS else {"trade.basis": parameters["trade"]["basis"]}
    return {"run": run, "status": status, "started_utc": f"2026-12-0{run[-1]}T05:30:00+00:00",
            "parameters": parameters, "parameters_changed": changed, "data_sha256": {OBS: "a"},
            "findings": [{"key": "trade.latest_total", "value": total, "unit": "USD million",
                          "text": f"Two-way trade was {total} USD m in 2024."}], **extra}


def test_a_default_build_after_an_ad_hoc_one_is_compared_with_the_last_default_build() -> None:
    kept = [edition("R1"), edition("R2", FISCAL, total=244.0)]
    record = changes.changes_for(edition("R3"), kept)
    assert record.baseline == "R1" and record.settings.is_default
    assert record.figures == () and not record.has_news  # 762.4 then, 762.4 now: the fiscal 244 is not news
    assert changes.summary_lines(record) == ["Nothing in the data or the key figures changed since run R1."]
    assert what_changed.view(record, [], "") is None  # and the page says nothing of settings


def test_figures_that_moved_only_because_settings_changed_are_not_listed() -> None:
    record = changes.changes_for(edition("R2", FISCAL, total=244.0), [edition("R1")])
    assert record.baseline is None and not record.first_edition and record.figures == ()
    assert record.settings.text() == "trade.basis=fiscal"
    assert changes.summary_lines(record) == [
        "Built with non-default settings: trade.basis=fiscal.",
        "No earlier edition was built with these settings: there is nothing to compare with."]
    # the box says only that nothing is compared; the settings are the title block's
    box = what_changed.view(record, [], "")
    assert box["no_baseline"] and not box["figures"] and not box["datasets"]


def test_an_ad_hoc_build_is_compared_with_the_last_build_with_its_own_settings() -> None:
    kept = [edition("R1", FISCAL, total=244.0), edition("R2")]
    record = changes.changes_for(edition("R3", FISCAL, total=250.0), kept)
    assert record.baseline == "R1"
    assert [(f.key, f.kind, f.before, f.after) for f in record.figures] == [
        ("trade.latest_total", "moved", 244.0, 250.0)]


def test_the_newest_successful_edition_with_the_same_settings_is_the_baseline() -> None:
    kept = [edition("R1", total=1.0), edition("R2", total=2.0), edition("R3", total=3.0, status="failed"),
            edition("R4", FISCAL)]
    assert changes.baseline(edition("R5"), kept)["run"] == "R2"
    assert changes.baseline(edition("R2"), kept[:2])["run"] == "R1"  # never itself


def test_first_edition_says_so() -> None:
    record = changes.changes_for(edition("R1"), [])
    assert record.first_edition and record.baseline is None
    assert changes.summary_lines(record) == ["This is the first run: there is nothing to compare with."]
    assert what_changed.view(record, [], "") is None


def test_what_changed_names_files_rows_and_moved_new_and_removed_figures() -> None:
    before = {**edition("R1"), "data_sha256": {OBS: "a", "data/b.csv": "2"},
              "data_rows": {OBS: {"k1": "r1", "k2": "r2"}},
              "findings": [{"key": "trade.total", "value": 1046.3, "unit": "USD million", "text": "old"},
                           {"key": "trade.gone", "value": 762.4, "unit": "USD million", "text": "Gone."}]}
    now = {**edition("R2"), "data_sha256": {OBS: "b", "data/b.csv": "2"},
           "data_rows": {OBS: {"k1": "r1x", "k3": "r3", "k4": "r4"}},
           "findings": [{"key": "trade.total", "value": 1102.0, "unit": "USD million",
                         "text": "Two-way trade was 1,102 USD m in 2024."},
                        {"key": "trade.cagr", "value": 5.0, "unit": "percent", "text": "Growth of 5% a year."}]}
    record = changes.compare(now, before)
    assert record.datasets == (changes.DatasetChange(OBS, 2, 1, 1),)
    assert changes.summary_lines(record) == [
        "Compared with run R1, the last edition built with the same settings:",
        f"Data files changed: {OBS}.", f"{OBS}: 2 rows added, 1 removed, 1 changed.",
        "trade.total: 1,046.3 USD million → 1,102 USD million.", "New key figure trade.cagr: 5%.",
        "Key figure trade.gone removed (was 762.4 USD million)."]
    box = what_changed.view(record, [], "the edition of 1 December 2026")
    assert box["datasets"] == [{"name": "Trade figures", "counts": [(2, "added"), (1, "removed"), (1, "changed")]}]
    # a moved figure by its sentence, the old value in the house style; new and gone ones are counted
    assert box["figures"] == [{"sentence": "Two-way trade was 1,102 USD m in 2024.", "was": "$1.0 billion"}]
    assert box["unsaid"] == 2


def test_facts_keyed_by_id_are_compared_like_key_figures() -> None:
    before = {**edition("R1"), "findings": [], "facts": [{"id": "trade.total", "value": 1, "unit": "USD million"}]}
    now = {**edition("R2"), "findings": [], "facts": [{"id": "trade.total", "value": 2, "unit": "USD million"}]}
    record = changes.compare(now, before)
    (moved,) = record.figures
    assert (moved.key, moved.before, moved.after, moved.unit) == ("trade.total", 1, 2, "USD million")
    # a fact the page states nowhere: the box counts it, never shows its id
    box = what_changed.view(record, [], "")
    assert box["figures"] == [] and box["unsaid"] == 1
    # a fact the page states: the box quotes the page's sentence, and the old value in the house style
    page = {"cells": [{"cell_type": "code", "outputs": [{"output_type": "display_data", "data": {
        "application/vnd.pakru.text+json": {}, "text/html": '<div class="told"><p>Trade peaked. It was '
        '<data value="2" data-fact="trade.total" title="x">$2.0 million</data> in FY2024-25. Then it fell.'
        '</p></div>'}}]}]}
    box = what_changed.view(record, [page], "")
    assert box["figures"] == [{"sentence": "It was $2.0 million in FY2024-25.", "was": "$1.0 million"}]


def test_records_are_frozen_and_serialise_to_json() -> None:
    import json

    record = changes.changes_for(edition("R2", total=800.0), [edition("R1")])
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.baseline = "R0"  # type: ignore[misc]
    data = json.loads(json.dumps(changes.to_json(record)))
    assert data["baseline"] == "R1" and data["figures"][0]["after"] == 800.0
    assert data["settings"] == {"non_default": []}
