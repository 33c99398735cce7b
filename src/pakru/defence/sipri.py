"""SIPRI's arms-transfer data: the register of Soviet and Russian deals with Pakistan
(``arms_transfers``) and the yearly trend-indicator values of all Pakistan's arms imports
(``arms_imports_tiv``).

SIPRI's terms: every use of its data carries the credit line (the charts' notes), and sums or
shares computed from its trend-indicator values (TIV) are ours, never SIPRI's. TIV is SIPRI's
volume index of major arms, not money.
"""

from __future__ import annotations

import re

import pandas as pd

from ..data import source_ids
from ..data.periods import compress_years, year_span_label

# Suppliers compared in the shares; SIPRI lists the Soviet Union up to 1991 and Russia from 1992.
SHARE_GROUPS: dict[str, tuple[str, ...]] = {
    "Russia (Soviet Union to 1991)": ("Soviet Union", "Russia"),
    "China": ("China",),
    "United States": ("United States",),
}
RUSSIA = "Russia (Soviet Union to 1991)"
SINCE = 1992  # Russia's own deals: SIPRI lists the Soviet Union up to 1991


def _mark(value: object, uncertain: object) -> str:
    if value is None or pd.isna(value):
        return "–"
    return f"{int(value)}{'?' if bool(uncertain) and not pd.isna(uncertain) else ''}"


def delivery_year_list(cell: object) -> list[int]:
    """``"2007; 2008; 2023"`` -> ``[2007, 2008, 2023]``."""
    if cell is None or (not isinstance(cell, str) and pd.isna(cell)):
        return []
    return [int(y) for y in re.findall(r"\d{4}", str(cell))]


def weapons_table(transfers: pd.DataFrame, start_year: int | None = None, end_year: int | None = None) -> pd.DataFrame:
    """The SIPRI register rows ordered or delivered within the years, for display, with SIPRI's
    uncertainty marks kept: a number or year SIPRI marks uncertain is written ``"4?"``.

    Columns: supplier, order year, ordered, designation, description, delivered, delivery years,
    TIV delivered (millions), comments, source_id."""
    lo = -10**9 if start_year is None else start_year
    hi = 10**9 if end_year is None else end_year

    def in_window(r: pd.Series) -> bool:
        years = [int(r["order_year"])] + delivery_year_list(r["delivery_years"])
        return any(lo <= y <= hi for y in years)

    sub = transfers[[in_window(r) for _, r in transfers.iterrows()]] if len(transfers) else transfers
    sub = sub.sort_values(["order_year", "designation"], kind="stable")
    return pd.DataFrame({
        "supplier": list(sub["supplier"]),
        "order year": [_mark(y, u) for y, u in zip(sub["order_year"], sub["order_year_uncertain"])],
        "ordered": [_mark(n, u) for n, u in zip(sub["number_ordered"], sub["number_ordered_uncertain"])],
        "designation": [designation(r) for _, r in sub.iterrows()],
        "description": list(sub["description"]),
        "delivered": [_mark(n, u) for n, u in zip(sub["number_delivered"], sub["number_delivered_uncertain"])],
        "delivery years": [compress_years(delivery_year_list(x)) if delivery_year_list(x) else ""
                           for x in sub["delivery_years"]],
        "TIV delivered": pd.Series(list(sub["tiv_delivered"]), dtype="float64"),
        "comments": ["" if pd.isna(x) else str(x) for x in sub["comments"]],
        "source_id": list(sub["source_id"]),
    })


def russian_deliveries(tiv: pd.DataFrame, start_year: int, end_year: int) -> pd.DataFrame:
    """Soviet and Russian deliveries to Pakistan by year in SIPRI TIV (millions), as published:
    a year SIPRI does not list had no recorded deliveries and gets no row.

    Columns: year, supplier, tiv, source_id."""
    sub = tiv[tiv["supplier"].isin(SHARE_GROUPS[RUSSIA]) & tiv["year"].between(start_year, end_year)]
    out = sub[["year", "supplier", "tiv", "source_id"]].copy()
    out["year"] = out["year"].astype("int64")
    return out.sort_values("year").reset_index(drop=True)


def tiv_coverage(tiv: pd.DataFrame) -> tuple[int, int]:
    """First and last year of SIPRI's own 'Total' rows (the years the table covers)."""
    years = tiv.loc[tiv["supplier"] == "Total", "year"]
    if years.empty:
        raise ValueError("the TIV table has no 'Total' rows")
    return int(years.min()), int(years.max())


def supplier_shares(tiv: pd.DataFrame, period_years: int, start_year: int, end_year: int,
                    groups: dict[str, tuple[str, ...]] | None = None, anchor: int | None = None) -> pd.DataFrame:
    """Each supplier group's share of Pakistan's arms imports (SIPRI TIV) by period. OUR
    computation from SIPRI's figures, not SIPRI's.

    Periods are ``period_years`` long and aligned on ``anchor`` (default: the first year of the
    TIV table, 1950): 1950–54, 1955–59, ... Only years inside both the window and the table count;
    a period cut short by either has ``complete`` False and says which years it covers. A supplier
    year absent from the table counts as 0 (SIPRI lists only years with deliveries). The
    denominator is SIPRI's own per-year 'Total' (all suppliers).

    Long format, one row per period and group. Columns: period (nominal label), years (the years
    actually summed), first_year, last_year, complete, supplier, tiv, total_tiv, share_pct,
    source_ids."""
    if period_years < 1:
        raise ValueError("period_years must be at least 1")
    groups = groups or SHARE_GROUPS
    first_data, last_data = tiv_coverage(tiv)
    anchor = first_data if anchor is None else anchor
    lo, hi = max(start_year, first_data), min(end_year, last_data)
    columns = ["period", "years", "first_year", "last_year", "complete", "supplier", "tiv", "total_tiv",
               "share_pct", "source_ids"]
    if lo > hi:
        return pd.DataFrame(columns=columns)
    by = tiv.pivot_table(index="year", columns="supplier", values="tiv", aggfunc="sum").fillna(0.0)
    srcs = tiv.groupby("supplier")["source_id"].agg(source_ids.join)
    rows = []
    k0 = (lo - anchor) // period_years
    k1 = (hi - anchor) // period_years
    for k in range(k0, k1 + 1):
        p_start, p_end = anchor + k * period_years, anchor + (k + 1) * period_years - 1
        a, b = max(p_start, lo), min(p_end, hi)
        if a > b:
            continue
        years = [y for y in range(a, b + 1)]
        total = float(by.reindex(years).get("Total", pd.Series(0.0, index=years)).fillna(0.0).sum())
        for name, members in groups.items():
            value = sum(float(by.reindex(years)[m].fillna(0.0).sum()) for m in members if m in by)
            ids = source_ids.join(srcs[m] for m in (*members, "Total") if m in srcs)
            rows.append({
                "period": year_span_label(p_start, p_end), "years": year_span_label(a, b),
                "first_year": a, "last_year": b, "complete": (a, b) == (p_start, p_end),
                "supplier": name, "tiv": value, "total_tiv": total,
                "share_pct": value / total * 100.0 if total > 0 else float("nan"),
                "source_ids": ids,
            })
    return pd.DataFrame(rows, columns=columns)


def latest_complete_share(shares: pd.DataFrame, supplier: str = RUSSIA) -> pd.Series | None:
    """The row of ``supplier`` in the latest complete period with a share, or None."""
    sub = shares[(shares["supplier"] == supplier) & shares["complete"].astype(bool) & shares["share_pct"].notna()]
    return None if sub.empty else sub.sort_values("first_year").iloc[-1]


def main_channel(transfers: pd.DataFrame, since: int = 1992) -> pd.Series | None:
    """Russia's largest deal with Pakistan since ``since`` by TIV delivered, with its share of all the
    TIV SIPRI's register credits to Russia from then: the RD-93 engines for the Chinese-built JF-17.
    Fields: designation, description, comments, delivered, years (first and last delivery),
    tiv_delivered, russia_tiv, share_pct, source_ids. None without Russian deals."""
    ru = transfers[(transfers["supplier"] == "Russia") & (transfers["order_year"] >= since)
                   & transfers["tiv_delivered"].notna()]
    if ru.empty or ru["tiv_delivered"].sum() <= 0:
        return None
    top = ru.loc[ru["tiv_delivered"].idxmax()]
    years = delivery_year_list(top["delivery_years"])
    return pd.Series({
        "designation": top["designation"], "description": top["description"], "comments": top["comments"],
        "delivered": int(top["number_delivered"]), "years": f"{min(years)}–{max(years)}" if years else "",
        "tiv_delivered": float(top["tiv_delivered"]), "russia_tiv": float(ru["tiv_delivered"].sum()),
        "share_pct": float(top["tiv_delivered"] / ru["tiv_delivered"].sum() * 100),
        "source_ids": source_ids.join([top["source_id"]]),
    })


def deliveries_after_table(transfers: pd.DataFrame, last_tiv_year: int, end_year: int | None = None,
                           suppliers: tuple[str, ...] = ("Soviet Union", "Russia")) -> pd.DataFrame:
    """The deliveries SIPRI's register lists after the TIV table's last year (up to ``end_year``):
    one row per year and item. The TIV table gives these years no figure, so a chart must not draw
    them as zero. Columns: year, designation, description, source_id."""
    rows = []
    sub = transfers[transfers["supplier"].isin(suppliers)] if len(transfers) else transfers
    for _, r in sub.iterrows():
        for y in delivery_year_list(r["delivery_years"]):
            if y > last_tiv_year and (end_year is None or y <= end_year):
                rows.append({"year": y, "designation": item_name(r), "description": r["description"],
                             "source_id": r["source_id"]})
    return pd.DataFrame(rows, columns=["year", "designation", "description", "source_id"]).sort_values(
        ["year", "designation"]).reset_index(drop=True)


def designation(row: pd.Series) -> str:
    """A register row's designation as a reader should read it: SIPRI files the JF-17's engines as
    ``RD-33`` with the comment "RD-93 version; for JF-17 ..."; that row reads "RD-33 (the JF-17's RD-93
    variant)"."""
    comments = str(row.get("comments") or "")
    version = re.search(r"\b(RD-\d+) version\b", comments)
    if version and version.group(1) != row["designation"] and "JF-17" in comments:
        return f"{row['designation']} (the JF-17's {version.group(1)} variant)"
    return str(row["designation"])


def item_name(row: pd.Series) -> str:
    """A register row's item as a reader knows it: 'RD-93 engine' for SIPRI's RD-33 entry whose
    comments say it is the RD-93 version for the JF-17, else its designation."""
    comments = str(row.get("comments") or "")
    return "RD-93 engine" if "RD-93" in comments else str(row["designation"])


def register_last_year(transfers: pd.DataFrame) -> int | None:
    """The last delivery year in SIPRI's register (2024 in the export of March 2025)."""
    years = [y for cell in transfers["delivery_years"] for y in delivery_year_list(cell)] if len(transfers) else []
    return max(years) if years else None
