"""One build at a time per output folder.

The lock is an ``flock`` on ``report/.lock``: the operating system releases it when the holding
process ends, however it ends, so a lock left by a killed build is simply free for the next one.
The file also records who holds it (PID, UTC start time) so that a refused build can say so.
The waiting is :func:`pakru.data.lock.flock_wait`, shared with the lock on ``data/`` that a build
holds (shared) while it reads the data and runs the notebooks.
"""

from __future__ import annotations

import fcntl
import json
import os
import socket
from datetime import datetime, UTC
from pathlib import Path
from types import TracebackType

from ..data.lock import flock_wait
from ..errors import LockedError
from .runs import writing


class BuildLock:
    def __init__(self, path: Path, wait_s: float = 0.0, poll_s: float = 0.2) -> None:
        self.path, self.wait_s, self.poll_s = path, wait_s, poll_s
        self._fh: object | None = None

    def holder(self) -> str:
        try:
            info = json.loads(self.path.read_text(encoding="utf-8") or "{}")
        except (OSError, json.JSONDecodeError):
            return "another build"
        return f"PID {info.get('pid', '?')} on {info.get('host', '?')}, started {info.get('started_utc', '?')}"

    def __enter__(self) -> BuildLock:
        with writing(self.path):  # a read-only report folder fails here first: exit 8, one line
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fh = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held for the build's lifetime
        if not flock_wait(fh.fileno(), exclusive=True, wait_s=self.wait_s, poll_s=self.poll_s):
            fh.close()
            waited = f" after waiting {self.wait_s:g} s" if self.wait_s else ""
            raise LockedError(f"another build holds {self.path}{waited}: {self.holder()}; "
                              "wait for it, or pass --wait SECONDS")
        try:
            fh.seek(0)
            fh.truncate()
            fh.write(json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                                 "started_utc": datetime.now(UTC).isoformat(timespec="seconds")}))
            fh.flush()
        except OSError:
            pass  # the holder's details are a courtesy; a full disk must not stop the lock itself
        self._fh = fh
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        fh = self._fh
        if fh is not None:
            try:
                fh.truncate(0)  # type: ignore[attr-defined]
            except OSError:
                pass
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)  # type: ignore[attr-defined]
            fh.close()  # type: ignore[attr-defined]
            self._fh = None
