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
# The Bank of Russia groups shown in its charts: roubles, yuan, and dollar plus euro together
CBR_GROUPS = ("RUB", "CNY", "USD+EUR")
CBR_GROUP_LABELS = {"RUB": "rouble", "CNY": "yuan", "USD+EUR": "dollar + euro"}


def period_labels(rows: pd.DataFrame) -> list[str]:
    """Each row's period as a reader's label (:func:`pakru.data.periods.statistic_period_label`)."""
    return [statistic_period_label(s, e, t) for s, e, t in zip(rows["period_start"], rows["period_end"],
                                                                rows["period_type"])]


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
