"""Content hashes that decide whether a notebook must run again.

A notebook's result depends on its own content, the parameters it receives, the data files it
reads, the ``pakru`` source, and the versions of the libraries it runs with. Each of these is
hashed (content, never timestamps); a notebook whose hashes all equal those recorded for the last
successful run is reused from that run instead of executed. This module stays light (no pandas,
no Jupyter imports) so that a build with nothing to do finishes in well under a second.
"""

from __future__ import annotations

import hashlib
import json
import platform
from importlib import metadata
from pathlib import Path
from typing import Any

from ..data.digest import file_sha256

LIBRARIES = ("pandas", "numpy", "matplotlib", "papermill", "nbconvert", "nbformat", "nbclient", "ipykernel",
             "pyyaml", "jupyter-client")


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def source_hash() -> str:
    """One hash over every file of the installed ``pakru`` package (code and templates): the
    whole package, not this folder of it (``build/``), so that a change to a section's code makes
    its notebook run again."""
    package = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(package)).encode())
        digest.update(file_sha256(path).encode())
    return digest.hexdigest()


def library_versions() -> dict[str, str]:
    versions = {"python": platform.python_version()}
    for name in LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "missing"
    return versions


def notebook_parts(root: Path, notebook: str, parameters: dict[str, Any], data_files: list[str],
                   source: str, libraries: dict[str, str]) -> dict[str, Any]:
    """The hashed inputs of one notebook run; equal parts mean an equal result."""
    return {
        "notebook": file_sha256(root / notebook),
        "parameters": text_sha256(json.dumps(parameters, sort_keys=True, default=str)),
        "data": {f: file_sha256(root / f) for f in sorted(data_files) if (root / f).is_file()},
        "source": source,
        "libraries": text_sha256(json.dumps(libraries, sort_keys=True)),
    }


def key_of(parts: dict[str, Any]) -> str:
    return text_sha256(json.dumps(parts, sort_keys=True))


def why_changed(old: dict[str, Any] | None, new: dict[str, Any]) -> str:
    """A short reason a notebook must run again, or '' when nothing it depends on changed."""
    if not old:
        return "no earlier run to reuse"
    reasons = []
    if old.get("notebook") != new["notebook"]:
        reasons.append("the notebook changed")
    if old.get("parameters") != new["parameters"]:
        reasons.append("its parameters changed")
    old_data, new_data = old.get("data", {}), new["data"]
    changed = sorted(f for f in set(old_data) | set(new_data) if old_data.get(f) != new_data.get(f))
    if changed:
        reasons.append("data changed: " + ", ".join(changed))
    if old.get("source") != new["source"]:
        reasons.append("the pakru source changed")
    if old.get("libraries") != new["libraries"]:
        reasons.append("library versions changed")
    return "; ".join(reasons)


def refresh_outcome(status: dict[str, Any]) -> dict[str, Any]:
    """What the page says of the latest refresh from each publisher, without its time stamps: per
    source, whether it succeeded, why not (exit code, reason), and whether it ever did. Two
    scheduled runs whose update only tried again at another time give the same outcome, so the
    second adds no edition; a refresh that starts or stops failing, or fails for a new reason, does."""
    out = {}
    for name, s in sorted((status.get("sources") or {}).items()):
        if not isinstance(s, dict):
            continue
        ok = bool(s.get("ok", True))
        out[name] = {"publisher": s.get("publisher"), "ok": ok,
                     "exit_code": None if ok else s.get("exit_code"), "error": None if ok else s.get("error"),
                     "ever_refreshed": bool(s.get("last_success_utc"))}
    return out
