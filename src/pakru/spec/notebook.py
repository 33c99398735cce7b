"""The check a notebook runs on its own parameters, in JupyterLab or under plain papermill.

``pakru build`` checks every parameter before a kernel starts; a notebook run another way has only
this check. ``p = section_params("trade", globals())`` reads the section's declaration in
``report/report.yaml`` (the one place a parameter is declared), refuses a name papermill injected
that the section does not declare (``-p basiss fiscal``), converts and checks each declared value,
and returns a frozen record (``p.basis``), so the notebook never repeats a parameter's name.
"""

from __future__ import annotations

import ast
import dataclasses
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from ..errors import ParameterError
from .params import SectionSpec, load_spec, resolve

# the first line of the cell papermill writes after the `parameters` cell (its Python translator)
PAPERMILL_HEADER = "# Parameters"
_TYPES = {"int": int, "float": float, "bool": bool, "str": str, "date": date, "list": tuple}


def injected_names(namespace: Mapping[str, Any]) -> list[str]:
    """Names assigned in the cells papermill injected, read from the kernel's input history
    (``In``); none in JupyterLab, where nothing is injected."""
    history = namespace.get("In")
    if not isinstance(history, list):
        return []
    names: list[str] = []
    for source in history:
        if not isinstance(source, str) or source.split("\n", 1)[0].strip() != PAPERMILL_HEADER:
            continue
        try:
            tree = ast.parse(source)
        except SyntaxError:
            continue
        for node in tree.body:
            targets = node.targets if isinstance(node, ast.Assign) else \
                [node.target] if isinstance(node, ast.AnnAssign) else []
            names.extend(t.id for t in targets if isinstance(t, ast.Name))
    return list(dict.fromkeys(names))


def record_type(section: SectionSpec) -> type:
    """A frozen dataclass with one typed field per declared parameter (``TradeParams``)."""
    name = "".join(w.capitalize() for w in section.id.split("_")) + "Params"
    fields = [(p.name, _TYPES.get(p.type, object)) for p in section.parameters.values()]
    return dataclasses.make_dataclass(name, fields, frozen=True)


def section_params(section_id: str, namespace: Mapping[str, Any], root: Path | None = None) -> Any:
    """The section's parameters as a frozen record, checked as ``pakru build`` checks them.

    Raises :class:`~pakru.errors.ParameterError` (one line in the notebook) for a name papermill
    injected that the section does not declare, a declared name the notebook lacks, or a value
    that breaks its rule."""
    if root is None:
        from ..data.datasets import project_root

        root = project_root()
    spec = load_spec(root)
    try:
        section = spec.section(section_id)
    except KeyError:
        raise ParameterError(f"report/report.yaml has no section '{section_id}'; sections: "
                             f"{', '.join(s.id for s in spec.sections)}") from None
    declared = list(section.parameters)
    unknown = [n for n in injected_names(namespace) if n not in section.parameters]
    if unknown:
        listed = ", ".join(declared) if declared else "none"
        raise ParameterError(f"parameter '{unknown[0]}' is not a parameter of {section.notebook}; "
                             f"its parameters: {listed} (see `pakru params`)")
    missing = [n for n in declared if n not in namespace]
    if missing:
        default = section.parameters[missing[0]].default
        raise ParameterError(f"{section.notebook}: the parameters cell does not set '{missing[0]}', which "
                             f"report/report.yaml declares; add `{missing[0]} = {default!r}`")
    values = resolve(spec, {f"{section_id}.{n}": namespace[n] for n in declared})[section_id]
    kinds = {p.name: p.type for p in section.parameters.values()}
    typed = {n: (tuple(v) if kinds[n] == "list" else date.fromisoformat(v) if kinds[n] == "date" else v)
             for n, v in values.items()}
    return record_type(section)(**typed)


def defaults(section_id: str, root: Path | None = None) -> Any:
    """The section's parameters at their declared defaults (what an analyst gets from
    ``pakru.trade.facts()`` with no arguments)."""
    return section_params(section_id, _DefaultsNamespace(section_id, root), root)


class _DefaultsNamespace(dict):  # type: ignore[type-arg]
    def __init__(self, section_id: str, root: Path | None) -> None:
        from ..data.datasets import project_root

        spec = load_spec(root or project_root())
        try:
            section = spec.section(section_id)
        except KeyError:
            # a report built from some sections only: another section (the claims check, the front
            # page) still reads this one's facts at its defaults, which report.yaml no longer declares
            raise ParameterError(f"report/report.yaml has no section '{section_id}', whose facts another "
                                 f"section reads; sections: {', '.join(s.id for s in spec.sections)}") from None
        super().__init__(section.defaults())
