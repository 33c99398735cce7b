"""Execute the report's notebooks, render one HTML page, and publish it atomically.

A run writes everything into ``report/runs/<UTC timestamp>/``; ``report/latest`` is a symbolic
link that is switched to the new run (one atomic rename) only after the whole run succeeded, so a
reader or a web server never sees a half-written report, and a failed run leaves the last good
one in place.
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Any

import nbformat

from . import data, findings, params, render
from .errors import NotebookError, PakruError

PACKAGES = ("pakru", "pandas", "numpy", "matplotlib", "papermill", "nbconvert", "nbformat", "nbclient",
            "ipykernel", "pyyaml")


@dataclass
class BuildOptions:
    root: Path
    overrides: dict[str, Any] = field(default_factory=dict)
    show_code: bool = False
    formats: tuple[str, ...] = ("html",)
    log: Callable[[str], None] = lambda msg: print(msg, flush=True)


@dataclass
class NotebookRun:
    section: str
    notebook: str
    executed: str
    status: str = "pending"
    duration_s: float = 0.0
    error: str = ""


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def _run_folder(root: Path, started: datetime) -> Path:
    runs = root / "report" / "runs"
    runs.mkdir(parents=True, exist_ok=True)
    stamp = started.strftime("%Y%m%dT%H%M%S") + f"{started.microsecond // 1000:03d}Z"
    folder = runs / stamp
    n = 1
    while folder.exists():  # two runs in the same millisecond: keep both
        folder = runs / f"{stamp}-{n}"
        n += 1
    folder.mkdir()
    return folder


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


def package_versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def execute_notebook(root: Path, section: params.SectionSpec, values: dict[str, Any], out_dir: Path) -> NotebookRun:
    """Run one notebook with papermill into ``out_dir``; raise NotebookError on a failing cell."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    source = root / section.notebook
    target = out_dir / Path(section.notebook).name
    run = NotebookRun(section=section.id, notebook=section.notebook, executed=str(target))
    started = time.perf_counter()
    try:
        papermill.execute_notebook(
            str(source), str(target), parameters=values, cwd=str(source.parent),
            kernel_name="python3", progress_bar=False, log_output=False, report_mode=False,
            # ipykernel warns on every start that its local TCP sockets are unencrypted; the kernel
            # only listens on loopback for this one build, so keep the terminal for our own messages
            extra_arguments=["--IPKernelApp.log_level=ERROR"],
        )
    except PapermillExecutionError as err:
        run.duration_s = time.perf_counter() - started
        run.status = "failed"
        run.error = f"{err.ename}: {err.evalue}"
        raise NotebookError(section.notebook, err.exec_count, err.ename, str(err.evalue), str(target)) from None
    except Exception as err:  # a kernel that dies or a notebook that cannot be read
        run.duration_s = time.perf_counter() - started
        run.status = "failed"
        raise NotebookError(section.notebook, None, type(err).__name__, str(err).splitlines()[0] if str(err) else "",
                            str(target)) from None
    run.duration_s = time.perf_counter() - started
    run.status = "executed"
    return run


def data_vintage(sources_frame: Any) -> str:
    """The latest access date among the sources: how fresh the data is."""
    accessed = sources_frame["accessed"].dropna()
    return accessed.max().date().isoformat() if len(accessed) else "unknown"


def publish(root: Path, run_dir: Path) -> Path:
    """Point ``report/latest`` at ``run_dir`` in one atomic step."""
    latest = root / "report" / "latest"
    tmp = root / "report" / f".latest-{os.getpid()}"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(Path("runs") / run_dir.name, target_is_directory=True)
    if latest.exists() and not latest.is_symlink():
        # an older layout kept a real folder here; move it aside rather than delete a report
        latest.rename(root / "report" / f"latest.old-{int(time.time())}")
    os.replace(tmp, latest)
    return latest


def _write_json(path: Path, payload: dict[str, Any]) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(payload, indent=2, default=str), encoding="utf-8")
    os.replace(tmp, path)


def build(opts: BuildOptions) -> Path:
    """Run the whole report; returns the path of the published ``report.html``."""
    root = opts.root.resolve()
    spec = params.load_spec(root)
    values = params.resolve(spec, opts.overrides)  # exit 2 before anything starts
    frames = data.load_all(root)  # exit 3 before any kernel starts
    started = utc_now()
    run_dir = _run_folder(root, started)
    nb_dir = run_dir / "notebooks"
    nb_dir.mkdir()
    manifest: dict[str, Any] = {
        "status": "running",
        "started_utc": started.isoformat(timespec="seconds"),
        "parameters": values,
        "parameters_changed": params.changed_from_defaults(spec, values),
        "git_commit": git_commit(root),
        "packages": package_versions(),
        "data_sha256": data.checksums(root),
        "data_vintage": data_vintage(frames["sources"]),
        "notebooks": [],
    }
    os.environ["PAKRU_ROOT"] = str(root)  # kernels inherit it and read this project's data
    runs: list[NotebookRun] = []
    try:
        for section in spec.sections:
            opts.log(f"running {section.notebook} ...")
            try:
                run = execute_notebook(root, section, values[section.id], nb_dir)
            except NotebookError as err:
                runs.append(NotebookRun(section.id, section.notebook, err.executed_path, "failed", 0.0,
                                        f"{err.ename}: {err.evalue}"))
                raise
            runs.append(run)
            opts.log(f"  done in {run.duration_s:.1f} s")
        executed = [nbformat.read(r.executed, as_version=4) for r in runs]
        key_figures = [f for nb in executed for f in findings.read(nb)]
        manifest["findings"] = key_figures
        opts.log("rendering report.html ...")
        meta = [
            ("Run", started.strftime("%Y-%m-%d %H:%M UTC")),
            ("Data vintage", f"sources accessed up to {manifest['data_vintage']}"),
            ("Parameters", ", ".join(f"{k}={v}" for k, v in manifest["parameters_changed"].items())
             or "report defaults"),
            ("Commit", manifest["git_commit"][:12]),
        ]
        sections = [render.Section(s.id, s.title, nb) for s, nb in zip(spec.sections, executed)]
        html_text = render.page(spec.title, spec.subtitle, meta, sections, opts.show_code)
        (run_dir / "report.html").write_text(html_text, encoding="utf-8")
    except PakruError:
        manifest["status"] = "failed"
        manifest["notebooks"] = [r.__dict__ for r in runs]
        manifest["finished_utc"] = utc_now().isoformat(timespec="seconds")
        _write_json(run_dir / "manifest.json", manifest)
        raise
    manifest["status"] = "succeeded"
    manifest["notebooks"] = [{**r.__dict__, "executed": str(Path(r.executed).relative_to(run_dir))} for r in runs]
    manifest["finished_utc"] = utc_now().isoformat(timespec="seconds")
    _write_json(run_dir / "manifest.json", manifest)
    latest = publish(root, run_dir)
    return latest / "report.html"


def main_build(opts: BuildOptions) -> int:
    path = build(opts)
    opts.log(f"report: {path}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main_build(BuildOptions(root=data.project_root())))
