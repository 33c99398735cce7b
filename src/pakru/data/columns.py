"""What a dataset's declaration is made of: a column (its kind, whether it is required, its
allowed values and range) and a schema (a CSV file's columns, key and row rules). The declarations
themselves are :mod:`.schema`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Kind = Literal["string", "number", "integer", "date", "boolean"]


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind = "string"
    required: bool = True
    choices: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    description: str = ""


@dataclass(frozen=True)
class Schema:
    """One CSV file in ``data/``: its columns, primary key and row rules."""

    name: str
    path: str  # relative to the data directory
    title: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    # (start, end) column pairs where end must not precede start
    ordered_dates: tuple[tuple[str, str], ...] = ()
    # columns holding one source_id, or several separated by ";"
    source_columns: tuple[str, ...] = ("source_id",)
    # "precision" columns whose date must be truncated accordingly (date column, precision column)
    precision_dates: tuple[tuple[str, str], ...] = ()
    description: str = ""
    extra_checks: tuple[str, ...] = field(default=())
    # columns naming events of payments/events.csv or defence/events.csv (one id, or several joined by ";"):
    # checked when every file is loaded, so that a mistyped id fails `pakru check`, not a notebook
    event_columns: tuple[str, ...] = ()

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)


def _c(name: str, kind: Kind = "string", **kw: object) -> Column:
    return Column(name, kind, **kw)  # type: ignore[arg-type]


def _opt(name: str, kind: Kind = "string", **kw: object) -> Column:
    return Column(name, kind, required=False, **kw)  # type: ignore[arg-type]
