"""CSV text in and out of ``data/``, written atomically.

Rows travel as ``dict[str, str]`` (cells exactly as in the file) so that an import never
round-trips a number through float and rewrites digits nobody changed. A file is rewritten with
the line ending it already uses, so untouched rows come out byte for byte.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError


@dataclass(frozen=True)
class CsvText:
    """One CSV file's header and rows as text; ``newline`` is the file's own line ending."""

    header: tuple[str, ...]
    rows: tuple[dict[str, str], ...]
    newline: str = "\n"


def read_csv_text(path: Path, shown: str, columns: tuple[str, ...]) -> CsvText:
    """Read ``path``; a missing file is an empty table with ``columns`` as its header."""
    if not path.is_file():
        return CsvText(columns, ())
    raw = path.read_text(encoding="utf-8")
    newline = "\r\n" if "\r\n" in raw.split("\n", 1)[0] + "\n" else "\n"
    reader = csv.reader(io.StringIO(raw, newline=""))
    try:
        header = tuple(h.strip() for h in next(reader))
    except StopIteration:
        raise DataError(shown, "the file is empty; it needs a header row") from None
    rows = []
    for i, cells in enumerate(reader, start=1):
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            raise DataError(shown, f"has {len(cells)} cells, the header has {len(header)}", row=i)
        rows.append(dict(zip(header, cells)))
    return CsvText(header, tuple(rows), newline)


def csv_bytes(table: CsvText) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=table.newline)
    writer.writerow(table.header)
    for row in table.rows:
        writer.writerow([row.get(c, "") for c in table.header])
    return out.getvalue().encode("utf-8")


def replace_files(contents: dict[Path, bytes]) -> None:
    """Write every file to a temporary file beside it first, then rename each into place.

    A rename is atomic on one file system, so each file is either its old or its new self
    whatever happens; and because every temporary file is complete (and flushed to disk)
    before the first rename, a failure while writing leaves all of them old.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in contents.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            staged.append((Path(tmp), path))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            if path.exists():
                os.chmod(tmp, path.stat().st_mode & 0o777)
            else:
                os.chmod(tmp, 0o644)
        for tmp, path in staged:
            os.replace(tmp, path)
    finally:
        for tmp, _ in staged:
            if tmp.exists():
                tmp.unlink()
