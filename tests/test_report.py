"""The page around the notebooks: key findings selection, "what changed", coverage gaps."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import copy_project, pakru
from pakru import data, report


def test_key_findings_take_three_per_section_and_ten_at_most() -> None:
    figures = [{"key": f"{sec}.k{i}", "value": i, "text": f"{sec} {i}"} for sec in ("a", "b", "c", "d")
               for i in range(5)]
    figures[1]["headline"] = False
    chosen = report.headline_findings(figures)
    assert [f["key"] for f in chosen] == ["a.k0", "a.k2", "a.k3", "b.k0", "b.k1", "b.k2", "c.k0", "c.k1",
                                          "c.k2", "d.k0"]


def test_what_changed_names_files_and_moved_figures() -> None:
    before = {"run": "R1", "data_sha256": {"data/a.csv": "1", "data/b.csv": "2"}, "parameters": {"s": {"x": 1}},
              "findings": [{"key": "s.total", "value": 1046.3, "unit": "USD million"}]}
    now = {"data_sha256": {"data/a.csv": "1", "data/b.csv": "3"}, "parameters": {"s": {"x": 1}},
           "findings": [{"key": "s.total", "value": 1102.0, "unit": "USD million"}]}
    lines = report.changes_since(before, now)
    assert lines[0] == "Compared with run R1:"
    assert "Data files changed: data/b.csv." in lines
    assert "s.total: 1,046.3 USD million → 1,102 USD million." in lines
    assert report.changes_since(None, now) == ["This is the first run: there is nothing to compare with."]


def test_coverage_names_the_years_without_a_figure(project_root: Path) -> None:
    text = report.dataset_gaps("trade_observations", data.load("trade_observations", project_root))
    assert "no full-year calendar figure: 2022" in text
    assert "FY2014-15–FY2019-20" in text


def test_access_sentence_gives_the_day_or_the_range() -> None:
    import pandas as pd

    one = pd.DataFrame({"accessed": pd.to_datetime(["2026-11-26", "2026-11-26"])})
    two = pd.DataFrame({"accessed": pd.to_datetime(["2026-10-01", "2026-11-26"])})
    assert "read for this project on 2026-11-26" in report.access_sentence(one)
    assert "between 2026-10-01 and 2026-11-26" in report.access_sentence(two)


@pytest.mark.slow
def test_changed_data_value_changes_the_key_finding(tmp_path: Path) -> None:
    """Key findings are computed by the notebooks at build time, never typed into a template."""
    root = copy_project(tmp_path / "project")
    spec = yaml.safe_load((root / "report" / "report.yaml").read_text())
    spec["sections"] = [s for s in spec["sections"] if s["id"] == "trade"]
    (root / "report" / "report.yaml").write_text(yaml.safe_dump(spec, sort_keys=False))
    assert pakru(root, "build").returncode == 0
    before = (root / "report" / "latest" / "report.html").read_text()
    assert "two-way goods trade at 762 USD m in 2020" in before  # the trade summary, computed at build time
    path = root / "data" / "trade" / "observations.csv"
    text = path.read_text(encoding="utf-8")
    assert "146.173789" in text  # IMF DOTS, Pakistan-reported exports to Russia, 2020
    path.write_text(text.replace("146.173789", "246.173789", 1), encoding="utf-8")
    assert pakru(root, "build").returncode == 0
    after = (root / "report" / "latest" / "report.html").read_text()
    assert "two-way goods trade at 862 USD m in 2020" in after and "at 762 USD m" not in after
    assert "trade.latest_total: 762.4 USD million → 862.4 USD million" in after


@pytest.mark.slow
def test_report_stays_under_3_mb(built) -> None:
    assert (built[0] / "report" / "latest" / "report.html").stat().st_size < 3_000_000
