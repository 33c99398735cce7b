"""What drove the FY2023-24 peak and the fall after it, in goods: the crude cargoes and the wheat
the data hold, each placed in Pakistan's fiscal year (July–June), and the events the section names
(chosen in ``data/trade/drivers.csv``). Pure functions over the frames of
:func:`pakru.data.datasets.load`; the payments section's modules are not imported (a section never
imports another)."""

from __future__ import annotations

import pandas as pd

from ..data.periods import fiscal_label, fiscal_year_end

CARGO_COLUMNS = ["cargo_id", "arrival_date", "precision", "tonnes", "buyer", "route", "order_tonnes", "fiscal_year",
                 "fy", "source_id"]


def crude_cargoes(cargoes: pd.DataFrame) -> pd.DataFrame:
    """Russian crude cargoes with the fiscal year they arrived in and their route: ``government``
    (the government-to-government trial order) or ``private`` (a refiner's own purchase).
    Columns: cargo_id, arrival_date, precision, tonnes, buyer, route, order_tonnes, fiscal_year
    (label), fy (the year it ends), source_id."""
    crude = cargoes[cargoes["product"] == "crude oil"].copy()
    if crude.empty:
        return pd.DataFrame(columns=CARGO_COLUMNS)
    crude["route"] = ["government" if "G2G" in str(o) else "private" for o in crude["order"]]
    crude["fy"] = [fiscal_year_end(d.date()) for d in crude["arrival_date"]]
    crude["fiscal_year"] = [fiscal_label(y) for y in crude["fy"]]
    # the tonnage and date rest on a cargo's own source; its also-sources back other details (currency)
    return crude.sort_values("arrival_date")[CARGO_COLUMNS].reset_index(drop=True)


def wheat(composition: pd.DataFrame) -> pd.DataFrame:
    """Pakistan's wheat imports from Russia with a value, oldest first, with the fiscal years each
    window touches (a calendar year straddles two). Columns: period_start, period_end, value,
    months, first_fy, last_fy, source_id."""
    rows = composition[(composition["product"].str.lower() == "wheat") & (composition["flow"] == "imports")
                       & composition["value"].notna()].copy()
    rows["months"] = ((rows["period_end"].dt.year - rows["period_start"].dt.year) * 12
                      + rows["period_end"].dt.month - rows["period_start"].dt.month + 1)
    rows["first_fy"] = [fiscal_year_end(d.date()) for d in rows["period_start"]]
    rows["last_fy"] = [fiscal_year_end(d.date()) for d in rows["period_end"]]
    cols = ["period_start", "period_end", "value", "months", "first_fy", "last_fy", "source_id"]
    return rows.sort_values(["period_start", "months"])[cols].reset_index(drop=True)


def named_events(drivers: pd.DataFrame, *events: pd.DataFrame) -> pd.DataFrame:
    """The events ``data/trade/drivers.csv`` names, one row per event and role, with their date,
    precision, amount, unit and sources from the events files given (payments', defence's), and
    the figure the drivers file takes from the statement, oldest first; an id no file holds is
    skipped. Columns: event_id, role, label, figure, figure_unit, figure_qualifier, date, precision,
    amount, unit, fy, source_id."""
    cols = ["event_id", "date", "precision", "amount", "unit", "source_id", "also_source_ids"]
    pool = pd.concat([e.reindex(columns=cols) for e in events], ignore_index=True)
    chosen = drivers.reindex(columns=["event_id", "role", "label", "figure", "figure_unit", "figure_qualifier"])
    joined = chosen.merge(pool, on="event_id", how="inner")
    joined["source_id"] = [";".join(x for x in (a, b) if isinstance(x, str) and x)
                           for a, b in zip(joined["source_id"], joined["also_source_ids"])]
    joined["fy"] = [fiscal_year_end(d.date()) for d in joined["date"]]
    joined[["figure_unit", "figure_qualifier"]] = joined[["figure_unit", "figure_qualifier"]].fillna("")
    out = ["event_id", "role", "label", "figure", "figure_unit", "figure_qualifier", "date", "precision", "amount",
           "unit", "fy", "source_id"]
    return joined.sort_values("date", kind="stable")[out].reset_index(drop=True)
