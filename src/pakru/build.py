"""Execute the report's notebooks, render one HTML page (and a PDF), and publish it atomically.

A run writes everything into ``report/runs/<UTC timestamp>/`` and never changes that folder once it
has finished. ``report/latest`` is a symbolic link switched to the new run in one atomic rename,
only after the whole run succeeded: a reader never sees a half-written report, and a failed or
killed run leaves the last good one in place.

A scheduler can trust it: one build at a time per output folder (a lock), notebooks re-executed
only when something they depend on changed (content hashes, see :mod:`pakru.cache`), independent
notebooks executed in parallel, and every run logged in its folder with UTC times.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from . import cache, params
from .errors import NotebookError, PakruError
from .lock import BuildLock

RUNS = Path("report") / "runs"
LATEST = Path("report") / "latest"


@dataclass
class BuildOptions:
    root: Path
    overrides: dict[str, Any] = field(default_factory=dict)
    show_code: bool = False
    formats: tuple[str, ...] = ("html",)
    force: bool = False
    jobs: int = 0  # 0: one per core
    keep: int = 10
    wait_s: float = 0.0
    log: Callable[[str], None] = lambda msg: print(msg, flush=True)


@dataclass
class NotebookRun:
    section: str
    notebook: str
    executed: str
    status: str = "pending"  # executed, reused, failed
    reason: str = ""
    duration_s: float = 0.0
    error: str = ""
    key: str = ""
    parts: dict[str, Any] = field(default_factory=dict)


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%S") + f"{moment.microsecond // 1000:03d}Z"


def git_commit(root: Path) -> str:
    try:
        out = subprocess.run(["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True,
                             timeout=10)
        dirty = subprocess.run(["git", "-C", str(root), "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    if out.returncode != 0:
        return "unknown"
    return out.stdout.strip() + ("+local-changes" if dirty.stdout.strip() else "")


def latest_manifest(root: Path) -> dict[str, Any] | None:
    """The manifest of the run ``report/latest`` points to, if any."""
    path = root / LATEST / "manifest.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def data_files_of(section: params.SectionSpec) -> list[str]:
    from .schema import DATASETS

    names = section.reads or tuple(DATASETS)
    return [str(Path("data") / DATASETS[n].path) for n in names]


def execute_one(root: str, notebook: str, parameters: dict[str, Any], target: str) -> tuple[float, str, int | None, str]:
    """Run one notebook with papermill (in a worker process). Returns (seconds, error name, cell,
    error value); an empty error name means success."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    os.environ["PAKRU_ROOT"] = root  # the kernel inherits it and reads this project's data
    source = Path(root) / notebook
    started = time.perf_counter()
    try:
        papermill.execute_notebook(
            str(source), target, parameters=parameters, cwd=str(source.parent), kernel_name="python3",
            progress_bar=False, log_output=False, report_mode=False,
            # ipykernel logs to the terminal at every start (unencrypted loopback sockets) and at
            # shutdown; a failing cell is reported from the notebook itself, so keep the terminal
            # for the build's own one-line messages
            extra_arguments=["--IPKernelApp.log_level=CRITICAL"],
        )
    except PapermillExecutionError as err:
        return time.perf_counter() - started, err.ename, err.exec_count, str(err.evalue)
    except Exception as err:  # a kernel that died, a notebook that cannot be read
        return time.perf_counter() - started, type(err).__name__, None, (str(err).splitlines() or [""])[0]
    return time.perf_counter() - started, "", None, ""


class RunLog:
    """Messages to the terminal and, with UTC times, to the run's ``build.log``."""

    def __init__(self, echo: Callable[[str], None]) -> None:
        self.echo = echo
        self.lines: list[str] = []
        self.path: Path | None = None

    def __call__(self, msg: str) -> None:
        self.echo(msg)
        line = f"{utc_now().isoformat(timespec='seconds')} {msg}"
        self.lines.append(line)
        if self.path is not None:
            with self.path.open("a", encoding="utf-8") as fh:
                fh.write(line + "\n")

    def attach(self, path: Path) -> None:
        self.path = path
        path.write_text("".join(line + "\n" for line in self.lines), encoding="utf-8")


def _write_json(path: Path, payload: dict[str, Any]) -> None:
    tmp = path.with_suffix(path.suffix + ".part")
    tmp.write_text(json.dumps(payload, indent=2, default=str), encoding="utf-8")
    os.replace(tmp, path)


def publish(root: Path, run_dir: Path) -> Path:
    """Point ``report/latest`` at ``run_dir`` in one atomic step."""
    latest = root / LATEST
    tmp = root / "report" / f".latest-{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(Path("runs") / run_dir.name, target_is_directory=True)
    if latest.exists() and not latest.is_symlink():
        # an older layout kept a real folder here; move it aside rather than delete a report
        latest.rename(root / "report" / f"latest.old-{int(time.time())}")
    os.replace(tmp, latest)
    return latest


def prune_runs(root: Path, keep: int) -> list[str]:
    """Delete all but the newest ``keep`` run folders, never the one ``latest`` points to."""
    runs_dir = root / RUNS
    if keep < 1 or not runs_dir.is_dir():
        return []
    current = (root / LATEST).resolve() if (root / LATEST).exists() else None
    runs = sorted((p for p in runs_dir.iterdir() if p.is_dir()), key=lambda p: p.name, reverse=True)
    removed = []
    for old in runs[keep:]:
        if current is not None and old.resolve() == current:
            continue
        shutil.rmtree(old, ignore_errors=True)
        removed.append(old.name)
    return removed


def _render_key(runs: list[NotebookRun], opts: BuildOptions, spec_hash: str, source: str) -> str:
    return cache.text_sha256(json.dumps({
        "notebooks": [r.key for r in runs], "show_code": opts.show_code, "formats": sorted(opts.formats),
        "spec": spec_hash, "source": source,
    }, sort_keys=True))


def build(opts: BuildOptions) -> Path:
    """Run the whole report; returns the path of the published ``report.html``."""
    root = opts.root.resolve()
    spec = params.load_spec(root)
    values = params.resolve(spec, opts.overrides)  # exit 2 before anything starts
    with BuildLock(root / "report" / ".lock", wait_s=opts.wait_s):
        return _build_locked(root, spec, values, opts)


def _build_locked(root: Path, spec: params.ReportSpec, values: dict[str, dict[str, Any]],
                  opts: BuildOptions) -> Path:
    log = RunLog(opts.log)
    previous = latest_manifest(root)
    source = cache.source_hash()
    libraries = cache.library_versions()
    spec_hash = cache.file_sha256(root / params.SPEC_PATH)
    prev_nbs = {n["section"]: n for n in (previous or {}).get("notebooks", [])}
    runs: list[NotebookRun] = []
    for section in spec.sections:
        parts = cache.notebook_parts(root, section.notebook, values[section.id], data_files_of(section),
                                     source, libraries)
        run = NotebookRun(section.id, section.notebook, "", key=cache.key_of(parts), parts=parts)
        old = prev_nbs.get(section.id)
        reason = "--force" if opts.force else cache.why_changed(old.get("parts") if old else None, parts)
        if not reason and old and not (root / LATEST / old["executed"]).is_file():
            reason = "the earlier executed notebook is missing"
        run.reason = reason
        runs.append(run)

    render_key = _render_key(runs, opts, spec_hash, source)
    if (previous and previous.get("status") == "succeeded" and previous.get("render_key") == render_key
            and not opts.force and (root / LATEST / "report.html").is_file()):
        log(f"nothing changed since run {previous.get('run')}; {root / LATEST / 'report.html'} is up to date")
        return root / LATEST / "report.html"

    # Only now pay for pandas: validate every data file before any kernel starts (exit 3)
    from . import data

    frames = data.load_all(root)
    started = utc_now()
    runs_dir = root / RUNS
    runs_dir.mkdir(parents=True, exist_ok=True)
    run_dir = runs_dir / _stamp(started)
    n = 1
    while run_dir.exists():
        run_dir = runs_dir / f"{_stamp(started)}-{n}"
        n += 1
    (run_dir / "notebooks").mkdir(parents=True)
    log.attach(run_dir / "build.log")
    log(f"run {run_dir.name} started (UTC)")
    manifest: dict[str, Any] = {
        "run": run_dir.name,
        "status": "running",
        "started_utc": started.isoformat(timespec="seconds"),
        "parameters": values,
        "parameters_changed": params.changed_from_defaults(spec, values),
        "git_commit": git_commit(root),
        "packages": {"pakru": _pakru_version(), **libraries},
        "data_sha256": data.checksums(root),
        "data_vintage": _vintage(frames["sources"]),
        "render_key": render_key,
        "notebooks": [],
    }
    try:
        _execute_all(root, runs, values, run_dir, opts, log)
        # the report's "About this run" reads the notebooks' status and durations from the manifest
        manifest["notebooks"] = [
            {**asdict(r), "executed": str(Path(r.executed).relative_to(run_dir))} for r in runs]
        from . import report as report_page

        previous_ok = previous if previous and previous.get("status") == "succeeded" else None
        report_page.write(root, spec, runs, run_dir, manifest, previous_ok, opts.show_code, log)
        if "pdf" in opts.formats:
            from . import pdf

            log("printing report.pdf with Chromium ...")
            try:
                pdf.print_pdf(run_dir / "report.html", run_dir / "report.pdf")
            except PakruError:
                # the HTML is good: publish it, then report the PDF failure (exit 5)
                _finish(root, run_dir, manifest, runs, "succeeded", opts, log)
                raise
    except PakruError as err:
        if manifest["status"] == "running":
            manifest["error"] = str(err).splitlines()[0]
            _finish(root, run_dir, manifest, runs, "failed", opts, log)
        raise
    except BaseException as err:  # an unexpected bug or Ctrl-C: keep the evidence, leave latest alone
        manifest["error"] = f"{type(err).__name__}: {err}"
        _finish(root, run_dir, manifest, runs, "failed", opts, log)
        raise
    _finish(root, run_dir, manifest, runs, "succeeded", opts, log)
    return root / LATEST / "report.html"


def _pakru_version() -> str:
    from . import __version__

    return __version__


def _vintage(sources_frame: Any) -> str:
    """The latest access date among the sources: how fresh the data is."""
    accessed = sources_frame["accessed"].dropna()
    return accessed.max().date().isoformat() if len(accessed) else "unknown"


def _finish(root: Path, run_dir: Path, manifest: dict[str, Any], runs: list[NotebookRun], status: str,
            opts: BuildOptions, log: RunLog) -> None:
    manifest["status"] = status
    manifest["notebooks"] = [
        {**asdict(r), "executed": str(Path(r.executed).relative_to(run_dir)) if r.executed else ""} for r in runs
    ]
    manifest["finished_utc"] = utc_now().isoformat(timespec="seconds")
    log(f"run {run_dir.name} {status}")
    _write_json(run_dir / "manifest.json", manifest)
    if status == "succeeded":
        publish(root, run_dir)
        removed = prune_runs(root, opts.keep)
        if removed:
            log(f"removed {len(removed)} old run folder(s) (--keep {opts.keep})")


def _execute_all(root: Path, runs: list[NotebookRun], values: dict[str, dict[str, Any]], run_dir: Path,
                 opts: BuildOptions, log: RunLog) -> None:
    """Reuse what is unchanged, execute the rest in parallel, one kernel each."""
    nb_dir = run_dir / "notebooks"
    todo = []
    for r in runs:
        r.executed = str(nb_dir / Path(r.notebook).name)
        if r.reason:
            todo.append(r)
            continue
        shutil.copy2(root / LATEST / "notebooks" / Path(r.notebook).name, r.executed)
        r.status = "reused"
        r.reason = "nothing it depends on changed"
        log(f"reused  {r.notebook} (nothing it depends on changed)")
    if not todo:
        return
    jobs = max(1, min(opts.jobs or (os.cpu_count() or 1), len(todo)))
    for r in todo:
        log(f"running {r.notebook} ({r.reason}) ...")
    failures: list[NotebookError] = []
    if jobs == 1:
        results = ((r, execute_one(str(root), r.notebook, values[r.section], r.executed)) for r in todo)
        _collect(results, failures, log)
    else:
        # separate processes, not threads: each drives its own kernel and event loop
        with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn")) as pool:
            futures = {pool.submit(execute_one, str(root), r.notebook, values[r.section], r.executed): r
                       for r in todo}
            _collect(((futures[f], f.result()) for f in as_completed(futures)), failures, log)
    if failures:
        raise failures[0]


def _collect(results: Any, failures: list[NotebookError], log: RunLog) -> None:
    for r, (seconds, ename, cell, evalue) in results:
        r.duration_s = round(seconds, 2)
        if ename:
            r.status, r.error = "failed", f"{ename}: {evalue}"
            log(f"FAILED  {r.notebook} after {seconds:.1f} s")
            failures.append(NotebookError(r.notebook, cell, ename, evalue, r.executed))
        else:
            r.status = "executed"
            log(f"done    {r.notebook} in {seconds:.1f} s")


def main_build(opts: BuildOptions) -> int:
    path = build(opts)
    opts.log(f"report: {path}")
    pdf = path.with_suffix(".pdf")
    if "pdf" in opts.formats and pdf.is_file():
        opts.log(f"pdf:    {pdf}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    from .data import project_root

    sys.exit(main_build(BuildOptions(root=project_root())))
