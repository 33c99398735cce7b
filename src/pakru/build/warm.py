"""Warm up once before the kernels start: bytecode and matplotlib's font cache.

On a fresh clone every kernel would otherwise compile pakru's modules and build matplotlib's font
list itself, all at the same time: on two busy cores that is what made a kernel miss its start
deadline. :func:`warm_up` runs one child process (``python -m pakru.build.warm``) that compiles the
bytecode of pakru and of the heavy libraries the notebooks import (written even under
``PYTHONDONTWRITEBYTECODE``, which only stops the import system writing it), builds matplotlib's
font cache, and imports what a kernel imports, so that their files are read from the page cache.
When everything is already there it costs about as much as one kernel's imports.

It reports what it had to do; a run that had to build anything is *cold*, and the build then starts
its kernels one at a time (:func:`pakru.build.execute.execute_all`, ``start_slots``).

A warm-up that found or made everything leaves a marker in the virtual environment
(``.pakru-warm.json``: a key over the interpreter, the pakru source and the library versions, and
the font cache's path); while the key is the same and the font cache is there, the next build skips
the warm-up altogether. A read-only environment simply warms up every time.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

# compiled: what a kernel and a notebook's first cells import, and the workers' papermill
PACKAGES = ("pakru", "pandas", "numpy", "matplotlib", "IPython", "ipykernel", "jupyter_client", "zmq",
            "nbformat", "nbclient", "papermill", "nbconvert", "yaml", "dateutil", "pytz")
# imported: what every kernel imports (the workers' own imports are not on the kernels' clock)
IMPORTS = ("pandas", "matplotlib.pyplot", "ipykernel.kernelapp", "pakru.data.datasets", "pakru.present.charts")
WARM_TIMEOUT_S = 600.0
# a fresh clone or virtual environment compiles hundreds of modules; an edited module or two is warm
COLD_COMPILED = 20


@dataclass(frozen=True)
class Warmth:
    """What the warm-up found: ``compiled`` modules it had to compile, whether it had to build the
    font cache, how long it took, and ``error`` when it could not run (the build goes on)."""

    compiled: int
    font_cache_built: bool
    seconds: float
    error: str = ""
    skipped: bool = False  # the marker said everything was in place

    @property
    def cold(self) -> bool:
        return self.compiled >= COLD_COMPILED or self.font_cache_built or bool(self.error)

    def describe(self) -> str:
        if self.skipped:
            return "warm-up: bytecode and font cache already in place"
        done = [f"compiled {self.compiled} module(s)"] if self.compiled else []
        done += ["built matplotlib's font cache"] if self.font_cache_built else []
        if self.error:
            done.append(f"could not run ({self.error})")
        return f"warm-up {'; '.join(done) or 'found everything in place'} in {self.seconds:.1f} s"


def _stale(source: Path) -> bool:
    import importlib.util

    try:
        cached = Path(importlib.util.cache_from_source(str(source)))
        return not cached.is_file() or cached.stat().st_mtime < source.stat().st_mtime
    except (OSError, ValueError, NotImplementedError):
        return False


def compile_packages(names: tuple[str, ...] = PACKAGES) -> int:
    """Compile the bytecode of ``names`` where it is missing or older than its source; how many
    modules were compiled."""
    import importlib.util
    import py_compile

    count = 0
    for name in names:
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            continue
        for folder in spec.submodule_search_locations:
            for source in Path(folder).rglob("*.py"):
                if "tests" in source.relative_to(folder).parts or not _stale(source):
                    continue
                try:
                    py_compile.compile(str(source), doraise=True)
                    count += 1
                except (py_compile.PyCompileError, OSError):
                    pass  # a read-only install, or a file that is not Python 3.11: the kernel will cope
    return count


def _font_cache() -> Path | None:
    import matplotlib

    found = sorted(Path(matplotlib.get_cachedir()).glob("fontlist-v*.json"), key=lambda p: p.stat().st_mtime)
    return found[-1] if found else None


def main() -> int:
    """The child's work; prints one JSON line."""
    import importlib

    started = time.perf_counter()
    compiled = compile_packages()
    had_fonts = _font_cache() is not None
    import matplotlib

    matplotlib.use("Agg")
    for name in IMPORTS:
        importlib.import_module(name)  # matplotlib.pyplot builds the font cache when it is missing
    fonts = _font_cache()
    print(json.dumps({"compiled": compiled, "font_cache_built": not had_fonts, "font_cache": str(fonts or ""),
                      "seconds": round(time.perf_counter() - started, 2)}), flush=True)
    return 0


def marker_path() -> Path:
    return Path(sys.prefix) / ".pakru-warm.json"


def is_warm(key: str, marker: Path) -> bool:
    try:
        found = json.loads(marker.read_text(encoding="utf-8"))
        return found["key"] == key and bool(found["font_cache"]) and Path(found["font_cache"]).is_file()
    except (OSError, ValueError, KeyError, TypeError):
        return False


def warm_up(key: str = "", marker: Path | None = None, timeout_s: float = WARM_TIMEOUT_S) -> Warmth:
    """Run :func:`main` in a child process with the build's environment (the kernels' too), unless
    the ``marker`` (default :func:`marker_path`) holds ``key`` and the font cache is there."""
    marker = marker if marker is not None else marker_path()
    if key and is_warm(key, marker):
        return Warmth(0, False, 0.0, skipped=True)
    started = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-m", "pakru.build.warm"], capture_output=True, text=True,
                              timeout=timeout_s, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as err:
        return Warmth(0, False, time.perf_counter() - started, type(err).__name__)
    try:
        found = json.loads(done.stdout.strip().splitlines()[-1])
        warmth = Warmth(int(found["compiled"]), bool(found["font_cache_built"]), float(found["seconds"]))
    except (IndexError, ValueError, KeyError, TypeError):
        last = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
        return Warmth(0, False, time.perf_counter() - started, last[:200])
    if key and found.get("font_cache"):
        try:
            tmp = marker.with_name(f".{marker.name}.{os.getpid()}.part")
            tmp.write_text(json.dumps({"key": key, "font_cache": found["font_cache"]}), encoding="utf-8")
            os.replace(tmp, marker)
        except OSError:
            pass  # a read-only environment: warm up again next time
    return warmth


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
