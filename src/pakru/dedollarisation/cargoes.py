"""Russian crude and LPG cargoes to Pakistan (``cargoes``): totals, and the first cargo against
its purchase order."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..data import source_ids


def order_tonnes(cargo: pd.Series) -> float:
    """The size of the purchase order a cargo belongs to (cargoes.csv ``order_tonnes``); NaN when
    the order's size was not published."""
    value = cargo.get("order_tonnes")
    return float("nan") if value is None or pd.isna(value) else float(value)


def cargo_totals(cargoes: pd.DataFrame) -> pd.DataFrame:
    """Totals per product, the yuan paid first (the column a phone must show).

    Columns: product, kind ('cargoes'; 'total over months' for a tonnage reported only as a sum of
    deliveries over months, kept on a row of its own and never counted as a cargo), yuan_tonnes and
    yuan_cargoes (cargoes recorded as paid in yuan), intended_tonnes (cargoes whose yuan payment was
    only intended, never counted as paid), cargoes (count; missing on a total's row), with_tonnes
    (cargoes whose tonnage is published), tonnes (sum of the published tonnages). An unpublished
    tonnage is left out of the sums, never counted as zero: compare ``with_tonnes`` with ``cargoes``."""
    cols = ["product", "kind", "yuan_tonnes", "yuan_cargoes", "intended_tonnes", "cargoes", "with_tonnes", "tonnes"]
    status = payment_status(cargoes)
    summed = probably_cumulative(cargoes)
    rows = []
    for (product, total), g in cargoes.groupby([cargoes["product"], summed], sort=False):
        paid, intended = g[status[g.index] == PAID_IN_YUAN], g[status[g.index] == YUAN_INTENDED]
        rows.append({
            "product": product, "kind": TOTAL_OVER_MONTHS if total else "cargoes",
            "yuan_tonnes": float(paid["tonnes"].sum()), "yuan_cargoes": len(paid),
            "intended_tonnes": float(intended["tonnes"].sum()), "cargoes": float("nan") if total else len(g),
            "with_tonnes": int(g["tonnes"].notna().sum()),
            "tonnes": float(g["tonnes"].sum(min_count=1)) if g["tonnes"].notna().any() else float("nan"),
        })
    out = pd.DataFrame(rows, columns=cols)
    order = {p: i for i, p in enumerate(("crude oil", "LPG", "gasoline"))}
    return out.sort_values(["product", "kind"], key=lambda s: s.map(order).fillna(99) if s.name == "product"
                           else s.eq(TOTAL_OVER_MONTHS)).reset_index(drop=True)


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
    source_ids: tuple[str, ...]

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
    ids = source_ids.split(first["source_id"], first["also_source_ids"])
    return FirstCargo(
        cargo_id=str(first["cargo_id"]), vessel="" if pd.isna(first["vessel"]) else str(first["vessel"]),
        arrival_date=pd.Timestamp(first["arrival_date"]), precision=str(first["precision"]),
        tonnes=float(first["tonnes"]) if pd.notna(first["tonnes"]) else float("nan"),
        order="" if pd.isna(first["order"]) else str(first["order"]), order_tonnes=order_tonnes(first),
        order_cargoes=len(same_order),
        order_delivered_tonnes=float(same_order["tonnes"].sum()) if len(same_order) else float("nan"),
        source_ids=tuple(ids))


PAID_IN_YUAN = "paid in yuan"
TOTAL_OVER_MONTHS = "total over months"
YUAN_INTENDED = "yuan intended, not confirmed"


def payment_status(cargoes: pd.DataFrame) -> pd.Series:
    """How each cargo was paid, as the records allow: 'paid in yuan' for a cargo recorded in yuan
    (CNY); 'yuan intended, not confirmed' when its note says the yuan payment was only intended;
    'paid in X' for another currency; 'currency not stated' without one."""
    notes = cargoes["note"].fillna("").str.lower() if "note" in cargoes else pd.Series("", index=cargoes.index)
    out = []
    for currency, note in zip(cargoes["currency"], notes):
        if currency == "CNY":
            out.append(YUAN_INTENDED if "intended" in note else PAID_IN_YUAN)
        elif isinstance(currency, str) and currency:
            out.append(f"paid in {currency}")
        else:
            out.append("currency not stated")
    return pd.Series(out, index=cargoes.index, dtype=object, name="payment")


def probably_cumulative(cargoes: pd.DataFrame) -> pd.Series:
    """True for a tonnage its note calls probably cumulative (several deliveries over months, not
    one cargo), as the LPG sent overland through Iran in 2023."""
    notes = cargoes["note"].fillna("").str.lower() if "note" in cargoes else pd.Series("", index=cargoes.index)
    return notes.str.contains("cumulative").rename("cumulative")
