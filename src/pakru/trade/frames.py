"""The data behind each chart and table of the trade section, one tidy frame per name.

Every chart frame has ``period`` (the label the report writes), ``value``, ``unit``, ``series``
(the record a value belongs to) and ``source_id`` (one id, or several joined by ``;``), plus what
its chart needs; each frame's columns are listed in the docstring of the function that makes it.
``frames(p)`` returns them all by name (``frames(p)["lead"]``)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..data import source_ids
from ..data.periods import fiscal_label, fiscal_year_end
from ..facts import FactBook
from . import bank_settled as bs, composition, conflicts, drivers, periods, recent, series
from .facts import REPORTER_OF
from .inputs import Inputs, load, registry

USD_M = "USD million"
# the lead chart starts in FY2019-20: the years before the State Bank's country workbooks begin
# that Pakistan's official figures can cover, so the peak is seen against what came before it
LEAD_FROM = 2020
# Pakistan's official fiscal-year records other than the banks' workbooks, in the order one is
# preferred when several give the same year: the Bureau of Statistics, the commerce ministry, the
# State Bank as quoted in the press
OFFICIAL_SERIES = ("PBS", "Pakistan MoC", "SBP")
RECORD = {"bank": "State Bank, bank-settled goods", "official": "other records, as quoted in the press",
          "disputed": "two published figures disagree (not drawn)", "none": "no figure in the sources used",
          "month": "State Bank, single month"}
WHO = {"PAK": "Pakistan's records", "RUS": "Russia's records", "unstated": "reporter not stated"}
DIRECTION = {"exports": "Pakistan → Russia", "imports": "Russia → Pakistan"}
PRESS_SINCE = 2021  # the press figures fill the years after the databases stop
WHO_GAVE = {"Pakistan MoC": "commerce ministry", "SBP": "State Bank, as quoted", "Business body": "business body",
            "PBS": "Bureau of Statistics", "SBP, goods settled through banks": "State Bank"}


def frames(p: Any, inputs: Inputs | None = None) -> dict[str, pd.DataFrame]:
    d = inputs or load()
    book = FactBook(registry(d.sources))
    obs = d.observations
    weighed = conflicts.weighed(d.weighings, obs, d.composition, d.claims)
    return {
        "lead": lead(obs, book, weighed),
        "sbp": sbp_table(obs),
        "sbp_months": sbp_months(obs),
        "share": share(obs, d.totals),
        "history": history(obs, p),
        "growth": growth(obs, p),
        "mirror": mirror(obs, p),
        "mirror_table": mirror_table(obs, p),
        "press": press(obs, weighed, book),
        "published": recent.recent(obs, PRESS_SINCE),
        "composition": composition.labelled(d.composition),
        "products": products(d.composition),
        "products_hs": products_hs(d.composition),
        "goods_lists": composition.goods_lists(d.composition),
        "weighings": weighed,
        "conflicts": conflicts.classified(obs),
        "coverage": series.coverage(obs),
        "cargoes": drivers.crude_cargoes(d.cargoes),
        "wheat": drivers.wheat(d.composition),
        "events": drivers.named_events(d.drivers, d.events, d.defence_events),
    }


def _publisher(book: FactBook, ids: object) -> str:
    return "; ".join(dict.fromkeys(s.publisher for s in book.sources_of(ids)))


# --- where trade stands -------------------------------------------------------------------------

def _official_years(observations: pd.DataFrame, before: int) -> pd.DataFrame:
    """Full fiscal years of goods from Pakistan's official records other than the workbooks, FY
    ending ``LEAD_FROM`` to ``before - 1``: one per year (by ``OFFICIAL_SERIES`` order); a record
    that gives both directions and no total gives their sum."""
    rows = series.annual(observations, "fiscal", LEAD_FROM, before - 1, ("PAK",))
    rows = series.with_total_and_balance(rows[rows["series"].isin(OFFICIAL_SERIES)])
    rows = rows[rows["flow"] == "total"].assign(rank=lambda r: r["series"].map(OFFICIAL_SERIES.index))
    return rows.sort_values(["year", "rank", "derived"]).drop_duplicates("year")


def _disputed(weighed: pd.DataFrame | None) -> dict[int, tuple[str, str]]:
    """Fiscal years whose figures ``data/trade/weighings.csv`` shows side by side without using any
    (verdict ``shown`` for two or more, ``used`` for none): the year, the figures' sources and the
    ids of their facts."""
    if weighed is None or weighed.empty:
        return {}
    out: dict[int, tuple[str, str]] = {}
    for _, g in weighed.groupby("weighing", sort=False):
        if (g["verdict"] == "used").any() or (g["verdict"] == "shown").sum() < 2 or (g["basis"] != "fiscal").any():
            continue
        years = {fiscal_year_end(s.date()) for s in g["period_start"]}
        if len(years) == 1:
            out[years.pop()] = (source_ids.join(g["source_id"]), ";".join(g["fact"]))
    return out


def lead(observations: pd.DataFrame, book: FactBook, weighed: pd.DataFrame | None = None) -> pd.DataFrame:
    """Where trade stands, by fiscal year from FY2019-20: the State Bank's goods settled through banks
    (full years and the current year to date) and, for the years before its workbooks begin,
    Pakistan's other records as quoted in the press (kind official; ``quality`` says when the copy
    is weak); a year whose published figures disagree with none used (``weighed``) is kind disputed
    with no value; a year with no figure at all is kind none (no value); then the single months the
    workbooks give (kind month). Columns: period, fy, value, unit, series, kind (bank, official,
    disputed, none, month), partial (True for a year to date or a month), record (who gave an
    official figure), months, span (e.g. "July 2025–March 2026"), qualifier, source_id, publisher,
    quality (the weakest of the sources' marks), facts (for a disputed year, the ids of its figures'
    facts, ``;``-joined, so the chart's words can give them wherever it is drawn)."""
    years = bs.fiscal_years(observations)
    win = bs.windows(observations)
    out = []
    for _, r in years.iterrows():
        out.append({"fy": int(r["fy"]), "value": r["total"], "kind": "bank", "partial": False, "months": 12,
                    "qualifier": r["status"],
                    "source_id": bs_ids(observations, r)})
    current = win[win["fy"] > (years["fy"].max() if len(years) else 0)]
    for _, r in current.tail(1).iterrows():
        months = (r["period_end"].year - r["period_start"].year) * 12 + r["period_end"].month - 6
        out.append({"fy": int(r["fy"]), "value": r["total"], "kind": "bank", "partial": True, "months": months,
                    "qualifier": r["status"], "source_id": bs_ids(observations, r),
                    "span": periods.window(r["period_start"], r["period_end"]).label})
    first_bank = int(years["fy"].min()) if len(years) else int(current["fy"].min()) if len(current) else 9999
    disputed = _disputed(weighed)
    for _, r in _official_years(observations, first_bank).iterrows():
        fy = int(r["year"])
        if fy in disputed:
            out.append({"fy": fy, "value": np.nan, "kind": "disputed", "partial": False, "months": 12,
                        "qualifier": "", "source_id": disputed[fy][0], "facts": disputed[fy][1]})
            continue
        out.append({"fy": fy, "value": r["value"], "kind": "official", "partial": False, "months": 12,
                    "qualifier": r["qualifier"] if isinstance(r["qualifier"], str) else "", "source_id": r["source_id"],
                    "record": r["series"]})
    frame = pd.DataFrame(out)
    if frame.empty:
        return pd.DataFrame(columns=LEAD_COLUMNS)
    last = int(frame["fy"].max())
    for fy in range(LEAD_FROM, last + 1):
        if fy not in set(frame["fy"]):
            frame = pd.concat([frame, pd.DataFrame([{"fy": fy, "value": np.nan, "kind": "none", "partial": False,
                                                     "months": 0, "qualifier": "", "source_id": ""}])],
                              ignore_index=True)
    frame = frame.sort_values("fy").reset_index(drop=True)
    frame["period"] = [fiscal_label(y) for y in frame["fy"]]
    frame["span"] = frame["span"].fillna("") if "span" in frame else ""
    single = sbp_months(observations)
    months = pd.DataFrame({"fy": [fiscal_year_end(s.date()) for s in single["period_start"]], "value": single["value"],
                           "kind": "month", "partial": True, "months": 1, "span": single["period"],
                           "qualifier": single["qualifier"], "source_id": single["source_id"],
                           "period": single["period"]})
    frame = pd.concat([frame, months], ignore_index=True)
    frame["facts"] = frame["facts"].fillna("") if "facts" in frame else ""
    frame["unit"] = USD_M
    frame["series"] = frame["kind"].map(RECORD)
    frame["record"] = frame["record"].map(RECORD_OF).fillna("") if "record" in frame else ""
    frame["publisher"] = [_publisher(book, s) if s else "" for s in frame["source_id"]]
    frame["quality"] = [_quality(book, s) for s in frame["source_id"]]
    return frame[LEAD_COLUMNS]


LEAD_COLUMNS = ["period", "fy", "value", "unit", "series", "kind", "record", "partial", "months", "span",
                "qualifier", "source_id", "publisher", "quality", "facts"]
RECORD_OF = WHO_GAVE  # who gave an official figure, in a reader's words


def _quality(book: FactBook, ids: object) -> str:
    marks = [s.quality for s in book.sources_of(ids) if s.quality]
    order = ("primary", "secondary", "weak")
    return max(marks, key=order.index) if marks else ""


def bs_ids(observations: pd.DataFrame, r: pd.Series) -> str:
    rows = bs.rows_of(observations)
    hit = rows[(rows["period_start"] == r["period_start"]) & (rows["period_end"] == r["period_end"])]
    return source_ids.join(sorted(set(hit["source_id"])))


def _short_window(start: pd.Timestamp, end: pd.Timestamp) -> str:
    """``Jul–Mar FY26``: a part of a fiscal year as the State Bank's own tables label it, short
    enough for a phone's table."""
    return f"{start:%b}–{end:%b} FY{fiscal_year_end(end.date()) % 100:02d}"


def sbp_table(observations: pd.DataFrame, decimals: int = 1) -> pd.DataFrame:
    """The State Bank's figures as the section's table shows them: full fiscal years, the current
    year to date and the single months the workbooks give, USD million. ``exports`` and
    ``imports`` are rounded to ``decimals`` and ``two_way`` and ``balance`` are computed from the
    rounded figures, so the table adds up as displayed. Columns: period, short (the label a phone's
    table fits: ``FY2024-25``, ``Jul–Mar FY26``, ``Mar 2026``), kind (year, window, month), exports,
    imports, two_way, balance, status, source_id."""
    parts = []
    for kind, frame in (("year", bs.fiscal_years(observations)), ("window", bs.windows(observations)),
                        ("month", bs.months(observations))):
        if frame.empty:
            continue
        label = [periods.fiscal(int(r["fy"])).label if kind == "year" else
                 periods.short(periods.window(r["period_start"], r["period_end"]).label) for _, r in frame.iterrows()]
        short = [lab if kind != "window" else _short_window(r["period_start"], r["period_end"])
                 for lab, (_, r) in zip(label, frame.iterrows())]
        ex, im = frame["exports"].round(decimals), frame["imports"].round(decimals)
        parts.append(pd.DataFrame({"period": label, "short": short, "kind": kind, "exports": ex, "imports": im,
                                   "two_way": (ex + im).round(decimals), "balance": (ex - im).round(decimals),
                                   "status": frame["status"],
                                   "source_id": [bs_ids(observations, r) for _, r in frame.iterrows()]}))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(
        columns=["period", "short", "kind", "exports", "imports", "two_way", "balance", "status", "source_id"])


def sbp_months(observations: pd.DataFrame) -> pd.DataFrame:
    """The single months the State Bank's two workbooks carry (not a monthly series: ``held`` says
    so). Columns: period, period_start, period_end, exports, imports, value (two-way), unit, series,
    qualifier, held, source_id."""
    m = bs.months(observations)
    return pd.DataFrame({
        "period": [periods.month(s).label for s in m["period_start"]], "period_start": m["period_start"],
        "period_end": m["period_end"], "exports": m["exports"], "imports": m["imports"], "value": m["total"],
        "unit": USD_M, "series": RECORD["bank"], "qualifier": m["status"], "held": m["held"],
        "source_id": [bs_ids(observations, r) for _, r in m.iterrows()]})


def share(observations: pd.DataFrame, totals: pd.DataFrame) -> pd.DataFrame:
    """Russia's share of Pakistan's goods trade in each record, never across records: goods settled
    through banks (the workbooks' own total lines) and the customs record (commerce ministry or
    Bureau figures against the Bureau's totals). Columns: period, record, flow, russia, world (USD
    million), share_pct, source_id."""
    bank = bs.russia_share(observations, totals)
    bank = bank[bank["period_kind"] != "month"]
    rows = [{"period": periods.of_row(r["period_start"], r["period_end"], "fiscal").label,
             "record": "goods settled through banks", "flow": r["flow"], "russia": r["russia"], "world": r["world"],
             "share_pct": r["share_pct"], "source_id": bs_ids(observations, r)} for _, r in bank.iterrows()]
    customs = series.russia_share(observations, totals)
    workbooks = set(bs.rows_of(observations)["source_id"])
    for _, r in customs.iterrows():
        if r["compiler"] == "SBP" and source_ids.split(r["source_ids"])[0] in workbooks:
            continue  # the workbooks' own rows are above
        rows.append({"period": r["fy"], "record": "customs" if r["compiler"] == "PBS" else "banks, as quoted",
                     "flow": r["flow"], "russia": r["russia"], "world": r["world"], "share_pct": r["share_pct"],
                     "source_id": r["source_ids"]})
    return pd.DataFrame(rows, columns=["period", "record", "flow", "russia", "world", "share_pct", "source_id"])


# --- the long run and the mirror (the reader's window) ---------------------------------------------

def history(observations: pd.DataFrame, p: Any) -> pd.DataFrame:
    """Two-way goods trade by full year in the window, one line per record: on calendar years the
    databases (IMF DOTS, UN Comtrade) as each country records it; on fiscal years Pakistan's records
    (a database publishes none). Columns: year, period, value, unit, series, reporter, line (the
    record in words), chosen (the series growth rests on), qualifier, derived, dataset, source_id."""
    reporters = ("PAK", "RUS") if p.reporter == "both" else (p.reporter,)
    rows = series.with_total_and_balance(series.annual(observations, p.basis, p.start_year, p.end_year, reporters))
    rows = rows[rows["flow"] == "total"]
    if p.basis == "calendar":
        rows = rows[rows["series"].isin(series.DATABASE_SERIES)]
    rows = rows.sort_values(["series", "reporter", "year"]).reset_index(drop=True)
    named = {"SBP, goods settled through banks": "State Bank, settled through banks", "SBP": "State Bank, as quoted",
             "Pakistan MoC": "commerce ministry"}
    return pd.DataFrame({
        "year": rows["year"].astype(int), "period": [periods.year(int(y), p.basis).label for y in rows["year"]],
        "value": rows["value"], "unit": USD_M, "series": rows["series"], "reporter": rows["reporter"],
        "line": [f"{named.get(s, s)}, {WHO.get(r, r)}" if p.basis == "calendar" else named.get(s, s)
                 for s, r in zip(rows["series"], rows["reporter"])],
        "chosen": (rows["series"] == p.series) & (rows["reporter"] == REPORTER_OF[p.reporter]),
        "qualifier": rows["qualifier"].fillna("") if "qualifier" in rows else "",
        "derived": rows["derived"].astype(bool), "dataset": rows["dataset"].fillna(rows["series"]),
        "source_id": rows["source_id"]})


def growth(observations: pd.DataFrame, p: Any) -> pd.DataFrame:
    """Values and year-on-year growth of the chosen series and reporter, the last ``table_years``
    years with data (USD million; percent). Columns: period, then Pakistan → Russia, Russia →
    Pakistan and two-way, each with its growth, and the balance."""
    reporter = REPORTER_OF[p.reporter]
    rows = series.with_total_and_balance(series.annual(observations, p.basis, p.start_year, p.end_year, (reporter,)))
    tbl = series.growth_table(rows[rows["series"] == p.series], p.series, reporter).tail(p.table_years)
    names = {"exports": "Pakistan → Russia", "imports": "Russia → Pakistan", "total": "two-way"}
    tbl = tbl.rename(columns=lambda c: next((c.replace(k, v) for k, v in names.items() if c.startswith(k)), c))
    labels = [periods.year(int(y), p.basis).label for y in tbl["year"]]
    return tbl.assign(year=labels).rename(columns={"year": "period"})


def mirror(observations: pd.DataFrame, p: Any) -> pd.DataFrame:
    """The same flows as each country records them, chosen series, calendar years of the window.
    Columns: year, period, flow, direction, reporter, series (whose record, in words), value, unit,
    source_id."""
    gap = series.mirror_gap(observations, p.series)
    gap = gap[gap["year"].between(p.start_year, p.end_year)]
    rows = []
    for _, g in gap.iterrows():
        ids = source_ids.split(g["source_ids"])
        for reporter, col, sid in (("PAK", "pak_reported", ids[0]), ("RUS", "rus_reported", ids[-1])):
            rows.append({"year": int(g["year"]), "period": str(int(g["year"])), "flow": g["flow"],
                         "direction": DIRECTION[g["flow"]], "reporter": reporter, "series": WHO[reporter],
                         "value": g[col], "unit": USD_M, "source_id": sid})
    return pd.DataFrame(rows, columns=["year", "period", "flow", "direction", "reporter", "series", "value", "unit",
                                       "source_id"])


def mirror_table(observations: pd.DataFrame, p: Any) -> pd.DataFrame:
    """One row per year: each direction as Pakistan and Russia record it and the gap in percent of
    Pakistan's figure, the last ``table_years`` years of the window."""
    gap = series.mirror_gap(observations, p.series)
    gap = gap[gap["year"].between(p.start_year, p.end_year)]
    return series.mirror_wide(gap).tail(p.table_years) if not gap.empty else series.mirror_wide(gap)


# --- the press figures and what is traded -----------------------------------------------------------

def press(observations: pd.DataFrame, weighed: pd.DataFrame, book: FactBook) -> pd.DataFrame:
    """Every fiscal-year two-way total quoted since FY2020-21 (full years and partial windows, goods
    and goods and services), as published, with the weighings' verdict where one was given.
    Columns: period, year (the FY's end), value, unit, series, who (the record in a reader's words),
    publisher, coverage, full_year, months, verdict (used, shown, not used or ""), qualifier, source_id."""
    pts = recent.recent_totals(observations, PRESS_SINCE)
    verdict = {(r["period_start"], r["period_end"], r["source_id"]): r["verdict"] for _, r in weighed.iterrows()}
    months = ((pts["period_end"].dt.year - pts["period_start"].dt.year) * 12 + pts["period_end"].dt.month
              - pts["period_start"].dt.month + 1)
    return pd.DataFrame({
        "period": [periods.of_row(s, e, "fiscal").label for s, e in zip(pts["period_start"], pts["period_end"])],
        "year": pts["year"].astype(int), "value": pts["value"], "unit": USD_M, "series": pts["series"],
        "who": pts["series"].map(lambda s: WHO_GAVE.get(s, s)),
        "publisher": [_publisher(book, s) for s in pts["source_id"]], "coverage": pts["coverage"],
        "full_year": pts["full_year"].astype(bool), "months": months,
        "verdict": [verdict.get((s, e, i), "") for s, e, i in zip(pts["period_start"], pts["period_end"],
                                                                  pts["source_id"])],
        "qualifier": pts["qualifier"].fillna(""), "source_id": pts["source_id"]})


def products(composition_rows: pd.DataFrame, n: int = 6) -> pd.DataFrame:
    """The largest product groups each way in the latest year of Open Trade Statistics' breakdown.
    Columns: period, year, flow, direction, product, value, unit, share_pct, series, reporter,
    source_id."""
    parts = [composition.composition_top(composition_rows, flow, "OTS group", n=n) for flow in ("exports", "imports")]
    top = pd.concat([t for t in parts if not t.empty], ignore_index=True) if any(not t.empty for t in parts) else \
        pd.DataFrame(columns=composition.TOP_COLUMNS)
    return top.assign(period=top["year"].astype(str), direction=top["flow"].map(DIRECTION), unit=USD_M,
                      series="Open Trade Statistics product group")[
        ["period", "year", "flow", "direction", "product", "value", "unit", "share_pct", "series", "reporter",
         "source_id"]]


def products_hs(composition_rows: pd.DataFrame, n: int = 8) -> pd.DataFrame:
    """The largest HS chapters of Russia's exports to Pakistan in the latest year held (Russia's
    records, UN Comtrade). Columns as :func:`pakru.trade.composition.composition_top`."""
    return composition.composition_top(composition_rows, "imports", "HS2", n=n)
