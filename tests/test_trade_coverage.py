"""Trade figures say what they cover (goods, or goods and services); the 2021-2025 figures and the
data-audit corrections are pinned to what their cited pages say."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd
import pytest

from pakru.data import datasets as data
from pakru.errors import DataError
from pakru.data.schema import COVERAGE, PAKISTAN_TOTALS, TRADE_OBSERVATIONS

OBS = "data/trade/observations.csv"
TOTALS = "data/trade/pakistan_totals.csv"
ARAB_NEWS = "trd-arabnews-2025-07-02-sbp"


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return data.load_all(Path(__file__).resolve().parents[1])


def _iso(frame: pd.DataFrame, column: str) -> pd.Series:
    return pd.to_datetime(frame[column]).dt.strftime("%Y-%m-%d")


def _one(obs: pd.DataFrame, flow: str, start: str, end: str, source_id: str) -> pd.Series:
    hit = obs[(obs["flow"] == flow) & (_iso(obs, "period_start") == start) & (_iso(obs, "period_end") == end)
              & (obs["source_id"] == source_id)]
    assert len(hit) == 1, (flow, start, end, source_id)
    return hit.iloc[0]


def _set_cell(root: Path, rel: str, row: int, column: str, value: str) -> None:
    path = root / rel
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    rows[row][rows[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)


# --- the schema -------------------------------------------------------------------------------


@pytest.mark.parametrize("schema", [TRADE_OBSERVATIONS, PAKISTAN_TOTALS], ids=lambda s: s.name)
def test_coverage_is_a_required_column_with_two_values_and_part_of_the_key(schema) -> None:
    col = schema.column("coverage")
    assert col.required
    assert col.choices == COVERAGE == ("goods", "goods and services")
    assert "coverage" in schema.key


@pytest.mark.parametrize("rel, name", [(OBS, "trade_observations"), (TOTALS, "pakistan_totals")])
def test_an_empty_coverage_stops_the_load_naming_the_row(tmp_project: Path, rel: str, name: str) -> None:
    _set_cell(tmp_project, rel, 2, "coverage", "")
    with pytest.raises(DataError) as info:
        data.load(name, tmp_project)
    assert str(info.value).startswith(f"{rel}, row 2 (line 3), column 'coverage'")
    assert "required" in str(info.value)


def test_a_coverage_outside_the_two_values_is_rejected(tmp_project: Path) -> None:
    _set_cell(tmp_project, OBS, 4, "coverage", "services")
    with pytest.raises(DataError) as info:
        data.load("trade_observations", tmp_project)
    msg = str(info.value)
    assert msg.startswith(f"{OBS}, row 4 (line 5), column 'coverage': 'services' is not allowed here")
    assert "goods, goods and services" in msg


def test_same_figure_with_other_coverage_is_not_a_duplicate(tmp_project: Path) -> None:
    path = tmp_project / OBS
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    i = rows[0].index("coverage")
    twin = list(rows[1])
    twin[i] = "goods and services"
    rows.append(twin)
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    assert len(data.load("trade_observations", tmp_project)) == len(rows) - 1


# --- the shipped data -------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["trade_observations", "pakistan_totals"])
def test_every_trade_row_says_what_it_covers(frames: dict[str, pd.DataFrame], name: str) -> None:
    frame = frames[name]
    assert frame["coverage"].notna().all()
    assert set(frame["coverage"]) <= set(COVERAGE)


def test_only_the_three_sbp_totals_quoted_by_arab_news_include_services(frames: dict[str, pd.DataFrame]) -> None:
    obs = frames["trade_observations"]
    gs = obs[obs["coverage"] == "goods and services"]
    got = {(r.flow, s, e, r.value)
           for r, s, e in zip(gs.itertuples(), _iso(gs, "period_start"), _iso(gs, "period_end"))}
    assert got == {
        ("total", "2023-07-01", "2024-06-30", 1810.0),
        ("total", "2023-07-01", "2024-05-31", 1040.0),
        ("total", "2024-07-01", "2025-05-31", 236.0),
    }
    assert set(gs["source_id"]) == {ARAB_NEWS}
    assert set(gs["reporter"]) == {"PAK"} and set(gs["series"]) == {"SBP"} and set(gs["basis"]) == {"fiscal"}
    assert (frames["pakistan_totals"]["coverage"] == "goods").all()


def test_fy2023_24_total_is_goods_and_services_from_sbp(frames: dict[str, pd.DataFrame]) -> None:
    row = _one(frames["trade_observations"], "total", "2023-07-01", "2024-06-30", ARAB_NEWS)
    assert row["value"] == 1810 and row["unit"] == "USD million"
    assert row["coverage"] == "goods and services"
    assert row["series"] == "SBP" and row["reporter"] == "PAK"


def test_july_may_windows_stay_partial_windows(frames: dict[str, pd.DataFrame]) -> None:
    obs = frames["trade_observations"]
    fy25 = _one(obs, "total", "2024-07-01", "2025-05-31", ARAB_NEWS)
    fy24 = _one(obs, "total", "2023-07-01", "2024-05-31", ARAB_NEWS)
    assert (fy25["value"], fy25["coverage"]) == (236, "goods and services")
    assert (fy24["value"], fy24["coverage"]) == (1040, "goods and services")
    # the only full-year FY2024-25 figures are the SBP workbook's goods rows (exports and imports, revised):
    # the press pair stays two partial windows, nothing is filled in from them
    full = obs[(_iso(obs, "period_start") == "2024-07-01") & (_iso(obs, "period_end") == "2025-06-30")]
    assert sorted(full["flow"]) == ["exports", "imports"]
    assert set(full["series"]) == {"SBP, goods settled through banks"} and set(full["coverage"]) == {"goods"}
    assert set(full["qualifier"]) == {"revised"}


def test_both_windows_for_the_2025_export_figure_are_kept(frames: dict[str, pd.DataFrame]) -> None:
    obs = frames["trade_observations"]
    jan_jul = _one(obs, "exports", "2025-01-01", "2025-07-31", "trd-prime-2026-02-27-comtrade")
    h1 = _one(obs, "exports", "2025-01-01", "2025-06-30", "trd-lenta-2026-02-27-comtrade")
    assert jan_jul["value"] == h1["value"] == 45
    assert jan_jul["coverage"] == h1["coverage"] == "goods"


def test_every_2021_to_2025_row_has_a_followable_source(frames: dict[str, pd.DataFrame]) -> None:
    sources = frames["sources"].set_index("source_id")
    for name in ("trade_observations", "pakistan_totals", "trade_composition"):
        frame = frames[name]
        recent = frame[_iso(frame, "period_start") >= "2021-01-01"]
        assert len(recent) > 0, name
        for sid in recent["source_id"]:
            src = sources.loc[sid]
            assert re.match(r"https?://\S+$", src["url"]), (name, sid)
            assert pd.notna(src["accessed"]) and str(src["publisher"]).strip(), (name, sid)


def test_new_sources_are_dated_and_accessed_today(frames: dict[str, pd.DataFrame]) -> None:
    sources = frames["sources"].set_index("source_id")
    expected = {
        ARAB_NEWS: ("https://www.arabnews.pk/node/2606604/pakistan", "2025-07-02"),
        "trd-lenta-2026-02-27-comtrade": (
            "https://lenta.ru/news/2026/02/27/rossii-predrekli-problemy-s-kartofelem-iz-za-pakistana-i-afganistana/",
            "2026-02-27"),
        "trd-sputnikhindi-2024-04-05-wheat": (
            "https://hindi.sputniknews.in/amp/20240405/russia-supplied-a-record-volume-of-grain-to-pakistan-"
            "occupying-70-of-the-market-7046568.html", "2024-04-05"),
        "def-tass-2019-08-20": ("https://tass.com/defense/1074222", "2019-08-20"),
    }
    for sid, (url, published) in expected.items():
        src = sources.loc[sid]
        assert src["url"] == url
        assert pd.Timestamp(src["published"]).strftime("%Y-%m-%d") == published
        assert pd.Timestamp(src["accessed"]).strftime("%Y-%m-%d") == "2026-11-29"
        assert "read from an archived copy of the page" in src["note"].lower()


def test_wheat_imports_2023_and_2024_are_kept_as_published(frames: dict[str, pd.DataFrame]) -> None:
    comp = frames["trade_composition"]
    wheat = comp[(comp["product"] == "wheat") & (comp["source_id"] == "trd-sputnikhindi-2024-04-05-wheat")]
    got = {(s, e, v) for s, e, v in zip(_iso(wheat, "period_start"), _iso(wheat, "period_end"), wheat["value"])}
    assert got == {("2023-01-01", "2023-12-31", 568.3), ("2024-01-01", "2024-03-31", 296.0),
                   ("2024-03-01", "2024-03-31", 139.0)}
    assert set(wheat["flow"]) == {"imports"} and set(wheat["reporter"]) == {"PAK"}


# --- source notes -----------------------------------------------------------------------------


def test_source_notes_name_no_tool(frames: dict[str, pd.DataFrame]) -> None:
    notes = frames["sources"]["note"].dropna()
    named = notes[notes.str.contains(r"\bsearch\b|stored copy|stored page|via search|re-fetched", case=False,
                                     regex=True)]
    assert named.empty, list(named)
    assert notes.str.contains("read from an archived copy of the page", case=False).sum() >= 260


# --- the data audit (shared/reviews/data-audit.md) --------------------------------------------


def test_audited_dates_are_no_more_precise_than_their_pages(frames: dict[str, pd.DataFrame]) -> None:
    events = frames["payment_events"].set_index("event_id")
    assert events.loc["pay-e035", "precision"] == "month"  # TASS's report day, not the signing day
    cargoes = frames["cargoes"].set_index("cargo_id")
    assert cargoes.loc["pay-c06", "precision"] == "year"  # an announcement, not an arrival date
    assert pd.Timestamp(cargoes.loc["pay-c06", "arrival_date"]).strftime("%Y-%m-%d") == "2023-01-01"


def test_audited_details_are_on_a_cited_page(frames: dict[str, pd.DataFrame]) -> None:
    cargoes = frames["cargoes"].set_index("cargo_id")
    assert cargoes.loc["pay-c02", "bank"] == "Bank of China"
    assert "pay-propakistani-2023-05-06" in cargoes.loc["pay-c02", "also_source_ids"].split(";")
    events = frames["defence_events"].set_index("event_id")
    tsentr = events.loc["def-e080"]
    assert "def-tass-2019-08-20" in tsentr["also_source_ids"].split(";")
    assert "128,000" in tsentr["participants"]
    rd93 = events.loc["def-e031"]["detail"]
    assert "150 JF-17 aircraft" in rd93 and "150 RD-93 engines" in rd93
    assert "Jane's" in rd93 and "def-janes-forum-2007" in events.loc["def-e031", "also_source_ids"]


def test_2023_crude_accounts_are_kept_as_a_conflict(frames: dict[str, pd.DataFrame]) -> None:
    claims = frames["payment_claims"]
    topic = claims[claims["topic"] == "Russian crude bought by Pakistan in 2023"]
    assert dict(zip(topic["source_id"], topic["value"])) == {
        "trd-egopax-ria-jamali": "USD 20 m", "trd-360-ria-afzal-khan": "about 100,000 t",
        "pay-brecorder-2024-11-12": "7 million barrels"}
    comp = frames["trade_composition"]
    crude = comp[(comp["product"] == "crude oil") & (comp["source_id"] == "trd-egopax-ria-jamali")]
    assert list(crude["value"]) == [20] and list(crude["reporter"]) == ["unstated"]
