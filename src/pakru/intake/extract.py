"""What a publisher's file turns into before it is merged: rows per dataset and their source."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from collections.abc import Mapping

from ..errors import clip


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


# a decimal digit that is not 0-9 (Arabic-Indic ١, Devanagari १, full-width １ ...): int(), float()
# and Decimal() would all read it as its ASCII value, silently
_OTHER_DIGIT = re.compile(r"[^\D0-9]")


def utf8_text(content: bytes) -> str:
    """``content`` decoded as UTF-8 (a byte-order mark is dropped); anything else is a ShapeError
    naming the byte offset and line. No other encoding is guessed: Latin-1 and Windows-1251
    decode any bytes at all, so a guess would store garbled text with exit 0."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ShapeError("is UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8")
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = content[: err.start].count(b"\n") + 1
        raise ShapeError(f"is not UTF-8: byte 0x{content[err.start]:02x} at offset {err.start} (line {line}) "
                         "cannot be decoded; save it as UTF-8 (pakru does not guess encodings)") from None


def check_ascii_digits(text: str) -> None:
    """Refuse digits other than ASCII 0-9, naming the line (its content is not quoted)."""
    m = _OTHER_DIGIT.search(text)
    if m:
        line = text.count("\n", 0, m.start()) + 1
        raise ShapeError(f"line {line} holds the digit {m.group(0)!r} (U+{ord(m.group(0)):04X}), which is not "
                         "an ASCII digit 0-9; pakru does not convert other scripts' digits")


def answer_text(content: bytes, expected: str) -> str:
    """A publisher's answer as text, refused when it is not UTF-8 (naming the byte offset), holds
    digits other than 0-9, is empty, or is a web page (an error or login page served with status
    200) instead of the ``expected`` format."""
    text = utf8_text(content).strip()
    check_ascii_digits(text)
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
        number = Decimal(text.strip())
    except InvalidOperation:
        raise ShapeError(f"not a number: {clip(repr(text), 40)}") from None
    if not number.is_finite() or not text.strip().isascii():
        raise ShapeError(f"not a finite number in ASCII digits: {clip(repr(text), 40)}")
    return plain_decimal(number.scaleb(places))


def number_text(value: float) -> str:
    """A float as the shortest text that reads back as the same float, without ``.0`` and without
    an exponent (``1e-05`` -> ``0.00001``): the data files take plain digits only."""
    return plain_decimal(Decimal(repr(float(value))))


def rounded_text(value: float, places: int) -> str:
    """``value`` rounded half-even to ``places`` decimals, as plain text; infinity (``1e309`` read
    as a float), NaN and numbers too large to round are a ShapeError."""
    number = Decimal(repr(float(value)))
    if not number.is_finite():
        raise ShapeError(f"{value!r} is not a finite number (a value such as 1e309 overflows)")
    try:
        return plain_decimal(number.quantize(Decimal(1).scaleb(-places)))
    except InvalidOperation:
        raise ShapeError(f"{clip(repr(value), 40)} is too large to be a share or a trade value") from None


def year_bounds(year: int) -> tuple[str, str]:
    return f"{year:04d}-01-01", f"{year:04d}-12-31"
