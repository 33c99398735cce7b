"""Suppliers' shares of Pakistan's (and India's) arms imports as SIPRI's yearly "Trends in
International Arms Transfers" releases give them (``supplier_shares``), one row per release as a
page reports it. SIPRI revises its database each year, so a window's share is the one its release
states, and the last share recorded here is only the last of the releases held. Pure functions
over the loaded frame.

(:func:`sentence` still writes the article's old sentence; it goes when the article reads the
defence facts.)"""

from __future__ import annotations

import re

import pandas as pd

from ..present.wording import join_words

RUSSIA = ("Russia", "Soviet Union")
ARTICLE = {"Netherlands": "the Netherlands", "United States": "the United States",
           "United Kingdom": "the United Kingdom"}


def _name(supplier: str) -> str:
    return ARTICLE.get(supplier, supplier)


def release_month(release: str) -> str:
    """"Trends in International Arms Transfers, 2025 (March 2026)" -> "March 2026"."""
    m = re.search(r"\(([^)]+)\)\s*$", str(release))
    return m.group(1) if m else str(release)


def in_view(shares: pd.DataFrame, start_year: int, end_year: int) -> pd.DataFrame:
    """The rows whose five-year window lies inside ``start_year``..``end_year``."""
    return shares[(shares["window_start"] >= start_year) & (shares["window_end"] <= end_year)]


def latest_row(shares: pd.DataFrame, recipient: str, suppliers: tuple[str, ...]) -> pd.Series | None:
    """The share of ``suppliers`` in ``recipient``'s imports in the latest window recorded (the latest
    release on a tie), or None."""
    sub = shares[(shares["recipient"] == recipient) & shares["supplier"].isin(suppliers)]
    if sub.empty:
        return None
    return sub.assign(_month=pd.to_datetime(sub["release"].map(release_month), format="%B %Y", errors="coerce")) \
        .sort_values(["window_end", "_month"]).iloc[-1].drop("_month")


def release_words(release: str) -> str:
    """"Trends in International Arms Transfers, 2025 (March 2026)" -> "SIPRI's March 2026 release"."""
    m = re.search(r"\(([^)]+)\)\s*$", release)
    return f"SIPRI's {m.group(1)} release" if m else f"SIPRI's release {release}"


def _window(r: pd.Series) -> str:
    return f"{int(r['window_start'])}–{int(r['window_end']) % 100:02d}"


def _pct(v: float) -> str:
    return f"{v:.0f}%" if float(v).is_integer() else f"{v:.1f}%"


def pakistan(shares: pd.DataFrame) -> pd.DataFrame:
    return shares[shares["recipient"] == "Pakistan"] if "recipient" in shares else shares


def latest(shares: pd.DataFrame) -> pd.DataFrame:
    """Pakistan's rows of the latest window (the highest end year), largest share first."""
    shares = pakistan(shares)
    if shares.empty:
        return shares
    last = shares[shares["window_end"] == shares["window_end"].max()]
    return last.sort_values("share_pct", ascending=False)


def russia_last(shares: pd.DataFrame) -> pd.Series | None:
    """Russia's share of Pakistan's imports in the latest window for which a release names it."""
    ru = pakistan(shares)
    ru = ru[ru["supplier"].isin(RUSSIA)]
    return None if ru.empty else ru.sort_values("window_end").iloc[-1]


def sentence(shares: pd.DataFrame, sources: pd.DataFrame, cite) -> str:
    """'In 2021–25 China supplied 80% of Pakistan's arms imports, Türkiye 7% and ...'; '' without rows.
    ``cite`` turns source ids into publishers and years."""
    top = latest(shares)
    if top.empty:
        return ""
    first = top.iloc[0]
    rest = [f"{_name(r['supplier'])} {_pct(r['share_pct'])}" for _, r in top.iloc[1:].iterrows()]
    text = (f"In {_window(first)} {_name(first['supplier'])} supplied {_pct(first['share_pct'])} of Pakistan's imports "
            f"of major arms" + (f", {join_words(rest)}" if rest else "") + f" ({release_words(first['release'])}, as "
            f"reported by {cite(list(top['source_id']), sources)})")
    ru = russia_last(shares)
    if ru is not None and int(ru["window_end"]) < int(first["window_end"]):
        text += (f"; Russia is not among the suppliers named. Its last published share was "
                 f"{_pct(ru['share_pct'])} in {_window(ru)} ({release_words(ru['release'])})")
    elif ru is not None:
        text += f"; Russia {_pct(ru['share_pct'])}"
    shares = pakistan(shares)
    earlier = shares[(shares["supplier"] == first["supplier"]) & (shares["window_end"] < first["window_end"])
                     & (shares["release"] == first["release"])]
    if not earlier.empty:
        e = earlier.sort_values("window_end").iloc[-1]
        text += f". The same release gives {first['supplier']} {_pct(e['share_pct'])} for {_window(e)}"
    return text + ". The figures come from press reports of SIPRI's release, not from SIPRI's own page."
