"""One lock for everything that reads or writes ``data/`` (standard library only, light to import).

The lock is an ``flock`` on the ``data/`` folder itself, so it needs no lock file: nothing
appears in ``data/`` and a read-only ``data/`` can still be locked for reading. The operating
system releases it when the holding process ends, however it ends.

* ``pakru import`` and ``pakru update`` hold it **exclusive** for their whole read–merge–write;
* ``pakru build`` holds it **shared** while it hashes the data and runs the notebooks, so builds
  do not wait for one another, but an import waits for (or refuses during) a build, and a build
  for an import.

:func:`flock_wait` is the waiting primitive that :mod:`pakru.build.lock` uses too.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from ..errors import LockedError


def flock_wait(fd: int, exclusive: bool, wait_s: float, poll_s: float = 0.1,
               on_wait: Callable[[], None] | None = None) -> bool:
    """Take an ``flock`` on ``fd``, trying for up to ``wait_s`` seconds; False if still held by another.

    ``on_wait`` is called once, when the lock is found taken and waiting begins.
    """
    mode = (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB
    deadline = time.monotonic() + max(0.0, wait_s)
    told = False
    while True:
        try:
            fcntl.flock(fd, mode)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            if on_wait is not None and not told:
                on_wait()
                told = True
            time.sleep(poll_s)


class DataLock:
    """``with DataLock(root / "data", exclusive=True, wait_s=...)``: raises LockedError (exit 6)."""

    def __init__(self, folder: Path, exclusive: bool, wait_s: float = 0.0, poll_s: float = 0.1,
                 on_wait: Callable[[str], None] | None = None, shown: str = "data/", create: bool = True) -> None:
        self.folder, self.exclusive, self.wait_s, self.poll_s = folder, exclusive, wait_s, poll_s
        self.create = create
        self.on_wait, self.shown = on_wait, shown
        self._fd: int | None = None

    def __enter__(self) -> DataLock:
        try:
            fd = os.open(self.folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except FileNotFoundError:
            if not self.exclusive or not self.create:
                return self  # nothing there yet, so nothing to protect
            self.folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        what = "write to" if self.exclusive else "read"
        notice = None
        if self.on_wait is not None:
            on_wait = self.on_wait

            def notice() -> None:
                on_wait(f"{self.shown} is in use by another pakru import, update or build; waiting up to "
                        f"{self.wait_s:g} s to {what} it")
        if not flock_wait(fd, self.exclusive, self.wait_s, self.poll_s, notice):
            os.close(fd)
            waited = f" after waiting {self.wait_s:g} s" if self.wait_s else ""
            raise LockedError(f"{self.shown} is in use by another pakru import, update or build{waited} "
                              f"(this command needs to {what} it); wait for it, or pass --wait SECONDS")
        self._fd = fd
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
