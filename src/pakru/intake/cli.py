"""The ``import`` and ``update`` subcommands; :func:`register` adds them to ``pakru``'s parser."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from ..errors import DataError, ParameterError
from . import update
from .kinds import KINDS, ImportOptions, kind_named
from .plan import apply, describe_plan, plan_import
from .provenance import origin_of_file

IMPORT_HELP = "merge a downloaded publisher's file into data/ (prints the diff first)"


def _root(args: argparse.Namespace) -> Path:
    from ..data import datasets as data

    return Path(args.root).resolve() if getattr(args, "root", None) else data.project_root()


def _cmd_import(args: argparse.Namespace) -> int:
    kind = kind_named(args.kind)
    path = Path(args.file)
    if not path.is_file():
        raise ParameterError(f"{args.file}: no such file; pakru import needs the path of a downloaded {kind.name} file")
    if args.flow and args.flow not in ("exports", "imports"):
        raise ParameterError(f"--flow {args.flow!r}: allowed values are exports and imports")
    if args.published and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", args.published):
        raise ParameterError(f"--published {args.published!r}: a date is written YYYY-MM-DD")
    options = ImportOptions(source_id=args.source, url=args.url, flow=args.flow, published=args.published)
    try:
        extract = kind.read(path, options)
    except (ValueError, KeyError) as err:  # ShapeError, and what pandas raises on a file it cannot parse
        problem = (f"missing column {err.args[0]!r}" if isinstance(err, KeyError)
                   else " ".join(str(err).replace(f"{path}: ", "").split()))
        raise DataError(str(path), f"is not a {kind.name} file: {problem}", hint=f"expected: {kind.where}") from None
    if extract.row_count == 0:
        raise DataError(str(path), "holds no rows for Pakistan–Russia in the layout of a "
                        f"{kind.name} file", hint=f"expected: {kind.where}")
    origin = origin_of_file(kind.name, path, args.url or extract.source.url)
    plan = plan_import(_root(args), ((extract, origin),))
    print("\n".join(describe_plan(plan, args.dry_run, f"{path.name} → {extract.source.source_id}")))
    if not args.dry_run:
        apply(plan)
    return 0


def _kinds_epilog() -> str:
    width = max(len(k) for k in KINDS)
    lines = ["kinds (where to download each file):"]
    lines += [f"  {k.name:<{width}}  {k.where}" for k in KINDS.values()]
    lines += ["", "exit codes: 0 done, 2 bad usage (unknown kind, missing file), 3 the file or the merged data "
              "is invalid (nothing written)"]
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
    imp.set_defaults(func=_cmd_import)

    up = sub.add_parser("update", help=update.UPDATE_HELP, description=update.UPDATE_HELP + ".",
                        epilog=update.EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    up.add_argument("sources", nargs="*", metavar="SOURCE",
                    help=f"sources to update (default: all of {', '.join(update.SOURCE_NAMES)})")
    up.add_argument("--dry-run", action="store_true", help="fetch and print the diff; write nothing")
    up.set_defaults(func=_cmd_update)


def _cmd_update(args: argparse.Namespace) -> int:
    return update.run_update(_root(args), list(args.sources), args.dry_run)
