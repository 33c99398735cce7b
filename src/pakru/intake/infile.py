"""A publisher's file for ``pakru import``, read whole and checked before any row is used.

What is refused, each in one line that names the file (and the line or byte where it applies):

* not a regular file (a folder, a FIFO, a device): exit 2, as for a missing file;
* larger than :data:`MAX_FILE_BYTES` (64 MiB, ``$PAKRU_MAX_FILE_BYTES``), checked by ``stat``
  before reading: no file of any publisher this report reads comes near it: exit 3;
* not UTF-8 (a byte-order mark is allowed), named by byte offset: exit 3. No other encoding is
  guessed. SIPRI's own register export was once ISO-8859-1, but the register extract this project
  reads is UTF-8 (its one non-ASCII letter, an ``é``, is UTF-8), and Latin-1 decodes *any* bytes, so a Windows-1251 file
  would be stored garbled with exit 0; a Latin-1 file is therefore refused and must be re-saved
  as UTF-8;
* (a spreadsheet workbook, xlsx or xls, recognised by its first bytes, is not text: only the size
  limit applies, and its own parser refuses a cut file;)
* a digit that is not ASCII 0-9 (``١٢٣``): exit 3 (Python would read it as ``123``);
* a file cut short, for the CSV kinds: a last line without its line break, a quoted cell that
  is never closed, or a last line with fewer cells than the header: exit 3. A cut at a line
  break cannot be told from a shorter file; every other cut can.

The readers then read a private copy of exactly these bytes (so the file cannot change between
the check and the read), under the file's own name.
"""

from __future__ import annotations

import csv
import io
import os
import stat
from pathlib import Path

from ..errors import DataError, ParameterError
from .extract import ShapeError, check_ascii_digits, utf8_text

MAX_FILE_BYTES = 64 * 1024 * 1024
# kinds whose files are JSON: the parser itself refuses a cut file
JSON_KINDS = frozenset({"comtrade-api"})
# spreadsheet workbooks (xlsx is a zip, xls an OLE2 compound file) are not text: their own parser
# refuses a cut file (a zip's directory is at its end), so only the size limit applies to them
BINARY_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
# the table of a SIPRI register starts at its header line; the notes above it are shorter lines
HEADER_STARTS = {"sipri-register": "Recipient,"}


def max_file_bytes() -> int:
    try:
        return max(1, int(os.environ.get("PAKRU_MAX_FILE_BYTES", MAX_FILE_BYTES)))
    except ValueError:
        return MAX_FILE_BYTES


def _kind_of_node(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_publisher_file(path: Path, kind: str, expected: str = "") -> bytes:
    """The whole file, checked as described above; raises ParameterError or DataError, whose hint
    is ``expected`` (what the kind reads) when the file is not that."""
    shown = str(path)
    need = f"pakru import needs the path of a downloaded {kind} file"
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise ParameterError(f"{shown}: no such file; {need}") from None
    except OSError as err:
        raise ParameterError(f"{shown}: cannot be read ({err.strerror or err}); {need}") from None
    if not stat.S_ISREG(st.st_mode):
        raise ParameterError(f"{shown}: is {_kind_of_node(st.st_mode)}, not a file; {need}")
    limit = max_file_bytes()
    if st.st_size > limit:
        raise DataError(shown, f"is {st.st_size:,} bytes, larger than any publisher's file pakru reads "
                        f"(at most {limit:,} bytes; $PAKRU_MAX_FILE_BYTES)", hint="is this the right file?")
    try:
        with open(path, "rb") as fh:
            content = fh.read(limit + 1)
    except OSError as err:
        raise ParameterError(f"{shown}: cannot be read ({err.strerror or err}); {need}") from None
    except MemoryError:
        raise DataError(shown, "is too large to read into memory") from None
    if len(content) > limit:  # it grew after the stat
        raise DataError(shown, f"is larger than any publisher's file pakru reads (at most {limit:,} bytes)")
    check_text(content, shown, kind, expected)
    return content


def check_text(content: bytes, shown: str, kind: str, expected: str = "") -> None:
    hint = f"expected: {expected}" if expected else None
    if content.startswith(BINARY_MAGIC):
        return
    if content.startswith(b"%PDF-"):  # a publisher's report saved instead of its data file
        raise DataError(shown, f"is a PDF document, not a {kind} file; pakru reads the publisher's data file, "
                        "not its report", hint=hint)
    try:
        text = utf8_text(content)
        check_ascii_digits(text)
    except ShapeError as err:
        raise DataError(shown, str(err), hint=hint) from None
    if kind not in JSON_KINDS:
        check_complete(text, shown, HEADER_STARTS.get(kind))


def check_complete(text: str, shown: str, header_start: str | None = None) -> None:
    """Refuse a CSV text cut short: no final line break, an unclosed quote, or a last record with
    fewer cells than the header (the first record, or the first starting with ``header_start``)."""
    if not text.strip():
        return  # empty: the reader says what it expected
    lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    if not text.endswith("\n"):
        raise DataError(shown, f"the last line (line {lines}) has no line break at its end, so the file looks "
                        "cut short", hint="a complete download ends its last line with one; download it again")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    header: list[str] | None = None
    last: tuple[int, int] | None = None  # (line, cells) of the last non-empty record
    try:
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue
            if header is None and (header_start is None or ",".join(cells).startswith(header_start)):
                header = cells
                continue
            last = (reader.line_num, len(cells))
    except csv.Error as err:
        raise DataError(shown, f"line {reader.line_num} cannot be read as CSV ({err}); the file looks cut short "
                        "or is not CSV") from None
    if header is not None and last is not None and last[1] < len(header):
        raise DataError(shown, f"the last line (line {last[0]}) has {last[1]} cells, the header has {len(header)}, "
                        "so the file looks cut short", hint="download it again")
