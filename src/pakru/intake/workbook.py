"""A spreadsheet workbook (.xlsx or .xls) checked and read into grids of cells.

calamine (Rust) reads the cells, fast, but trusts the file: a cut .xls sends it round a cyclic
sector chain until memory runs out, one cell at XFD1048576 makes it ask for 550 GB, and an .xlsx
is inflated whole. So a workbook is read only in a child process with limits
(:func:`read_isolated`, through :mod:`.sandbox`), and before calamine sees an .xlsx (a zip) it is
checked here, at the cost of reading it once:

* the members' *uncompressed* sizes are summed from the zip's directory and refused above
  :data:`MAX_INFLATED_BYTES` (256 MiB; a real SBP workbook inflates to 140 KB), as is a member
  that inflates more than :data:`MAX_RATIO` times (a real sheet: 5 times; a zip bomb: 1000);
* every member's CRC-32 is checked (:meth:`zipfile.ZipFile.testzip`, which inflates in chunks):
  calamine does not check it, so a sheet stored uncompressed with one digit changed after zipping
  would otherwise be read as it stands.

calamine reads an error cell (``#N/A``, ``#DIV/0!``) and a formula saved without its result as an
empty cell; :func:`unreadable_cells` finds them in the sheet's XML so that a reader can refuse
them where it wants a figure. (An .xls keeps such cells in binary records calamine does not show;
there an error cell still reads as blank.)
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .extract import ShapeError

MAX_INFLATED_BYTES = 256 * 1024 * 1024
MAX_RATIO = 100
MAX_MEMBERS = 10_000
ZIP_MAGIC = b"PK\x03\x04"

Grid = list[list[Any]]


class WorkbookError(ShapeError):
    """The file is not a readable workbook, or a damaged or hostile one; the message says which."""


@dataclass(frozen=True)
class Book:
    zipped: bool  # an .xlsx (a zip); False for an .xls (an OLE2 compound file)
    grids: list[tuple[str, Grid]]  # (sheet name, rows of cells) in the workbook's order


def check_zip(path: Path) -> None:
    """Refuse an .xlsx whose members would inflate too far, or whose CRC-32 does not match."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            if len(infos) > MAX_MEMBERS:
                raise WorkbookError(f"the workbook's zip holds {len(infos):,} members, more than a workbook has "
                                    f"(at most {MAX_MEMBERS:,} are read)")
            total = sum(i.file_size for i in infos)
            if total > MAX_INFLATED_BYTES:
                raise WorkbookError(f"the workbook's members inflate to {total:,} bytes, more than a workbook this "
                                    f"report reads would (at most {MAX_INFLATED_BYTES:,}); a zip bomb or the wrong "
                                    "file")
            for i in infos:
                if i.file_size > 1024 * 1024 and i.file_size > MAX_RATIO * max(i.compress_size, 1):
                    raise WorkbookError(f"member {i.filename!r} inflates {i.file_size // max(i.compress_size, 1):,} "
                                        f"times ({i.compress_size:,} to {i.file_size:,} bytes); a workbook's "
                                        f"members inflate at most {MAX_RATIO} times, more is a zip bomb")
            bad = z.testzip()
    except zipfile.BadZipFile as err:
        raise WorkbookError(f"not readable as an Excel workbook (a damaged zip: {err})") from None
    except (EOFError, OSError, NotImplementedError, RuntimeError, ValueError) as err:
        if isinstance(err, WorkbookError):
            raise
        raise WorkbookError(f"not readable as an Excel workbook (a damaged zip: {err})") from None
    if bad is not None:
        raise WorkbookError(f"member {bad!r} fails its CRC-32 check: the workbook was changed or damaged after it "
                            "was saved, so its cells cannot be trusted; download it again")


def open_checked(path: Path) -> Book:
    """The workbook's sheets as grids (empty leading rows and columns kept, so row 1 is row 1)."""
    import python_calamine

    content = path.read_bytes()
    zipped = content[:4] == ZIP_MAGIC
    if zipped:
        check_zip(path)
    try:
        # from the bytes, not the path: calamine would pick the format by the file's name, and an
        # .xls saved as .xlsx is still an .xls (its content decides)
        wb = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(content))
        grids = [(name, wb.get_sheet_by_name(name).to_python(skip_empty_area=False)) for name in wb.sheet_names]
    except (KeyboardInterrupt, SystemExit, MemoryError):
        raise
    except BaseException as err:  # noqa: BLE001 - calamine's errors, and its Rust panics (pyo3 PanicException)
        raise WorkbookError(f"not readable as an Excel workbook ({' '.join(str(err).split())[:160]})") from None
    return Book(zipped, grids)


_SHEET = re.compile(rb'<sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]*)"')
_REL = re.compile(rb'<Relationship\b[^>]*?\bId="([^"]*)"[^>]*?\bTarget="([^"]*)"')
_REL_REVERSED = re.compile(rb'<Relationship\b[^>]*?\bTarget="([^"]*)"[^>]*?\bId="([^"]*)"')
_REF = re.compile(rb'\br="([A-Z]{1,3}[0-9]{1,7})"')
# a cell typed as an error; its <v> holds the error's text
_ERROR_CELL = re.compile(rb'<c\b([^>]*\bt="e"[^>]*)>(.{0,200}?)</c>', re.DOTALL)
# a cell whose only content is a formula: saved without calculating, so with no result
_FORMULA_ONLY = re.compile(rb'<c\b([^>]*)>\s*<f\b[^>]*(?:/>|>[^<]*</f>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>')
_VALUE = re.compile(rb"<v>([^<]{0,40})</v>")


def _sheet_members(z: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its XML member, from ``xl/workbook.xml`` and its relationships."""
    try:
        book = z.read("xl/workbook.xml")
        rels_xml = z.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return {}
    rels = {i: t for i, t in _REL.findall(rels_xml)} | {i: t for t, i in _REL_REVERSED.findall(rels_xml)}
    out = {}
    for name, rid in _SHEET.findall(book):
        target = rels.get(rid, b"").decode("utf-8", "replace")
        member = target.lstrip("/") if target.startswith("/") else "xl/" + target
        out[html.unescape(name.decode("utf-8", "replace"))] = member
    return out


def unreadable_cells(path: Path, book: Book | None = None) -> dict[str, dict[str, str]]:
    """Per sheet, the cells of an .xlsx that hold an error or a formula with no saved result, and
    what each holds (``{"Imports by all Countries": {"F158": "the error #N/A"}}``)."""
    out: dict[str, dict[str, str]] = {}
    with zipfile.ZipFile(path) as z:
        for sheet, member in _sheet_members(z).items():
            try:
                xml = z.read(member)
            except KeyError:
                continue
            found: dict[str, str] = {}
            if b't="e"' in xml:
                for m in _ERROR_CELL.finditer(xml):
                    ref, value = _REF.search(m.group(1)), _VALUE.search(m.group(2))
                    if ref:
                        shown = value.group(1).decode("utf-8", "replace") if value else "(no text)"
                        found[ref.group(1).decode()] = f"the error {shown}"
            if b"<f" in xml:
                for m in _FORMULA_ONLY.finditer(xml):
                    ref = _REF.search(m.group(1))
                    if ref:
                        found.setdefault(ref.group(1).decode(), "a formula saved without its result")
            if found:
                out[sheet] = found
    return out


def read_isolated(target: str, path: Path) -> Any:
    """``target`` (``"module:function"``, given the file's path) run in a child process with the
    limits of :mod:`.sandbox`; its failures come back as one-line :class:`WorkbookError`."""
    from . import sandbox

    try:
        return sandbox.run(target, path)
    except sandbox.ChildFailed as err:
        raise WorkbookError(str(err)) from None
