"""``pakru import KIND FILE``: merge rules, diff, validation before writing, provenance, atomic writes."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
from datetime import datetime, UTC
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT
from fixtures.cli import run as pakru
from data_files import digest, rows
from pakru.errors import DataFolderError
from pakru.intake import store
from pakru.intake.publisher import ImportOptions
from pakru.intake.registry import KINDS
from pakru.intake.merge import merge_rows
from pakru.intake.plan import plan_import
from pakru.intake.provenance import origin_of_file
from pakru.data.schema import CURRENCY_SHARES, TRADE_OBSERVATIONS

COFER = "imf_cofer_world_shares.csv"
DOTS_PAK = "imf_dots_xlsx_pak_reporter_trade_with_russia_1960-2020_samleblanc.csv"

# Every extract data/ was built from, the kind that reads it, and how many rows it gives.
BUILT_FROM = [
    ("imf-dots", DOTS_PAK, 58),
    ("imf-dots", "imf_dots_xlsx_rus_reporter_trade_with_pakistan_1992-2020_samleblanc.csv", 58),
    ("comtrade", "comtrade_plus_reporter_exports_pak_rus_2014-2021_garrettspooner.csv", 16),
    ("comtrade", "comtrade_plus_reporter_imports_pak_rus_2021_westonslayton.csv", 2),
    ("comtrade", "comtrade_legacy_api_rus_exports_to_pak_hs2_2019-2020_cappmait.csv", 92),
    ("ots", "ots_tradestatistics_pak_rus_by_community_1992-2018_jbkunst.csv", 857),
    ("imf-cofer", COFER, 244),
    ("swift-rmb", "swift_rmb_tracker_monthly_2022-09_2025-06.csv", 136),
    # October 2025 now rests on a press report of SWIFT's figures (the same values): 6 of the 8 rows
    ("swift-rmb", "swift_rmb_tracker_2025-07_2025-10_cisembayer_clean.csv", 6),
    ("swift-rmb", "swift_currency_shares_reports_2025-08_2025-11_cisembayer.csv", 8),
    ("sipri-register", "sipri_trade_register_pakistan_recipient.csv", 19),
    ("sipri-tiv", "sipri_tiv_imports_pakistan_by_supplier_year_1950-2021.csv", 219),
    # the Russia row (7 columns) and line I (7 columns) of each SBP workbook
    ("sbp-country", "sbp_export_receipts_by_all_countries_2026-03_farrukhmasud.xls", 14),
    ("sbp-country", "sbp_import_payments_by_all_countries_2026-03_farrukhmasud.xlsx", 14),
]


@pytest.fixture(scope="module")
def built_from_plan() -> tuple[object, ...]:
    """One plan merging every extract data/ was built from (merged and validated once, not 14 times)."""
    extracts = []
    for kind, name, _count in BUILT_FROM:
        path = FIXTURES / name
        extract = KINDS[kind].read(path, ImportOptions())
        extracts.append((extract, origin_of_file(kind, path, extract.source.url)))
    return plan_import(ROOT, tuple(extracts)).parts


@pytest.mark.parametrize(("at", "kind", "name", "count"), [(i, *b) for i, b in enumerate(BUILT_FROM)],
                         ids=[n for _, n, _ in BUILT_FROM])
def test_importing_an_extract_data_was_built_from_adds_and_changes_nothing(
        built_from_plan: tuple[object, ...], at: int, kind: str, name: str, count: int) -> None:
    part = built_from_plan[at]
    assert sum(d.unchanged for d in part.diffs) == count
    assert sum(len(d.added) + len(d.changed) for d in part.diffs) == 0
    # October 2025's two rows are stored from another source: the extract's are listed as conflicts
    expected_conflicts = 2 if name.startswith("swift_rmb_tracker_2025-07") else 0
    assert sum(len(d.conflicts) for d in part.diffs) == expected_conflicts
    assert part.registry == "unchanged"


def test_cofer_dry_run_reports_nothing_to_change(tmp_project: Path, source_extracts: Path) -> None:
    before = digest(tmp_project / "data")
    result = pakru(tmp_project, "import", "imf-cofer", str(source_extracts / COFER), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "data/payments/currency_shares.csv: 0 added, 0 changed, 244 unchanged" in result.stdout
    assert "nothing to change (0 added, 0 changed)" in result.stdout
    assert digest(tmp_project / "data") == before


def test_one_edited_cofer_value_is_shown_then_written_with_provenance(
        tmp_project: Path, source_extracts: Path, tmp_path: Path) -> None:
    text = (source_extracts / COFER).read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    # the renminbi's 2022-Q1 share, 2.838909... in the IMF file, stored as 2.8389
    i = next(n for n, ln in enumerate(lines) if ln.startswith("IMF.STA:COFER(7.0.0),G001.AFXRA.CI_CNY.SHRO_PT.Q,"))
    header = lines[0].rstrip("\n").split(",")
    col = header.index("2022-Q1")
    cells = next(csv.reader([lines[i]]))
    assert cells[col].startswith("2.8389")
    cells[col] = "3.1"
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(cells)
    lines[i] = buf.getvalue()
    edited = tmp_path / "cofer-edited.csv"
    edited.write_text("".join(lines), encoding="utf-8")
    data_before = digest(tmp_project / "data")

    dry = pakru(tmp_project, "import", "imf-cofer", str(edited), "--dry-run")
    assert dry.returncode == 0, dry.stderr
    assert "data/payments/currency_shares.csv: 0 added, 1 changed, 243 unchanged" in dry.stdout
    assert "~ imf_cofer, CNY, 2022-01-01, 2022-03-31, pay-imf-cofer: share_pct: 2.8389 → 3.1" in dry.stdout
    assert "dry run: nothing written" in dry.stdout
    assert digest(tmp_project / "data") == data_before

    done = pakru(tmp_project, "import", "imf-cofer", str(edited))
    assert done.returncode == 0, done.stderr
    assert "share_pct: 2.8389 → 3.1" in done.stdout  # the diff is printed before writing
    shares = rows(tmp_project, "payments/currency_shares.csv")
    cny = [r for r in shares if r["series"] == "imf_cofer" and r["currency"] == "CNY"
           and r["period_start"] == "2022-01-01"]
    assert [r["share_pct"] for r in cny] == ["3.1"]
    assert len(shares) == len(rows(Path(__file__).resolve().parents[1], "payments/currency_shares.csv"))
    # provenance: the registry row's accessed date and the import log
    today = datetime.now(UTC).date().isoformat()
    cofer = next(r for r in rows(tmp_project, "sources.csv") if r["source_id"] == "pay-imf-cofer")
    assert cofer["accessed"] == today
    # the log already holds the imports data/ was built with; this import adds one line at its end
    logged = rows(Path(__file__).resolve().parents[1], "raw/imports.csv")
    log = rows(tmp_project, "raw/imports.csv")
    assert log[:len(logged)] == logged
    log = log[len(logged):]
    assert [(r["source_id"], r["kind"], r["file"], r["sha256"], r["changed"]) for r in log] == [
        ("pay-imf-cofer", "imf-cofer", "cofer-edited.csv", hashlib.sha256(edited.read_bytes()).hexdigest(), "1")]
    assert log[0]["imported_utc"].startswith(today) and log[0]["imported_utc"].endswith("Z")
    assert pakru(tmp_project, "check").returncode == 0

    # idempotent: the second import of the same file changes nothing and says so
    after_first = digest(tmp_project / "data")
    again = pakru(tmp_project, "import", "imf-cofer", str(edited))
    assert again.returncode == 0, again.stderr
    assert "nothing to change (0 added, 0 changed)" in again.stdout
    assert digest(tmp_project / "data") == after_first


def test_a_file_that_makes_the_data_invalid_exits_3_and_changes_nothing(
        tmp_project: Path, source_extracts: Path, tmp_path: Path) -> None:
    text = (source_extracts / COFER).read_text(encoding="utf-8")
    bad = tmp_path / "cofer-bad.csv"
    # a share above 100 percent
    bad.write_text(text.replace(",58.968", ",158.968", 1), encoding="utf-8")
    assert ",158.968" in bad.read_text(encoding="utf-8")
    before = digest(tmp_project / "data")
    result = pakru(tmp_project, "import", "imf-cofer", str(bad))
    assert result.returncode == 3
    err = result.stderr.strip()
    assert len(err.splitlines()) == 1, err
    assert "data/payments/currency_shares.csv" in err and "column 'share_pct'" in err and "'158.968'" in err
    assert "row " in err and "above the maximum 100" in err
    assert digest(tmp_project / "data") == before


def test_a_file_in_another_format_exits_3_naming_the_file(tmp_project: Path, source_extracts: Path) -> None:
    result = pakru(tmp_project, "import", "sipri-tiv", str(source_extracts / COFER))
    assert result.returncode == 3
    assert COFER in result.stderr and "is not a sipri-tiv file" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_unknown_kind_and_missing_file_exit_2(tmp_project: Path, source_extracts: Path) -> None:
    unknown = pakru(tmp_project, "import", "imf-weo", str(source_extracts / COFER))
    assert unknown.returncode == 2
    assert "unknown kind 'imf-weo'" in unknown.stderr and "imf-cofer" in unknown.stderr
    missing = pakru(tmp_project, "import", "imf-cofer", str(source_extracts / "no-such-file.csv"))
    assert missing.returncode == 2
    assert "no-such-file.csv: no such file" in missing.stderr


def test_import_help_lists_every_kind_with_where_to_download(tmp_project: Path) -> None:
    result = pakru(tmp_project, "import", "--help")
    assert result.returncode == 0
    assert set(KINDS) == {"imf-dots", "comtrade", "ots", "imf-cofer", "swift-rmb", "sipri-register", "sipri-tiv",
                          "sbp-country", "imf-sdmx", "comtrade-api"}
    for kind in KINDS:
        line = next(ln for ln in result.stdout.splitlines() if ln.strip().startswith(kind + " "))
        assert len(line.split()) > 3, line
    assert "armstrade.sipri.org" in result.stdout and "data.imf.org" in result.stdout


def test_same_key_from_a_new_source_is_kept_beside_the_old_row_and_the_source_is_registered(
        tmp_project: Path, source_extracts: Path) -> None:
    before = rows(tmp_project, "trade/observations.csv")
    result = pakru(tmp_project, "import", "imf-dots", str(source_extracts / DOTS_PAK), "--source",
                   "trd-imf-dots-pak-mirror", "--url", "https://example.org/dots-copy.csv")
    assert result.returncode == 0, result.stderr
    assert "58 added, 0 changed, 0 unchanged" in result.stdout
    after = rows(tmp_project, "trade/observations.csv")
    assert after[: len(before)] == before  # nothing replaced or deleted
    new = after[len(before):]
    assert len(new) == 58 and {r["source_id"] for r in new} == {"trd-imf-dots-pak-mirror"}
    source = next(r for r in rows(tmp_project, "sources.csv") if r["source_id"] == "trd-imf-dots-pak-mirror")
    assert source["publisher"] == "International Monetary Fund"
    assert source["url"] == "https://example.org/dots-copy.csv"
    assert source["accessed"] == datetime.now(UTC).date().isoformat()
    assert pakru(tmp_project, "check").returncode == 0


def test_a_dataset_keyed_without_source_keeps_the_stored_row_and_lists_the_conflict(
        tmp_project: Path, source_extracts: Path) -> None:
    before = digest(tmp_project / "data")
    result = pakru(tmp_project, "import", "imf-cofer", str(source_extracts / COFER), "--source", "pay-other-cofer")
    assert result.returncode == 0, result.stderr
    assert "0 added, 0 changed, 0 unchanged, 244 conflicting (not merged)" in result.stdout
    assert "already held by source pay-imf-cofer" in result.stdout
    assert digest(tmp_project / "data") == before  # no registry row for a source nobody cites


def _obs(flow: str, year: int, value: str, source: str) -> dict[str, str]:
    return {"flow": flow, "period_start": f"{year}-01-01", "period_end": f"{year}-12-31", "basis": "calendar",
            "reporter": "PAK", "value": value, "qualifier": "", "unit": "USD million", "series": "IMF DOTS",
            "source_id": source, "note": ""}


def test_merge_replaces_same_source_keeps_other_sources_and_deletes_nothing() -> None:
    existing = (_obs("exports", 2020, "10", "a"), _obs("exports", 2020, "11", "b"), _obs("imports", 2020, "5", "a"))
    incoming = (_obs("exports", 2020, "12.5", "a"), _obs("exports", 2021, "13", "a"), _obs("imports", 2020, "5.0", "a"))
    merged, diff = merge_rows(TRADE_OBSERVATIONS, existing, incoming, frozenset({"note"}), "f.csv")
    assert [r["value"] for r in merged] == ["12.5", "11", "5", "13"]
    assert diff.unchanged == 1  # 5 and 5.0 are the same number
    assert [(c.key[-1], [(x.column, x.old, x.new) for x in c.cells]) for c in diff.changed] == [
        ("a", [("value", "10", "12.5")])]
    assert [r["period_start"] for r in diff.added] == ["2021-01-01"]


def test_merge_keeps_a_hand_written_note_on_an_existing_row() -> None:
    row = {"series": "imf_cofer", "period_start": "2022-01-01", "period_end": "2022-03-31",
           "period_type": "quarter", "currency": "CNY", "share_pct": "2.8", "break": "true", "break_note": "why",
           "source_id": "s", "note": "mine"}
    incoming = ({**row, "share_pct": "2.9", "break": "", "break_note": "", "note": "generated"},)
    merged, diff = merge_rows(CURRENCY_SHARES, (row,), incoming, frozenset({"note", "break", "break_note"}), "f")
    assert merged[0] == {**row, "share_pct": "2.9"}
    assert len(diff.changed) == 1 and [c.column for c in diff.changed[0].cells] == ["share_pct"]


@pytest.mark.parametrize("together", [False, True], ids=["replace_files", "replace_together (journal)"])
def test_an_interrupted_write_leaves_every_file_old(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    together: bool) -> None:
    def write(contents: dict[Path, bytes]) -> None:
        if together:
            store.replace_together(contents, tmp_path, tmp_path, "test")
        else:
            store.replace_files(contents)

    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_bytes(b"old a\n")
    b.write_bytes(b"old b\n")
    calls = []
    real_fsync = os.fsync

    def failing_fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError("disk full")
        real_fsync(fd)

    monkeypatch.setattr(store.os, "fsync", failing_fsync)
    with pytest.raises(DataFolderError, match="cannot write .*disk full; nothing was written"):  # exit 8, one line
        write({a: b"new a\n", b: b"new b\n"})
    assert (a.read_bytes(), b.read_bytes()) == (b"old a\n", b"old b\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b.csv"]  # no temporary, backup or journal
    monkeypatch.setattr(store.os, "fsync", real_fsync)
    write({a: b"new a\n", b: b"new b\n"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b.csv"]
    assert (a.read_bytes(), b.read_bytes()) == (b"new a\n", b"new b\n")


def test_a_transcription_missing_a_column_names_the_column(tmp_project: Path, tmp_path: Path) -> None:
    short = tmp_path / "rmb.csv"
    short.write_text("month,rmb_share_global_pct,rmb_share_excl_eurozone_pct\n2024-07,4.74,3.32\n", encoding="utf-8")
    result = pakru(tmp_project, "import", "swift-rmb", str(short))
    assert result.returncode == 3
    assert "missing column 'rmb_rank_global'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_fixture_files_match_the_sha256_in_the_fixtures_readme(source_extracts: Path) -> None:
    """Every publisher's file the tests read is in tests/fixtures/extracts, named in its README with
    its SHA-256, and unchanged (a line-ending conversion by git would show here)."""
    readme = (source_extracts.parent / "README.md").read_text(encoding="utf-8")
    listed = dict(re.findall(r"^\| `([^`]+)` \|.*\| `([0-9a-f]{64})` \|$", readme, flags=re.MULTILINE))
    present = {p.name for p in source_extracts.iterdir() if p.is_file()}
    assert present and set(listed) == present
    for name, sha in listed.items():
        data = (source_extracts / name).read_bytes()
        assert len(data) < 1024 * 1024, name
        assert hashlib.sha256(data).hexdigest() == sha, name


def test_the_readme_tables_and_help_come_from_the_one_registry(tmp_project: Path, project_root: Path) -> None:
    """Each publisher is one folder declared once (registry.PUBLISHERS); the README's kind and source
    tables name exactly what the registry holds, and 'pakru update --help' lists its sources."""
    from pakru.intake.registry import PUBLISHERS, UPDATE_SOURCES

    readme = (project_root / "README.md").read_text(encoding="utf-8")
    kinds = set(re.findall(r"^\| `([a-z0-9-]+)` \| ", readme.split("| `pakru import` kind |")[1].split("\n\n")[0],
                           flags=re.MULTILINE))
    assert kinds == set(KINDS)
    table = readme.split("| `pakru update` source |")[1].split("\n\n")[0]
    sources = {s for cell in re.findall(r"^\| ([^|]+) \| ", table, flags=re.MULTILINE)
               for s in re.findall(r"`([a-z]+)`", cell)}
    assert sources == set(UPDATE_SOURCES) == {"imf", "comtrade", "sbp", "sipri", "swift"}
    package = project_root / "src" / "pakru" / "intake" / "publishers"
    assert {p.name for p in PUBLISHERS} == {d.name for d in package.iterdir() if (d / "source.py").is_file()}
    helped = pakru(tmp_project, "update", "--help").stdout
    assert all(f"  {name} " in helped for name in UPDATE_SOURCES)
