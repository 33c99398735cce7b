"""An import applied to ``data/`` as one step, across all its files, whatever kills the process.

A rename is atomic for one file, not for four. So :func:`apply` writes in this order:

1. every new file as a temporary beside its target (``.<name>.<random>.tmp``, flushed to disk), and a
   hard link to every file it replaces (``.<name>.<random>.old``: the old content, at no copy);
2. the journal, ``data/`` :data:`JOURNAL`, listing each target, its temporary, the new content's
   SHA-256 and its backup, written to a temporary and renamed into place (so it is complete or
   absent) and flushed with its folder. From here on the import is decided;
3. each temporary renamed over its target;
4. the journal removed, then the backups.

A process killed before step 2 leaves ``data/`` untouched (the next import removes the temporaries).
Killed after it, the journal is there, and the next ``pakru import``, ``update``, ``check`` or
``build`` calls :func:`settle` under the exclusive data lock: when every target is either already
new or has its temporary complete (its SHA-256 as the journal says), the import is **rolled
forward**; otherwise (a temporary lost or damaged) it is **rolled back** from the backups. Either
way ``data/`` is then wholly the old or wholly the new import, never half of each.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import tempfile
from dataclasses import dataclass
from datetime import datetime, UTC
from pathlib import Path

from ..errors import DataError

JOURNAL = ".pakru-import.journal"
FORMAT = 1
# test hook: kill this process (SIGKILL, as kill -9 does) at step N of apply(); see tests/test_journal*
STOP_AT_ENV = "PAKRU_JOURNAL_KILL_AT"


@dataclass(frozen=True)
class Settled:
    """What :func:`settle` did with an interrupted import."""

    action: str  # "rolled forward" or "rolled back"
    label: str  # what the import was ("sbp-country ... → trd-sbp-import-payments")
    started: str  # UTC time it began writing
    files: int
    done_before: int  # how many of its files were already new when it was interrupted

    def line(self) -> str:
        return (f"data/ held an import interrupted after {self.done_before} of its {self.files} files were replaced "
                f"({self.label}, {self.started}); {self.action}: data/ is now wholly "
                f"{'the import' if self.action == 'rolled forward' else 'as before it'}")


def _sha(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _step(n: int) -> None:
    if os.environ.get(STOP_AT_ENV) == str(n):
        os.kill(os.getpid(), signal.SIGKILL)


def _stage(path: Path, data: bytes) -> tuple[Path, Path | None]:
    """The new content in a temporary beside ``path`` (mode kept), and a hard link to the old file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        backup = None
        if path.exists():
            backup = tmp.with_suffix(".old")
            os.link(path, backup)
    except BaseException:
        tmp.unlink(missing_ok=True)  # not yet in the caller's list: this step cleans up after itself
        raise
    return tmp, backup


def apply(data: Path, contents: dict[Path, bytes], label: str) -> None:
    """Replace every file of ``contents`` (all under ``data``) as one step (see the module's text).
    The caller holds the exclusive data lock and has checked the targets are writable."""
    staged: list[tuple[Path, Path, Path | None, str]] = []
    committed = False
    try:
        for path, body in contents.items():
            tmp, backup = _stage(path, body)
            staged.append((path, tmp, backup, hashlib.sha256(body).hexdigest()))
        _step(0)
        record = {"format": FORMAT, "label": label, "started_utc": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                  "files": [{"target": p.relative_to(data).as_posix(), "temp": t.relative_to(data).as_posix(),
                             "backup": b.relative_to(data).as_posix() if b else None, "sha256": s}
                            for p, t, b, s in staged]}
        fd, name = tempfile.mkstemp(prefix=f"{JOURNAL}.", suffix=".tmp", dir=data)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(record, fh, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(name, data / JOURNAL)
        _fsync_dir(data)
        committed = True
        _step(1)
        for n, (path, tmp, _backup, _sha256) in enumerate(staged, start=2):
            os.replace(tmp, path)
            _fsync_dir(path.parent)
            _step(n)
        _finish(data, [b for _p, _t, b, _s in staged])
    finally:
        if not committed:
            for _path, tmp, backup, _sha256 in staged:
                for leftover in (tmp, backup):
                    if leftover is not None and leftover.exists():
                        leftover.unlink()


def _finish(data: Path, backups: list[Path | None]) -> None:
    """The import is whole: drop the journal (the last step that matters), then the backups."""
    (data / JOURNAL).unlink()
    _fsync_dir(data)
    _step(99)
    for backup in backups:
        if backup is not None and backup.exists():
            backup.unlink()


def pending(data: Path) -> bool:
    return (data / JOURNAL).is_file()


def settle(data: Path) -> Settled | None:
    """Roll an interrupted import forward or back (see the module's text); None when there is none.
    Call only under the exclusive data lock. Raises DataError (exit 3) when it can do neither."""
    path = data / JOURNAL
    if not path.is_file():
        return None
    shown = f"data/{JOURNAL}"
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
        files = [(data / f["target"], data / f["temp"], data / f["backup"] if f["backup"] else None, f["sha256"])
                 for f in record["files"]]
        label, started = str(record.get("label", "")), str(record.get("started_utc", ""))
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise DataError(shown, f"the journal of an interrupted import cannot be read ({err}); data/ may be "
                        "half-applied", hint="restore data/ from git (git checkout -- data/) and remove the journal"
                        ) from None
    done = [_sha(target) == sha for target, _tmp, _backup, sha in files]
    ready = [d or _sha(tmp) == sha for d, (_target, tmp, _backup, sha) in zip(done, files)]
    if all(ready):
        for d, (target, tmp, _backup, _sha256) in zip(done, files):
            if not d:
                os.replace(tmp, target)
                _fsync_dir(target.parent)
        action = "rolled forward"
    else:
        missing: list[str] = []
        for d, (target, tmp, backup, _sha256) in zip(done, files):
            if d:
                if backup is not None and backup.exists():
                    os.replace(backup, target)
                elif backup is None:
                    target.unlink()  # the import created it
                else:
                    missing.append(str(target.relative_to(data)))
                _fsync_dir(target.parent)
            if tmp.exists():
                tmp.unlink()
        if missing:
            raise DataError(shown, f"an interrupted import can be neither completed nor undone: the old copy of "
                            f"{', '.join(missing)} is gone", hint="restore data/ from git (git checkout -- data/)")
        action = "rolled back"
    _finish(data, [b for _t, _tmp, b, _s in files])
    for _target, tmp, _backup, _sha256 in files:
        if tmp.exists():
            tmp.unlink()
    return Settled(action, label, started, len(files), sum(done))
