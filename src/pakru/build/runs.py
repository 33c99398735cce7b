"""Run folders: ``report/runs/<UTC timestamp>/``, the ``report/latest`` link, and pruning.

A run writes everything into its own folder and never changes it once it has finished.
``report/latest`` is a symbolic link switched to a new run in one atomic rename, only after the
whole run succeeded. Every write to the report folder goes through here or is wrapped by
:func:`writing`, so that a read-only folder or a full disk is one :class:`ReportFolderError`
(exit 8) instead of a traceback.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, UTC
from pathlib import Path
from typing import Any

from ..errors import ReportFolderError

RUNS = Path("report") / "runs"
LATEST = Path("report") / "latest"
# one JSON line per build that got as far as deciding (a new edition, none, a failure): the record
# of a scheduled run that changed nothing, which adds no run folder
RUN_LOG = Path("report") / "runs.log.jsonl"
RUN_LOG_LINES = 1000  # the newest lines kept (a daily timer: almost three years)
# errors that mean "this folder cannot take a write", as opposed to a bug
UNWRITABLE = frozenset({errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOSPC, errno.EDQUOT})


def utc_now() -> datetime:
    return datetime.now(UTC)


def run_name(moment: datetime) -> str:
    """``20260101T120000123Z``: sorts by time, safe in a path."""
    return moment.strftime("%Y%m%dT%H%M%S") + f"{moment.microsecond // 1000:03d}Z"


def unwritable(err: OSError, what: Path | str) -> ReportFolderError:
    reason = os.strerror(err.errno) if err.errno else str(err)
    return ReportFolderError(f"cannot write {err.filename or what}: {reason}; the report folder needs "
                             "write permission and free space (report/latest was not changed)")


@contextmanager
def writing(what: Path | str) -> Iterator[None]:
    """Turn an OSError meaning "cannot write here" into one ReportFolderError."""
    try:
        yield
    except OSError as err:
        if err.errno in UNWRITABLE:
            raise unwritable(err, what) from None
        raise


def latest_manifest(root: Path) -> dict[str, Any] | None:
    """The manifest of the run ``report/latest`` points to, if any."""
    try:
        return json.loads((root / LATEST / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError, UnicodeDecodeError):
        return None


def kept_manifests(root: Path) -> list[dict[str, Any]]:
    """The readable manifests of every run folder, newest first."""
    runs_dir = root / RUNS
    if not runs_dir.is_dir():
        return []
    out = []
    for path in sorted((p for p in runs_dir.iterdir() if p.is_dir()), key=lambda p: p.name, reverse=True):
        try:
            manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(manifest, dict):
            out.append({**manifest, "run": manifest.get("run") or path.name})
    return out


def log_outcome(root: Path, outcome: str, run: str | None, **details: Any) -> None:
    """Append one line to ``report/runs.log.jsonl``: when, what came of the build (``"new edition"``,
    ``"no new edition: nothing changed"``, ``"failed"``, ``"interrupted"``) and its run (for no new
    edition: the edition that stays current). Best effort: a log that cannot be written never fails
    or hides the build."""
    path = root / RUN_LOG
    line = json.dumps({"time_utc": utc_now().isoformat(timespec="seconds"), "outcome": outcome, "run": run,
                       **details}, default=str, sort_keys=True)
    try:
        lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
        lines = [*lines[-(RUN_LOG_LINES - 1):], line]
        tmp = path.with_name(f".{path.name}.{os.getpid()}.part")
        tmp.write_text("".join(f"{x}\n" for x in lines), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass


def read_run_log(root: Path) -> list[dict[str, Any]]:
    """The run log's entries, oldest first; unreadable lines are skipped."""
    try:
        lines = (root / RUN_LOG).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    out = []
    for line in lines:
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict):
            out.append(entry)
    return out


def repair_latest(root: Path, log: Callable[[str], None]) -> None:
    """``report/latest`` must be a link (or absent). A regular file there (a copy gone wrong, an
    editor) would fail every build the same way: move it aside and say so."""
    latest = root / LATEST
    if latest.is_symlink() or not latest.exists() or latest.is_dir():
        return
    aside = latest.with_name(f"latest.broken-{run_name(utc_now())}")
    with writing(latest.parent):
        latest.rename(aside)
    log(f"report/latest was a regular file, not a link to a run; moved it to {aside.relative_to(root)}")


def new_run_dir(root: Path, started: datetime) -> Path:
    runs_dir = root / RUNS
    run_dir = runs_dir / run_name(started)
    n = 1
    while run_dir.exists():
        run_dir = runs_dir / f"{run_name(started)}-{n}"
        n += 1
    with writing(run_dir):
        (run_dir / "notebooks").mkdir(parents=True)
    return run_dir


def write_json(path: Path, payload: dict[str, Any]) -> None:
    tmp = path.with_suffix(path.suffix + ".part")
    with writing(path):
        try:
            tmp.write_text(json.dumps(payload, indent=2, default=str), encoding="utf-8")
            os.replace(tmp, path)
        except OSError:
            tmp.unlink(missing_ok=True)
            raise


class RunLog:
    """Messages to the terminal and, with UTC times, to the run's ``build.log``. A log file that
    cannot be written (full disk) never hides the message or the build's own error."""

    def __init__(self, echo: Callable[[str], None]) -> None:
        self.echo = echo
        self.lines: list[str] = []
        self.path: Path | None = None

    def __call__(self, msg: str, echo: bool = True) -> None:
        if echo:
            self.echo(msg)
        line = f"{utc_now().isoformat(timespec='seconds')} {msg}"
        self.lines.append(line)
        if self.path is not None:
            try:
                with self.path.open("a", encoding="utf-8") as fh:
                    fh.write(line + "\n")
            except OSError:
                self.path = None

    def attach(self, path: Path) -> None:
        with writing(path):
            path.write_text("".join(line + "\n" for line in self.lines), encoding="utf-8")
        self.path = path


def publish(root: Path, run_dir: Path) -> Path:
    """Point ``report/latest`` at ``run_dir`` in one atomic step."""
    latest = root / LATEST
    tmp = root / "report" / f".latest-{os.getpid()}"
    with writing(latest):
        if tmp.is_symlink() or tmp.exists():
            tmp.unlink()
        tmp.symlink_to(Path("runs") / run_dir.name, target_is_directory=True)
        if latest.exists() and not latest.is_symlink():
            # an older layout kept a real folder here; move it aside rather than delete a report
            latest.rename(root / "report" / f"latest.old-{int(time.time())}")
        os.replace(tmp, latest)
    return latest


def run_status(run_dir: Path) -> str:
    """``succeeded``, ``failed``, ``interrupted``, or ``unknown`` (no readable manifest: killed)."""
    try:
        return str(json.loads((run_dir / "manifest.json").read_text(encoding="utf-8")).get("status", "unknown"))
    except (OSError, json.JSONDecodeError, UnicodeDecodeError):
        return "unknown"


def runs_to_prune(names_and_statuses: list[tuple[str, str]], keep: int, current: str | None) -> list[str]:
    """Which run folders to delete: keep the newest ``keep`` successful runs and the one
    ``latest`` points to; delete older successes, and failed, interrupted or killed runs older
    than the newest success. Runs newer than the newest success are the evidence of what is
    going wrong now: they stay, and never push a good run out."""
    ordered = sorted(names_and_statuses, reverse=True)  # names sort by time
    successes = [name for name, status in ordered if status == "succeeded"]
    if not successes:
        return []
    kept = set(successes[:keep]) | ({current} if current else set())
    newest_success = successes[0]
    return [name for name, _ in ordered if name not in kept and name < newest_success]


def prune_runs(root: Path, keep: int) -> list[str]:
    runs_dir = root / RUNS
    if keep < 1 or not runs_dir.is_dir():
        return []
    latest = root / LATEST
    current = latest.resolve().name if latest.is_symlink() and latest.exists() else None
    folders = [(p.name, run_status(p)) for p in runs_dir.iterdir() if p.is_dir()]
    removed = runs_to_prune(folders, keep, current)
    for name in removed:
        shutil.rmtree(runs_dir / name, ignore_errors=True)
    return removed
