"""Where trade stands now: the State Bank of Pakistan's country-wise figures of goods settled
through banks (its payments record, published monthly, fiscal years July–June).

The State Bank's country workbooks give Pakistan's export receipts from and import payments to the
Russian Federation for full fiscal years, single months and the cumulative window of the current
year (e.g. July–March), with the bank's provisional (P) and revised (R) marks; their total lines
give the same for all countries, so Russia's share of Pakistan's bank-settled goods trade can be
taken within one record. Nothing here mixes this series with the Bureau of Statistics' customs
record or with goods-and-services totals. Pure functions over the frames
:func:`pakru.data.datasets.load` returns.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import pandas as pd

from ..data.periods import fiscal_label
from ..present.numbers import fixed

SERIES = "SBP, goods settled through banks"
PUBLISHER = "State Bank of Pakistan"
FLOWS = ("exports", "imports")


# rows_of is asked for the same frame many times while one section is computed; the key holds the
# frame's identity and a fingerprint of its values, so a frame changed in place is read afresh
_MEMO: dict[int, tuple[object, tuple[int, float], pd.DataFrame]] = {}


def rows_of(observations: pd.DataFrame) -> pd.DataFrame:
    """The State Bank's bank-settled rows for the pair, with their kind of period: ``year`` (a full
    fiscal year), ``window`` (July to a month, inside one fiscal year) or ``month``."""
    stamp = (len(observations), float(pd.to_numeric(observations["value"], errors="coerce").fillna(0).sum()))
    hit = _MEMO.get(id(observations))
    if hit is not None and hit[0]() is observations and hit[1] == stamp:  # type: ignore[operator]
        return hit[2].copy()
    rows = _rows_of(observations)
    if len(_MEMO) > 32:
        _MEMO.clear()
    _MEMO[id(observations)] = (weakref.ref(observations), stamp, rows)
    return rows.copy()


def _rows_of(observations: pd.DataFrame) -> pd.DataFrame:
    rows = observations[(observations["series"] == SERIES) & (observations["reporter"] == "PAK")
                        & observations["flow"].isin(FLOWS)].copy()
    if rows.empty:
        return rows.assign(period_kind=pd.Series(dtype=str), fy=pd.Series(dtype=int))
    months = ((rows["period_end"].dt.year - rows["period_start"].dt.year) * 12
              + rows["period_end"].dt.month - rows["period_start"].dt.month + 1)
    rows["period_kind"] = ["month" if b == "month" else ("year" if m == 12 else "window")
                           for b, m in zip(rows["basis"], months)]
    rows["fy"] = rows["period_end"].dt.year + (rows["period_end"].dt.month >= 7).astype(int)
    rows["qualifier"] = rows["qualifier"].fillna("")
    return rows


def totals_of(totals: pd.DataFrame, observations: pd.DataFrame) -> pd.DataFrame:
    """Pakistan's bank-settled goods trade with all countries, from the same workbooks (the rows of
    ``pakistan_totals`` that share a source with the bilateral rows)."""
    ids = set(rows_of(observations)["source_id"])
    return totals[totals["source_id"].isin(ids) & (totals["compiler"] == "SBP") & (totals["coverage"] == "goods")]


def _wide(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per period: exports, imports, total, balance, and the status marks."""
    if rows.empty:
        return pd.DataFrame(columns=["period_start", "period_end", "fy", "exports", "imports", "total", "balance",
                                     "status"])
    # a later workbook replaces a value under the same key, so each period has one value per flow
    wide = rows.pivot_table(index=["period_start", "period_end", "fy"], columns="flow", values="value",
                            aggfunc="last").reset_index()
    status = rows.groupby(["period_start", "period_end"])["qualifier"].agg(
        lambda q: "provisional" if "provisional" in set(q) else ("revised" if "revised" in set(q) else ""))
    wide = wide.merge(status.rename("status").reset_index(), on=["period_start", "period_end"])
    for flow in FLOWS:
        if flow not in wide:
            wide[flow] = float("nan")
    wide["total"] = wide["exports"] + wide["imports"]
    wide["balance"] = wide["exports"] - wide["imports"]
    return wide.sort_values("period_start").reset_index(drop=True)


def fiscal_years(observations: pd.DataFrame) -> pd.DataFrame:
    """Full fiscal years: exports, imports, total and balance in USD million, with FY labels."""
    rows = rows_of(observations)
    wide = _wide(rows[rows["period_kind"] == "year"])
    return wide.assign(label=[fiscal_label(int(y)) for y in wide["fy"]])


# the months held are only those the State Bank's two country workbooks carry (the month of the
# release, the month before, the same month a year earlier): not a monthly series
MONTHS_HELD = "workbook months only"


def months(observations: pd.DataFrame) -> pd.DataFrame:
    """Single months, oldest first; ``held`` says they are only the months the workbooks carry."""
    rows = rows_of(observations)
    wide = _wide(rows[rows["period_kind"] == "month"])
    return wide.assign(label=[f"{d:%b %Y}" for d in wide["period_start"]], held=MONTHS_HELD)


def windows(observations: pd.DataFrame) -> pd.DataFrame:
    """Cumulative windows inside a fiscal year (e.g. July–March), with a label such as
    "July 2025–March 2026 (FY2025-26)"."""
    rows = rows_of(observations)
    wide = _wide(rows[rows["period_kind"] == "window"])
    return wide.assign(label=[f"{s:%B %Y}–{e:%B %Y} ({fiscal_label(int(y))})"
                              for s, e, y in zip(wide["period_start"], wide["period_end"], wide["fy"])])


@dataclass(frozen=True)
class Change:
    """One period against another of the same length: the later, the earlier, the change."""

    label: str
    earlier_label: str
    value: float
    earlier_value: float
    status: str
    source_ids: tuple[str, ...]

    @property
    def pct(self) -> float:
        return (self.value / self.earlier_value - 1) * 100 if self.earlier_value else float("nan")

    @property
    def words(self) -> str:
        """'down 78%' or 'up 12%', rounded to whole percent: the figures are a payments record."""
        return f"{'down' if self.pct < 0 else 'up'} {fixed(abs(self.pct))}%"


def _ids(rows: pd.DataFrame, starts: set[pd.Timestamp]) -> tuple[str, ...]:
    return tuple(sorted(set(rows[rows["period_start"].isin(starts)]["source_id"])))


def latest_year_change(observations: pd.DataFrame, flow: str = "total") -> Change | None:
    """The latest full fiscal year against the one before (the FY2024-25 fall)."""
    years = fiscal_years(observations).dropna(subset=[flow])
    if len(years) < 2 or years["fy"].iloc[-1] - years["fy"].iloc[-2] != 1:
        return None
    a, b = years.iloc[-2], years.iloc[-1]
    return Change(b["label"], a["label"], float(b[flow]), float(a[flow]), b["status"],
                  _ids(rows_of(observations), {a["period_start"], b["period_start"]}))


def latest_window_change(observations: pd.DataFrame, flow: str = "total") -> Change | None:
    """The current fiscal year's cumulative window against the same months a year earlier."""
    win = windows(observations).dropna(subset=[flow])
    if len(win) < 2:
        return None
    b = win.iloc[-1]
    same = win[(win["fy"] == b["fy"] - 1) & (win["period_end"].dt.month == b["period_end"].month)]
    if same.empty:
        return None
    a = same.iloc[-1]
    return Change(b["label"], a["label"], float(b[flow]), float(a[flow]), b["status"],
                  _ids(rows_of(observations), {a["period_start"], b["period_start"]}))


def latest_month_change(observations: pd.DataFrame, flow: str = "total") -> Change | None:
    """The latest single month against the same month a year earlier."""
    m = months(observations).dropna(subset=[flow])
    if m.empty:
        return None
    b = m.iloc[-1]
    same = m[m["period_start"] == b["period_start"] - pd.DateOffset(years=1)]
    if same.empty:
        return None
    a = same.iloc[-1]
    return Change(b["label"], a["label"], float(b[flow]), float(a[flow]), b["status"],
                  _ids(rows_of(observations), {a["period_start"], b["period_start"]}))


def peak_year(observations: pd.DataFrame) -> pd.Series | None:
    """The fiscal year with the highest two-way total."""
    years = fiscal_years(observations).dropna(subset=["total"])
    return None if years.empty else years.loc[years["total"].idxmax()]


def data_through(observations: pd.DataFrame) -> str:
    """The latest month the series reaches, with its mark: 'March 2026 (provisional)'."""
    rows = rows_of(observations)
    if rows.empty:
        return ""
    last = rows.sort_values("period_end").iloc[-1]
    latest = rows[rows["period_end"] == last["period_end"]]
    mark = "provisional" if "provisional" in set(latest["qualifier"]) else ""
    return f"{last['period_end']:%B %Y}" + (f" ({mark})" if mark else "")


def russia_share(observations: pd.DataFrame, totals: pd.DataFrame) -> pd.DataFrame:
    """Russia's share of Pakistan's bank-settled goods trade, per period the workbooks give for
    both the pair and all countries: exports, imports and two-way, in percent."""
    pair = rows_of(observations)
    world = totals_of(totals, observations)
    if pair.empty or world.empty:
        return pd.DataFrame(columns=["period_start", "period_end", "period_kind", "fy", "flow", "russia", "world",
                                     "share_pct"])
    keys = ["period_start", "period_end", "flow"]
    both = pair[keys + ["value", "period_kind", "fy"]].merge(
        world[keys + ["value"]].rename(columns={"value": "world"}), on=keys).rename(columns={"value": "russia"})
    two_way = both.groupby(["period_start", "period_end", "period_kind", "fy"], as_index=False)[
        ["russia", "world"]].sum(min_count=2).assign(flow="total")
    out = pd.concat([both, two_way], ignore_index=True)
    out["share_pct"] = out["russia"] / out["world"] * 100
    return out.sort_values(["period_start", "flow"]).reset_index(drop=True)


def latest_year_share(observations: pd.DataFrame, totals: pd.DataFrame) -> pd.Series | None:
    """Russia's two-way share in the latest full fiscal year."""
    share = russia_share(observations, totals)
    years = share[(share["period_kind"] == "year") & (share["flow"] == "total")].dropna(subset=["share_pct"])
    return None if years.empty else years.sort_values("period_start").iloc[-1]
