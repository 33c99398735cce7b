"""report/index.html, the shelf of kept runs, from fabricated manifests in a temporary folder."""

from __future__ import annotations

import json
import re
from pathlib import Path

from pakru.page import shelf


def _run(report: Path, name: str, files: tuple[str, ...] = ("report.html",), **manifest: object) -> Path:
    folder = report / "runs" / name
    folder.mkdir(parents=True)
    (folder / "manifest.json").write_text(json.dumps({"run": name, **manifest}), encoding="utf-8")
    for f in files:
        (folder / f).write_text("x", encoding="utf-8")
    return folder


def _findings(total: float, share: float) -> list[dict[str, object]]:
    return [
        {"key": "trade.latest_total", "value": total, "unit": "USD million", "headline": True,
         "text": f"Two-way trade of {total:,} USD m in 2024."},
        {"key": "trade.cagr", "value": 4.2, "unit": "percent", "headline": True, "text": "Growth 4.2% a year."},
        {"key": "trade.hidden", "value": 1, "unit": "", "headline": False, "text": "not a headline"},
        {"key": "payments.rouble_share", "value": share, "unit": "percent", "headline": True,
         "text": f"Roubles {share}%."},
        {"key": "defence.events", "value": 57, "unit": "events", "headline": True, "text": "57 events."},
        {"key": "claims.checked", "value": 12, "unit": "claims", "headline": True, "text": "12 claims."},
    ]


def _shelf(tmp_path: Path) -> Path:
    report = tmp_path / "report"
    _run(report, "20261101T080000000Z", files=("report.html", "report.pdf"), status="succeeded",
         started_utc="2026-11-01T08:00:00+00:00", git_commit="aaaaaaaaaaaaaaaa", data_vintage="2026-10-30",
         findings=_findings(762.4, 40.0))
    _run(report, "20261115T080000000Z", files=(), status="failed", started_utc="2026-11-15T08:00:00+00:00",
         git_commit="bbbbbbbbbbbbbbbb", data_vintage="2026-11-10",
         error="notebook notebooks/02.ipynb failed in cell 7: KeyError: 'usd'\nTraceback line")
    _run(report, "20261128T080000000Z", files=("report.html",), status="succeeded",
         started_utc="2026-11-28T08:00:00+00:00", git_commit="cccccccccccccccc",
         data_vintage={"IMF": "2026-11-20", "SIPRI": "2026-03-10"}, findings=_findings(862.4, 45.5))
    return report


def test_index_lists_runs_newest_first_with_date_commit_vintage_and_status(tmp_path: Path) -> None:
    out = shelf.write_index(_shelf(tmp_path))
    page = out.read_text(encoding="utf-8")
    assert out == tmp_path / "report" / "index.html"
    order = [page.index(d) for d in ("2026-11-28 08:00 UTC</h2>", "2026-11-15 08:00 UTC</h2>",
                                     "2026-11-01 08:00 UTC</h2>")]
    assert order == sorted(order)
    assert "<code>cccccccccccc</code>" in page and "cccccccccccccccc" not in page
    assert "IMF: 2026-11-20; SIPRI: 2026-03-10" in page and "<dd>2026-10-30</dd>" in page
    # a failed run shows its one-line error and nothing after the first line
    assert "KeyError: &#x27;usd&#x27;" in page and "Traceback line" not in page


def test_each_run_shows_four_headline_figures_one_per_section_first(tmp_path: Path) -> None:
    entries = shelf.kept_runs(_shelf(tmp_path))
    assert [f.key for f in entries[0].figures] == ["trade.latest_total", "payments.rouble_share",
                                                   "defence.events", "claims.checked"]
    page = shelf.index_html(entries)
    assert "Two-way trade of 862.4 USD m in 2024." in page and "not a headline" not in page


def test_links_are_relative_and_only_to_files_that_exist(tmp_path: Path) -> None:
    page = shelf.write_index(_shelf(tmp_path)).read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]+)"', page)
    assert "runs/20261101T080000000Z/report.pdf" in links
    assert "runs/20261128T080000000Z/report.html" in links
    assert "runs/20261128T080000000Z/report.pdf" not in links  # not printed in that run
    assert "runs/20261115T080000000Z/report.html" not in links  # the failed run has no report
    for link in links:
        assert not link.startswith(("/", "http:", "https:", "file:"))
        assert (tmp_path / "report" / link).is_file(), link


def test_movement_table_follows_each_figure_across_runs(tmp_path: Path) -> None:
    page = shelf.index_html(shelf.kept_runs(_shelf(tmp_path)))
    table = page.split("<table>")[1].split("</table>")[0]
    row = re.search(r'<th scope="row">trade.latest_total</th>(.*?)</tr>', table).group(1)
    assert re.findall(r"<td>([^<]*)</td>", row) == ["862.4 USD million", "762.4 USD million"]
    share = re.search(r'<th scope="row">payments.rouble_share</th>(.*?)</tr>', table).group(1)
    assert re.findall(r"<td>([^<]*)</td>", share) == ["45.5%", "40%"]
    assert "2026-11-15" not in table  # a failed run without figures has no column


def test_page_is_self_contained_and_script_free(tmp_path: Path) -> None:
    page = shelf.write_index(_shelf(tmp_path)).read_text(encoding="utf-8")
    assert "<script" not in page and "Content-Security-Policy" in page and "<style>" in page
    assert not re.search(r'(src|href)="(https?:)?//', page)


def test_unreadable_manifest_is_listed_not_raised(tmp_path: Path) -> None:
    report = tmp_path / "report"
    (report / "runs" / "20261120T000000000Z").mkdir(parents=True)
    (report / "runs" / "20261120T000000000Z" / "manifest.json").write_text("{broken", encoding="utf-8")
    page = shelf.write_index(report).read_text(encoding="utf-8")
    assert "manifest.json unreadable" in page and "20261120T000000000Z" in page


def test_markup_in_a_manifest_is_shown_as_text(tmp_path: Path) -> None:
    report = tmp_path / "report"
    _run(report, "20261120T000000000Z", status="failed", started_utc="2026-11-20T00:00:00+00:00",
         git_commit="<script>x</script>", error="<img src=x onerror=alert(1)>")
    page = shelf.write_index(report).read_text(encoding="utf-8")
    assert "<script>x" not in page and "<img src=x" not in page and "&lt;img src=x" in page


def test_empty_shelf_says_so_and_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    report = tmp_path / "report"
    report.mkdir()
    page = shelf.write_index(report).read_text(encoding="utf-8")
    assert "No runs are kept yet." in page and "<table" not in page
    assert sorted(p.name for p in report.iterdir()) == ["index.html"]


def test_vintage_per_publisher_may_sit_beside_the_single_date_in_the_manifest_order(tmp_path: Path) -> None:
    report = tmp_path / "report"
    _run(report, "20261120T000000000Z", status="succeeded", started_utc="2026-11-20T00:00:00+00:00",
         data_vintage="2026-11-26",
         data_vintage_by_publisher={"IMF": "2026-11-26", "SIPRI": "2026-03-10", "press": "2026-11-01"})
    # the build writes statistics first, then officials and press: the shelf keeps that order
    assert shelf.kept_runs(report)[0].vintage == (("IMF", "2026-11-26"), ("SIPRI", "2026-03-10"),
                                                  ("press", "2026-11-01"))


def test_format_value_units() -> None:
    assert shelf.format_value(1046.25, "USD million") == "1,046.25 USD million"
    assert shelf.format_value(12.0, "percent") == "12%"
    assert shelf.format_value(57, "events") == "57 events"
    assert shelf.format_value(None, "percent") == "–"
    assert shelf.format_value(2016, "year") == "2016 year"


def test_shelf_marks_the_current_edition_and_shows_settings_and_failed_refreshes(tmp_path: Path) -> None:
    report = _shelf(tmp_path)
    _run(report, "20261130T080000000Z", status="succeeded", started_utc="2026-11-30T08:00:00+00:00",
         parameters_changed={"trade.basis": "fiscal"},
         update_status={"sources": {"imf": {"publisher": "International Monetary Fund", "ok": False}}})
    (report / "latest").symlink_to("runs/20261128T080000000Z")
    page = shelf.write_index(report).read_text(encoding="utf-8")
    runs = {m.group(1): m.group(2) for m in re.finditer(r'<h2 id="run-(\w+)">(.*?)</dd></dl>', page, re.S)}
    assert "the current edition" in runs["20261128T080000000Z"]
    assert sum("the current edition" in r for r in runs.values()) == 1
    assert "trade.basis = fiscal" in runs["20261130T080000000Z"]
    assert "International Monetary Fund" in runs["20261130T080000000Z"]
    assert "the report's defaults" in runs["20261128T080000000Z"]


def test_shelf_says_when_the_newest_check_made_no_new_edition(tmp_path: Path) -> None:
    report = _shelf(tmp_path)
    log = report / shelf.RUN_LOG
    log.write_text(json.dumps({"time_utc": "2026-11-29T05:30:00+00:00", "outcome": "new edition",
                               "run": "20261128T080000000Z"}) + "\n", encoding="utf-8")
    assert "Last checked" not in shelf.write_index(report).read_text(encoding="utf-8")
    with log.open("a", encoding="utf-8") as fh:
        fh.write("not json\n" + json.dumps({"time_utc": "2026-11-30T05:30:00+00:00",
                                            "outcome": "no new edition: nothing changed",
                                            "run": "20261128T080000000Z"}) + "\n")
    page = shelf.write_index(report).read_text(encoding="utf-8")
    assert "Last checked 2026-11-30 05:30 UTC: nothing had changed, so no new edition was made" in page
    assert 'href="#run-20261128T080000000Z"' in page
