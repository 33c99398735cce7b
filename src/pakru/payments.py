"""De-dollarisation: Pakistan's steps away from the dollar in trade with Russia, and the currency
statistics that put them in context.

Pure functions over the frames :func:`pakru.data.load` returns (``payment_events``, ``cargoes``,
``payment_claims``, ``currency_shares``, ``settlement_statements``, ``sources``). Column
conventions of the outputs are in each docstring. Nothing here reads files.

The chart builders at the end of the module (``*_chart``) only turn these frames into matplotlib
figures in the house style of :mod:`pakru.charts`; they display nothing and compute no finding.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

SERIES = ("cbr_exports", "cbr_imports", "swift_global", "swift_ex_ez", "imf_cofer")
SERIES_LABELS = {
    "cbr_exports": "Russia's export receipts (Bank of Russia)",
    "cbr_imports": "Russia's import payments (Bank of Russia)",
    "swift_global": "SWIFT, all international payments",
    "swift_ex_ez": "SWIFT, international payments excluding the euro area",
    "imf_cofer": "IMF COFER, allocated foreign-exchange reserves",
}
CATEGORIES = ("oil and LPG cargo", "payment policy", "barter", "swap line", "statement")
VERDICTS = ("supported", "partly supported", "contradicted", "not checkable with the data held")
# The Bank of Russia groups shown in its charts: roubles, yuan, and dollar plus euro together
CBR_GROUPS = ("RUB", "CNY", "USD+EUR")
CBR_GROUP_LABELS = {"RUB": "rouble", "CNY": "yuan", "USD+EUR": "dollar + euro"}

# Topics in claims.csv the checks read (rows sharing a topic are competing accounts)
TOPIC_CURRENCY = "Currency of payment for the first Russian crude cargo (G2G order of April 2023)"
TOPIC_FIRST_TONNAGE = "Tonnage of the first cargo (Pure Point)"
TOPIC_FIRST_ARRIVAL = "Arrival date of the first cargo"
TOPIC_ORDER = "Total quantity of the G2G test order"

CLAIM_FIRST_CARGO = "The first G2G Russian crude arrived in June 2023: 45,000 t of a 100,000 t deal"
CLAIM_YUAN = "That crude was paid for in Chinese yuan"
CLAIM_DOLLAR = "The first shipment was paid for in US dollars (power minister, May 2023)"
CLAIM_BARTER = "Pakistan is setting up barter trade with Russia, Iran and Afghanistan (SRO 642 of 2023)"

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


# --------------------------------------------------------------------------------------------
# Periods
# --------------------------------------------------------------------------------------------

def in_period(frame: pd.DataFrame, start: object, end: object, column: str = "period_start") -> pd.DataFrame:
    """Rows whose ``column`` (a date) lies between ``start`` and ``end``, both inclusive.

    ``start`` and ``end`` are ISO date strings or anything :class:`pandas.Timestamp` takes; a
    row of a period (month, quarter, year) is kept when the period *starts* in the window."""
    lo, hi = pd.Timestamp(start), pd.Timestamp(end)
    if lo > hi:
        raise ValueError(f"start ({lo.date()}) is after end ({hi.date()})")
    dates = pd.to_datetime(frame[column])
    return frame[(dates >= lo) & (dates <= hi)].copy()


def select_series(shares: pd.DataFrame, series: Iterable[str]) -> pd.DataFrame:
    """The rows of ``currency_shares`` belonging to the named series (unknown names raise)."""
    wanted = list(series)
    unknown = [s for s in wanted if s not in SERIES]
    if unknown:
        raise ValueError(f"unknown series {unknown[0]!r}; known: {', '.join(SERIES)}")
    return shares[shares["series"].isin(wanted)].copy()


def period_label(start: object, end: object, period_type: str) -> str:
    """A reader's label: ``"July 2024"``, ``"2022-Q1"``, ``"2021"``, ``"Jan–Mar 2023"``."""
    s, e = pd.Timestamp(start), pd.Timestamp(end)
    if period_type == "month":
        return f"{_MONTHS[s.month - 1]} {s.year}"
    if period_type == "quarter":
        return f"{s.year}-Q{(s.month - 1) // 3 + 1}"
    if period_type == "year":
        return str(s.year)
    if s == e:
        return f"{s.day} {_MONTHS[s.month - 1]} {s.year}"
    return f"{s:%b %Y}–{e:%b %Y}"


def midpoint(start: pd.Series, end: pd.Series) -> pd.Series:
    """The middle of each period (``end`` is the period's last day, inclusive)."""
    s, e = pd.to_datetime(start), pd.to_datetime(end) + pd.Timedelta(days=1)
    return (s + (e - s) / 2).dt.floor("D")


# --------------------------------------------------------------------------------------------
# Cargoes
# --------------------------------------------------------------------------------------------

def order_tonnes(cargo: pd.Series) -> float:
    """The size of the purchase order a cargo belongs to (cargoes.csv ``order_tonnes``); NaN when
    the order's size was not published."""
    value = cargo.get("order_tonnes")
    return float("nan") if value is None or pd.isna(value) else float(value)


def cargo_totals(cargoes: pd.DataFrame) -> pd.DataFrame:
    """Totals per product.

    Columns: product, cargoes (count), with_tonnes (cargoes whose tonnage is published), tonnes
    (sum of the published tonnages), yuan_cargoes, yuan_tonnes (cargoes whose payment currency is
    recorded as CNY, and their published tonnes). An unpublished tonnage is left out of the sums,
    never counted as zero: compare ``with_tonnes`` with ``cargoes``."""
    cols = ["product", "cargoes", "with_tonnes", "tonnes", "yuan_cargoes", "yuan_tonnes"]
    rows = []
    for product, g in cargoes.groupby("product", sort=False):
        yuan = g[g["currency"] == "CNY"]
        rows.append({
            "product": product, "cargoes": len(g), "with_tonnes": int(g["tonnes"].notna().sum()),
            "tonnes": float(g["tonnes"].sum(min_count=1)) if g["tonnes"].notna().any() else float("nan"),
            "yuan_cargoes": len(yuan),
            "yuan_tonnes": float(yuan["tonnes"].sum()) if len(yuan) else 0.0,
        })
    out = pd.DataFrame(rows, columns=cols)
    order = {p: i for i, p in enumerate(("crude oil", "LPG", "gasoline"))}
    return out.sort_values("product", key=lambda s: s.map(order).fillna(99)).reset_index(drop=True)


@dataclass(frozen=True)
class FirstCargo:
    """The first cargo of a product and what share of its purchase order it carried."""

    cargo_id: str
    vessel: str
    arrival_date: pd.Timestamp
    precision: str
    tonnes: float
    order: str
    order_tonnes: float
    order_cargoes: int
    order_delivered_tonnes: float
    source_ids: str

    @property
    def share_pct(self) -> float:
        """The cargo's tonnes as a percentage of its order (NaN when either is unknown)."""
        if pd.isna(self.tonnes) or pd.isna(self.order_tonnes) or self.order_tonnes == 0:
            return float("nan")
        return self.tonnes / self.order_tonnes * 100.0


def first_cargo(cargoes: pd.DataFrame, product: str = "crude oil", order_contains: str | None = None
                ) -> FirstCargo | None:
    """The earliest-arriving cargo of ``product`` (optionally of an order whose text contains
    ``order_contains``), with its order's size as the ``order`` column states it and the tonnes
    all cargoes of that order delivered. None when there is no such cargo."""
    sub = cargoes[cargoes["product"] == product]
    if order_contains is not None:
        sub = sub[sub["order"].fillna("").str.contains(order_contains, regex=False)]
    if sub.empty:
        return None
    first = sub.sort_values(["arrival_date", "cargo_id"]).iloc[0]
    same_order = cargoes[(cargoes["order"] == first["order"]) & (cargoes["product"] == product)] \
        if pd.notna(first["order"]) else sub.iloc[:0]
    ids = ";".join(_split_ids([first["source_id"], first["also_source_ids"]]))
    return FirstCargo(
        cargo_id=str(first["cargo_id"]), vessel="" if pd.isna(first["vessel"]) else str(first["vessel"]),
        arrival_date=pd.Timestamp(first["arrival_date"]), precision=str(first["precision"]),
        tonnes=float(first["tonnes"]) if pd.notna(first["tonnes"]) else float("nan"),
        order="" if pd.isna(first["order"]) else str(first["order"]), order_tonnes=order_tonnes(first),
        order_cargoes=len(same_order),
        order_delivered_tonnes=float(same_order["tonnes"].sum()) if len(same_order) else float("nan"),
        source_ids=ids)


def first_cargo_share(cargoes: pd.DataFrame, product: str = "crude oil") -> float:
    """The first cargo's tonnes as a percentage of its order: 45,142 of 100,000 t is 45.1%."""
    fc = first_cargo(cargoes, product)
    return fc.share_pct if fc else float("nan")


# --------------------------------------------------------------------------------------------
# Currency shares: breaks, segments, peaks
# --------------------------------------------------------------------------------------------

def break_points(shares: pd.DataFrame) -> pd.DataFrame:
    """Where each series changed definition: one row per series and break date.

    Columns: series, date (the ``period_start`` of the first observation after the change),
    note (the break notes of that date, distinct ones joined with " / "), currencies (the
    currencies flagged). Sorted by series and date."""
    cols = ["series", "date", "note", "currencies"]
    flagged = shares[shares["break"].fillna(False).astype(bool)]
    if flagged.empty:
        return pd.DataFrame(columns=cols)
    rows = []
    for (series, day), g in flagged.groupby(["series", "period_start"], sort=True):
        notes = [str(n) for n in dict.fromkeys(g["break_note"].dropna()) if str(n).strip()]
        rows.append({"series": series, "date": pd.Timestamp(day), "note": " / ".join(notes),
                     "currencies": ", ".join(sorted(set(g["currency"])))})
    return pd.DataFrame(rows, columns=cols)


def split_at_breaks(rows: pd.DataFrame, break_dates: Iterable[object] = (), gaps: bool = True
                    ) -> list[pd.DataFrame]:
    """Split observations into the stretches a line may join.

    A new segment starts at every row with ``break`` true, at every date in ``break_dates`` (pass
    a series' break dates to cut all its currencies there), where the period type changes (a
    yearly figure is never joined to a monthly one), and, when ``gaps``, where a period does not
    follow straight on from the previous one (a missing month stays a gap). Rows of several
    series or currencies are split per (series, currency) first. No segment spans a break: a
    break row is always the first row of its segment. Segments are sorted by period_start."""
    if rows.empty:
        return []
    keys = [k for k in ("series", "currency") if k in rows]
    cuts = sorted(pd.Timestamp(d) for d in break_dates)
    out: list[pd.DataFrame] = []
    groups = rows.groupby(keys, sort=True) if keys else [((), rows)]
    for _, g in groups:
        g = g.sort_values(["period_start", "period_end"], kind="stable")
        flags = g["break"].fillna(False).astype(bool).to_numpy() if "break" in g else np.zeros(len(g), bool)
        ptype = g["period_type"].to_numpy() if "period_type" in g else np.array([None] * len(g))
        starts, ends = list(g["period_start"]), list(g["period_end"])
        current = [0]
        for i in range(1, len(g)):
            prev_start, start = pd.Timestamp(starts[i - 1]), pd.Timestamp(starts[i])
            new = bool(flags[i]) or ptype[i] != ptype[i - 1]
            new = new or any(prev_start < c <= start for c in cuts)
            if gaps and start > pd.Timestamp(ends[i - 1]) + pd.Timedelta(days=1):
                new = True
            if new:
                out.append(g.iloc[current])
                current = []
            current.append(i)
        out.append(g.iloc[current])
    return out


def peak(rows: pd.DataFrame) -> pd.Series | None:
    """The observation with the highest ``share_pct`` (the earliest if tied), with a ``period``
    label added; None for no rows."""
    if rows.empty:
        return None
    best = rows.sort_values(["share_pct", "period_start"], ascending=[False, True], kind="stable").iloc[0].copy()
    best["period"] = period_label(best["period_start"], best["period_end"], best["period_type"])
    return best


def last_segment(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows from the last change of definition on (the last row with ``break`` true), so that a
    first-to-last comparison never spans two definitions. All rows when no break is flagged."""
    if rows.empty:
        return rows
    ordered = rows.sort_values(["period_start", "period_end"], kind="stable")
    flags = ordered["break"].fillna(False).astype(bool).to_numpy()
    if not flags.any():
        return ordered
    start = len(flags) - 1 - int(flags[::-1].argmax())
    return ordered.iloc[start:]


def latest(rows: pd.DataFrame) -> pd.Series | None:
    """The most recent observation (latest period_start), with a ``period`` label; None for no rows."""
    if rows.empty:
        return None
    last = rows.sort_values(["period_start", "period_end"], kind="stable").iloc[-1].copy()
    last["period"] = period_label(last["period_start"], last["period_end"], last["period_type"])
    return last


def earliest(rows: pd.DataFrame) -> pd.Series | None:
    """The first observation (earliest period_start), with a ``period`` label; None for no rows."""
    if rows.empty:
        return None
    first = rows.sort_values(["period_start", "period_end"], kind="stable").iloc[0].copy()
    first["period"] = period_label(first["period_start"], first["period_end"], first["period_type"])
    return first


def share_series(shares: pd.DataFrame, series: str, currency: str) -> pd.DataFrame:
    """One series and currency, sorted, with ``x`` (period midpoint) and ``period`` label columns."""
    sub = shares[(shares["series"] == series) & (shares["currency"] == currency)]
    sub = sub.sort_values(["period_start", "period_end"]).copy()
    sub["x"] = midpoint(sub["period_start"], sub["period_end"])
    sub["period"] = [period_label(s, e, t) for s, e, t in zip(sub["period_start"], sub["period_end"],
                                                               sub["period_type"])]
    return sub.reset_index(drop=True)


def cbr_shares(shares: pd.DataFrame) -> pd.DataFrame:
    """The Bank of Russia's rouble, yuan and dollar-plus-euro shares, long, ready to plot.

    Where a period has a dollar and a euro figure but no combined one, the combined figure is
    their sum, marked ``derived`` and citing both sources. Columns: series, group (RUB, CNY,
    USD+EUR), label, period_start, period_end, period_type, period, x (period midpoint),
    share_pct, derived, break, source_id. Sorted by series, group and period."""
    cols = ["series", "group", "label", "period_start", "period_end", "period_type", "period", "x", "share_pct",
            "derived", "break", "source_id"]
    cbr = shares[shares["series"].isin(["cbr_exports", "cbr_imports"])]
    keep = cbr[cbr["currency"].isin(CBR_GROUPS)].assign(group=lambda f: f["currency"], derived=False)
    parts = [keep]
    key = ["series", "period_start", "period_end", "period_type"]
    usd = cbr[cbr["currency"] == "USD"].set_index(key)
    eur = cbr[cbr["currency"] == "EUR"].set_index(key)
    both = usd.merge(eur, left_index=True, right_index=True, suffixes=("_usd", "_eur"))
    have = set(map(tuple, cbr[cbr["currency"] == "USD+EUR"][key].itertuples(index=False, name=None)))
    extra = []
    for idx, r in both.iterrows():
        if idx in have:
            continue
        extra.append(dict(zip(key, idx)) | {
            "group": "USD+EUR", "share_pct": r["share_pct_usd"] + r["share_pct_eur"], "derived": True,
            "break": bool(r["break_usd"]) or bool(r["break_eur"]),
            "source_id": ";".join(dict.fromkeys([r["source_id_usd"], r["source_id_eur"]]))})
    if extra:
        parts.append(pd.DataFrame(extra))
    out = pd.concat(parts, ignore_index=True)
    if out.empty:
        return pd.DataFrame(columns=cols)
    out["break"] = out["break"].fillna(False).astype(bool)
    out["label"] = out["group"].map(CBR_GROUP_LABELS)
    out["x"] = midpoint(out["period_start"], out["period_end"])
    out["period"] = [period_label(s, e, t) for s, e, t in zip(out["period_start"], out["period_end"],
                                                               out["period_type"])]
    order = {g: i for i, g in enumerate(CBR_GROUPS)}
    out = out.sort_values(["series", "group", "period_start", "period_end"],
                          key=lambda s: s.map(order) if s.name == "group" else s)
    return out[cols].reset_index(drop=True)


def rub_cny_share(shares: pd.DataFrame, series: str = "cbr_exports") -> pd.DataFrame:
    """The share of Russia's payments in roubles plus yuan, for every period with both figures.

    From the Bank of Russia's new format on, the yuan is no longer shown alone: it sits in the
    'other' (friendly) currencies, from the 'OTHER' row flagged as a break onward. Those periods
    give roubles plus friendly currencies, yuan included, labelled so. Columns: period_start,
    period_end, period_type, period, rub, other (the yuan, or the friendly currencies),
    share_pct, combination, source_ids."""
    cols = ["period_start", "period_end", "period_type", "period", "rub", "other", "share_pct", "combination",
            "source_ids"]
    sub = shares[shares["series"] == series]
    key = ["period_start", "period_end", "period_type"]
    rub = sub[sub["currency"] == "RUB"].set_index(key)
    cny = sub[sub["currency"] == "CNY"].set_index(key)
    other = sub[sub["currency"] == "OTHER"]
    flagged = other[other["break"].fillna(False).astype(bool)]
    # 'other' includes the yuan from the first flagged 'OTHER' row on (see its break note)
    since = flagged["period_start"].min() if not flagged.empty else None
    friendly = (other[other["period_start"] >= since] if since is not None else other.iloc[:0]).set_index(key)
    rows = []
    for part, what in ((cny, "roubles + yuan"), (friendly, "roubles + friendly currencies (yuan included)")):
        both = rub.merge(part, left_index=True, right_index=True, suffixes=("_rub", "_other"))
        for idx, r in both.iterrows():
            rows.append(dict(zip(key, idx)) | {
                "rub": r["share_pct_rub"], "other": r["share_pct_other"],
                "share_pct": r["share_pct_rub"] + r["share_pct_other"], "combination": what,
                "source_ids": ";".join(dict.fromkeys([r["source_id_rub"], r["source_id_other"]]))})
    out = pd.DataFrame(rows, columns=[c for c in cols if c != "period"])
    if out.empty:
        return pd.DataFrame(columns=cols)
    out["period"] = [period_label(s, e, t) for s, e, t in zip(out["period_start"], out["period_end"],
                                                               out["period_type"])]
    return out.sort_values(["period_start", "period_end"])[cols].reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Events and statements
# --------------------------------------------------------------------------------------------

def _split_ids(cells: Iterable[object]) -> list[str]:
    from .data import split_source_ids

    return split_source_ids(*cells)


def timeline_events(events: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Events in the shape :func:`pakru.timeline.timeline_chart` draws.

    Columns: event_id, date, precision, end_date (always missing: every step here is a single
    date), category, title, weak (True when every source the event cites is rated 'weak' in the
    source registry), source_ids. Sorted by date; an event known only to the month or year sorts
    at the end of its period, after the day-dated events inside it (a notification dated "October"
    does not jump ahead of an approval on 2 October)."""
    quality = dict(zip(sources["source_id"], sources["quality"]))
    out = events.copy()
    ids = [_split_ids([a, b]) for a, b in zip(out["source_id"], out["also_source_ids"])]
    out["source_ids"] = [";".join(i) for i in ids]
    out["weak"] = [bool(i) and all(quality.get(s) == "weak" for s in i) for i in ids]
    out["end_date"] = pd.Series(pd.NaT, index=out.index, dtype="datetime64[ns]")
    cols = ["event_id", "date", "precision", "end_date", "category", "title", "weak", "source_ids"]
    from .timeline import period_end

    out["_order"] = [period_end(d, p) for d, p in zip(out["date"], out["precision"])]
    return out.sort_values(["_order", "date", "event_id"])[cols].reset_index(drop=True)


_QUALIFIER_SIGN = {"more_than": ">", "less_than": "<", "about": "≈"}


def statement_points(statements: pd.DataFrame) -> pd.DataFrame:
    """Officials' statements with a share, ready to plot as labelled points.

    Columns: statement_id, date, precision, x (the middle of the day or month the date is known to),
    share_pct, qualifier, label (e.g. "Putin >80%"), speaker, role, claim, source_ids."""
    sub = statements[statements["share_pct"].notna()].copy()
    sub["x"] = [pd.Timestamp(d) + (pd.Timedelta(days=14) if p == "month" else pd.Timedelta(0))
                for d, p in zip(sub["date"], sub["precision"])]
    sub["label"] = [f"{str(s).split()[-1]} {_QUALIFIER_SIGN.get(q, '') if isinstance(q, str) else ''}{v:g}%"
                    for s, q, v in zip(sub["speaker"], sub["qualifier"], sub["share_pct"])]
    sub["source_ids"] = [";".join(_split_ids([a, b])) for a, b in zip(sub["source_id"], sub["also_source_ids"])]
    cols = ["statement_id", "date", "precision", "x", "share_pct", "qualifier", "label", "speaker", "role", "claim",
            "source_ids"]
    return sub.sort_values(["date", "statement_id"])[cols].reset_index(drop=True)


# --------------------------------------------------------------------------------------------
# Claims
# --------------------------------------------------------------------------------------------

def _norm(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value).strip().lower()


def conflicting_claims(claims: pd.DataFrame) -> pd.DataFrame:
    """Topics on which the sources disagree, every account kept, grouped by topic.

    A topic is a conflict when its accounts give at least two different values (compared without
    case and spaces). Columns: topic_no (1, 2, … in the order topics first appear), topic,
    accounts (number of accounts on the topic), values (number of distinct values), claim, value,
    source_id, note."""
    cols = ["topic_no", "topic", "accounts", "values", "claim", "value", "source_id", "note"]
    out = []
    n = 0
    for topic in dict.fromkeys(claims["topic"]):
        g = claims[claims["topic"] == topic]
        distinct = {_norm(v) for v in g["value"]}
        if len(distinct) < 2:
            continue
        n += 1
        out.append(g.assign(topic_no=n, accounts=len(g), values=len(distinct)))
    if not out:
        return pd.DataFrame(columns=cols)
    return pd.concat(out, ignore_index=True)[cols]


def _number(value: object) -> float:
    try:
        return float(str(value).replace(",", ""))
    except (TypeError, ValueError):
        return float("nan")


def _currency_accounts(claims: pd.DataFrame, currency: str) -> tuple[list[str], list[str], list[str]]:
    """Source ids of accounts on the payment currency that name ``currency``, that name another
    currency (an ISO code), and that name none."""
    from .schema import CURRENCIES

    g = claims[claims["topic"] == TOPIC_CURRENCY]
    agree = [s for s, v in zip(g["source_id"], g["value"]) if str(v).strip().upper() == currency]
    against = [s for s, v in zip(g["source_id"], g["value"])
               if str(v).strip().upper() in CURRENCIES and str(v).strip().upper() != currency]
    vague = [s for s in g["source_id"] if s not in agree and s not in against]
    return agree, against, vague


def _fmt_day(ts: pd.Timestamp, precision: str = "day") -> str:
    return f"{_MONTHS[ts.month - 1]} {ts.year}" if precision != "day" else f"{ts.day} {_MONTHS[ts.month - 1]} {ts.year}"


def check_claims(cargoes: pd.DataFrame, claims: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Verdicts on the statements commonly made about Pakistan's Russian crude and barter trade,
    computed from the data.

    Columns: claim, finding (a sentence with the computed numbers), verdict (one of
    :data:`VERDICTS`), source_ids (``;``-separated). Rows: the first G2G cargo (June 2023,
    45,000 t of a 100,000 t deal), payment in yuan, payment in dollars, and the barter order
    SRO 642 for Russia, Iran and Afghanistan."""
    rows = [_check_first_cargo(cargoes, claims), _check_currency(cargoes, claims, "CNY"),
            _check_currency(cargoes, claims, "USD"), _check_barter(events)]
    return pd.DataFrame(rows, columns=["claim", "finding", "verdict", "source_ids"])


def _check_first_cargo(cargoes: pd.DataFrame, claims: pd.DataFrame) -> dict[str, str]:
    fc = first_cargo(cargoes, "crude oil", order_contains="G2G")
    if fc is None:
        return {"claim": CLAIM_FIRST_CARGO, "verdict": VERDICTS[3], "source_ids": "",
                "finding": "No crude cargo of the government-to-government order is in cargoes.csv."}
    ids = fc.source_ids.split(";")
    june_2023 = (fc.arrival_date.year, fc.arrival_date.month) == (2023, 6)
    about_45k = abs(fc.tonnes - 45_000) / 45_000 <= 0.02 if pd.notna(fc.tonnes) else False
    order_100k = fc.order_tonnes == 100_000
    parts = [f"cargoes.csv: the first G2G crude cargo{' (' + fc.vessel + ')' if fc.vessel else ''} arrived "
             f"{_fmt_day(fc.arrival_date, fc.precision)} with {fc.tonnes:,.0f} t, {fc.share_pct:.1f}% of its "
             f"{fc.order_tonnes:,.0f} t order; the order's {fc.order_cargoes} cargoes delivered "
             f"{fc.order_delivered_tonnes:,.0f} t."]
    for topic, what, fmt in ((TOPIC_FIRST_TONNAGE, "tonnage", lambda v: f"{_number(v):,.0f} t"),
                             (TOPIC_FIRST_ARRIVAL, "arrival date", lambda v: _fmt_day(pd.Timestamp(v))),
                             (TOPIC_ORDER, "order size", lambda v: f"{_number(v):,.0f} t")):
        g = claims[claims["topic"] == topic]
        if g.empty:
            continue
        ids += [s for s in g["source_id"] if s not in ids]
        values = list(dict.fromkeys(fmt(v) for v in g["value"]))
        parts.append(f"Published {what}s: {', '.join(values)} ({len(g)} accounts).")
    if topic_has(claims, TOPIC_FIRST_ARRIVAL):
        days = pd.to_datetime(claims[claims["topic"] == TOPIC_FIRST_ARRIVAL]["value"], errors="coerce")
        june_2023 = june_2023 and bool(((days.dt.year == 2023) & (days.dt.month == 6)).all())
    checks = [june_2023, about_45k, order_100k]
    verdict = VERDICTS[0] if all(checks) else VERDICTS[1] if any(checks) else VERDICTS[2]
    return {"claim": CLAIM_FIRST_CARGO, "finding": " ".join(parts), "verdict": verdict, "source_ids": ";".join(ids)}


def topic_has(claims: pd.DataFrame, topic: str) -> bool:
    """True when claims.csv holds at least one account on ``topic``."""
    return bool((claims["topic"] == topic).any())


def _check_currency(cargoes: pd.DataFrame, claims: pd.DataFrame, currency: str) -> dict[str, str]:
    claim = CLAIM_YUAN if currency == "CNY" else CLAIM_DOLLAR
    g2g = cargoes[(cargoes["product"] == "crude oil") & cargoes["order"].fillna("").str.contains("G2G", regex=False)]
    recorded = [c for c in dict.fromkeys(g2g["currency"].dropna())]
    agree, against, vague = _currency_accounts(claims, currency)
    ids = _split_ids(list(g2g["source_id"]) + list(g2g["also_source_ids"])) if len(g2g) else []
    ids += [s for s in agree + against + vague if s not in ids]
    if not recorded and not agree and not against:
        return {"claim": claim, "verdict": VERDICTS[3], "source_ids": ";".join(ids),
                "finding": "Neither cargoes.csv nor claims.csv names the currency the G2G crude was paid in."}
    cargo_agrees = bool(recorded) and set(recorded) == {currency}
    cargo_against = bool(recorded) and currency not in recorded
    n_for = len(agree) + (1 if cargo_agrees else 0)
    n_against = len(against) + (1 if cargo_against else 0)
    if n_against == 0:
        verdict = VERDICTS[0]
    elif n_for > n_against:
        verdict = VERDICTS[1]
    elif n_for == 0 or n_against > n_for:
        verdict = VERDICTS[2]
    else:
        verdict = VERDICTS[1]
    others = claims[(claims["topic"] == TOPIC_CURRENCY) & claims["source_id"].isin(against)]
    other_codes = ", ".join(dict.fromkeys(str(v).strip().upper() for v in others["value"]))
    n_named = len(agree) + len(against)
    finding = (f"cargoes.csv records {', '.join(recorded) or 'no currency'} for the {len(g2g)} G2G crude cargoes. "
               f"Of the {n_named} accounts in claims.csv that name a currency, "
               f"{len(agree)} {_says(len(agree))} {currency}"
               + (f" and {len(against)} {_says(len(against))} {other_codes}" if against else "") + "; "
               f"{len(vague)} more name{'s' if len(vague) == 1 else ''} no currency.")
    notes = [str(n) for n in claims[(claims["topic"] == TOPIC_CURRENCY) & claims["note"].notna()]["note"]]
    if notes:
        finding += " Note in the data: " + " ".join(notes)
    return {"claim": claim, "finding": finding, "verdict": verdict, "source_ids": ";".join(ids)}


def _says(n: int) -> str:
    return "says" if n == 1 else "say"


def _check_barter(events: pd.DataFrame) -> dict[str, str]:
    barter = events[events["category"] == "barter"].sort_values("date")
    sro = barter[barter["title"].str.contains("SRO 642", regex=False)]
    if sro.empty:
        return {"claim": CLAIM_BARTER, "verdict": VERDICTS[3], "source_ids": "",
                "finding": "events.csv holds no barter event for SRO 642."}
    first = sro.iloc[0]
    countries = [c for c in ("Russia", "Iran", "Afghanistan") if c in str(first["title"])]
    later = barter[barter["date"] > first["date"]]
    ids = _split_ids([first["source_id"], first["also_source_ids"]])
    ids += [s for s in _split_ids(list(later["source_id"]) + list(later["also_source_ids"])) if s not in ids]
    finding = (f"events.csv: {first['title']} ({_fmt_day(pd.Timestamp(first['date']), first['precision'])}), "
               f"naming {', '.join(countries) or 'none of the three countries'}.")
    if len(later):
        finding += (f" {len(later)} later barter event{'s' if len(later) != 1 else ''} up to "
                    f"{_fmt_day(pd.Timestamp(later['date'].max()), 'month')}: "
                    + "; ".join(f"{_fmt_day(pd.Timestamp(d), p)}: {t}" for d, p, t in
                                zip(later["date"], later["precision"], later["title"])) + ".")
    verdict = VERDICTS[0] if len(countries) == 3 else VERDICTS[1] if countries else VERDICTS[2]
    return {"claim": CLAIM_BARTER, "finding": finding, "verdict": verdict, "source_ids": ";".join(ids)}


# --------------------------------------------------------------------------------------------
# Charts (house style of pakru.charts; they draw, they do not compute findings)
# --------------------------------------------------------------------------------------------

def short_note(note: str, width: int = 60) -> str:
    """A break note cut to fit beside a line on a chart: the first clause, at most ``width``
    characters."""
    first = re.split(r"[:;(]", str(note), maxsplit=1)[0].strip()
    return textwrap.shorten(first or str(note), width, placeholder="…")


def plot_window(start: object, end: object, first: object, last: object, pad_days: int = 60
                ) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The x range of a chart: the window ``start``..``end`` narrowed to the data it shows
    (``first``..``last``) plus a margin, so that an empty stretch before the first figure is not
    drawn as if it were part of the series."""
    lo, hi = pd.Timestamp(start), pd.Timestamp(end)
    if first is not None and not pd.isna(first):
        lo = max(lo, pd.Timestamp(first) - pd.Timedelta(days=pad_days))
    if last is not None and not pd.isna(last):
        hi = min(hi, pd.Timestamp(last) + pd.Timedelta(days=pad_days))
    return (lo, hi) if lo < hi else (pd.Timestamp(start), pd.Timestamp(end))


def compact_source_line(source_ids: Iterable[str], sources: pd.DataFrame, limit: int = 4,
                        table_below: bool = True) -> str:
    """:func:`pakru.charts.source_line` when a chart rests on at most ``limit`` publishers;
    otherwise one short line naming the publishers and pointing to the tables, so that a chart
    resting on dozens of news reports does not carry a paragraph of titles."""
    from . import charts

    ids = _split_ids(source_ids)
    reg = sources.set_index("source_id")
    publishers = list(dict.fromkeys(str(reg.at[s, "publisher"]).split(" (")[0] if s in reg.index else s
                                    for s in ids))
    if len(publishers) <= limit:
        return charts.source_line(ids, sources)
    return (f"Sources: {len(ids)} documents from {len(publishers)} publishers ({', '.join(publishers)}). "
            + ("Each row's source id is in the table below the chart; titles and links are in the sources table "
               "at the end of the section." if table_below else
               f"Titles and links are in the sources table at the end of the section. [ids: {', '.join(ids)}]"))


def _figure(height: float, ncols: int = 1, legend: bool = True, sharey: bool = False) -> tuple[object, object, list]:
    """A figure with an optional legend row above the panels (a figure legend placed 'outside'
    collides with the title under constrained layout). Returns (fig, legend_axes or None, axes)."""
    from . import charts

    charts.apply_style()
    fig = charts.plt.figure(figsize=(charts.WIDTH_IN, height), layout="constrained")
    gs = fig.add_gridspec(2 if legend else 1, ncols, height_ratios=[0.1, 1] if legend else [1])
    lax = None
    if legend:
        lax = fig.add_subplot(gs[0, :])
        lax.axis("off")
    row = 1 if legend else 0
    axes = [fig.add_subplot(gs[row, 0])]
    for i in range(1, ncols):
        axes.append(fig.add_subplot(gs[row, i], sharey=axes[0] if sharey else None))
    return fig, lax, axes


def _date_axis(ax: object, start: pd.Timestamp, end: pd.Timestamp) -> None:
    import matplotlib.dates as mdates

    years = max((end - start).days / 365.25, 1)
    step = next((s for s in (1, 2, 5) if years / s <= 7), 10)
    ax.xaxis.set_major_locator(mdates.YearLocator(step))  # type: ignore[attr-defined]
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))  # type: ignore[attr-defined]
    ax.set_xlim(start, end)  # type: ignore[attr-defined]


def _draw_breaks(ax: object, breaks: pd.DataFrame, labels: dict[str, str] | None = None, width: int = 46) -> None:
    """A vertical dotted line at each break date, labelled with its shortened note, or with the
    letter ``labels`` gives its note."""
    from . import charts

    ymin, ymax = ax.get_ylim()  # type: ignore[attr-defined]
    for i, (day, g) in enumerate(breaks.groupby("date", sort=True)):
        note = " / ".join(dict.fromkeys(g["note"]))
        ax.axvline(day, color=charts.GREY, linestyle=":", linewidth=1.3, zorder=1)  # type: ignore[attr-defined]
        if labels:  # a short letter beside the line; the notes go under the chart
            ax.text(day, ymax, f"break {labels[note]} ",  # type: ignore[attr-defined]
                    rotation=90, va="top", ha="right", fontsize=7, color=charts.GREY)
        else:  # the note itself, left of the line, one line of text per break, stepping down
            y = ymax - (ymax - ymin) * (0.03 + 0.075 * i)
            ax.annotate(f"break, {day:%b %Y}: {short_note(note, width)}", (day, y),  # type: ignore[attr-defined]
                        xytext=(-4, 0), textcoords="offset points", ha="right", va="center", fontsize=7,
                        color=charts.GREY, bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 0.5})


def _break_letters(breaks: pd.DataFrame) -> dict[str, str]:
    notes = list(dict.fromkeys(" / ".join(dict.fromkeys(g["note"])) for _, g in
                               breaks.sort_values("date").groupby(["series", "date"], sort=False)))
    return {n: "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[i % 26] for i, n in enumerate(notes)}


def swift_chart(rows: pd.DataFrame, breaks: pd.DataFrame, title: str, source: str, start: object, end: object,
                note: str = "") -> object:
    """The yuan's share of SWIFT payments, one line per series; lines stop at every series break
    (a vertical dotted line labelled with the break's note; the full notes go under the chart)
    and at months without a figure."""
    from . import charts

    fig, lax, (ax,) = _figure(4.3)
    present = [s for s in SERIES if s in set(rows["series"])]
    for i, series in enumerate(present):
        g = rows[rows["series"] == series]
        style = charts.style_for(i)
        cuts = breaks[breaks["series"] == series]["date"]
        for k, seg in enumerate(split_at_breaks(g, cuts)):
            x = midpoint(seg["period_start"], seg["period_end"])
            ax.plot(list(x), list(seg["share_pct"]), markersize=3.2, linewidth=1.5,
                    label=SERIES_LABELS.get(series, series) if k == 0 else "_nolegend_", **style)
    ax.set_ylabel("yuan share of payments, %")
    ax.set_xlabel("month (marker in the middle of the month)")
    ax.set_ylim(0, max(5.0, float(rows["share_pct"].max()) * 1.3) if len(rows) else 5.0)
    lo, hi = plot_window(start, end, rows["period_start"].min(), rows["period_end"].max())
    _date_axis(ax, lo, hi)
    shown = breaks[(breaks["date"] >= lo) & (breaks["date"] <= hi)].drop_duplicates(["date", "note"])
    _draw_breaks(ax, shown)
    handles, labels = ax.get_legend_handles_labels()
    from matplotlib.lines import Line2D

    handles.append(Line2D([], [], color=charts.GREY, linestyle=":", linewidth=1.3))
    labels.append("series break (definition changed)")
    lax.legend(handles, labels, loc="center", ncols=2, fontsize=8)
    notes = [f"Break, {d:%B %Y}: {n}"
             for d, n in shown.drop_duplicates("date")[["date", "note"]].itertuples(index=False)]
    return charts.finish(fig, title, source, "\n".join([n for n in [note] if n] + notes))


def cbr_chart(plot: pd.DataFrame, breaks: pd.DataFrame, title: str, source: str, start: object, end: object,
              note: str = "") -> object:
    """One panel per Bank of Russia series (exports, imports): rouble, yuan and dollar-plus-euro
    shares (rows of :func:`cbr_shares`). Monthly figures are joined only when consecutive; a
    quarter or year is a marker with a bar across the whole period; lines never cross a break
    (dotted lines lettered by break note; the notes go under the chart)."""
    from matplotlib.lines import Line2D

    from . import charts

    panels = [s for s in ("cbr_exports", "cbr_imports") if s in set(plot["series"])]
    fig, lax, axes = _figure(4.4, max(len(panels), 1), sharey=True)
    styles = {g: charts.style_for(i) for i, g in enumerate(CBR_GROUPS)}
    lo, hi = plot_window(start, end, plot["period_start"].min(), plot["period_end"].max())
    letters = _break_letters(breaks[(breaks["date"] >= lo) & (breaks["date"] <= hi)])
    for ax, series in zip(axes, panels):
        sub = plot[plot["series"] == series]
        cuts = breaks[breaks["series"] == series]["date"]
        for group in CBR_GROUPS:
            g = sub[sub["group"] == group].assign(currency=group)
            st = styles[group]
            for seg in split_at_breaks(g, cuts):
                face = ["white" if d else st["color"] for d in seg["derived"]]
                ax.plot(list(seg["x"]), list(seg["share_pct"]), color=st["color"], linestyle=st["linestyle"],
                        linewidth=1.4)
                ax.scatter(list(seg["x"]), list(seg["share_pct"]), marker=st["marker"], s=24, zorder=3,
                           facecolors=face, edgecolors=st["color"], linewidths=1.1)
                for _, r in seg[seg["period_type"].isin(["quarter", "year"])].iterrows():
                    ax.plot([r["period_start"], r["period_end"] + pd.Timedelta(days=1)], [r["share_pct"]] * 2,
                            color=st["color"], linewidth=2.6, alpha=0.5, solid_capstyle="butt")
        ax.set_title(SERIES_LABELS[series].split(" (")[0], fontsize=10, fontweight="normal")
        ax.set_ylim(0, 100)
        ax.set_xlabel("period")
        _date_axis(ax, lo, hi)
        sb = breaks[(breaks["series"] == series) & (breaks["date"] >= lo) & (breaks["date"] <= hi)]
        _draw_breaks(ax, sb, labels=letters)
    axes[0].set_ylabel("share of payments, %")
    handles = [Line2D([], [], color=styles[g]["color"], linestyle=styles[g]["linestyle"], marker=styles[g]["marker"],
                      label=CBR_GROUP_LABELS[g]) for g in CBR_GROUPS]
    handles.append(Line2D([], [], linestyle="none", marker="o", markerfacecolor="white", markeredgecolor="#333333",
                          label="hollow: computed sum of dollar and euro"))
    handles.append(Line2D([], [], color="#333333", linewidth=2.6, alpha=0.5, label="bar: quarter or year covered"))
    lax.legend(handles=handles, loc="center", ncols=3, fontsize=8)
    notes = [f"Break {letter}: {n}" for n, letter in letters.items()]
    return charts.finish(fig, title, source, "\n".join([n for n in [note] if n] + notes))


def cofer_chart(usd: pd.DataFrame, cny: pd.DataFrame, title: str, source: str, start: object, end: object,
                note: str = "") -> object:
    """Two panels with their own scales: the dollar's and the renminbi's share of the world's
    allocated reserves, quarterly (a missing quarter leaves a gap)."""
    from . import charts

    fig, _, axes = _figure(3.5, 2, legend=False)
    both = pd.concat([usd, cny])
    lo, hi = plot_window(start, end, both["period_start"].min(), both["period_end"].max())
    for i, (ax, rows, name) in enumerate(((axes[0], usd, "US dollar"), (axes[1], cny, "Chinese renminbi"))):
        for seg in split_at_breaks(rows):
            ax.plot(list(midpoint(seg["period_start"], seg["period_end"])), list(seg["share_pct"]),
                    markersize=3, linewidth=1.5, **charts.style_for(i))
        # each panel gets its own scale; the dollar's does not start at zero, and says so
        values = rows["share_pct"] if len(rows) else pd.Series([0.0, 1.0])
        if i == 0:
            bottom = 5 * int(values.min() // 5 - (1 if values.min() % 5 < 2.5 else 0))
            top = 5 * int(values.max() // 5 + 1)
        else:
            bottom, top = 0, float(np.ceil(values.max() * 1.2 * 2) / 2)
        ax.set_title(f"{name} (axis {bottom:g}–{top:g}%)", fontsize=10, fontweight="normal")
        ax.set_ylabel("share of allocated reserves, %")
        ax.set_xlabel("quarter")
        ax.set_ylim(bottom, top)
        _date_axis(ax, lo, hi)
    return charts.finish(fig, title, source, note)


def statements_chart(points: pd.DataFrame, stats: pd.DataFrame, title: str, source: str, start: object,
                     end: object, note: str = "") -> object:
    """Officials' statements as hollow black points numbered 1, 2, … (``points`` from
    :func:`statement_points`; the numbers are the rows' order), an upward triangle for 'more
    than', never joined by a line; beside them, as coloured lines with filled markers, the Bank of
    Russia's statistic of roubles plus yuan in all Russia's export receipts (``stats``: rows of
    :func:`rub_cny_share`)."""
    from matplotlib.lines import Line2D

    from . import charts

    fig, lax, (ax,) = _figure(4.6)
    styles = {"roubles + yuan": charts.style_for(0),
              "roubles + friendly currencies (yuan included)": charts.style_for(2)}
    for what, st in styles.items():
        sub = stats[stats["combination"] == what] if len(stats) else stats
        for seg in (split_at_breaks(sub.assign(currency=what)) if len(sub) else []):
            ax.plot(list(midpoint(seg["period_start"], seg["period_end"])), list(seg["share_pct"]),
                    markersize=5, linewidth=1.8, **st)
    ink = "#222222"
    for n, (_, r) in enumerate(points.iterrows(), start=1):
        marker = "^" if r["qualifier"] == "more_than" else "v" if r["qualifier"] == "less_than" else "o"
        ax.plot([r["x"]], [r["share_pct"]], linestyle="none", marker=marker, markersize=7,
                markerfacecolor="white", markeredgecolor=ink, markeredgewidth=1.3, zorder=4)
        ax.annotate(str(n), (r["x"], r["share_pct"]), textcoords="offset points",
                    xytext=(0, 8 if n % 2 else -14), ha="center", fontsize=7.5, color=ink, fontweight="bold")
    ax.set_ylim(0, 110)
    ax.set_ylabel("share in roubles + yuan, %")
    ax.set_xlabel("date")
    xs = list(points["x"]) + (list(stats["period_start"]) if len(stats) else [])
    lo, hi = plot_window(start, end, min(xs) if xs else None, max(xs) if xs else None, pad_days=90)
    _date_axis(ax, lo, hi)
    handles = [
        Line2D([], [], linestyle="none", marker="o", markerfacecolor="white", markeredgecolor=ink, markersize=7,
               label="official's statement, Russia–China settlements (numbered; not a statistic)"),
        Line2D([], [], linestyle="none", marker="^", markerfacecolor="white", markeredgecolor=ink, markersize=7,
               label="statement says 'more than'"),
    ]
    if len(stats):
        handles += [Line2D([], [], **styles[w], label=f"Bank of Russia statistic: {w}, all Russia's export receipts")
                    for w in styles if (stats["combination"] == w).any()]
    lax.legend(handles=handles, loc="center", ncols=1, fontsize=7.5)
    return charts.finish(fig, title, source, note)


__all__ = [
    "SERIES", "SERIES_LABELS", "CATEGORIES", "VERDICTS", "CBR_GROUPS", "in_period", "select_series",
    "period_label", "midpoint", "last_segment", "order_tonnes", "cargo_totals", "FirstCargo", "first_cargo", "first_cargo_share",
    "break_points", "split_at_breaks", "peak", "latest", "earliest", "share_series", "cbr_shares", "rub_cny_share",
    "timeline_events", "statement_points", "conflicting_claims", "check_claims", "topic_has", "short_note",
    "plot_window", "compact_source_line", "swift_chart", "cbr_chart", "cofer_chart", "statements_chart",
]
