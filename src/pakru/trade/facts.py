"""Every figure the trade section states, computed once from ``data/`` as :class:`pakru.facts.Fact`
records; the templates in ``text/`` write them, the front page reads them.

Ids and what depends on what:

- ``trade.sbp.*``: the State Bank of Pakistan's record of goods settled through banks (its two
  country workbooks), two-way = exports + imports; ``trade.sbp.share.*``: Russia's share of
  Pakistan's bank-settled goods trade (line I of the same workbooks). Never depend on parameters.
- ``trade.customs.*``, ``trade.mirror.*``, ``trade.russia_official.*``, ``trade.series_end.*``,
  ``trade.drivers.*``, ``trade.goods.*``, ``trade.weighing.*``, ``trade.claim.*``: the rest of the
  record, also independent of the parameters.
- ``trade.window.*``: findings for the reader's window (years, basis, reporter, database series).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..data import source_ids
from ..facts import Fact, FactBook, Facts, Period
from . import bank_settled as bs, composition, conflicts, drivers, periods, series
from .inputs import Inputs, load, registry

# The commerce minister's July–May windows (FY2022-23 against FY2021-22) behind his +34%
GROWTH_WINDOWS = (("2022-07-01", "2023-05-31"), ("2021-07-01", "2022-05-31"))
MIRROR_SERIES = "IMF DOTS"  # the front page's mirror ratio rests on the longest pair of records
MIRROR_SINCE, MIRROR_BEFORE = 2010, 2008  # Russia's records move away from Pakistan's from 2010
REPORTER_OF = {"both": "PAK", "PAK": "PAK", "RUS": "RUS"}


def facts(p: Any, inputs: Inputs | None = None) -> Facts:
    """The section's facts for the parameter record ``p`` (see :func:`pakru.trade.parameters`)."""
    d = inputs or load()
    book = FactBook(registry(d.sources))
    sbp_years(book, d.observations)
    sbp_window(book, d.observations)
    sbp_month(book, d.observations)
    sbp_share(book, d.observations, d.totals)
    customs_share(book, d.observations, d.totals)
    russia_official(book, d.observations)
    series_ends(book, d.observations)
    mirror(book, d.observations)
    crude(book, d.cargoes)
    wheat(book, d.composition)
    named_events(book, d.drivers, d.events, d.defence_events)
    goods(book, d.composition, d.observations)
    weighings(book, d)
    claim(book, d.observations)
    chosen(book, p)
    window(book, d.observations, p)
    window_mirror(book, d.observations, p)
    return book.facts()


# --- the State Bank's record --------------------------------------------------------------------

def _sbp_ids(observations: pd.DataFrame, start: object, end: object, flows: tuple[str, ...] = bs.FLOWS) -> str:
    rows = bs.rows_of(observations)
    rows = rows[(rows["period_start"] == start) & (rows["period_end"] == end) & rows["flow"].isin(flows)]
    return source_ids.join(sorted(set(rows["source_id"])))


def _sbp_add(book: FactBook, fid: str, row: pd.Series, period: Period, observations: pd.DataFrame,
             column: str = "total") -> Fact | None:
    flows = bs.FLOWS if column in ("total", "balance") else (column,)
    return book.add(fid, float(row[column]), "USD million", period, qualifier=row["status"],
                    sources=_sbp_ids(observations, row["period_start"], row["period_end"], flows))


def sbp_years(book: FactBook, observations: pd.DataFrame) -> None:
    """The peak fiscal year, the latest full year, its change on the year before and its share of
    the peak (USD million; percent)."""
    years = bs.fiscal_years(observations).dropna(subset=["total"])
    if years.empty:
        return
    peak = years.loc[years["total"].idxmax()]
    f_peak = _sbp_add(book, "trade.sbp.peak", peak, periods.fiscal(int(peak["fy"])), observations)
    for flow in bs.FLOWS:
        _sbp_add(book, f"trade.sbp.peak_{flow}", peak, periods.fiscal(int(peak["fy"])), observations, flow)
    last = years.iloc[-1]
    at = periods.fiscal(int(last["fy"]))
    f_last = _sbp_add(book, "trade.sbp.latest_year", last, at, observations)
    for flow in bs.FLOWS:
        _sbp_add(book, f"trade.sbp.latest_year_{flow}", last, at, observations, flow)
    before = years[years["fy"] == last["fy"] - 1]
    if not before.empty:
        b = before.iloc[0]
        f_before = f_peak if b["fy"] == peak["fy"] else _sbp_add(
            book, "trade.sbp.year_before", b, periods.fiscal(int(b["fy"])), observations)
        book.derive("trade.sbp.latest_year_change", (last["total"] / b["total"] - 1) * 100, "percent", at,
                    of=[f_last, f_before], qualifier=last["status"])
    if last["fy"] != peak["fy"]:
        book.derive("trade.sbp.latest_year_share_of_peak", last["total"] / peak["total"] * 100, "percent", at,
                    of=[f_last, f_peak], qualifier=last["status"])


def sbp_window(book: FactBook, observations: pd.DataFrame) -> None:
    """The current fiscal year to date, its two flows, the same months a year earlier and the change."""
    win = bs.windows(observations).dropna(subset=["total"])
    if win.empty:
        return
    b = win.iloc[-1]
    at = periods.window(b["period_start"], b["period_end"])
    f_now = _sbp_add(book, "trade.sbp.latest_window", b, at, observations)
    f_flows = {flow: _sbp_add(book, f"trade.sbp.latest_window_{flow}", b, at, observations, flow) for flow in bs.FLOWS}
    same = win[(win["period_start"] == b["period_start"] - pd.DateOffset(years=1))
               & (win["period_end"] == b["period_end"] - pd.DateOffset(years=1))]
    if same.empty:
        return
    a = same.iloc[-1]
    then = periods.window(a["period_start"], a["period_end"])
    f_then = _sbp_add(book, "trade.sbp.latest_window_year_before", a, then, observations)
    book.derive("trade.sbp.latest_window_change", (b["total"] / a["total"] - 1) * 100, "percent", at,
                of=[f_now, f_then], qualifier=b["status"])
    # each flow against the same months a year earlier: which way the balance turned, and why
    for flow in bs.FLOWS:
        before = _sbp_add(book, f"trade.sbp.latest_window_year_before_{flow}", a, then, observations, flow)
        if f_flows[flow] is not None and before is not None and a[flow]:
            book.derive(f"trade.sbp.latest_window_{flow}_change", (b[flow] / a[flow] - 1) * 100, "percent", at,
                        of=[f_flows[flow], before], qualifier=b["status"])


def sbp_month(book: FactBook, observations: pd.DataFrame) -> None:
    """The latest month published, the same month a year earlier, and the month the record reaches."""
    m = bs.months(observations).dropna(subset=["total"])
    rows = bs.rows_of(observations)
    if not rows.empty:
        last_end = rows["period_end"].max()
        latest = rows[rows["period_end"] == last_end]
        mark = "provisional" if "provisional" in set(latest["qualifier"]) else ""
        book.add("trade.sbp.data_through", last_end.date(), "date", periods.month(last_end.replace(day=1)),
                 qualifier=mark, sources=source_ids.join(sorted(set(latest["source_id"]))))
    if m.empty:
        return
    b = m.iloc[-1]
    at = periods.month(b["period_start"])
    f_now = _sbp_add(book, "trade.sbp.latest_month", b, at, observations)
    same = m[m["period_start"] == b["period_start"] - pd.DateOffset(years=1)]
    if same.empty:
        return
    a = same.iloc[-1]
    f_then = _sbp_add(book, "trade.sbp.latest_month_year_before", a, periods.month(a["period_start"]), observations)
    book.derive("trade.sbp.latest_month_change", (b["total"] / a["total"] - 1) * 100, "percent", at,
                of=[f_now, f_then], qualifier=b["status"])


def sbp_share(book: FactBook, observations: pd.DataFrame, totals: pd.DataFrame) -> None:
    """Russia's share of Pakistan's bank-settled goods trade (two-way), in percent: the latest full
    year, the peak year and the current window."""
    share = bs.russia_share(observations, totals)
    two_way = share[share["flow"] == "total"].dropna(subset=["share_pct"])
    years = two_way[two_way["period_kind"] == "year"].sort_values("period_start")
    world_ids = bs.totals_of(totals, observations)

    def add(fid: str, r: pd.Series, period: Period) -> None:
        ids = _sbp_ids(observations, r["period_start"], r["period_end"])
        extra = world_ids[(world_ids["period_start"] == r["period_start"])
                          & (world_ids["period_end"] == r["period_end"])]["source_id"]
        book.add(fid, float(r["share_pct"]), "percent", period, sources=source_ids.join([ids, *extra]),
                 qualifier=_status(observations, r), definition="share, bank-settled goods trade")

    if not years.empty:
        last = years.iloc[-1]
        add("trade.sbp.share.latest_year", last, periods.fiscal(int(last["fy"])))
        peak = bs.peak_year(observations)
        at_peak = years[years["fy"] == peak["fy"]] if peak is not None else years.iloc[:0]
        if not at_peak.empty:
            add("trade.sbp.share.peak_year", at_peak.iloc[0], periods.fiscal(int(peak["fy"])))
    windows = two_way[two_way["period_kind"] == "window"].sort_values("period_start")
    if not windows.empty:
        w = windows.iloc[-1]
        add("trade.sbp.share.latest_window", w, periods.window(w["period_start"], w["period_end"]))


def _status(observations: pd.DataFrame, r: pd.Series) -> str:
    rows = bs.rows_of(observations)
    q = set(rows[(rows["period_start"] == r["period_start"]) & (rows["period_end"] == r["period_end"])]["qualifier"])
    return "provisional" if "provisional" in q else "revised" if "revised" in q else ""


def customs_share(book: FactBook, observations: pd.DataFrame, totals: pd.DataFrame) -> None:
    """The last share of Russia in Pakistan's goods trade on the customs record (a bilateral figure
    of the commerce ministry or the Bureau of Statistics against the Bureau's totals)."""
    share = series.russia_share(observations, totals)
    pbs = share[(share["compiler"] == "PBS") & (share["flow"] == "total") & (share["coverage"] == "goods")]
    if pbs.empty:
        return
    last = pbs.sort_values("year").iloc[-1]
    book.add("trade.customs.share.latest_year", float(last["share_pct"]), "percent", periods.fiscal(int(last["year"])),
             sources=last["source_ids"], definition="share, customs-recorded goods trade")


# --- Russia's own word, and where the series end --------------------------------------------------

def russia_official(book: FactBook, observations: pd.DataFrame) -> None:
    """Russian officials' full-year totals since 2022 (calendar years), one fact per year and kind
    of figure (``trade.russia_official.cy2023`` a bound, ``..._about`` a rounded value), and the
    latest date a statement restated a year's figure."""
    obs = series.label_years(observations)
    obs = obs[(obs["series"] == "Russian official") & (obs["flow"] == "total") & (obs["basis"] == "calendar")
              & obs["full_year"] & (obs["year"] >= 2022)]
    if obs.empty:
        return
    published = book.registry.set_index("source_id")["published"] if book.registry is not None else pd.Series()
    for y, g in obs.groupby("year"):
        kinds = g.assign(q=g["qualifier"].fillna("")).groupby(["q", "value"], sort=False)
        for i, ((q, value), rows) in enumerate(sorted(kinds, key=lambda k: (k[0][0] != "more_than", k[0][0]))):
            suffix = "" if i == 0 else f"_{q or 'exact'}"
            book.add(f"trade.russia_official.cy{y}{suffix}", float(value), "USD million", periods.calendar(int(y)),
                     qualifier=q, sources=source_ids.join(rows["source_id"]))
        dates = pd.to_datetime(published.reindex(g["source_id"]).dropna())
        if len(dates):
            last = dates.idxmax()
            book.add(f"trade.russia_official.cy{y}_restated", dates.max().date(), "date",
                     periods.month(dates.max().replace(day=1)), sources=last)


def series_ends(book: FactBook, observations: pd.DataFrame) -> None:
    """The last year each database series holds (calendar years)."""
    for name, key in (("IMF DOTS", "imf_dots"), ("UN Comtrade", "un_comtrade")):
        rows = observations[observations["series"].replace(series.IMF_SUCCESSORS) == name]
        if rows.empty:
            continue
        last = int(rows["period_end"].dt.year.max())
        book.add(f"trade.series_end.{key}", last, "year", periods.calendar(last),
                 sources=source_ids.join(sorted(set(rows[rows["period_end"].dt.year == last]["source_id"]))))


# --- the mirror, on the longest pair of records (front page) ---------------------------------------

def _mirror_facts(book: FactBook, gap: pd.DataFrame, prefix: str, basis: str = "calendar") -> None:
    exp = gap[gap["flow"] == "exports"]
    if exp.empty:
        return
    ids = source_ids.join(exp["source_ids"])
    since, before = exp[exp["year"] >= MIRROR_SINCE], exp[exp["year"] < MIRROR_BEFORE]
    definition = "Russia's over Pakistan's record, pooled"
    for fid, part in ((f"{prefix}ratio", since), (f"{prefix}ratio_before", before)):
        if len(part):
            first, last = int(part["year"].min()), int(part["year"].max())
            book.add(fid, series.mirror_ratio(part), "ratio", periods.span(first, last, basis),
                     sources=source_ids.join(part["source_ids"]), definition=definition)
    if prefix.startswith("trade.window") and (since.empty or before.empty):
        first, last = int(exp["year"].min()), int(exp["year"].max())
        book.add(f"{prefix}ratio_all", series.mirror_ratio(exp), "ratio", periods.span(first, last, basis),
                 sources=ids, definition=definition)


def _balance_facts(book: FactBook, signs: pd.DataFrame, prefix: str) -> None:
    since = signs[signs["year"] > MIRROR_SINCE] if (signs["year"] > MIRROR_SINCE).any() else signs
    pak, rus = since[since["reporter"] == "PAK"], since[since["reporter"] == "RUS"]
    if pak.empty or rus.empty:
        return
    years = sorted(set(pak["year"]) & set(rus["year"]))
    pak, rus = pak[pak["year"].isin(years)], rus[rus["year"].isin(years)]
    at = periods.span(years[0], years[-1])
    ids = source_ids.join([*pak["source_id"], *rus["source_id"]])
    book.add(f"{prefix}balance_years", len(years), "count", at, sources=ids)
    book.add(f"{prefix}pak_deficit_years", int((pak["balance"] < 0).sum()), "count", at, sources=ids,
             definition="deficit years, Pakistan's records")
    book.add(f"{prefix}rus_surplus_years", int((rus["balance"] > 0).sum()), "count", at, sources=ids,
             definition="Pakistani surplus years, Russia's records")


def mirror(book: FactBook, observations: pd.DataFrame) -> None:
    """``trade.mirror.ratio``: how many times Pakistan's exports Russia records, against what
    Pakistan records sending, since 2010 (and before 2008), on the IMF's records; the balance's sign
    in each country's records since 2011."""
    _mirror_facts(book, series.mirror_gap(observations, MIRROR_SERIES), "trade.mirror.")
    _balance_facts(book, series.balance_signs(observations, MIRROR_SERIES, 0, 9999), "trade.mirror.")


# --- what drove the peak ----------------------------------------------------------------------------

def crude(book: FactBook, cargoes: pd.DataFrame) -> None:
    """The government's trial order (its tonnes, cargoes and arrival dates, placed in their fiscal
    year) and the private refiner's cargoes (each with its month and tonnes, and their sum)."""
    crude_rows = drivers.crude_cargoes(cargoes)
    g2g = crude_rows[crude_rows["route"] == "government"]
    if not g2g.empty:
        fy = periods.fiscal(int(g2g["fy"].iloc[-1]))
        ids = source_ids.join(g2g["source_id"])
        book.add("trade.drivers.g2g_order_tonnes", float(g2g["order_tonnes"].max()), "tonnes", fy, sources=ids)
        book.add("trade.drivers.g2g_cargoes", len(g2g), "count", fy, sources=ids)
        for fid, r in (("first", g2g.iloc[0]), ("last", g2g.iloc[-1])):
            day = r["arrival_date"].date()
            book.add(f"trade.drivers.g2g_{fid}_arrival", day, "date", Period(fy.label, day, day, "day"),
                     sources=r["source_id"])
    private = crude_rows[crude_rows["route"] == "private"]
    if private.empty:
        return
    fy = periods.fiscal(int(private["fy"].iloc[0]))
    private = private[private["fy"] == private["fy"].iloc[0]]
    book.add("trade.drivers.private_buyer", " and ".join(dict.fromkeys(private["buyer"].dropna())), "text", fy,
             sources=source_ids.join(private["source_id"]))
    parts = []
    for i, (_, r) in enumerate(private.iterrows(), start=1):
        at = periods.month(r["arrival_date"]) if r["precision"] == "month" else \
            Period(f"{r['arrival_date'].day} {periods.month(r['arrival_date']).label}", r["arrival_date"].date(),
                   r["arrival_date"].date(), "day")
        parts.append(book.add(f"trade.drivers.private_cargo.{i}", float(r["tonnes"]), "tonnes", at,
                              sources=r["source_id"]))
    book.add("trade.drivers.private_cargoes", len(parts), "count", fy, sources=source_ids.join(private["source_id"]))
    book.derive("trade.drivers.private_tonnes", float(private["tonnes"].sum()), "tonnes", fy, of=parts)


def wheat(book: FactBook, composition_rows: pd.DataFrame) -> None:
    """Wheat from Russia: the latest calendar year with a value and the later window (USD million),
    and the fiscal years the calendar year straddles."""
    w = drivers.wheat(composition_rows)
    year = w[w["months"] == 12]
    if year.empty:
        return
    y = year.iloc[-1]
    f = book.add("trade.drivers.wheat_year", float(y["value"]), "USD million", periods.calendar(y["period_start"].year),
                 sources=y["source_id"])
    book.add("trade.drivers.wheat_year_fiscal_years",
             " and ".join(dict.fromkeys(periods.fiscal(int(v)).label for v in (y["first_fy"], y["last_fy"]))), "text",
             f.period if f else None, sources=y["source_id"])
    later = w[(w["period_start"] > y["period_end"]) & (w["months"] > 1)]
    if not later.empty:
        r = later.iloc[0]
        book.add("trade.drivers.wheat_window", float(r["value"]), "USD million",
                 periods.window(r["period_start"], r["period_end"]), sources=r["source_id"])
        book.add("trade.drivers.wheat_window_fiscal_year", periods.fiscal(int(r["last_fy"])).label, "text",
                 periods.fiscal(int(r["last_fy"])), sources=r["source_id"])


def named_events(book: FactBook, chosen: pd.DataFrame, *events: pd.DataFrame) -> None:
    """The dates (and tonnages, where given) of the events ``data/trade/drivers.csv`` names
    (``trade.drivers.event.<id>``), and the figure a statement gives for a role
    (``trade.drivers.event.<id>.<role>``, e.g. a share in percent with its bound)."""
    dated: set[str] = set()
    for _, e in drivers.named_events(chosen, *events).iterrows():
        precision = e["precision"] if e["precision"] in ("day", "month", "year") else "day"
        at = Period(periods.fiscal(int(e["fy"])).label, e["date"].date(), e["date"].date(), precision)
        fid = f"trade.drivers.event.{e['event_id']}"
        if pd.notna(e["figure"]):
            book.add(f"{fid}.{e['role']}", float(e["figure"]), e["figure_unit"] or "percent", at,
                     qualifier=e["figure_qualifier"], sources=e["source_id"])
        if fid in dated:
            continue
        dated.add(fid)
        book.add(fid, e["date"].date(), "date", at, sources=e["source_id"])
        if pd.notna(e["amount"]) and str(e["unit"]).startswith("tonnes"):
            book.add(f"{fid}.tonnes", float(e["amount"]), "tonnes",
                     periods.month(e["date"]) if precision == "month" else at, sources=e["source_id"])


# --- what is traded ------------------------------------------------------------------------------

def goods(book: FactBook, composition_rows: pd.DataFrame, observations: pd.DataFrame) -> None:
    """How old the product breakdowns are, the largest line each way in each, and the newest
    press reading of UN Comtrade for Pakistan's exports."""
    for cls, key in (("OTS group", "ots"), ("HS2", "hs")):
        for flow in ("exports", "imports"):
            top = composition.composition_top(composition_rows, flow, cls, n=1)
            if top.empty:
                continue
            r = top.iloc[0]
            at = periods.calendar(int(r["year"]))
            book.add(f"trade.goods.{key}_year", int(r["year"]), "year", at, sources=r["source_id"])
            book.add(f"trade.goods.{key}_{flow}_top", str(r["product"]), "text", at, sources=r["source_id"])
            book.add(f"trade.goods.{key}_{flow}_top_share", float(r["share_pct"]), "percent", at,
                     sources=r["source_id"])
            book.add(f"trade.goods.{key}_{flow}_top_value", float(r["value"]), "USD million", at,
                     sources=r["source_id"])
    press = observations[(observations["series"] == "Press analysis") & (observations["flow"] == "exports")]
    if not press.empty:
        r = press.sort_values(["period_end", "period_start"]).iloc[-1]
        book.add("trade.goods.press_exports", float(r["value"]), "USD million",
                 periods.window(r["period_start"], r["period_end"]), sources=r["source_id"])


# --- conflicts weighed, and the article's claim ------------------------------------------------

def weighings(book: FactBook, d: Inputs) -> None:
    """Each figure of a weighed conflict (``trade.weighing.<id>.<figure>``) and, where a full year
    and its July–May are both given, what they leave for the rest of the year."""
    rows = conflicts.weighed(d.weighings, d.observations, d.composition, d.claims)
    made: dict[tuple[str, str], Fact | None] = {}
    for _, r in rows.iterrows():
        at = periods.of_row(r["period_start"], r["period_end"], r["basis"]) if pd.notna(r["period_start"]) else None
        made[(r["weighing"], r["figure"])] = book.add(r["fact"], float(r["value"]), r["unit"] or "USD million", at,
                                                      qualifier=r["qualifier"], sources=r["source_id"])
    for _, c in conflicts.rest_of_year(rows).iterrows():
        a, b = made[(c["weighing"], c["full_figure"])], made[(c["weighing"], c["window_figure"])]
        at = periods.window(c["rest_start"], c["rest_end"])
        book.derive(f"trade.weighing.{c['weighing']}.rest", float(c["rest"]), "USD million", at, of=[a, b])
        book.derive(f"trade.weighing.{c['weighing']}.rest_share", float(c["rest_share_pct"]), "percent", at, of=[a, b],
                    definition="rest of year over window")


def claim(book: FactBook, observations: pd.DataFrame) -> None:
    """The commerce minister's July–May growth, recomputed from his own two figures."""
    check = series.window_growth(observations, "total", *GROWTH_WINDOWS)
    if check.empty:
        return
    r = check.iloc[0]
    (s1, e1), (s0, e0) = GROWTH_WINDOWS
    now = book.add("trade.claim.july_may", float(r["value"]), "USD million", periods.window(s1, e1),
                   sources=r["source_id"])
    then = book.add("trade.claim.july_may_year_before", float(r["earlier_value"]), "USD million",
                    periods.window(s0, e0), sources=r["earlier_source_id"])
    book.derive("trade.claim.july_may_growth", float(r["growth_pct"]), "percent", periods.window(s1, e1),
                of=[now, then])


# --- the reader's window ---------------------------------------------------------------------------

def chosen(book: FactBook, p: Any) -> None:
    """``trade.window.chosen``: the window's years as a label, only when the reader chose other
    years than the report's (so the text can say the top of the section keeps the full record)."""
    from ..spec.notebook import defaults

    d = defaults("trade")
    if (p.start_year, p.end_year) != (d.start_year, d.end_year):
        book.add("trade.window.chosen", periods.span(p.start_year, p.end_year, p.basis).label, "text",
                 periods.span(p.start_year, p.end_year, p.basis))


def window_rows(observations: pd.DataFrame, p: Any) -> pd.DataFrame:
    """Two-way full-year goods totals of the chosen series and reporter in the window (the rows
    growth rests on). Columns as :func:`pakru.trade.series.with_total_and_balance`."""
    rows = series.with_total_and_balance(series.annual(observations, p.basis, p.start_year, p.end_year,
                                                       (REPORTER_OF[p.reporter],)))
    return rows[(rows["series"] == p.series) & (rows["flow"] == "total")].sort_values("year")


def window(book: FactBook, observations: pd.DataFrame, p: Any) -> None:
    """Growth over the window on the chosen series (``trade.window.*``): three-year averages at
    each end when six or more years are held, the first and last years when two to five, the
    single year when one; the highest year; on Pakistan's fiscal years, the highest figure of
    any record held in the window."""
    rows = window_rows(observations, p)
    values = rows.set_index("year")["value"]
    ids = rows.set_index("year")["source_id"]
    label = periods.year

    def at(y: int) -> Period:
        return label(int(y), p.basis)

    if len(values):
        book.add("trade.window.years", len(values), "count",
                 periods.span(int(values.index.min()), int(values.index.max()), p.basis),
                 sources=source_ids.join(ids))
        top = int(values.idxmax())
        book.add("trade.window.peak", float(values[top]), "USD million", at(top), sources=ids[top])
    pair = series.averages(values)
    if pair is not None:
        head, tail = pair
        a = book.add("trade.window.early_average", float(head.mean()), "USD million",
                     periods.span(int(head.index[0]), int(head.index[-1]), p.basis),
                     sources=source_ids.join(ids[head.index]), definition="average a year")
        b = book.add("trade.window.late_average", float(tail.mean()), "USD million",
                     periods.span(int(tail.index[0]), int(tail.index[-1]), p.basis),
                     sources=source_ids.join(ids[tail.index]), definition="average a year")
        book.derive("trade.window.average_growth", series.average_growth_pct(head, tail), "percent",
                    periods.span(int(head.index[0]), int(tail.index[-1]), p.basis), of=[a, b],
                    definition="yearly growth between averages")
    elif len(values) >= 2:
        y0, y1 = int(values.index[0]), int(values.index[-1])
        a = book.add("trade.window.first", float(values[y0]), "USD million", at(y0), sources=ids[y0])
        b = book.add("trade.window.last", float(values[y1]), "USD million", at(y1), sources=ids[y1])
        book.derive("trade.window.change", series.growth_pct(values[y1], values[y0]), "percent",
                    periods.span(y0, y1, p.basis), of=[a, b])
    elif len(values) == 1:
        y = int(values.index[0])
        book.add("trade.window.single", float(values[y]), "USD million", at(y), sources=ids[y])
    if p.basis == "fiscal":
        records = series.with_total_and_balance(series.annual(observations, "fiscal", p.start_year, p.end_year,
                                                              (REPORTER_OF[p.reporter],)))
        records = records[records["flow"] == "total"]
        if not records.empty:
            r = records.loc[records["value"].idxmax()]
            book.add("trade.window.fiscal_peak", float(r["value"]), "USD million", periods.fiscal(int(r["year"])),
                     sources=r["source_id"])


def window_mirror(book: FactBook, observations: pd.DataFrame, p: Any) -> None:
    """The mirror ratio and the balance's sign for the chosen series in the window (calendar years:
    the databases publish no fiscal years)."""
    gap = series.mirror_gap(observations, p.series)
    gap = gap[gap["year"].between(p.start_year, p.end_year)]
    _mirror_facts(book, gap, "trade.window.mirror_")
    _balance_facts(book, series.balance_signs(observations, p.series, p.start_year, p.end_year), "trade.window.")

