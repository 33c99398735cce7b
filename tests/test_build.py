"""End to end: `pakru build` in a temporary copy of the project (in this process, ``pakru_here``,
unless the process's own stderr is what is checked)."""

from __future__ import annotations

import csv
import json
import re
import subprocess
from pathlib import Path

import nbformat
import pytest

from conftest import pakru_here, pakru_process

pytestmark = pytest.mark.slow


def _fake_last_good_report(root: Path) -> str:
    """A previous successful run that a failing build must leave alone."""
    run = root / "report" / "runs" / "20000101T000000000Z"
    run.mkdir(parents=True)
    (run / "report.html").write_text("<html>last good report</html>")
    (root / "report" / "latest").symlink_to(Path("runs") / run.name)
    return (root / "report" / "latest" / "report.html").read_text()


def test_build_publishes_the_report_and_prints_its_path(built: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    root, result = built
    report = root / "report" / "latest" / "report.html"
    assert report.is_file()
    assert str(report) in result.stdout
    assert "running notebooks/01_trade_growth.ipynb" in result.stdout
    assert "done    notebooks/01_trade_growth.ipynb in" in result.stdout


def test_report_has_every_section_and_a_contents_list(built: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    root, _ = built
    html = (root / "report" / "latest" / "report.html").read_text()
    from pakru.spec import params

    for section in params.load_spec(root).sections:
        assert re.search(rf'<section class="report-section[^"]*" id="{section.id}"', html)
        # the contents list every section after the front page (which opens the report)
        assert section.id == "overview" or f'<a href="#{section.id}">{section.title}</a>' in html
    # the title block's words are the page's (tests of pakru.page); the build's record is "About"
    assert "Edition of" in html
    assert "Key figure " not in html  # the key-figure records travel to the findings block, not the page
    # no Python repr leaked onto the page (a cell whose last expression returned a value)
    assert not re.search(r"<pre>\s*(\{'|\[|<pakru|[A-Za-z_]+\()", html)
    assert "<pre><code>" not in html  # code is hidden unless --show-code
    about = html.split('id="about"')[1]
    for section in params.load_spec(root).sections:  # each notebook's status and duration
        assert re.search(rf"<td>{re.escape(section.notebook)}</td><td>executed</td><td>\d+\.\d</td>", about)


def test_report_fetches_nothing_from_the_network(built: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    root, _ = built
    html = (root / "report" / "latest" / "report.html").read_text()
    remote = re.findall(r'<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["\']?\s*(?:https?:)?//', html, re.I)
    assert remote == []
    # no require.js, no MathJax, nothing to run (the citation metadata is JSON-LD: data, not code)
    scripts = re.findall(r"<script\b[^>]*>", html, re.I)
    assert all('type="application/ld+json"' in tag for tag in scripts), scripts
    assert re.findall(r"<link\b", html, re.I) == []  # no stylesheet or font fetched
    assert re.findall(r"@import|url\(\s*['\"]?(?:https?:)?//", html, re.I) == []  # nor from inside the CSS
    assert re.search(r"<svg\b", html)  # the charts are inline SVG, nothing to fetch


def test_manifest_records_the_run(built: tuple[Path, subprocess.CompletedProcess[str]]) -> None:
    root, _ = built
    manifest = json.loads((root / "report" / "latest" / "manifest.json").read_text())
    assert manifest["status"] == "succeeded"
    assert manifest["parameters"]["trade"]["basis"] == "calendar"
    assert set(manifest["data_sha256"]) >= {"data/sources.csv", "data/trade/observations.csv"}
    assert all(len(v) == 64 for v in manifest["data_sha256"].values())
    assert [n["status"] for n in manifest["notebooks"]] == ["executed"] * len(manifest["notebooks"])
    assert all(n["duration_s"] > 0 for n in manifest["notebooks"])
    assert manifest["packages"]["pandas"] and manifest["packages"]["papermill"]
    assert (root / "report" / "latest" / manifest["notebooks"][0]["executed"]).is_file()
    assert not any("reuse_from" in n for n in manifest["notebooks"])  # no path of this machine
    # "What changed" as a record (pakru.build.changes.Changes), beside the lines "About this run" shows
    assert manifest["what_changed"]["first_edition"] is True and manifest["what_changed"]["baseline"] is None
    assert manifest["what_changed"]["settings"] == {"non_default": []}
    assert manifest["changes"] == ["This is the first run: there is nothing to compare with."]
    # freshness per publisher group, the update status (none yet), and the row digests the next
    # run compares with: one digest per row of each data file
    assert list(manifest["data_vintage_by_publisher"])[:3] == ["IMF", "UN Comtrade", "SIPRI"]
    assert max(manifest["data_vintage_by_publisher"].values()) == manifest["data_vintage"]
    assert manifest["update_status"] == {"format": 1, "sources": {}}
    assert set(manifest["data_rows"]) == set(manifest["data_sha256"])
    with (root / "data" / "trade" / "observations.csv").open(encoding="utf-8") as fh:
        assert len(manifest["data_rows"]["data/trade/observations.csv"]) == len(list(csv.DictReader(fh)))


def test_failed_update_shows_in_the_title_block_and_changed_rows_in_what_changed(tmp_project: Path) -> None:
    import yaml

    spec = tmp_project / "report" / "report.yaml"
    raw = yaml.safe_load(spec.read_text())
    raw["sections"] = [s for s in raw["sections"] if s["id"] == "trade"]
    spec.write_text(yaml.safe_dump(raw, sort_keys=False))
    assert pakru_here(tmp_project, "build").returncode == 0
    (tmp_project / "state").mkdir()
    (tmp_project / "state" / "update-status.json").write_text(json.dumps({"format": 1, "sources": {"imf": {
        "publisher": "International Monetary Fund", "last_attempt_utc": "2026-11-29T05:00:00Z", "ok": False,
        "exit_code": 7, "error": "update imf: cannot reach the IMF API (timed out)",
        "last_success_utc": "2026-11-28T05:00:00Z"}}}))
    path = tmp_project / "data" / "trade" / "observations.csv"
    header, first, *rest = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text(header + "".join(rest), encoding="utf-8")  # one row gone
    result = pakru_here(tmp_project, "build")
    assert result.returncode == 0, result.stderr
    html = (tmp_project / "report" / "latest" / "report.html").read_text()
    body, about = html.split('id="about"')[0], html.split('id="about"')[1]
    # page 1: one plain line; the error, its exit code and the times go to "About this run"
    assert "IMF figures could not be refreshed on 29 Nov 2026; shown as of 28 Nov 2026." in body
    assert "cannot reach the IMF API" not in body.split('<section class="report-section appendix"')[0]
    assert "failed (exit 7): update imf: cannot reach the IMF API (timed out)" in about
    manifest = json.loads((tmp_project / "report" / "latest" / "manifest.json").read_text())
    # "What changed" as the build records it (the page shows its box after the front section,
    # which this trade-only report has not)
    assert manifest["what_changed"]["datasets"] == [{"file": "data/trade/observations.csv", "added": 0,
                                                     "removed": 1, "changed": 0}]
    assert manifest["update_status"]["sources"]["imf"]["ok"] is False


def test_a_failed_update_alone_renders_the_page_again(tmp_project: Path) -> None:
    """No data file changed, but the title block must say that the latest refresh failed."""
    import yaml

    spec = tmp_project / "report" / "report.yaml"
    raw = yaml.safe_load(spec.read_text())
    raw["sections"] = [s for s in raw["sections"] if s["id"] == "defence"]  # a quick one that stands alone
    spec.write_text(yaml.safe_dump(raw, sort_keys=False))
    assert pakru_here(tmp_project, "build").returncode == 0
    (tmp_project / "state").mkdir()
    (tmp_project / "state" / "update-status.json").write_text(json.dumps({"format": 1, "sources": {"comtrade": {
        "publisher": "United Nations Statistics Division (UN Comtrade)", "last_attempt_utc": "2026-11-29T06:00:00Z",
        "ok": False, "exit_code": 7, "error": "update comtrade: HTTP 503", "last_success_utc": None}}}))
    result = pakru_here(tmp_project, "build")
    assert result.returncode == 0, result.stderr
    assert "nothing changed" not in result.stdout
    assert "update comtrade: HTTP 503" in (tmp_project / "report" / "latest" / "report.html").read_text()
    again = pakru_here(tmp_project, "build")
    assert "nothing changed" in again.stdout


def test_bad_parameter_exits_2_before_any_kernel_starts(tmp_project: Path) -> None:
    before = _fake_last_good_report(tmp_project)
    result = pakru_here(tmp_project, "build", "-p", "basis=lunar")
    assert result.returncode == 2
    assert result.stderr.strip() == ("pakru: parameter 'basis': 'lunar' is not allowed; "
                                     "allowed: one of: calendar, fiscal")
    assert sorted(p.name for p in (tmp_project / "report" / "runs").iterdir()) == ["20000101T000000000Z"]
    assert (tmp_project / "report" / "latest" / "report.html").read_text() == before


def test_corrupted_data_row_exits_3_naming_file_and_row(tmp_project: Path) -> None:
    before = _fake_last_good_report(tmp_project)
    path = tmp_project / "data" / "trade" / "observations.csv"
    rows = list(csv.reader(path.open(encoding="utf-8")))
    rows[7][rows[0].index("value")] = "n/a"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    result = pakru_here(tmp_project, "build")
    assert result.returncode == 3
    assert result.stderr.startswith("pakru: data/trade/observations.csv, row 7 (line 8), column 'value': 'n/a' "
                                    "is not a number")
    assert len(result.stderr.strip().splitlines()) == 1
    assert (tmp_project / "report" / "latest" / "report.html").read_text() == before


def test_failing_notebook_exits_4_and_leaves_latest_untouched(tmp_project: Path) -> None:
    before = _fake_last_good_report(tmp_project)
    nb_path = tmp_project / "notebooks" / "01_trade_growth.ipynb"
    nb = nbformat.read(nb_path, as_version=4)
    nb.cells.insert(3, nbformat.v4.new_code_cell('raise RuntimeError("deliberate failure for the test")'))
    nbformat.write(nb, nb_path)
    result = pakru_process(tmp_project, "build")
    assert result.returncode == 4
    first = result.stderr.strip().splitlines()
    assert "notebooks/01_trade_growth.ipynb, cell" in first[0]
    assert "RuntimeError: deliberate failure for the test" in first[0]
    partial = Path(first[1].split("partly executed notebook:")[1].strip())
    assert partial.is_file() and partial.parent.parent.parent.name == "runs"
    assert (tmp_project / "report" / "latest" / "report.html").read_text() == before
    manifest = json.loads((partial.parent.parent / "manifest.json").read_text())
    assert manifest["status"] == "failed"
    # the shelf shows the failed run with its one-line error, beside the last good one
    shelf = (tmp_project / "report" / "index.html").read_text()
    assert f'id="run-{partial.parent.parent.name}"' in shelf and "deliberate failure for the test" in shelf


def _trade_only(root: Path) -> None:
    import yaml

    spec = root / "report" / "report.yaml"
    raw = yaml.safe_load(spec.read_text())
    raw["sections"] = [s for s in raw["sections"] if s["id"] == "trade"]
    spec.write_text(yaml.safe_dump(raw, sort_keys=False))


def test_two_builds_leave_a_shelf_of_two_runs_newest_first_with_working_links_and_show_code_keeps_code(
        tmp_project: Path) -> None:
    _trade_only(tmp_project)
    assert pakru_here(tmp_project, "build").returncode == 0
    # one build fewer in the suite: the second build also checks --show-code
    second = pakru_here(tmp_project, "build", "--show-code", "-p", "start_year=2010")
    assert second.returncode == 0, second.stderr
    report = tmp_project / "report"
    html = (report / "latest" / "report.html").read_text()
    assert "trade.tables.spec(" in html and "<pre><code>" in html  # the notebook's own code
    assert "Built with non-default settings: trade.start_year = 2010." in html  # the title block
    shelf = (report / "index.html").read_text()
    runs = sorted(p.name for p in (report / "runs").iterdir())
    assert len(runs) == 2
    assert re.findall(r'id="run-([^"]+)"', shelf) == runs[::-1]  # newest first
    links = re.findall(r'href="([^"#]+)"', shelf)
    assert {f"runs/{r}/{f}" for r in runs for f in ("report.html", "manifest.json")} <= set(links)
    assert all(not link.startswith(("/", "http")) and (report / link).is_file() for link in links), links
    assert not list(report.glob(".index.html*"))  # written in one step, no temporary left
    # a build that finds nothing to do leaves the run folders alone, and writes a shelf that went missing
    (report / "index.html").unlink()
    third = pakru_here(tmp_project, "build", "--show-code", "-p", "start_year=2010")
    assert third.returncode == 0 and "nothing changed" in third.stderr + third.stdout
    assert re.findall(r'id="run-([^"]+)"', (report / "index.html").read_text()) == runs[::-1]
