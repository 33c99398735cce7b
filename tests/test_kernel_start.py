"""A slow kernel start never fails a build: kernel start has its own time limit apart from the
notebook's, a kernel that did not start is started again, kernels start one at a time on a cold run,
and one warm-up (bytecode, matplotlib's font cache) comes before any kernel.

The slow tests start real kernels through a kernelspec whose command sleeps before it becomes the
real kernel (``slow_kernel``); the others stand papermill in with a function.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest
from notebook_runner import write_notebook

from pakru.build import execute, warm
from pakru.build.execute import Job, Status, execute_all, execute_one

SHIM = """
import json, os, sys, time
counter, log, slow_s, slow_starts = sys.argv[1], sys.argv[2], float(sys.argv[3]), int(sys.argv[4])
with open(counter, "a+") as fh:
    fh.seek(0)
    n = len(fh.read()) + 1
    fh.write("x")
began = time.time()
if n <= slow_starts or slow_starts < 0:
    time.sleep(slow_s)
with open(log, "a") as fh:
    fh.write(json.dumps({"start": n, "began": began, "ready": time.time()}) + "\\n")
os.execv(sys.executable, [sys.executable, "-m", "ipykernel_launcher", "-f", sys.argv[5]])
"""


@pytest.fixture
def slow_kernel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """``slow(seconds, starts)``: the kernel ``pakru-slow`` sleeps ``seconds`` before it starts, for
    its first ``starts`` starts (-1: every start); returns the log of starts it made."""
    def slow(seconds: float, starts: int) -> Path:
        spec_dir = tmp_path / "jupyter" / "kernels" / "pakru-slow"
        spec_dir.mkdir(parents=True, exist_ok=True)
        shim = tmp_path / "slow_kernel.py"
        shim.write_text(SHIM)
        log = tmp_path / "starts.jsonl"
        (spec_dir / "kernel.json").write_text(json.dumps({
            "argv": [sys.executable, str(shim), str(tmp_path / "counter"), str(log), str(seconds), str(starts),
                     "{connection_file}"],
            "display_name": "slow to start", "language": "python"}))
        monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
        monkeypatch.setenv("PAKRU_KERNEL", "pakru-slow")
        return log

    return slow


def _job(tmp_path: Path, name: str = "nb.ipynb", timeout_s: float = 120, start_timeout_s: float = 60) -> Job:
    return Job(name, {"x": 2}, str(tmp_path / f"out-{name}"), timeout_s, str(tmp_path / f"{name}.log"),
               start_timeout_s)


# --- without kernels: papermill stood in -----------------------------------------------------------

def _papermill_whose_kernel_fails_to_start(times: int, error: BaseException):
    calls: list[dict] = []

    def run(*args: object, **kwargs: object) -> None:
        calls.append(kwargs)
        if len(calls) <= times:
            raise error
        Path(str(args[1])).write_text("{}", encoding="utf-8")

    return run, calls


@pytest.mark.parametrize("error", [RuntimeError("Kernel didn't respond in 60 seconds"),
                                   RuntimeError("Kernel died before replying to kernel_info"),
                                   TimeoutError("timed out waiting for the kernel")])
def test_a_kernel_that_did_not_start_is_started_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      error: BaseException) -> None:
    import papermill

    run, calls = _papermill_whose_kernel_fails_to_start(2, error)
    monkeypatch.setattr(papermill, "execute_notebook", run)
    monkeypatch.setattr(execute, "RETRY_PAUSE_S", 0.0)
    write_notebook(tmp_path / "nb.ipynb")
    result = execute_one(str(tmp_path), _job(tmp_path, start_timeout_s=42))
    assert result.status is Status.SUCCEEDED and len(calls) == 3
    assert {c["start_timeout"] for c in calls} == {42}  # kernel start has its own limit
    assert "did not start (attempt 1 of 3)" in (tmp_path / "nb.ipynb.log").read_text()


def test_a_kernel_that_never_starts_fails_the_notebook_in_one_line(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import papermill

    run, calls = _papermill_whose_kernel_fails_to_start(99, RuntimeError("Kernel didn't respond in 60 seconds"))
    monkeypatch.setattr(papermill, "execute_notebook", run)
    monkeypatch.setattr(execute, "RETRY_PAUSE_S", 0.0)
    write_notebook(tmp_path / "nb.ipynb")
    result = execute_one(str(tmp_path), _job(tmp_path, start_timeout_s=60))
    assert result.status is Status.FAILED and len(calls) == execute.KERNEL_START_ATTEMPTS == 3
    assert result.error is not None and result.error.cell is None and result.error.name == "KernelStartError"
    assert result.error.message.startswith("the kernel did not start in 3 attempts of 60 s each "
                                           "(Kernel didn't respond in 60 seconds)")
    assert "\n" not in result.error.message


def test_an_error_after_the_first_cell_started_is_not_retried(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import papermill

    calls: list[int] = []

    def run(*args: object, timeout_func, **kwargs: object) -> None:
        calls.append(1)
        timeout_func({"source": "x = 1"})  # a cell started: the kernel was up
        raise RuntimeError("Kernel didn't respond in 60 seconds")

    monkeypatch.setattr(papermill, "execute_notebook", run)
    write_notebook(tmp_path / "nb.ipynb")
    assert execute_one(str(tmp_path), _job(tmp_path)).status is Status.FAILED and calls == [1]


def test_the_notebooks_time_limit_starts_with_its_first_cell(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import papermill

    budgets: list[int] = []

    def run(*args: object, timeout_func, **kwargs: object) -> None:
        time.sleep(0.6)  # the kernel takes its time to start
        budgets.append(timeout_func({"source": "x = 1"}))
        Path(str(args[1])).write_text("{}", encoding="utf-8")

    monkeypatch.setattr(papermill, "execute_notebook", run)
    write_notebook(tmp_path / "nb.ipynb")
    assert execute_one(str(tmp_path), _job(tmp_path, timeout_s=2.5)).status is Status.SUCCEEDED
    assert budgets == [3]  # the whole limit (2.5 s, in whole seconds), not the 1.9 s the start left of it


def test_kernel_start_timeout_comes_from_the_environment_when_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PAKRU_KERNEL_START_TIMEOUT", raising=False)
    assert execute.kernel_start_timeout() == execute.KERNEL_START_TIMEOUT_S >= 120
    monkeypatch.setenv("PAKRU_KERNEL_START_TIMEOUT", "7.5")
    assert execute.kernel_start_timeout() == 7.5
    for bad in ("soon", "0", "-3"):
        monkeypatch.setenv("PAKRU_KERNEL_START_TIMEOUT", bad)
        assert execute.kernel_start_timeout() == execute.KERNEL_START_TIMEOUT_S


def test_processes_that_read_notebooks_skip_the_slow_iri_checker_and_still_validate() -> None:
    import subprocess

    code = ("import sys; from pakru.build.execute import without_iri_checker; without_iri_checker(); "
            "import nbformat; nbformat.validate(nbformat.v4.new_notebook()); "
            "print(sys.modules.get('rfc3987_syntax', 'absent'))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() in ("None", "absent")


# --- the warm-up -----------------------------------------------------------------------------------

def test_warm_up_compiles_stale_bytecode_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "warmpkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "mod.py").write_text("X = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert warm.compile_packages(("warmpkg", "no_such_package_here")) == 2
    assert list((package / "__pycache__").glob("mod.*.pyc"))
    assert warm.compile_packages(("warmpkg",)) == 0  # warm: nothing to do


def test_a_cold_warm_up_is_one_that_had_to_build_something() -> None:
    assert not warm.Warmth(0, False, 1.0).cold
    assert not warm.Warmth(2, False, 1.0).cold  # an edited module or two
    assert warm.Warmth(warm.COLD_COMPILED, False, 9.0).cold
    assert warm.Warmth(0, True, 9.0).cold
    assert warm.Warmth(0, False, 0.1, "FileNotFoundError").cold
    assert warm.Warmth(120, True, 9.0).describe() == (
        "warm-up compiled 120 module(s); built matplotlib's font cache in 9.0 s")


def test_warm_up_that_cannot_run_is_reported_not_raised(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "executable", str(tmp_path / "no-python"))
    found = warm.warm_up()
    assert found.cold and found.error == "FileNotFoundError"


def test_a_warm_marker_skips_the_warm_up_until_its_key_or_font_cache_changes(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    import subprocess

    fonts = tmp_path / "fontlist-v390.json"
    fonts.write_text("{}")
    children: list[list[str]] = []

    def child(cmd: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
        children.append(cmd)
        answer = {"compiled": 0, "font_cache_built": False, "font_cache": str(fonts), "seconds": 1.5}
        return subprocess.CompletedProcess(cmd, 0, json.dumps(answer) + "\n", "")

    monkeypatch.setattr(subprocess, "run", child)
    marker = tmp_path / "venv" / ".pakru-warm.json"
    marker.parent.mkdir()
    assert not warm.warm_up("k1", marker).skipped and len(children) == 1  # no marker yet: warm up, write it
    assert warm.warm_up("k1", marker) == warm.Warmth(0, False, 0.0, skipped=True) and len(children) == 1
    assert not warm.warm_up("k2", marker).skipped and len(children) == 2  # new source or libraries
    fonts.unlink()
    assert not warm.warm_up("k2", marker).skipped and len(children) == 3  # the font cache went away
    assert list(marker.parent.iterdir()) == [marker]


@pytest.mark.slow
def test_warm_up_builds_an_empty_font_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path / "mpl"))
    marker = tmp_path / "warm.json"
    first = warm.warm_up("key", marker)
    assert first.error == "" and first.font_cache_built and first.cold
    assert list((tmp_path / "mpl").glob("fontlist-v*.json")) and marker.is_file()
    again = warm.warm_up("other key", marker)
    assert not again.font_cache_built and not again.cold and not again.skipped


# --- real kernels, slowed on purpose ---------------------------------------------------------------

@pytest.mark.slow
def test_a_kernel_that_misses_its_start_deadline_is_started_again(tmp_path: Path, slow_kernel,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    starts = slow_kernel(seconds=120, starts=1)  # the first start would take two minutes
    write_notebook(tmp_path / "nb.ipynb", "assert x == 2")
    result = execute_one(str(tmp_path), _job(tmp_path, start_timeout_s=6))
    assert result.status is Status.SUCCEEDED, result
    assert [json.loads(line)["start"] for line in starts.read_text().splitlines()] == [2]  # the first never got up
    assert "did not start (attempt 1 of 3)" in (tmp_path / "nb.ipynb.log").read_text()


@pytest.mark.slow
def test_a_slow_kernel_start_does_not_eat_the_notebooks_time(tmp_path: Path, slow_kernel) -> None:
    slow_kernel(seconds=5, starts=-1)
    write_notebook(tmp_path / "nb.ipynb", "import time\ntime.sleep(2)")
    result = execute_one(str(tmp_path), _job(tmp_path, timeout_s=4, start_timeout_s=60))
    assert result.status is Status.SUCCEEDED, result


@pytest.mark.slow
def test_with_one_start_slot_kernels_start_one_at_a_time(tmp_path: Path, slow_kernel) -> None:
    starts = slow_kernel(seconds=2, starts=-1)
    for name in ("a.ipynb", "b.ipynb"):
        write_notebook(tmp_path / name, "import time\ntime.sleep(1)")
    jobs = [_job(tmp_path, name) for name in ("a.ipynb", "b.ipynb")]
    results = execute_all(tmp_path, jobs, workers=2, on_done=lambda r: None, start_slots=1)
    assert {r.status for r in results} == {Status.SUCCEEDED}
    first, second = sorted((json.loads(line) for line in starts.read_text().splitlines()), key=lambda s: s["began"])
    assert second["began"] >= first["ready"]  # the second kernel began only after the first was up
