"""The currency statistics that put Pakistan's steps in context: the Bank of Russia's currency
shares of Russia's payments, the yuan in SWIFT, and reserves in the IMF's COFER
(``currency_shares``). Series breaks are kept: no line or comparison spans a change of definition.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from ..data import source_ids
from ..data.periods import midpoint, statistic_period_label

SERIES = ("cbr_exports", "cbr_imports", "swift_global", "swift_ex_ez", "imf_cofer")
SERIES_LABELS = {
    "cbr_exports": "Russia's export receipts (Bank of Russia)",
    "cbr_imports": "Russia's import payments (Bank of Russia)",
    "swift_global": "SWIFT, all international payments",
    "swift_ex_ez": "SWIFT, international payments excluding the euro area",
    "imf_cofer": "IMF COFER, allocated foreign-exchange reserves",
}
# The Bank of Russia groups shown in its charts: roubles, yuan, and dollar plus euro together
CBR_GROUPS = ("RUB", "CNY", "USD+EUR")
CBR_GROUP_LABELS = {"RUB": "rouble", "CNY": "yuan", "USD+EUR": "dollar + euro"}


def period_labels(rows: pd.DataFrame) -> list[str]:
    """Each row's period as a reader's label (:func:`pakru.data.periods.statistic_period_label`)."""
    return [statistic_period_label(s, e, t) for s, e, t in zip(rows["period_start"], rows["period_end"],
                                                                rows["period_type"])]


def select_series(shares: pd.DataFrame, series: Iterable[str]) -> pd.DataFrame:
    """The rows of ``currency_shares`` belonging to the named series (unknown names raise)."""
    wanted = list(series)
    unknown = [s for s in wanted if s not in SERIES]
    if unknown:
        raise ValueError(f"unknown series {unknown[0]!r}; known: {', '.join(SERIES)}")
    return shares[shares["series"].isin(wanted)].copy()


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
    best["period"] = statistic_period_label(best["period_start"], best["period_end"], best["period_type"])
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
    last["period"] = statistic_period_label(last["period_start"], last["period_end"], last["period_type"])
    return last


def earliest(rows: pd.DataFrame) -> pd.Series | None:
    """The first observation (earliest period_start), with a ``period`` label; None for no rows."""
    if rows.empty:
        return None
    first = rows.sort_values(["period_start", "period_end"], kind="stable").iloc[0].copy()
    first["period"] = statistic_period_label(first["period_start"], first["period_end"], first["period_type"])
    return first


def share_series(shares: pd.DataFrame, series: str, currency: str) -> pd.DataFrame:
    """One series and currency, sorted, with ``x`` (period midpoint) and ``period`` label columns."""
    sub = shares[(shares["series"] == series) & (shares["currency"] == currency)]
    sub = sub.sort_values(["period_start", "period_end"]).copy()
    sub["x"] = midpoint(sub["period_start"], sub["period_end"])
    sub["period"] = period_labels(sub)
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
            "source_id": source_ids.join([r["source_id_usd"], r["source_id_eur"]])})
    if extra:
        parts.append(pd.DataFrame(extra))
    out = pd.concat(parts, ignore_index=True)
    if out.empty:
        return pd.DataFrame(columns=cols)
    out["break"] = out["break"].fillna(False).astype(bool)
    out["label"] = out["group"].map(CBR_GROUP_LABELS)
    out["x"] = midpoint(out["period_start"], out["period_end"])
    out["period"] = period_labels(out)
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
                "source_ids": source_ids.join([r["source_id_rub"], r["source_id_other"]])})
    out = pd.DataFrame(rows, columns=[c for c in cols if c != "period"])
    if out.empty:
        return pd.DataFrame(columns=cols)
    out["period"] = period_labels(out)
    return out.sort_values(["period_start", "period_end"])[cols].reset_index(drop=True)
