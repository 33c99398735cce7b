"""Benchmark `pakru build` against doing the same by hand.

Measures, each as the median of --repeat runs (default 3), in a temporary copy of the project:
  cold       a build with an empty cache (fresh copy)
  no-change  a second build with nothing changed
  one-nb     a build after one notebook changed (and which notebooks re-executed)
  by-hand    each notebook through plain `papermill`, then `jupyter nbconvert --to html`, in turn
and the peak memory (resident set size summed over the build and all its child processes:
workers and kernels). Prints the times, the ratios and the targets. Nothing here is asserted by
the test suite: timings belong here, not in tests.

Run:  .venv/bin/python benchmarks/bench_build.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def copy_project(dest: Path) -> Path:
    for folder in ("data", "notebooks"):
        shutil.copytree(ROOT / folder, dest / folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    (dest / "report").mkdir(parents=True)
    shutil.copy2(ROOT / "report" / "report.yaml", dest / "report" / "report.yaml")
    return dest


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return out


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_kb(pid: int) -> int:
    total, stack, seen = 0, [pid], set()
    while stack:
        p = stack.pop()
        if p in seen:
            continue
        seen.add(p)
        total += _rss_kb(p)
        stack += _children(p)
    return total


def timed(cmd: list[str], cwd: Path | None = None) -> tuple[float, int]:
    """Run ``cmd``; return (seconds, peak RSS of its process tree in MB)."""
    env = {k: v for k, v in os.environ.items() if k != "PAKRU_ROOT"}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0

    def sample() -> None:
        nonlocal peak
        while proc.poll() is None:
            peak = max(peak, tree_rss_kb(proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    sampler.join()
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{err}")
    return seconds, peak // 1024


def pakru(root: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "pakru.cli", "--root", str(root), "build", *args]


def by_hand(root: Path) -> tuple[float, int]:
    """Each notebook through papermill, then nbconvert, one after another."""
    import yaml

    spec = yaml.safe_load((root / "report" / "report.yaml").read_text())
    total, peak = 0.0, 0
    out = root / "byhand"
    out.mkdir(exist_ok=True)
    for section in spec["sections"]:
        nb = root / section["notebook"]
        executed = out / nb.name
        s, m = timed([str(BIN / "papermill"), str(nb), str(executed), "--cwd", str(nb.parent)], cwd=root)
        total, peak = total + s, max(peak, m)
        s, m = timed([str(BIN / "jupyter"), "nbconvert", "--to", "html", str(executed)], cwd=root)
        total, peak = total + s, max(peak, m)
    return total, peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    results: dict[str, list[float]] = {"cold": [], "no-change": [], "one-nb": [], "by-hand": []}
    peaks: dict[str, int] = {k: 0 for k in results}
    reexecuted: list[list[str]] = []
    for i in range(args.repeat):
        with tempfile.TemporaryDirectory(prefix="pakru-bench-") as tmp:
            root = copy_project(Path(tmp) / "project")
            for name, cmd in (("cold", pakru(root)), ("no-change", pakru(root))):
                s, m = timed(cmd)
                results[name].append(s)
                peaks[name] = max(peaks[name], m)
            first_nb = sorted((root / "notebooks").glob("*.ipynb"))[0]
            nb = json.loads(first_nb.read_text())
            nb["cells"].append({"cell_type": "markdown", "id": f"bench-{i}", "metadata": {},
                                "source": ["Benchmark edit."]})
            first_nb.write_text(json.dumps(nb, indent=1))
            s, m = timed(pakru(root))
            results["one-nb"].append(s)
            peaks["one-nb"] = max(peaks["one-nb"], m)
            manifest = json.loads((root / "report" / "latest" / "manifest.json").read_text())
            reexecuted.append([n["notebook"] for n in manifest["notebooks"] if n["status"] == "executed"])
            s, m = by_hand(root)
            results["by-hand"].append(s)
            peaks["by-hand"] = max(peaks["by-hand"], m)
        print(f"repetition {i + 1}/{args.repeat} done", file=sys.stderr)
    med = {k: statistics.median(v) for k, v in results.items()}
    print(f"pakru build benchmark: median of {args.repeat} on {os.cpu_count()} cores")
    print(f"{'case':<12}{'median s':>10}{'runs (s)':>28}{'peak MB':>10}")
    for k, v in results.items():
        print(f"{k:<12}{med[k]:>10.2f}{', '.join(f'{x:.2f}' for x in v):>28}{peaks[k]:>10}")
    ratio = med["cold"] / med["by-hand"]
    print(f"cold / by-hand = {ratio:.2f}   (target <= 0.60)")
    print(f"no-change rebuild = {med['no-change']:.2f} s   (target <= 1 s)")
    print(f"one changed notebook re-executed: {reexecuted[-1]}   (target: only that notebook)")
    print(f"peak memory of a build = {max(peaks['cold'], peaks['one-nb'])} MB   (target < 700 MB)")


if __name__ == "__main__":
    main()
