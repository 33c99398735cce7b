"""Execute notebooks: one with papermill, several in parallel, each within a time limit.

Every notebook runs in a worker process of its own (also with one job): the worker holds the
kernel, its environment (``PAKRU_ROOT``) and its stderr, so the build's process keeps a clean
environment and its terminal only carries pakru's own lines. Kernel and Jupyter log output goes
to ``logs/<notebook>.log`` in the run folder.

A stop request (Ctrl-C, SIGTERM) reaches the workers as SIGTERM; each shuts its kernel down
before it exits, so no kernel outlives the build.
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
    timeout_s: float
    log_path: str               # the kernel's and Jupyter's log output


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


def _stop_worker(signum: int, frame: Any) -> None:
    if not _RUNNING:
        os._exit(128 + signum)
    raise KeyboardInterrupt  # unwinds papermill, whose context managers shut the kernel down


def _init_worker() -> None:
    global _IN_WORKER
    _IN_WORKER = True
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


def execute_one(root: str, job: Job) -> Execution:
    """Run one notebook with papermill; never raises for a notebook's own failure."""
    global _RUNNING
    import papermill
    from nbclient.exceptions import CellTimeoutError
    from papermill.exceptions import PapermillExecutionError

    source = Path(root) / job.notebook
    deadline = time.monotonic() + job.timeout_s
    running: list[Any] = []

    def time_left(cell: Any) -> int:
        # nbclient asks before each cell: the notebook's whole budget is shared by its cells
        running[:] = [cell]
        return max(1, int(deadline - time.monotonic() + 0.999))

    saved_env = os.environ.get("PAKRU_ROOT")
    saved_stderr = os.dup(2)
    started = time.perf_counter()
    _RUNNING = True
    try:
        os.environ["PAKRU_ROOT"] = root  # the kernel inherits it and reads this project's data
        with open(job.log_path, "ab") as log:
            os.dup2(log.fileno(), 2)  # the kernel inherits this stderr: its log lines go to the file
        for attempt in (1, 2):
            try:
                papermill.execute_notebook(
                    str(source), job.target, parameters=job.parameters, cwd=str(source.parent),
                    kernel_name="python3", progress_bar=False, log_output=False, report_mode=False,
                    timeout_func=time_left, extra_arguments=["--IPKernelApp.log_level=ERROR"],
                )
                break
            except RuntimeError as err:
                # jupyter_client chooses a kernel's ports before the kernel binds them; when another
                # process takes one in between, the kernel dies at start. No cell has run yet, so
                # starting it once more is safe; a kernel that dies again is reported
                if attempt == 2 or running or "before replying to kernel_info" not in str(err):
                    raise
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
                on_done: Callable[[Execution], None]) -> list[Execution]:
    """Execute ``jobs`` in ``workers`` processes; ``on_done`` hears of each as it finishes.
    On any exception (an interrupt included) the workers are stopped, kernels with them."""
    if not jobs:
        return []
    pool = ProcessPoolExecutor(max_workers=max(1, min(workers, len(jobs))), mp_context=get_context("spawn"),
                               initializer=_init_worker)
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
