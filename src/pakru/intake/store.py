"""CSV text in and out of ``data/``, written atomically.

Rows travel as ``dict[str, str]`` (cells exactly as in the file) so that an import never
round-trips a number through float and rewrites digits nobody changed. A file is read as bytes
and rewritten with the line ending it already uses (``data/`` is LF, see ``.gitattributes``, but a
CRLF file stays CRLF), so untouched rows come out byte for byte.

Writing refuses, in one line and with exit 8 (:class:`~pakru.errors.DataFolderError`), a target
that is read-only (a file someone protected is not replaced), a folder that cannot be written, and
a target whose folder leads out of the project through a symbolic link.
"""

from __future__ import annotations

import csv
import errno
import io
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError, DataFolderError

# what tempfile.mkstemp(prefix=".<name>.", suffix=".tmp") makes in replace_files and journal.apply,
# and the backups (".old") journal.apply links beside a file it replaces
STALE_TEMPORARY = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.(tmp|old)$")


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
    data = path.read_bytes()
    # from the bytes: text mode would have turned "\r\n" into "\n" before anyone could look
    newline = "\r\n" if data.split(b"\n", 1)[0].endswith(b"\r") else "\n"
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise DataError(shown, f"is not UTF-8: byte 0x{data[err.start]:02x} at offset {err.start} (line {line})",
                        hint="data/ files are UTF-8") from None
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


def _shown(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            pass
    return str(path)


def check_writable(contents: dict[Path, bytes], inside: Path | None = None) -> None:
    """Refuse (exit 8) before anything is written: a read-only target, or one whose folder
    resolves outside ``inside`` (a symbolic link leading out of the project)."""
    limit = inside.resolve() if inside is not None else None
    for path in contents:
        shown = _shown(path, inside)
        if limit is not None:
            real = path.parent.resolve()
            if real != limit and limit not in real.parents:
                link = next((p for p in (path.parent, *path.parent.parents) if p.is_symlink()), path.parent)
                raise DataFolderError(f"{_shown(link, inside)} leads to {real}, outside the project {limit} "
                                      f"(a symbolic link); pakru writes {shown} only inside the project: make "
                                      f"{_shown(link, inside)} a folder")
        try:
            mode = path.stat().st_mode
        except FileNotFoundError:
            continue
        except OSError as err:
            raise DataFolderError(f"cannot write {shown}: {err.strerror or err}") from None
        if not mode & 0o200:
            raise DataFolderError(f"{shown} is read-only (mode {mode & 0o777:04o}); pakru does not replace a "
                                  f"protected file: make it writable (chmod u+w {shown}) to import into it")


def clean_stale_temporaries(data: Path) -> list[Path]:
    """Remove the hidden ``.<name>.<random>.tmp`` files that a killed write leaves in ``data/``.

    Call only under the exclusive data lock (no other writer is then between its write and its
    rename). Symbolic links are not followed. Returns what was removed.
    """
    removed = []
    for folder, dirs, files in os.walk(data):
        dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(folder, d))]
        for name in files:
            if STALE_TEMPORARY.match(name):
                path = Path(folder) / name
                try:
                    path.unlink()
                    removed.append(path)
                except OSError:
                    pass  # removed by the writer itself, or not ours to remove: leave it
    return removed


def replace_together(contents: dict[Path, bytes], data: Path, inside: Path | None, label: str) -> None:
    """Replace every file of one import under ``data`` as one step (:func:`journal.apply`); refused
    targets and a write the system refuses are exit 8 in one line, as for :func:`replace_files`."""
    from . import journal

    check_writable(contents, inside)
    try:
        journal.apply(data, contents, label)
    except OSError as err:
        where = _shown(Path(err.filename), inside) if err.filename else "a file in data/"
        why = err.strerror or str(err)
        hint = "free some space" if err.errno == errno.ENOSPC else "check the folder's permissions"
        raise DataFolderError(f"cannot write {where}: {why}; nothing was written ({hint})") from None


def replace_files(contents: dict[Path, bytes], inside: Path | None = None) -> None:
    """Write every file to a temporary file beside it first, then rename each into place.

    A rename is atomic on one file system, so each file is either its old or its new self
    whatever happens; and because every temporary file is complete (and flushed to disk)
    before the first rename, a failure while writing leaves all of them old. A target that
    :func:`check_writable` refuses, or a write the operating system refuses (no permission, a
    full disk), is exit 8 in one line, with nothing written.
    """
    check_writable(contents, inside)
    try:
        _replace(contents)
    except OSError as err:
        where = _shown(Path(err.filename), inside) if err.filename else "a file in data/"
        why = err.strerror or str(err)
        hint = "free some space" if err.errno == errno.ENOSPC else "check the folder's permissions"
        raise DataFolderError(f"cannot write {where}: {why}; nothing was written ({hint})") from None


def _replace(contents: dict[Path, bytes]) -> None:
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
