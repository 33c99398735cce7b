"""What a publisher's file turns into before it is merged: rows per dataset and their source."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from collections.abc import Mapping


@dataclass(frozen=True)
class SourceInfo:
    """The source registry row an import writes to (created when ``source_id`` is new)."""

    source_id: str
    publisher: str
    title: str
    url: str
    kind: str = "statistical database"
    quality: str = "primary"
    licence: str = ""
    note: str = ""
    published: str = ""  # ISO date, where the file or answer shows one


@dataclass(frozen=True)
class Extract:
    """Rows for each dataset (by schema name), as text cells, all pointing to ``source``."""

    source: SourceInfo
    rows: Mapping[str, tuple[dict[str, str], ...]]
    # columns a person annotates by hand: an existing row keeps them (see merge.py)
    keep_existing: frozenset[str] = field(default=frozenset({"note"}))

    @property
    def row_count(self) -> int:
        return sum(len(r) for r in self.rows.values())


class ShapeError(ValueError):
    """A publisher's file or response is not in the layout its reader expects."""


class NoData(ShapeError):
    """A well-formed answer that holds no observations (an SDMX-CSV header with no rows): nothing to
    merge, reported as "no data" rather than as a broken answer."""


def answer_text(content: bytes, expected: str) -> str:
    """A publisher's answer as text, refused when it is empty or a web page (an error or login page
    served with status 200) instead of the ``expected`` format."""
    text = content.decode("utf-8-sig", errors="replace").strip()
    if not text:
        raise ShapeError("the response is empty")
    if text.startswith("<"):
        raise ShapeError(f"the response is an HTML or XML page, not {expected}")
    return text


def plain_decimal(value: Decimal) -> str:
    """``Decimal('187.633130')`` -> ``'187.63313'``: no exponent, no trailing zeros."""
    if value == 0:
        return "0"
    text = format(value.normalize(), "f")
    return text


def shift_decimal(text: str, places: int) -> str:
    """Move the decimal point of a number written as text, exactly (no float rounding):
    ``shift_decimal('134966601.08', -6) == '134.96660108'``."""
    try:
        return plain_decimal(Decimal(text.strip()).scaleb(places))
    except InvalidOperation:
        raise ShapeError(f"not a number: {text!r}") from None


def number_text(value: float) -> str:
    """A float as the shortest text that reads back as the same float, without ``.0``."""
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def rounded_text(value: float, places: int) -> str:
    """``value`` rounded half-even to ``places`` decimals, as plain text."""
    return plain_decimal(Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places)))


def year_bounds(year: int) -> tuple[str, str]:
    return f"{year:04d}-01-01", f"{year:04d}-12-31"
