"""The shape of ``report/report.yaml``, checked before anything reads it.

A wrong shape (a list where a mapping belongs, a misspelt key, a notebook that does not exist,
a dataset or parameter name that is not declared) is a :class:`ParameterError` (exit 2) naming
the key and what is allowed, never a ``KeyError`` from deep inside the build.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import ParameterError

TOP_KEYS = ("title", "subtitle", "citation", "sections")
CITATION_KEYS = ("author", "url", "licence")
SECTION_KEYS = ("id", "title", "notebook", "reads", "parameters", "checks", "timeout")
PARAMETER_KEYS = ("type", "default", "choices", "min", "max", "help")
TYPES = ("int", "float", "str", "bool", "date", "list")
RELATIONS = ("before_or_equal",)


def _fail(shown: str, where: str, problem: str) -> ParameterError:
    return ParameterError(f"{shown}: {where}: {problem}")


def _mapping(value: Any, shown: str, where: str, allowed_keys: tuple[str, ...] | None) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _fail(shown, where, f"must be a mapping (key: value lines), not {_kind(value)}")
    if allowed_keys is not None:
        for key in value:
            if key not in allowed_keys:
                raise _fail(shown, where, f"unknown key '{key}'; allowed: {', '.join(allowed_keys)}")
    return value


def _kind(value: Any) -> str:
    return {list: "a list", str: "text", int: "a number", float: "a number", bool: "true/false",
            type(None): "empty"}.get(type(value), type(value).__name__)


def check(raw: Any, root: Path, shown: str, datasets: tuple[str, ...]) -> None:
    """Raise ParameterError on the first thing in ``raw`` (the parsed file) that is not allowed."""
    top = _mapping(raw, shown, "the file", TOP_KEYS)
    if "citation" in top:
        cite = _mapping(top["citation"], shown, "citation", CITATION_KEYS)
        if not isinstance(cite.get("author"), str) or not cite["author"].strip():
            raise _fail(shown, "citation", "needs 'author' (text): the person or organisation a reader cites")
        url = cite.get("url")
        if url is not None and not (isinstance(url, str) and url.startswith(("http://", "https://"))):
            raise _fail(shown, "citation.url", "must be an http:// or https:// address, or left out")
    sections = top.get("sections")
    if not isinstance(sections, list) or not sections:
        raise _fail(shown, "sections", f"must be a non-empty list of sections, not {_kind(sections)}")
    seen: set[str] = set()
    for i, sec in enumerate(sections, start=1):
        named = isinstance(sec, dict) and isinstance(sec.get("id"), str)
        where = f"section '{sec['id']}'" if named else f"sections #{i}"
        _mapping(sec, shown, where, SECTION_KEYS)
        for key in ("id", "title", "notebook"):
            if not isinstance(sec.get(key), str) or not sec[key].strip():
                raise _fail(shown, where, f"needs '{key}' (text)")
        sid = sec["id"]
        where = f"section '{sid}'"
        if sid in seen:
            raise _fail(shown, where, "the id is used twice; section ids must be unique")
        seen.add(sid)
        notebook = root / sec["notebook"]
        if not sec["notebook"].endswith(".ipynb") or not notebook.is_file():
            raise _fail(shown, f"{where}, notebook", f"{sec['notebook']} is not a notebook file (a path to an "
                        ".ipynb file under the project folder)")
        reads = sec.get("reads", [])
        if not isinstance(reads, list):
            raise _fail(shown, f"{where}, reads", f"must be a list of dataset names, not {_kind(reads)}")
        for name in reads:
            if name not in datasets:
                raise _fail(shown, f"{where}, reads", f"unknown dataset '{name}'; allowed: {', '.join(datasets)}")
        timeout = sec.get("timeout")
        if timeout is not None and (isinstance(timeout, bool) or not isinstance(timeout, (int, float))
                                    or timeout <= 0):
            raise _fail(shown, f"{where}, timeout", f"{timeout!r} must be a number of seconds above 0")
        parameters = _mapping(sec.get("parameters") or {}, shown, f"{where}, parameters", None)
        for name, p in parameters.items():
            _mapping(p, shown, f"{where}, parameter '{name}'", PARAMETER_KEYS)
            if p.get("type") not in TYPES:
                raise _fail(shown, f"{where}, parameter '{name}'", f"type must be one of {', '.join(TYPES)}")
            if "choices" in p and not isinstance(p["choices"], list):
                raise _fail(shown, f"{where}, parameter '{name}', choices", "must be a list")
        checks = _mapping(sec.get("checks") or {}, shown, f"{where}, checks", None)
        declared = ", ".join(parameters) or "(none)"
        for first, rule in checks.items():
            if first not in parameters:
                raise _fail(shown, f"{where}, checks", f"unknown parameter '{first}'; allowed: {declared}")
            _mapping(rule, shown, f"{where}, checks, {first}", RELATIONS)
            for relation, second in rule.items():
                if second not in parameters:
                    raise _fail(shown, f"{where}, checks, {first}.{relation}",
                                f"unknown parameter '{second}'; allowed: {declared}")
