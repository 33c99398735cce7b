"""The ``import`` and ``update`` subcommands; :func:`register` adds them to ``pakru``'s parser."""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

from ..data.lock import DataLock
from ..errors import DataError, PakruError, ParameterError, clip
from . import journal, update
from .extract import Extract
from .infile import read_publisher_file
from .publisher import ImportOptions, Kind
from .registry import KINDS, kind_named
from .plan import apply, describe_plan, plan_import
from .provenance import Origin, now_utc, sha256_of
from .store import clean_stale_temporaries

IMPORT_HELP = "merge a downloaded publisher's file into data/ (prints the diff first)"


def _root(args: argparse.Namespace) -> Path:
    from ..data import datasets as data

    return Path(args.root).resolve() if getattr(args, "root", None) else data.project_root()


def _say(message: str) -> None:
    print(f"pakru: {message}", file=sys.stderr, flush=True)


def check_wait(value: float) -> float:
    if not value >= 0:  # also a NaN
        raise ParameterError(f"--wait {value:g}: must be 0 or more seconds")
    return value


def data_lock(root: Path, exclusive: bool, wait_s: float) -> DataLock:
    """The lock on data/ (exclusive to write, shared for a dry run); exit 6, or waits ``wait_s``."""
    return DataLock(root / "data", exclusive=exclusive, wait_s=wait_s, on_wait=_say)


def clean_stale(root: Path) -> None:
    """Under the exclusive lock: finish or undo an import a killed process left half-applied
    (:mod:`.journal`), then remove temporary files a killed write left in data/."""
    settled = journal.settle(root / "data")
    if settled is not None:
        _say(settled.line())
    for path in clean_stale_temporaries(root / "data"):
        _say(f"removed {path.relative_to(root).as_posix()}, a temporary file left by an interrupted write")


def _read(kind: Kind, path: Path, content: bytes, options: ImportOptions) -> Extract:
    """Run the kind's reader on a private copy of ``content`` named like ``path``; every failure
    is one line (exit 3). Through a symbolic link the reader's reason is not shown, as it may
    quote the file's first line."""
    with tempfile.TemporaryDirectory(prefix="pakru-import-") as tmp:
        copy = Path(tmp) / path.name
        copy.write_bytes(content)
        try:
            return kind.read(copy, options)
        except PakruError:
            raise
        except Exception as err:  # noqa: BLE001 - the boundary: a reader's failure is the file's problem
            if isinstance(err, KeyError):
                problem = f"missing column {err.args[0]!r}"
            elif isinstance(err, RecursionError):
                problem = "nested too deeply to read"
            elif isinstance(err, MemoryError):
                problem = "too large to read into memory"
            elif isinstance(err, (ValueError, ArithmeticError)):  # ShapeError, pandas' ParserError, InvalidOperation
                problem = " ".join(str(err).replace(f"{copy}: ", "").replace(str(copy), path.name).split())
            else:
                problem = f"{type(err).__name__}: {' '.join(str(err).replace(str(copy), path.name).split())}"
            if path.is_symlink():
                problem = (f"the reader's reason is not shown, because {path} is a symbolic link and the reason may "
                           f"quote the file it leads to; run pakru import on {path.resolve()} itself to see it")
            raise DataError(str(path), f"is not a {kind.name} file: {clip(problem, 400)}",
                            hint=f"expected: {kind.where}") from None


def _check_url(url: str | None) -> None:
    if url is not None and not url.startswith(("http://", "https://")):
        raise ParameterError(f"--url {clip(repr(url), 80)}: not a web address; allowed: http:// or https:// "
                             "(it is written to data/raw/imports.csv and, for a new source, to data/sources.csv)")


def _cmd_import(args: argparse.Namespace) -> int:
    kind = kind_named(args.kind)
    if args.flow and args.flow not in ("exports", "imports"):
        raise ParameterError(f"--flow {args.flow!r}: allowed values are exports and imports")
    if args.published and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", args.published):
        raise ParameterError(f"--published {args.published!r}: a date is written YYYY-MM-DD")
    _check_url(args.url)
    wait_s = check_wait(args.wait)
    path = Path(args.file)
    content = read_publisher_file(path, kind.name, kind.where)
    options = ImportOptions(source_id=args.source, url=args.url, flow=args.flow, published=args.published)
    extract = _read(kind, path, content, options)
    if extract.row_count == 0:
        raise DataError(str(path), "holds no rows for Pakistan–Russia in the layout of a "
                        f"{kind.name} file", hint=f"expected: {kind.where}")
    origin = Origin(kind.name, path.name, sha256_of(content), args.url or extract.source.url, now_utc())
    root = _root(args)
    with data_lock(root, exclusive=not args.dry_run, wait_s=wait_s):
        if not args.dry_run:
            clean_stale(root)
        plan = plan_import(root, ((extract, origin),))
        print("\n".join(describe_plan(plan, args.dry_run, f"{path.name} → {extract.source.source_id}")), flush=True)
        if not args.dry_run:
            apply(plan, root, f"pakru import {kind.name} {path.name}")
    return 0


def _kinds_epilog() -> str:
    width = max(len(k) for k in KINDS)
    lines = ["kinds (where to download each file):"]
    lines += [f"  {k.name:<{width}}  {k.where}" for k in KINDS.values()]
    lines += ["", "refused (nothing written): a FILE that is not a regular file or larger than 64 MiB, not "
              "UTF-8, with digits other than 0-9, cut short (no line break at its end, or a last line with fewer "
              "cells than the header), or with a text cell starting with = + - @ (a spreadsheet formula)",
              "", "exit codes: 0 done, 2 bad usage (unknown kind, missing file, bad --url), 3 the file or the "
              "merged data is invalid, 6 data/ in use by another import, update or build (--wait), 8 data/ "
              "cannot be written (read-only, full, or leading out of the project); nothing is written unless 0"]
    return "\n".join(lines)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``import`` and ``update`` to the ``pakru`` subcommand parser ``sub``."""
    imp = sub.add_parser("import", help=IMPORT_HELP, description=IMPORT_HELP + ".",
                         epilog=_kinds_epilog(), formatter_class=argparse.RawDescriptionHelpFormatter)
    imp.add_argument("kind", metavar="KIND", help="the file's format: " + ", ".join(KINDS))
    imp.add_argument("file", metavar="FILE", help="the downloaded file")
    imp.add_argument("--dry-run", action="store_true", help="print the diff and write nothing")
    imp.add_argument("--source", metavar="SOURCE_ID",
                     help="source registry id the rows point to (default: the kind's own; a new id adds a row "
                          "to data/sources.csv)")
    imp.add_argument("--url", help="where the file came from (recorded for a new source and in the import log)")
    imp.add_argument("--published", metavar="YYYY-MM-DD",
                     help="the file's publication date, recorded for a new source (an .xlsx from SBP gives its own)")
    imp.add_argument("--flow", metavar="FLOW", help="exports or imports, for a Comtrade+ extract that holds one flow")
    imp.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                     help="wait this long for data/ while another import, update or build uses it (default: "
                          "exit 6 at once)")
    imp.set_defaults(func=_cmd_import)

    up = sub.add_parser("update", help=update.UPDATE_HELP, description=update.UPDATE_HELP + ".",
                        epilog=update.EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    up.add_argument("sources", nargs="*", metavar="SOURCE",
                    help=f"sources to update (default: all of {', '.join(update.SOURCE_NAMES)})")
    up.add_argument("--dry-run", action="store_true", help="fetch and print the diff; write nothing")
    up.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                    help="wait this long for data/ while another import, update or build uses it (default: "
                         "exit 6 at once)")
    up.set_defaults(func=_cmd_update)


def _cmd_update(args: argparse.Namespace) -> int:
    wait_s = check_wait(args.wait)
    update.check_sources(list(args.sources))
    root = _root(args)
    with data_lock(root, exclusive=not args.dry_run, wait_s=wait_s):
        if not args.dry_run:
            clean_stale(root)
        return update.run_update(root, list(args.sources), args.dry_run)


def settle_interrupted(root: Path) -> journal.Settled | None:
    """For ``pakru check`` and ``pakru build``: when ``data/`` holds an import a killed process left
    half-applied, roll it forward or back (under the exclusive lock, without waiting) and say so."""
    data = root / "data"
    if not journal.pending(data):
        return None
    with data_lock(root, exclusive=True, wait_s=0.0):
        settled = journal.settle(data)
    if settled is not None:
        _say(settled.line())
    return settled
