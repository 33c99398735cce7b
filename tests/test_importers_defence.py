"""SIPRI importers and the defence data built from them (arms transfers, TIV imports, events)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from pakru.intake.publishers.sipri import reader as sipri
from pakru.data.schema import ARMS_IMPORTS_TIV, ARMS_TRANSFERS

REGISTER = "sipri_trade_register_pakistan_recipient.csv"
TIV = "sipri_tiv_imports_pakistan_by_supplier_year_1950-2021.csv"
TIV_SUPPLIERS = ("Russia", "Soviet Union", "China", "United States", "Total")

# A stand-in for the notes block the register tool writes above the header: 8 note lines, a
# blank line, a source line and the generation stamp (11 lines, as in SIPRI's own export).
PREAMBLE = (
    "Transfers of major conventional arms (test preamble)\n"
    "A '?' marks uncertain data.\n"
    "Note line 3\nNote line 4\nNote line 5\nNote line 6\nNote line 7\nNote line 8\n"
    "\n"
    "Source: SIPRI Arms Transfers Database (c) SIPRI.\n"
    "Data generated: 13 Mar 2025 10:02:49 AM\n"
)


def _data_csv(project_root: Path, name: str) -> pd.DataFrame:
    # Read the CSV as text (not through pakru.data.datasets.load) so the comparison does not depend on the
    # source registry being merged; the schema checks run in `pakru check`.
    return pd.read_csv(project_root / "data" / "defence" / name, dtype=str, keep_default_na=False)


@pytest.fixture
def register(source_extracts: Path) -> pd.DataFrame:
    return sipri.read_trade_register(source_extracts / REGISTER)


@pytest.fixture
def tiv(source_extracts: Path) -> pd.DataFrame:
    return sipri.read_tiv_table(source_extracts / TIV)


# --- trade register reader -----------------------------------------------------------------


def test_register_reader_returns_typed_tidy_columns(register: pd.DataFrame) -> None:
    assert len(register) == 520
    assert set(register["recipient"]) == {"Pakistan"}
    assert str(register["order_year"].dtype) == "Int64"
    assert str(register["number_delivered"].dtype) == "Int64"
    assert register["tiv_delivered"].dtype == "float64"
    for flag in ("order_year_uncertain", "number_ordered_uncertain", "number_delivered_uncertain"):
        assert register[flag].dtype == bool
    # SIPRI leaves 'Number ordered' empty where it has no figure yet: missing, not zero.
    akinci = register[register["designation"] == "Akinci"]
    assert akinci["number_ordered"].isna().all()


def test_register_reader_skips_sipri_preamble_and_reads_latin1(source_extracts: Path, tmp_path: Path) -> None:
    # SIPRI's own export carries an 11-line notes block and is ISO-8859-1 encoded.
    body = (source_extracts / REGISTER).read_text(encoding="utf-8")
    exported = tmp_path / "trade-register.csv"
    exported.write_bytes((PREAMBLE + body).encode("latin-1"))
    with_preamble = sipri.read_trade_register(exported)
    plain = sipri.read_trade_register(source_extracts / REGISTER)
    pd.testing.assert_frame_equal(with_preamble, plain)
    assert with_preamble.attrs["generated"] == "13 Mar 2025 10:02:49 AM"
    assert len(with_preamble.attrs["preamble"]) == 10  # the blank line is dropped
    assert "Daphné" in set(with_preamble["designation"].dropna())


def test_register_reader_rejects_a_file_that_is_not_a_register(tmp_path: Path) -> None:
    other = tmp_path / "other.csv"
    other.write_text("Import_To,Export_From,Year,TIV\nPakistan,China,2020,541\n", encoding="utf-8")
    with pytest.raises(ValueError, match="Recipient"):
        sipri.read_trade_register(other)


def test_four_mi35m_delivered_in_2018(register: pd.DataFrame) -> None:
    mi35 = register[(register["supplier"] == "Russia") & (register["designation"] == "Mi-35M")]
    assert len(mi35) == 1
    row = mi35.iloc[0]
    assert row["order_year"] == 2015 and not row["order_year_uncertain"]
    assert row["number_ordered"] == 4
    assert row["number_delivered"] == 4
    assert row["delivery_years"] == "2018"
    assert row["description"] == "combat helicopter"
    assert (row["tiv_per_unit"], row["tiv_order"], row["tiv_delivered"]) == (11.5, 46.0, 46.0)


def test_soviet_and_russian_records_are_nineteen(register: pd.DataFrame) -> None:
    counts = register["supplier"].value_counts()
    assert counts["Soviet Union"] == 10
    assert counts["Russia"] == 9
    transfers = sipri.arms_transfers_rows(register, "def-sipri-register-2025")
    assert len(transfers) == 19
    assert list(transfers.columns) == list(ARMS_TRANSFERS.column_names)
    assert transfers["tiv_delivered"][transfers["supplier"] == "Russia"].sum() == pytest.approx(841.39)
    assert transfers["tiv_delivered"][transfers["supplier"] == "Soviet Union"].sum() == pytest.approx(378.9)


def test_register_keeps_sipri_uncertainty_marks(register: pd.DataFrame) -> None:
    def one(supplier: str, designation: str, year: int) -> pd.Series:
        rows = register[(register["supplier"] == supplier) & (register["designation"] == designation)
                        & (register["order_year"] == year)]
        assert len(rows) == 1
        return rows.iloc[0]

    rd93 = one("Russia", "RD-33", 2004)  # '2004?' ordered '250?'
    assert rd93["order_year_uncertain"] and rd93["number_ordered_uncertain"]
    assert not rd93["number_delivered_uncertain"]
    assert rd93["number_delivered"] == 206 and rd93["tiv_delivered"] == 453.2
    assert rd93["delivery_years"].split("; ")[-3:] == ["2021", "2023", "2024"]
    m46 = one("Soviet Union", "M-46 130mm", 1968)  # delivered '100?'
    assert m46["number_delivered_uncertain"]
    t34 = one("Soviet Union", "T-34-85", 1966)  # year certain, number '25?'
    assert not t34["order_year_uncertain"] and t34["number_ordered_uncertain"]
    kornet = one("Russia", "Kornet", 2017)
    assert not (kornet["order_year_uncertain"] or kornet["number_ordered_uncertain"]
                or kornet["number_delivered_uncertain"])


# --- TIV table reader ----------------------------------------------------------------------


def test_tiv_reader_gives_yearly_values_by_supplier(tiv: pd.DataFrame) -> None:
    def value(supplier: str, year: int) -> float:
        rows = tiv[(tiv["supplier"] == supplier) & (tiv["year"] == year)]
        assert len(rows) == 1
        return float(rows["tiv"].iloc[0])

    assert value("Russia", 2018) == 70
    assert value("Russia", 2002) == 99
    assert value("Soviet Union", 1968) == 199
    assert value("Total", 1968) == 418
    assert value("China", 2021) == 753
    assert str(tiv["year"].dtype) == "Int64"
    # years without deliveries are absent, not zero: no Soviet deliveries recorded in 1967
    assert tiv[(tiv["supplier"] == "Soviet Union") & (tiv["year"] == 1967)].empty
    assert tiv["year"].min() == 1950 and tiv["year"].max() == 2021


def test_tiv_reader_keeps_period_totals_apart(source_extracts: Path, tiv: pd.DataFrame) -> None:
    totals = sipri.read_tiv_period_totals(source_extracts / TIV).set_index("supplier")["tiv"]
    assert totals["Russia"] == 795
    assert totals["Soviet Union"] == 379
    assert totals["Total"] == 39879
    # the yearly frame holds no all-years rows: its Total rows are SIPRI's per-year totals
    assert len(tiv[tiv["supplier"] == "Total"]) == 72


def test_tiv_suppliers_add_up_to_sipri_total_within_rounding(tiv: pd.DataFrame) -> None:
    by_year = tiv[tiv["supplier"] != "Total"].groupby("year")["tiv"].agg(["sum", "count"])
    total = tiv[tiv["supplier"] == "Total"].set_index("year")["tiv"]
    for year, row in by_year.iterrows():
        # each supplier's value is rounded to a whole number by SIPRI
        assert abs(row["sum"] - total[year]) <= 0.5 * row["count"] + 0.5, year


# --- data files equal the importer's output ------------------------------------------------


def _typed_transfers(frame: pd.DataFrame) -> list[dict[str, object]]:
    out = []
    for rec in frame.to_dict("records"):
        row: dict[str, object] = {}
        for col in ARMS_TRANSFERS.columns:
            v = rec[col.name]
            if isinstance(v, str) and v == "":
                v = None
            if v is None or (not isinstance(v, (str, bool)) and pd.isna(v)):
                row[col.name] = False if col.kind == "boolean" else None
            elif col.kind == "boolean":
                row[col.name] = v if isinstance(v, bool) else v == "true"
            elif col.kind == "integer":
                row[col.name] = int(v)
            elif col.kind == "number":
                row[col.name] = float(v)
            else:
                row[col.name] = str(v)
        out.append(row)
    return out


def test_arms_transfers_csv_equals_importer_output(register: pd.DataFrame, project_root: Path) -> None:
    on_disk = _data_csv(project_root, "arms_transfers.csv")
    assert list(on_disk.columns) == list(ARMS_TRANSFERS.column_names)
    expected = sipri.arms_transfers_rows(register, "def-sipri-register-2025")
    assert _typed_transfers(on_disk) == _typed_transfers(expected)


def test_arms_imports_tiv_csv_equals_importer_output(tiv: pd.DataFrame, project_root: Path) -> None:
    on_disk = _data_csv(project_root, "arms_imports_tiv.csv")
    assert list(on_disk.columns) == list(ARMS_IMPORTS_TIV.column_names)
    assert set(on_disk["supplier"]) == set(TIV_SUPPLIERS)
    assert "Total" not in set(on_disk["year"])  # SIPRI's all-years column is not stored
    expected = sipri.arms_imports_rows(tiv, TIV_SUPPLIERS, "def-sipri-tiv-2022")
    got = [(r.supplier, int(r.year), float(r.tiv), r.source_id) for r in on_disk.itertuples()]
    want = [(r.supplier, int(r.year), float(r.tiv), r.source_id) for r in expected.itertuples()]
    assert got == want
    russia_2018 = on_disk[(on_disk["supplier"] == "Russia") & (on_disk["year"] == "2018")]
    assert russia_2018["tiv"].tolist() == ["70"]


def test_mi35m_delivery_comes_out_of_the_data_file(project_root: Path) -> None:
    transfers = _data_csv(project_root, "arms_transfers.csv")
    mi35 = transfers[transfers["designation"] == "Mi-35M"]
    assert mi35[["number_delivered", "delivery_years", "supplier"]].values.tolist() == [["4", "2018", "Russia"]]


# --- events --------------------------------------------------------------------------------


@pytest.fixture
def events(project_root: Path) -> pd.DataFrame:
    return _data_csv(project_root, "events.csv")


def test_druzhba_starts_in_2016_with_eight_editions_to_2025(events: pd.DataFrame) -> None:
    """The exercises in data/: none in 2022-23, the eighth in 2025 (none later is on record)."""
    druzhba = events[events["exercise_series"] == "Druzhba"]
    years = sorted(int(d[:4]) for d in druzhba["date"])
    assert years[0] == 2016
    assert years == [2016, 2017, 2018, 2019, 2020, 2021, 2024, 2025]
    for row in druzhba.itertuples():
        assert row.category == "exercise"
        assert row.precision == "day"
        assert row.end_date > row.date, row.title
        assert row.location and row.participants, row.title


def test_defence_cooperation_agreement_dated_20_november_2014(events: pd.DataFrame) -> None:
    dca = events[events["title"].str.startswith("Defence cooperation agreement")]
    assert dca[["date", "precision", "category"]].values.tolist() == [["2014-11-20", "day", "agreement"]]


def test_key_historical_dates(events: pd.DataFrame) -> None:
    def only(title_start: str) -> pd.Series:
        rows = events[events["title"].str.startswith(title_start)]
        assert len(rows) == 1, title_start
        return rows.iloc[0]

    assert only("Diplomatic relations established")["date"] == "1948-05-01"
    tashkent = only("Tashkent conference")
    assert (tashkent["date"], tashkent["end_date"]) == ("1966-01-04", "1966-01-10")
    assert only("Guddu")["precision"] == "decade"
    assert only("Pakistan becomes a full SCO member")["date"] == "2017-06-09"


def test_event_ids_follow_the_domain_prefix_and_dates_respect_precision(events: pd.DataFrame) -> None:
    assert events["event_id"].is_unique
    assert events["event_id"].str.fullmatch(r"def-e\d{3}").all()
    assert len(events) >= 60
    for row in events.itertuples():
        year, month, day = (int(x) for x in row.date.split("-"))
        if row.precision in ("month", "year", "decade"):
            assert day == 1, row.event_id
        if row.precision in ("year", "decade"):
            assert month == 1, row.event_id
        if row.precision == "decade":
            assert year % 10 == 0, row.event_id
        assert 1948 <= year <= 2026  # from diplomatic relations to the edition's year, nothing in the future
