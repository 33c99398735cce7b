"""Build the report: the sequence of steps, each in the module that knows it.

1. read ``report/report.yaml`` and the parameters (:mod:`pakru.build.params`, exit 2);
2. take the output folder's lock (:mod:`pakru.build.lock`, exit 6) and the data lock, shared
   (:mod:`pakru.data.lock`: an import or update waits until the build is done);
3. decide which notebooks must run again from their inputs' hashes (:mod:`pakru.build.fingerprint`);
4. validate every data file (:mod:`pakru.data.datasets`, exit 3);
5. open a run folder (:mod:`pakru.build.runs`) and execute the notebooks (:mod:`pakru.build.execute`, exit 4);
6. render the page (:mod:`pakru.page.write`) and the PDF (:mod:`pakru.page.pdf`, exit 5);
7. write the manifest, publish ``report/latest`` atomically and prune old runs (:mod:`pakru.build.runs`).

A failed, interrupted or killed run leaves the last good report in place; an unwritable report
folder is exit 8; Ctrl-C and SIGTERM are exit 130 and 143, with the run marked "interrupted".
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from . import changes, execute, fingerprint, runs
from ..spec import params
from ..data import rowdiff, vintage
from ..data.lock import DataLock
from ..page import shelf
from ..errors import Interrupted, NotebookError, PakruError, ReportFolderError
from .execute import DEFAULT_TIMEOUT_S, Execution, Job, Status, execute_all, kernel_start_timeout, read_notebook
from ..intake.status import read_status
from .lock import BuildLock
from .runs import LATEST


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
    timeout_s: float = DEFAULT_TIMEOUT_S  # per notebook, unless its section sets `timeout:`
    log: Callable[[str], None] = lambda msg: print(msg, flush=True)


@dataclass
class NotebookRun:
    """One section's notebook in this run, as the manifest records it."""

    section: str
    notebook: str
    executed: str
    status: str = "pending"  # executed, reused, failed, timed out, stopped
    reason: str = ""
    duration_s: float = 0.0
    error: str = ""
    key: str = ""
    parts: dict[str, Any] = field(default_factory=dict)
    reuse_from: str = ""  # the executed notebook to copy when nothing it depends on changed


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


def data_files_of(section: params.SectionSpec) -> list[str]:
    from ..data.schema import DATASETS

    names = section.reads or tuple(DATASETS)
    return [str(Path("data") / DATASETS[n].path) for n in names]


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """SIGINT and SIGTERM become :class:`Interrupted`, so that the run is marked and cleaned up."""
    def handler(signum: int, frame: Any) -> None:
        raise Interrupted(signal.Signals(signum).name, 128 + signum)

    previous = {s: signal.signal(s, handler) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for s, h in previous.items():
            signal.signal(s, h)


@contextmanager
def signals_held() -> Iterator[None]:
    """SIGINT and SIGTERM noted, not acted on, while a finished run is recorded and published, and
    raised (as :class:`Interrupted`) when that is done: a Ctrl-C between the manifest's "succeeded"
    and the move of report/latest left a run that said it succeeded and was not the latest. (A
    handler, not a blocked signal mask: a signal blocked in one thread is taken by another.)"""
    got: list[int] = []
    previous = {s: signal.signal(s, lambda signum, frame: got.append(signum))
                for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for s, h in previous.items():
            signal.signal(s, h)
    if got:
        raise Interrupted(signal.Signals(got[0]).name, 128 + got[0])


def _finish_published(root: Path, run_dir: Path, manifest: dict[str, Any], planned: list[NotebookRun],
                      opts: BuildOptions, log: runs.RunLog) -> None:
    """The run recorded as succeeded and published as one step; a stop asked for meanwhile comes
    after it, and says that the run is complete."""
    try:
        with signals_held():
            _finish(root, run_dir, manifest, planned, "succeeded", opts, log)
    except Interrupted as err:
        raise Interrupted(err.signal_name, err.exit_code,
                          f" after run {run_dir.name} had succeeded and was published") from None


def build(opts: BuildOptions) -> Path:
    """Run the whole report; returns the path of the published ``report.html``."""
    root = opts.root.resolve()
    execute.without_iri_checker()  # before anything imports nbformat (the page, the notebooks' reading)
    spec = params.load_spec(root)
    values = params.resolve(spec, opts.overrides)  # exit 2 before anything starts
    # the data lock (shared): an import or update waits for the build, or refuses (exit 6), so the
    # data the notebooks read are the data the manifest hashes
    with stop_on_signals(), BuildLock(root / "report" / ".lock", wait_s=opts.wait_s), \
            DataLock(root / "data", exclusive=False, wait_s=opts.wait_s, on_wait=opts.log):
        return _build_locked(root, spec, values, opts)


def missing_outputs(root: Path, formats: tuple[str, ...]) -> list[str]:
    """Requested outputs the latest run does not have (a PDF that failed last time)."""
    return [f"report.{fmt}" for fmt in formats if not (root / LATEST / f"report.{fmt}").is_file()]


def _plan(root: Path, spec: params.ReportSpec, values: dict[str, dict[str, Any]], opts: BuildOptions,
          previous: dict[str, Any] | None, kept: list[dict[str, Any]], source: str,
          libraries: dict[str, str]) -> list[NotebookRun]:
    """One NotebookRun per section; ``reason`` says why it must execute ('' = reuse). An executed
    notebook is reused from ``report/latest``, else from any kept successful run whose inputs
    hash the same (a default build after an ad-hoc one reuses the last default run's notebooks)."""
    prev_nbs = {n["section"]: n for n in (previous or {}).get("notebooks", [])}
    planned = []
    for section in spec.sections:
        parts = fingerprint.notebook_parts(root, section.notebook, values[section.id], data_files_of(section),
                                           source, libraries)
        key = fingerprint.key_of(parts)
        old = prev_nbs.get(section.id)
        reason = "--force" if opts.force else fingerprint.why_changed(old.get("parts") if old else None, parts)
        reuse_from = str(root / LATEST / old["executed"]) if old and not reason else ""
        if not reason and not Path(reuse_from).is_file():
            reason = "the earlier executed notebook is missing"
        if reason and not opts.force:
            found = _reusable(root, kept, section.id, key)
            if found:
                reason, reuse_from = "", found
        planned.append(NotebookRun(section.id, section.notebook, "", reason=reason, key=key, parts=parts,
                                   reuse_from=reuse_from))
    return planned


def _reusable(root: Path, kept: list[dict[str, Any]], section: str, key: str) -> str:
    """An executed notebook of ``section`` with inputs hashing to ``key`` in a kept successful run."""
    for manifest in kept:
        if manifest.get("status") != "succeeded":
            continue
        for n in manifest.get("notebooks", []):
            if n.get("section") == section and n.get("key") == key and n.get("executed"):
                path = root / runs.RUNS / str(manifest["run"]) / n["executed"]
                if path.is_file():
                    return str(path)
    return ""


def _render_key(planned: list[NotebookRun], opts: BuildOptions, spec_hash: str, source: str,
                refresh: dict[str, Any]) -> str:
    # ``refresh``: each publisher's refresh outcome without its time stamps
    # (:func:`fingerprint.refresh_outcome`): a refresh that starts failing changes the page (its "Data
    # refresh" line) even when no data file changed, one that only tried again later does not
    return fingerprint.text_sha256(json.dumps({
        "notebooks": [r.key for r in planned], "show_code": opts.show_code, "formats": sorted(opts.formats),
        "spec": spec_hash, "source": source, "refresh": refresh,
    }, sort_keys=True))


def _build_locked(root: Path, spec: params.ReportSpec, values: dict[str, dict[str, Any]],
                  opts: BuildOptions) -> Path:
    log = runs.RunLog(opts.log)
    runs.repair_latest(root, log)
    previous = runs.latest_manifest(root)
    kept = runs.kept_manifests(root)
    source = fingerprint.source_hash()
    libraries = fingerprint.library_versions()
    planned = _plan(root, spec, values, opts, previous, kept, source, libraries)
    refresh = fingerprint.refresh_outcome(read_status(root))
    render_key = _render_key(planned, opts, fingerprint.file_sha256(root / params.SPEC_PATH), source, refresh)
    if (previous and previous.get("status") == "succeeded" and previous.get("render_key") == render_key
            and not opts.force and not missing_outputs(root, opts.formats)):
        # no new edition and nothing pruned: the run is a line in the run log (and on the shelf)
        log(f"nothing changed since run {previous.get('run')}; {root / LATEST / 'report.html'} is up to date")
        runs.log_outcome(root, NO_NEW_EDITION, previous.get("run"), refresh=_refresh_summary(refresh),
                         parameters_changed=params.changed_from_defaults(spec, values))
        _write_shelf(root, log)
        return root / LATEST / "report.html"

    missing = missing_outputs(root, opts.formats) if previous else []
    if missing and not any(r.reason for r in planned):
        log(f"{', '.join(missing)} missing from run {previous.get('run') if previous else ''}: making it now")
    for r in planned:
        if r.reason:
            read_notebook(root, r.notebook)  # exit 4 for a notebook that is not JSON, before any kernel
    from ..data import datasets as data  # only now pay for pandas: validate every data file before any kernel starts


    frames = data.load_all(root)
    started = runs.utc_now()
    run_dir = runs.new_run_dir(root, started)
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
        "data_vintage_by_publisher": vintage.by_publisher(frames["sources"]),
        "update_status": read_status(root),
        "data_rows": rowdiff.digests(data.data_dir(root)),
        "render_key": render_key,
        "formats": list(opts.formats),
        "notebooks": [],
    }
    try:
        warm_key = fingerprint.text_sha256(json.dumps([sys.executable, source, libraries]))
        _execute(root, spec, planned, values, run_dir, opts, log, first=not kept, warm_key=warm_key)
        manifest["notebooks"] = _manifest_notebooks(planned, run_dir)  # "About this run" reads them
        from ..page import write as page_writer

        record = _what_changed(root, planned, manifest, kept, log)
        with runs.writing(run_dir):
            page = page_writer.write(root, spec, planned, run_dir, manifest, record, opts.show_code, log)
        if "pdf" in opts.formats:
            from ..page import pdf

            log("printing report.pdf with Chromium ...")
            try:
                with runs.writing(run_dir):
                    pdf.print_pdf(page.print_html, run_dir / "report.pdf")
            except (ReportFolderError, Interrupted):
                raise
            except PakruError:
                # the HTML is good: publish it, then report the PDF failure (exit 5)
                _finish_published(root, run_dir, manifest, planned, opts, log)
                raise
    except Interrupted as err:
        manifest["error"] = str(err)
        for r in planned:
            if r.status == "pending":
                r.status = "stopped"
        _finish_quietly(root, run_dir, manifest, planned, "interrupted", opts, log)
        raise Interrupted(err.signal_name, err.exit_code,
                          f"; run {run_dir.name} marked interrupted, report/latest unchanged") from None
    except PakruError as err:
        if manifest["status"] == "running":
            manifest["error"] = str(err).splitlines()[0]
            _finish_quietly(root, run_dir, manifest, planned, "failed", opts, log)
        raise
    except BaseException as err:  # an unexpected bug: keep the evidence, leave latest alone
        manifest["error"] = f"{type(err).__name__}: {err}"
        _finish_quietly(root, run_dir, manifest, planned, "failed", opts, log)
        raise
    _finish_published(root, run_dir, manifest, planned, opts, log)
    return root / LATEST / "report.html"


NO_NEW_EDITION = "no new edition: nothing changed"


def _refresh_summary(refresh: dict[str, Any]) -> dict[str, str]:
    """``{"imf": "ok", "comtrade": "failed (exit 7)"}`` for the run log."""
    return {name: "ok" if r["ok"] else f"failed (exit {r['exit_code']})" for name, r in refresh.items()}


def _what_changed(root: Path, planned: list[NotebookRun], manifest: dict[str, Any], kept: list[dict[str, Any]],
                  log: runs.RunLog) -> changes.Changes:
    """Read the key figures from the executed notebooks into the manifest, and compare the run with
    the last successful edition built with the same parameters (:mod:`pakru.build.changes`)."""
    from ..page import write as page_writer

    # every figure compared between runs: the facts the sections publish, and old-style key figures
    manifest["findings"] = page_writer.findings([_read_json(Path(r.executed)) for r in planned])
    record = changes.changes_for(manifest, kept)
    manifest["what_changed"] = changes.to_json(record)
    manifest["changes"] = changes.summary_lines(record)
    for line in manifest["changes"]:
        log(f"  {line}")
    return record


def _read_json(path: Path) -> dict[str, Any]:
    with runs.writing(path):
        return json.loads(path.read_text(encoding="utf-8"))


def _pakru_version() -> str:
    from .. import __version__

    return __version__


def _vintage(sources_frame: Any) -> str:
    """The latest access date among the sources: how fresh the data is."""
    accessed = sources_frame["accessed"].dropna()
    return accessed.max().date().isoformat() if len(accessed) else "unknown"


def _manifest_notebooks(planned: list[NotebookRun], run_dir: Path) -> list[dict[str, Any]]:
    # reuse_from is an absolute path of this machine: the reason says which run it came from
    return [{**{k: v for k, v in asdict(r).items() if k != "reuse_from"},
             "executed": str(Path(r.executed).relative_to(run_dir)) if r.executed else ""} for r in planned]


def _finish(root: Path, run_dir: Path, manifest: dict[str, Any], planned: list[NotebookRun], status: str,
            opts: BuildOptions, log: runs.RunLog) -> None:
    manifest["status"] = status
    manifest["notebooks"] = _manifest_notebooks(planned, run_dir)
    manifest["finished_utc"] = runs.utc_now().isoformat(timespec="seconds")
    log(f"run {run_dir.name} {status}", echo=status == "succeeded")
    runs.write_json(run_dir / "manifest.json", manifest)
    removed: list[str] = []
    if status == "succeeded":
        runs.publish(root, run_dir)
        removed = runs.prune_runs(root, opts.keep)
        if removed:
            log(f"removed {len(removed)} old run folder(s) (--keep {opts.keep})")
    runs.log_outcome(root, "new edition" if status == "succeeded" else status, run_dir.name,
                     refresh=_refresh_summary(fingerprint.refresh_outcome(manifest.get("update_status") or {})),
                     parameters_changed=manifest.get("parameters_changed") or {}, pruned=removed,
                     **({"error": manifest["error"]} if manifest.get("error") else {}))
    _write_shelf(root, log)


def _write_shelf(root: Path, log: runs.RunLog) -> None:
    """Rewrite report/index.html, the shelf of kept runs: after every run, whatever its end. The
    run's own outcome is what the build reports; a shelf that cannot be written is only logged."""
    try:
        shelf.write_index(root / "report")
    except OSError as err:
        log(f"could not write {root / 'report' / shelf.INDEX}: {err.strerror or err}")
        return
    log(f"shelf of runs: {root / 'report' / shelf.INDEX}", echo=False)


def _finish_quietly(root: Path, run_dir: Path, manifest: dict[str, Any], planned: list[NotebookRun],
                    status: str, opts: BuildOptions, log: runs.RunLog) -> None:
    """Record a failed run's manifest if the folder still takes it: the build's own error, not
    a second one from a full disk, is what the user must see."""
    try:
        _finish(root, run_dir, manifest, planned, status, opts, log)
    except (OSError, ReportFolderError):
        pass


def _execute(root: Path, spec: params.ReportSpec, planned: list[NotebookRun], values: dict[str, dict[str, Any]],
             run_dir: Path, opts: BuildOptions, log: runs.RunLog, first: bool = False, warm_key: str = "") -> None:
    """Reuse what is unchanged, execute the rest in parallel, one kernel each. Before any kernel
    starts, one warm-up (:mod:`pakru.build.warm`); on a cold run (the warm-up had to build
    something, or no run was ever made here) the kernels start one at a time."""
    nb_dir = run_dir / "notebooks"
    logs_dir = run_dir / "logs"
    with runs.writing(logs_dir):
        logs_dir.mkdir(exist_ok=True)
    todo: dict[str, NotebookRun] = {}
    for r in planned:
        r.executed = str(nb_dir / Path(r.notebook).name)
        if r.reason:
            todo[r.notebook] = r
            continue
        with runs.writing(r.executed):
            shutil.copy2(r.reuse_from, r.executed)
        r.status, r.reason = "reused", "nothing it depends on changed"
        origin = Path(r.reuse_from).parent.parent
        if origin != root / LATEST:
            r.reason += f", as in run {origin.name}"
        log(f"reused  {r.notebook} ({r.reason})")
    for r in todo.values():
        log(f"running {r.notebook} ({r.reason}) ...")
    timeouts = {s.notebook: s.timeout_s or opts.timeout_s for s in spec.sections}
    start_timeout = kernel_start_timeout()
    jobs = [Job(r.notebook, values[r.section], r.executed, timeouts[r.notebook],
                str(logs_dir / (Path(r.notebook).stem + ".log")), start_timeout) for r in todo.values()]
    failures: list[PakruError] = []

    def done(result: Execution) -> None:
        r = todo[result.notebook]
        r.duration_s = round(result.duration_s, 2)
        if result.status is Status.SUCCEEDED:
            r.status = "executed"
            log(f"done    {r.notebook} in {result.duration_s:.1f} s")
            return
        r.status = result.status.value
        err = result.error
        r.error = f"{err.name}: {err.message}" if err else result.status.value
        log(f"FAILED  {r.notebook} after {result.duration_s:.1f} s ({result.status.value})")
        if result.status is Status.UNWRITABLE:
            failures.append(runs.unwritable(OSError(result.errno, os.strerror(result.errno or 0),
                                                    r.executed), r.executed))
        else:
            partial = r.executed if Path(r.executed).is_file() else None
            failures.append(NotebookError(r.notebook, err.cell if err else None, err.name if err else "",
                                          err.message if err else "was stopped before it finished", partial))

    workers = opts.jobs or (os.cpu_count() or 1)
    start_slots = None
    if jobs:
        from . import warm

        warmth = warm.warm_up(warm_key)
        cold = warmth.cold or first
        if cold and min(workers, len(jobs)) > 1:
            start_slots = 1
        log(warmth.describe() + ("; a cold run: kernels start one at a time" if start_slots else ""))
    execute_all(root, jobs, workers, done, start_slots)
    if failures:
        # a full disk explains the other failures too: say that first
        failures.sort(key=lambda e: not isinstance(e, ReportFolderError))
        raise failures[0]


def main_build(opts: BuildOptions) -> int:
    path = build(opts)
    opts.log(f"report: {path}")
    pdf = path.with_suffix(".pdf")
    if "pdf" in opts.formats and pdf.is_file():
        opts.log(f"pdf:    {pdf}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    from ..data.datasets import project_root

    sys.exit(main_build(BuildOptions(root=project_root())))
