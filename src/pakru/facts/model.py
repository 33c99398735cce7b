"""The fact record, the collection a section returns, and the book it is built with.

A :class:`Fact` is one figure as the report states it: a stable id (``trade.sbp.peak``), the exact
value as computed, its unit, the period it covers, the publisher's qualifier (provisional, revised,
estimate, a bound), the sources it rests on and the weakest of their quality marks. Derived facts (a
change, a share) name the facts they come from, so "how was this computed" has an answer and a
test can recompute it.

Sections build their facts with a :class:`FactBook` (which knows the source registry, so quality and
citations are looked up once) and hand out a frozen :class:`Facts` mapping. Templates, charts and
the page read the same records; nothing downstream recomputes a figure.
"""

from __future__ import annotations

import difflib
import json
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from ..data import source_ids as source_id_cells

# weakest last: a fact resting on a primary and a weak source is as strong as the weak one
QUALITY_ORDER = ("primary", "secondary", "weak")
QUALIFIERS = ("", "provisional", "revised", "estimate", "more_than", "less_than", "about")
# what a fact's value can measure; the template filters format each one in the house style
UNITS = ("USD million", "percent", "percentage points", "ratio", "tonnes", "TIV million", "count", "date",
         "year", "text", "CNY billion", "barrels")

Value = float | int | str | date | None


class FactMissing(KeyError):
    """A template or chart asked for a fact the section did not compute (a typo, or data that
    cannot give it). The message names the id and the nearest ids that exist."""

    def __str__(self) -> str:  # KeyError quotes its argument; this is a sentence
        return str(self.args[0])


@dataclass(frozen=True)
class Period:
    """The period a figure covers. ``label`` is how the report writes it ("FY2024-25",
    "July 2025–March 2026", "2021–25", "March 2026"); ``basis`` is calendar, fiscal, month, window
    (a partial span inside a year), span (several years) or day."""

    label: str
    start: date | None = None
    end: date | None = None
    basis: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"label": self.label, "start": _iso(self.start), "end": _iso(self.end), "basis": self.basis}


@dataclass(frozen=True)
class Source:
    """What a reader needs of a source to follow it from a figure: the id (the appendix anchor),
    the publisher as the text names it, the year it was published (or read, for a database), and
    its quality mark."""

    id: str
    publisher: str
    year: str = ""
    quality: str = ""
    url: str = ""

    @property
    def short(self) -> str:
        """``"State Bank of Pakistan, 2026"``"""
        return f"{self.publisher}, {self.year}" if self.year else self.publisher


@dataclass(frozen=True)
class Fact:
    id: str
    value: Value
    unit: str
    period: Period | None = None
    qualifier: str = ""
    sources: tuple[Source, ...] = ()
    derived_from: tuple[str, ...] = ()
    # what the figure measures, in a few words, when the unit does not say it ("share of Russia's
    # export receipts settled in roubles"); the appendix and tooltips show it
    definition: str = ""

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"fact {self.id}: unit {self.unit!r} is not one of {', '.join(UNITS)}")
        if self.qualifier not in QUALIFIERS:
            raise ValueError(f"fact {self.id}: qualifier {self.qualifier!r} is not one of {QUALIFIERS}")
        if isinstance(self.value, float) and math.isnan(self.value):
            raise ValueError(f"fact {self.id}: a missing value is not a fact; leave the fact out")

    @property
    def quality(self) -> str:
        """The weakest quality mark among the sources ('' when none is rated)."""
        marks = [s.quality for s in self.sources if s.quality in QUALITY_ORDER]
        return max(marks, key=QUALITY_ORDER.index) if marks else ""

    @property
    def source_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.sources)

    @property
    def number(self) -> float:
        """The value as a float, for arithmetic in a template (``f['x'].number < 0``)."""
        if isinstance(self.value, bool) or not isinstance(self.value, (int, float)):
            raise TypeError(f"fact {self.id} is not a number ({self.value!r})")
        return float(self.value)

    @property
    def data_value(self) -> str:
        """The exact value as the page's ``<data value>`` carries it (machine-readable)."""
        if isinstance(self.value, date):
            return self.value.isoformat()
        if isinstance(self.value, float):
            return repr(self.value) if not self.value.is_integer() else str(int(self.value))
        return "" if self.value is None else str(self.value)

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["value"] = _iso(self.value) if isinstance(self.value, date) else self.value
        out["period"] = self.period.to_json() if self.period else None
        out["quality"] = self.quality
        return out


class Facts(Mapping[str, Fact]):
    """A section's facts by id, in the order they were computed; immutable once made.

    ``facts["trade.sbp.peak"]`` raises :class:`FactMissing` naming the nearest ids; ``facts.get``
    returns None for a fact the data could not give, which a template tests with ``if``. The source
    registry travels along (``facts.sources``) so a template can cite the sources of a data row."""

    def __init__(self, items: Iterable[Fact] = (), sources: pd.DataFrame | None = None) -> None:
        by: dict[str, Fact] = {}
        for f in items:
            if f.id in by and by[f.id] != f:
                raise ValueError(f"fact {f.id} computed twice with different values: "
                                 f"{by[f.id].value!r} and {f.value!r}")
            by[f.id] = f
        self._by = by
        self.sources = sources

    def __getitem__(self, key: str) -> Fact:
        try:
            return self._by[key]
        except KeyError:
            near = difflib.get_close_matches(key, list(self._by), n=3, cutoff=0.6)
            hint = f"; nearest: {', '.join(near)}" if near else ""
            raise FactMissing(f"no fact {key!r}{hint}") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._by)

    def __len__(self) -> int:
        return len(self._by)

    def __or__(self, other: Facts) -> Facts:
        registry = self.sources if self.sources is not None else other.sources
        return Facts([*self.values(), *other.values()], registry)

    def with_prefix(self, prefix: str) -> Facts:
        """The facts whose id starts with ``prefix`` (``"trade.sbp."``)."""
        return Facts([f for k, f in self._by.items() if k.startswith(prefix)], self.sources)

    def frame(self) -> pd.DataFrame:
        """One row per fact: what an analyst reads in JupyterLab."""
        rows = [{"id": f.id, "value": f.value, "unit": f.unit, "period": f.period.label if f.period else "",
                 "qualifier": f.qualifier, "quality": f.quality, "sources": ", ".join(f.source_ids),
                 "derived_from": ", ".join(f.derived_from)} for f in self._by.values()]
        return pd.DataFrame(rows, columns=["id", "value", "unit", "period", "qualifier", "quality", "sources",
                                           "derived_from"])

    def _repr_html_(self) -> str:
        return self.frame().to_html(index=False)

    def __repr__(self) -> str:
        return f"Facts({len(self)}: {', '.join(list(self._by)[:6])}{', …' if len(self) > 6 else ''})"

    def to_json(self) -> list[dict[str, Any]]:
        return [f.to_json() for f in self._by.values()]

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, sort_keys=True, default=str)


@dataclass
class FactBook:
    """Builds a section's :class:`Facts` against the source registry.

    ``book.add(id, value, unit, period, sources="trd-a;trd-b")`` looks up each source's publisher,
    year and quality once; ``book.derive(id, value, unit, period, of=[...])`` records a computed
    figure with the union of its inputs' sources. ``None`` values are skipped (a gap is not a fact),
    so a template tests ``f.get(id)``."""

    registry: pd.DataFrame | None = None
    _facts: list[Fact] = field(default_factory=list)

    def source(self, source_id: str) -> Source:
        reg = self._reg()
        if reg is None or source_id not in reg.index:
            return Source(source_id, source_id)
        row = reg.loc[source_id]
        return Source(source_id, publisher_name(str(row["publisher"])), source_year(row),
                      str(row.get("quality") or ""), str(row.get("url") or ""))

    def sources_of(self, *cells: object) -> tuple[Source, ...]:
        ids: list[str] = []
        for cell in cells:
            if isinstance(cell, (list, tuple, set, pd.Series)):
                ids.extend(source_id_cells.split_all(cell))
            else:
                ids.extend(source_id_cells.split(cell))
        return tuple(self.source(i) for i in dict.fromkeys(ids))

    def add(self, id: str, value: Value, unit: str, period: Period | None = None, *, sources: object = (),
            qualifier: str = "", definition: str = "") -> Fact | None:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return None
        value = _plain(value)
        f = Fact(id, value, unit, period, qualifier or "", self.sources_of(sources), (), definition)
        self._facts.append(f)
        return f

    def derive(self, id: str, value: Value, unit: str, period: Period | None = None, *,
               of: Iterable[Fact | None], qualifier: str = "", definition: str = "") -> Fact | None:
        inputs = [f for f in of if f is not None]
        if value is None or (isinstance(value, float) and math.isnan(value)) or not inputs:
            return None
        sources = tuple(dict.fromkeys(s for f in inputs for s in f.sources))
        f = Fact(id, _plain(value), unit, period, qualifier, sources, tuple(x.id for x in inputs), definition)
        self._facts.append(f)
        return f

    def facts(self) -> Facts:
        return Facts(self._facts, self.registry)

    def _reg(self) -> pd.DataFrame | None:
        if self.registry is None:
            return None
        return self.registry if self.registry.index.name == "source_id" else self.registry.set_index("source_id")


# a publisher a reader knows by a short name; the rest lose their parenthesis ("(copy on …)")
SHORT_PUBLISHERS = (("International Monetary Fund", "IMF"), ("UN Comtrade", "UN Comtrade"),
                    ("SIPRI", "SIPRI"), ("Open Trade Statistics", "Open Trade Statistics"),
                    ("SWIFT", "SWIFT"))


def publisher_name(publisher: str) -> str:
    """``"United Nations Statistics Division (UN Comtrade)"`` -> ``"UN Comtrade"``;
    ``"AFP report (copy on a web server at …)"`` -> ``"AFP report"``."""
    head, _, aside = publisher.partition(" (")
    # "AASTOCKS (quoting SWIFT)" is AASTOCKS: a parenthesis that names whom a page quotes or copies
    # is not its publisher
    relayed = aside.lower().startswith(("quoting", "citing", "copy", "via", "relaying", "reporting", "read "))
    named = head if relayed else publisher
    for needle, short in SHORT_PUBLISHERS:
        if needle in named and not publisher.startswith(("MMGP", "Trade Representation")):
            return short
    return head.strip() or publisher


def source_year(row: Any) -> str:
    """A source's year: its publication year, else (a database without one) the year it was read."""
    def year(value: object) -> str:
        text = "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value)
        return "" if text in ("", "NaT", "None", "nan") else text[:4]

    found = year(row.get("published"))
    if not found and str(row.get("kind")) == "statistical database":
        found = year(row.get("accessed"))
    return found


def _plain(value: Any) -> Value:
    """numpy and pandas scalars become Python's, so facts compare and serialise plainly."""
    if isinstance(value, pd.Timestamp):
        return value.date()
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        return value.item()
    return value


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value
