"""The ``pakru`` command: ``check``, ``params``, ``build``, ``datapackage``, ``import``, ``update``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import PakruError


def _cmd_check(args: argparse.Namespace) -> int:
    from .data import datasets as data
    from .data.lock import DataLock

    from .intake.cli import settle_interrupted

    root = _root(args)
    if settle_interrupted(root) is not None:
        return 3  # data/ was half-applied: the line printed says what it held and that it is whole again
    with DataLock(root / "data", exclusive=False):  # not while an import or update writes
        frames = data.load_all(root)
    for frame in frames.values():
        print(f"ok  {frame.attrs['path']}: {len(frame)} rows")
    return 0


def _root(args: argparse.Namespace) -> Path:
    from .data import datasets as data

    return Path(args.root).resolve() if args.root else data.project_root()


def _cmd_params(args: argparse.Namespace) -> int:
    from .spec import params

    print(params.describe(params.load_spec(_root(args))))
    return 0


def _cmd_build(args: argparse.Namespace) -> int:
    from .build import steps as build
    from .errors import LockedError
    from .intake.cli import settle_interrupted
    from .spec import params

    try:
        settle_interrupted(_root(args))  # an import killed half-way is finished (or undone) before any read
    except LockedError:
        pass  # a writer holds data/ now; the build waits for it (or exits 6) as it always does

    overrides: dict[str, object] = {}
    if args.params_file:
        overrides.update(params.read_params_file(Path(args.params_file)))
    overrides.update(params.parse_assignments(args.param or []))
    formats = tuple(f.strip() for f in args.format.split(",") if f.strip())
    unknown = [f for f in formats if f not in ("html", "pdf")]
    if unknown or not formats:
        from .errors import ParameterError

        raise ParameterError(f"--format {args.format!r}: allowed formats are html and pdf (e.g. --format html,pdf)")
    _check_limits(args)
    opts = build.BuildOptions(root=_root(args), overrides=overrides, show_code=args.show_code, formats=formats,
                              force=args.force, jobs=args.jobs, keep=args.keep, wait_s=args.wait,
                              timeout_s=args.timeout)
    return build.main_build(opts)


def _check_limits(args: argparse.Namespace) -> None:
    from .errors import ParameterError

    rules = [("--jobs", args.jobs, args.jobs >= 0, "0 (one per core) or more"),
             ("--keep", args.keep, args.keep >= 1, "1 or more run folders"),
             ("--wait", args.wait, args.wait >= 0, "0 or more seconds"),
             ("--timeout", args.timeout, args.timeout > 0, "more than 0 seconds")]
    for option, value, ok, allowed in rules:
        if not ok or value != value:  # value != value: a NaN from float('nan')
            raise ParameterError(f"{option} {value:g}: must be {allowed}")


def _cmd_datapackage(args: argparse.Namespace) -> int:
    from .data import datapackage
    from .data.lock import DataLock

    root = _root(args)
    with DataLock(root / "data", exclusive=True, create=False):  # it writes data/datapackage.json
        path = datapackage.write(root)
    print(f"wrote {path.relative_to(root)}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pakru", description="Build the Pakistan-Russia report from data/, and bring new data into data/. "
        "Exit codes: see the README (0 done; 2 usage; 3 data; 4 notebook; 5 render/PDF; 6 locked; 7 publisher "
        "unreachable; 8 report folder not writable; 130/143 interrupted).")
    parser.add_argument("--root", help="project folder (default: found from the working directory)")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate every data file against its schema")
    check.set_defaults(func=_cmd_check)
    plist = sub.add_parser("params", help="list the report's parameters with types, defaults and allowed values")
    plist.set_defaults(func=_cmd_params)
    b = sub.add_parser("build", help="execute the notebooks and publish report/latest/report.html")
    b.add_argument("-p", "--param", action="append", metavar="NAME=VALUE",
                   help="set a parameter (repeatable); SECTION.NAME=VALUE sets it in one section only")
    b.add_argument("--params-file", metavar="FILE", help="YAML file of parameters (name: value)")
    b.add_argument("--show-code", action="store_true", help="keep the notebooks' code in the report")
    b.add_argument("--format", default="html", help="html, or html,pdf (default: html)")
    b.add_argument("--force", action="store_true", help="execute every notebook even if nothing changed")
    b.add_argument("--jobs", type=int, default=0, help="notebooks executed at once (default: one per core)")
    b.add_argument("--keep", type=int, default=10,
                   help="successful runs to keep (default 10); latest is always kept, and failed or "
                        "interrupted runs older than the newest success are removed")
    b.add_argument("--wait", type=float, default=0.0, metavar="SECONDS",
                   help="wait this long for another build's lock before giving up (exit 6)")
    b.add_argument("--timeout", type=float, default=900.0, metavar="SECONDS",
                   help="time limit per notebook (default 900; a section's `timeout:` in report.yaml "
                        "overrides it); on expiry the build stops with exit 4")
    b.set_defaults(func=_cmd_build)
    dp = sub.add_parser("datapackage", help="write data/datapackage.json from the schemas and the data")
    dp.set_defaults(func=_cmd_datapackage)
    from .intake import cli as intake_cli

    intake_cli.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except PakruError as err:
        print(f"pakru: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:  # Ctrl-C before the build took over the signals
        print("pakru: interrupted (SIGINT)", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
