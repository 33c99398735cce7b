"""The ``pakru`` command: ``check``, ``params``, ``build``, ``datapackage``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import PakruError


def _cmd_check(args: argparse.Namespace) -> int:
    from . import data

    root = Path(args.root).resolve() if args.root else data.project_root()
    frames = data.load_all(root)
    for name, frame in frames.items():
        print(f"ok  {frame.attrs['path']}: {len(frame)} rows")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pakru", description=__doc__)
    parser.add_argument("--root", help="project folder (default: found from the working directory)")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate every data file against its schema")
    check.set_defaults(func=_cmd_check)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except PakruError as err:
        print(f"pakru: {err}", file=sys.stderr)
        return err.exit_code


if __name__ == "__main__":
    sys.exit(main())
