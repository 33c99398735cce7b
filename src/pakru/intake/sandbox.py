"""Run a reader on an untrusted file in a child process, with memory, CPU and wall-clock limits.

A spreadsheet library written in Rust does not raise when a damaged file makes it ask for
gigabytes: it aborts the whole process (or the kernel's OOM killer does), with no message and
no chance to write ``update``'s status file or run the next source. So :func:`run` starts a
fresh interpreter (``python -m pakru.intake.sandbox``) that first limits itself with
``setrlimit`` (address space :data:`MEMORY_BYTES`, CPU time :data:`CPU_SECONDS`, no core file,
no file written), then reads the file and prints a JSON answer. Whatever happens to the child
(an abort, a kill at the limit, a hang past :data:`WALL_SECONDS`) comes back to the caller as
one :class:`ChildFailed` line; the caller's own process is never at risk.

The limits can be changed with ``$PAKRU_READER_MEMORY_MB`` and ``$PAKRU_READER_SECONDS``. The
child is a new interpreter (not a fork), so it holds only what the reader imports (about 30 MB
with calamine) and none of the caller's threads or open files.

The new interpreter forks once more: the limited reader is its child, and it stays to wait for it
and report the reader's exit and peak memory on its last line of stderr. The kernel's account of
the interpreter itself would not do: Python starts it with ``vfork``, so its peak resident set
counts the caller's own (a test process of 400 MB reported a 30 MB reader as 400 MB).
"""

from __future__ import annotations

import importlib
import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

MEMORY_BYTES = 1024 * 1024 * 1024
CPU_SECONDS = 60
WALL_SECONDS = 120.0
# what the child prints on stdout is a small JSON document; anything longer is not the reader's
MAX_ANSWER_BYTES = 64 * 1024 * 1024


class ChildFailed(Exception):
    """The reader refused the file, or the child was stopped; ``str()`` is one line."""


def limits() -> tuple[int, int]:
    """(address-space bytes, CPU seconds) for the child, from the environment or the defaults."""
    def env_int(name: str, default: int, scale: int = 1) -> int:
        try:
            value = int(float(os.environ.get(name, "")) * scale)
        except ValueError:
            return default
        return value if value > 0 else default

    return env_int("PAKRU_READER_MEMORY_MB", MEMORY_BYTES, 1024 * 1024), env_int("PAKRU_READER_SECONDS", CPU_SECONDS)


def run(target: str, path: Path) -> Any:
    """``target`` (``"package.module:function"``) called with ``str(path)`` in a limited child;
    returns what it returned (JSON), or raises ChildFailed with one line."""
    memory, cpu = limits()
    wall = max(WALL_SECONDS, cpu * 2.0)
    package_parent = str(Path(__file__).resolve().parents[2])
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONPATH"] = package_parent  # the pakru being run, installed or not
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    path = path.resolve()
    cmd = [sys.executable, "-m", "pakru.intake.sandbox", target, str(path), str(memory), str(cpu)]
    code, stdout, raw_stderr, timed_out = _wait(cmd, env, path.parent, wall)
    code, raw_stderr = _reader_exit(code, raw_stderr)
    if timed_out:
        raise ChildFailed(f"reading it took more than {wall:g} s ($PAKRU_READER_SECONDS); a damaged or hostile "
                          "workbook, not read further")
    mb = memory // (1024 * 1024)
    if code == 0:
        try:
            answer = json.loads(stdout[:MAX_ANSWER_BYTES])
        except ValueError:
            raise ChildFailed("the reader's child process gave no answer") from None
        if "error" in answer:
            raise ChildFailed(str(answer["error"]))
        return answer["ok"]
    stderr = raw_stderr.decode("utf-8", "replace")
    if code in (-signal.SIGXCPU, -signal.SIGKILL) or "CPU time" in stderr:
        raise ChildFailed(f"reading it used more than {cpu} s of CPU ($PAKRU_READER_SECONDS); a damaged or hostile "
                          "workbook, not read further")
    if "memory allocation" in stderr or "MemoryError" in stderr or code == 3:
        raise ChildFailed(f"reading it needed more than {mb:,} MB of memory ($PAKRU_READER_MEMORY_MB); a damaged "
                          "or hostile workbook (a cut .xls, a cell at the sheet's far corner, a zip bomb), not read "
                          "further")
    how = f"signal {signal.Signals(-code).name}" if code < 0 else f"exit code {code}"
    raise ChildFailed(f"the spreadsheet reader stopped ({how}) on it; a damaged or hostile workbook, not read further")


# the largest resident set (bytes) of the last reader, from the kernel's own account (wait4 in the
# child that waited for it); 0 when the child was killed before it could say
last_peak_bytes = 0
# the child's last line on stderr: the reader's exit code (negative: the signal) and its peak memory
_EXIT_MARK = b"pakru-sandbox-exit "


def _reader_exit(code: int, stderr: bytes) -> tuple[int, bytes]:
    """The reader's own exit code and stderr, from the report its waiting parent appended; the
    child's exit code if there is no report (the child itself was killed: the wall clock)."""
    global last_peak_bytes
    head, mark, tail = stderr.rpartition(_EXIT_MARK)
    last_peak_bytes = 0
    if not mark:
        return code, stderr
    try:
        reader_code, peak = (int(x) for x in tail.split())
    except ValueError:
        return code, stderr
    last_peak_bytes = peak
    return reader_code, head


def _wait(cmd: list[str], env: dict[str, str], cwd: Path, wall: float) -> tuple[int, bytes, bytes, bool]:
    """Run the child to its end (killed, with its reader, after ``wall`` seconds): exit code, stdout,
    stderr, timed out."""
    # its own session, so that a kill reaches the reader it forked as well
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env, cwd=str(cwd), start_new_session=True)
    assert proc.stdout is not None and proc.stderr is not None
    killed: list[bool] = []

    def kill() -> None:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    timer = threading.Timer(wall, lambda: (killed.append(True), kill()))
    output: dict[str, bytes] = {}
    readers = [threading.Thread(target=lambda name=name, stream=stream: output.__setitem__(name, stream.read()))
               for name, stream in (("out", proc.stdout), ("err", proc.stderr))]
    timer.start()
    for r in readers:
        r.start()
    try:
        _pid, status, _usage = os.wait4(proc.pid, 0)
    except BaseException:  # Ctrl-C while it reads: the child and the reader go too
        kill()
        proc.wait()
        raise
    finally:
        timer.cancel()
    for r in readers:
        r.join()
    proc.stdout.close()
    proc.stderr.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    kill()  # a reader left behind by a child that died first
    return proc.returncode, output.get("out", b""), output.get("err", b""), bool(killed)


def _limit_self(memory: int, cpu: int) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # an abort must not write a gigabyte core file
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))  # a reader writes nothing


def main(argv: list[str]) -> int:
    """Fork the limited reader, wait for it, and append its exit and peak memory to stderr."""
    import resource

    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    sys.stdout.flush()
    pid = os.fork()  # a fresh interpreter with one thread: forking it is safe
    if pid == 0:
        code = 70
        try:
            code = _read(argv)
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    _pid, status, usage = os.wait4(pid, 0)
    sys.stderr.flush()
    os.write(2, _EXIT_MARK + f"{os.waitstatus_to_exitcode(status)} {usage.ru_maxrss * 1024}\n".encode())
    return 0


def _read(argv: list[str]) -> int:
    target, path, memory, cpu = argv[0], argv[1], int(argv[2]), int(argv[3])
    _limit_self(memory, cpu)
    module, _, function = target.partition(":")
    try:
        result = {"ok": getattr(importlib.import_module(module), function)(path)}
    except MemoryError:
        sys.stderr.write("MemoryError\n")
        return 3
    except ValueError as err:  # a ShapeError: the file is not what the reader expects
        result = {"error": " ".join(str(err).split())}
    except Exception as err:  # noqa: BLE001 - any other failure of the reader, as one line
        result = {"error": f"{type(err).__name__}: {' '.join(str(err).split())}"}
    sys.stdout.write(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
