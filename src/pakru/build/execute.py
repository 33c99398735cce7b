"""Execute notebooks: one with papermill, several in parallel, each within a time limit.

Every notebook runs in a worker process of its own (also with one job): the worker holds the
kernel, its environment (``PAKRU_ROOT``) and its stderr, so the build's process keeps a clean
environment and its terminal only carries pakru's own lines. Kernel and Jupyter log output goes
to ``logs/<notebook>.log`` in the run folder.

A stop request (Ctrl-C, SIGTERM) reaches the workers as SIGTERM; each shuts its kernel down
before it exits, so no kernel outlives the build.

Starting a kernel is timed apart from running the notebook: a kernel has
``KERNEL_START_TIMEOUT_S`` to answer (a cold virtual environment on a busy machine can take a
minute), and the notebook's own time limit starts with its first cell. A kernel that does not
start (no answer in time, or died before answering) is started again, up to
``KERNEL_START_ATTEMPTS`` times in all, and only then fails the notebook. ``start_slots`` limits
how many kernels start at the same moment (the build passes 1 on a cold run, :mod:`.warm`).
"""

from __future__ import annotations

import enum
import json
import os
import signal
import sys
import time
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from ..errors import NotebookError

DEFAULT_TIMEOUT_S = 900.0
KERNEL_START_TIMEOUT_S = 180.0  # $PAKRU_KERNEL_START_TIMEOUT overrides it (the tests shorten it)
KERNEL_START_ATTEMPTS = 3
RETRY_PAUSE_S = 1.0  # times the attempt number, between two starts of a kernel
KERNEL_NAME = "python3"  # $PAKRU_KERNEL overrides it (the tests start a kernel slowed on purpose)


def without_iri_checker() -> None:
    """Keep jsonschema from loading ``rfc3987_syntax`` in this process. jsonschema checks the "iri"
    format with it when it is installed (JupyterLab's jupyter-events brings it), and importing it
    builds Earley parsers: 1.3 s of every process that imports nbformat (the build, each worker),
    measured on the project's machine. No notebook schema uses that format."""
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]  # None: "not installed"


def kernel_start_timeout() -> float:
    try:
        value = float(os.environ.get("PAKRU_KERNEL_START_TIMEOUT", KERNEL_START_TIMEOUT_S))
    except ValueError:
        return KERNEL_START_TIMEOUT_S
    return value if value > 0 else KERNEL_START_TIMEOUT_S


class Status(enum.Enum):
    SUCCEEDED = "succeeded"
    FAILED = "failed"            # a cell raised, or the kernel died
    TIMED_OUT = "timed out"      # the notebook's time limit expired
    UNWRITABLE = "unwritable"    # the executed copy could not be written (read-only, full disk)
    STOPPED = "stopped"          # the build was interrupted


@dataclass(frozen=True)
class CellError:
    cell: int | None  # 1-based position in the notebook as stored (papermill's parameters cell not counted)
    name: str         # the exception's class, e.g. ValueError
    message: str


@dataclass(frozen=True)
class Execution:
    """What executing one notebook gave."""

    notebook: str
    duration_s: float
    status: Status
    error: CellError | None = None
    errno: int | None = None  # for UNWRITABLE: the OSError's number


@dataclass(frozen=True)
class Job:
    notebook: str               # relative to the project root
    parameters: dict[str, Any]
    target: str                 # where the executed copy goes
    timeout_s: float            # the notebook's time limit, from its first cell
    log_path: str               # the kernel's and Jupyter's log output
    start_timeout_s: float = KERNEL_START_TIMEOUT_S  # for the kernel to answer, each attempt


def read_notebook(root: Path, notebook: str) -> None:
    """Fail before any kernel starts when a notebook is not a readable JSON notebook (exit 4)."""
    path = root / notebook
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise NotebookError(notebook, None, "", f"cannot be read ({err.__class__.__name__}: "
                            f"{getattr(err, 'strerror', None) or err})") from None
    except json.JSONDecodeError as err:
        raise NotebookError(notebook, None, "", f"is not valid JSON ({err.msg} at line {err.lineno}, column "
                            f"{err.colno}); restore it with `git checkout -- {notebook}`") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("cells"), list):
        raise NotebookError(notebook, None, "", "is JSON but not a notebook (no 'cells' list)")


_IN_WORKER = False
_RUNNING = False  # in a worker: a notebook is executing, so a stop must shut its kernel down first
_START_SLOTS: Any = None  # a semaphore shared by the workers: kernels starting at the same moment


def _stop_worker(signum: int, frame: Any) -> None:
    if not _RUNNING:
        os._exit(128 + signum)
    raise KeyboardInterrupt  # unwinds papermill, whose context managers shut the kernel down


def _init_worker(start_slots: Any = None) -> None:
    global _IN_WORKER, _START_SLOTS
    without_iri_checker()
    _IN_WORKER = True
    _START_SLOTS = start_slots
    # Ctrl-C goes to the whole process group: the build's process decides what happens
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop_worker)


def _cell_position(source: Path, cell: Any) -> int | None:
    """The 1-based position of ``cell`` in the stored notebook (by cell id, else by source)."""
    try:
        cells = json.loads(source.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError):
        return None
    text = cell.get("source", "")
    text = "".join(text) if isinstance(text, list) else text
    for i, stored in enumerate(cells, start=1):
        if cell.get("id") and stored.get("id") == cell.get("id"):
            return i
    for i, stored in enumerate(cells, start=1):
        src = stored.get("source", "")
        if ("".join(src) if isinstance(src, list) else src) == text:
            return i
    return None


def kernel_did_not_start(err: BaseException) -> bool:
    """A kernel that never answered (jupyter_client's "Kernel didn't respond in N seconds", a
    TimeoutError) or died before its first answer (a port taken between jupyter_client choosing it
    and the kernel binding it). No cell has run, so starting it again is safe."""
    text = str(err)
    return isinstance(err, TimeoutError) or (isinstance(err, RuntimeError) and (
        "didn't respond" in text or "before replying to kernel_info" in text))


class _StartSlot:
    """Held from a kernel's start until its first cell (or its failure): at most ``start_slots``
    kernels start at once."""

    def __init__(self) -> None:
        self.held = False

    def take(self) -> None:
        if _START_SLOTS is not None and not self.held:
            _START_SLOTS.acquire()
            self.held = True

    def give_back(self) -> None:
        if self.held:
            self.held = False
            _START_SLOTS.release()


def _note(log_path: str, line: str) -> None:
    """A line in the notebook's log file (the run folder's ``logs/``), never on the terminal."""
    try:
        with open(log_path, "a", encoding="utf-8") as log:
            log.write(line + "\n")
    except OSError:
        pass


def execute_one(root: str, job: Job) -> Execution:
    """Run one notebook with papermill; never raises for a notebook's own failure."""
    global _RUNNING
    import papermill
    from nbclient.exceptions import CellTimeoutError
    from papermill.exceptions import PapermillExecutionError

    source = Path(root) / job.notebook
    deadline: list[float] = []  # set when the first cell starts: kernel start is timed apart
    running: list[Any] = []
    slot = _StartSlot()

    def time_left(cell: Any) -> int:
        # nbclient asks before each cell: the notebook's whole budget is shared by its cells
        if not deadline:
            deadline.append(time.monotonic() + job.timeout_s)
            slot.give_back()  # the kernel answered: the next one may start
        running[:] = [cell]
        return max(1, int(deadline[0] - time.monotonic() + 0.999))

    saved_env = os.environ.get("PAKRU_ROOT")
    saved_stderr = os.dup(2)
    started = time.perf_counter()
    _RUNNING = True
    try:
        os.environ["PAKRU_ROOT"] = root  # the kernel inherits it and reads this project's data
        with open(job.log_path, "ab") as log:
            os.dup2(log.fileno(), 2)  # the kernel inherits this stderr: its log lines go to the file
        for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
            slot.take()
            try:
                papermill.execute_notebook(
                    str(source), job.target, parameters=job.parameters, cwd=str(source.parent),
                    kernel_name=os.environ.get("PAKRU_KERNEL") or KERNEL_NAME, progress_bar=False,
                    log_output=False, report_mode=False, start_timeout=job.start_timeout_s,
                    timeout_func=time_left, extra_arguments=["--IPKernelApp.log_level=ERROR"],
                )
                break
            except (RuntimeError, TimeoutError) as err:
                slot.give_back()
                if running or not kernel_did_not_start(err):
                    raise
                _note(job.log_path, f"pakru: the kernel did not start (attempt {attempt} of "
                      f"{KERNEL_START_ATTEMPTS}): {(str(err).splitlines() or [''])[0]}")
                if attempt == KERNEL_START_ATTEMPTS:
                    return Execution(job.notebook, time.perf_counter() - started, Status.FAILED, CellError(
                        None, "KernelStartError",
                        f"the kernel did not start in {KERNEL_START_ATTEMPTS} attempts of {job.start_timeout_s:g} s "
                        f"each ({(str(err).splitlines() or [''])[0]}); the machine may be overloaded: try again, "
                        "or with --jobs 1"))
                time.sleep(RETRY_PAUSE_S * attempt)  # let a busy machine breathe before the next start
    except PapermillExecutionError as err:
        return Execution(job.notebook, time.perf_counter() - started, Status.FAILED,
                         CellError(_cell_position(source, {"source": err.source}), err.ename,
                                   str(err.evalue)))
    except CellTimeoutError:
        cell = _cell_position(source, running[0]) if running else None
        return Execution(job.notebook, time.perf_counter() - started, Status.TIMED_OUT,
                         CellError(cell, "Timeout", f"still running after {job.timeout_s:g} s (the "
                                   "notebook's time limit: --timeout, or timeout: in report/report.yaml)"))
    except KeyboardInterrupt:
        if _IN_WORKER:  # stopped by the build: the kernel is down, so leave now
            os._exit(128 + signal.SIGTERM)
        return Execution(job.notebook, time.perf_counter() - started, Status.STOPPED)
    except OSError as err:
        from .runs import UNWRITABLE

        status = Status.UNWRITABLE if err.errno in UNWRITABLE else Status.FAILED
        return Execution(job.notebook, time.perf_counter() - started, status,
                         CellError(None, type(err).__name__, f"{err.strerror or err}: {err.filename or ''}"),
                         errno=err.errno)
    except Exception as err:  # a kernel that died, a notebook papermill cannot parameterise
        cell = _cell_position(source, running[0]) if running else None
        return Execution(job.notebook, time.perf_counter() - started, Status.FAILED,
                         CellError(cell, type(err).__name__, (str(err).splitlines() or [""])[0]))
    finally:
        slot.give_back()
        _RUNNING = False
        sys.stderr.flush()
        os.dup2(saved_stderr, 2)
        os.close(saved_stderr)
        if saved_env is None:
            os.environ.pop("PAKRU_ROOT", None)
        else:
            os.environ["PAKRU_ROOT"] = saved_env
    return Execution(job.notebook, time.perf_counter() - started, Status.SUCCEEDED)


def execute_all(root: Path, jobs: list[Job], workers: int,
                on_done: Callable[[Execution], None], start_slots: int | None = None) -> list[Execution]:
    """Execute ``jobs`` in ``workers`` processes; ``on_done`` hears of each as it finishes.
    ``start_slots``: at most this many kernels start at the same moment (``None``: no limit).
    On any exception (an interrupt included) the workers are stopped, kernels with them."""
    if not jobs:
        return []
    context = get_context("spawn")
    workers = max(1, min(workers, len(jobs)))
    slots = context.Semaphore(start_slots) if start_slots and start_slots < workers else None
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker,
                               initargs=(slots,))
    results: list[Execution] = []
    try:
        futures: dict[Future[Execution], Job] = {pool.submit(execute_one, str(root), j): j for j in jobs}
        for future in as_completed(futures):
            try:
                result = future.result()
            except BrokenProcessPool:
                raise NotebookError(futures[future].notebook, None, "", "its worker process died (killed from "
                                    "outside, or out of memory); see the run folder's logs/") from None
            results.append(result)
            on_done(result)
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown(wait=True)
    return results


def _stop(pool: ProcessPoolExecutor, grace_s: float = 20.0) -> None:
    # the executor has no public way to stop running tasks; its worker processes are the handle
    processes = list(getattr(pool, "_processes", {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for p in processes:
        if p.is_alive():
            p.terminate()
    deadline = time.monotonic() + grace_s
    for p in processes:
        p.join(max(0.1, deadline - time.monotonic()))
        if p.is_alive():
            p.kill()
            p.join(1)
