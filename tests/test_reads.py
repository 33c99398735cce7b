"""report.yaml's `reads:` lists every dataset a notebook loads.

The execution cache re-runs a notebook only when a dataset in its `reads` list changes, so a
dataset loaded but not declared would leave a stale section. The notebooks' code is parsed, not
run: every `data.load(...)` must name its dataset in a way this test can read.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from conftest import ROOT
from pakru.spec import params
from pakru.data.schema import DATASETS

SPEC = params.load_spec(ROOT)


def _code(notebook: Path) -> str:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    lines = []
    for cell in cells:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        lines += [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    return "\n".join(lines)


def _loop_values(tree: ast.AST, call: ast.Call, name: str) -> list[str] | None:
    """The string constants a comprehension or for-loop binds to ``name`` around ``call``."""
    for node in ast.walk(tree):
        generators = getattr(node, "generators", None) or ([node] if isinstance(node, ast.For) else [])
        for gen in generators:
            if (isinstance(gen.target, ast.Name) and gen.target.id == name
                    and isinstance(gen.iter, (ast.Tuple, ast.List))
                    and any(n is call for n in ast.walk(node))):
                values = [e.value for e in gen.iter.elts if isinstance(e, ast.Constant)]
                return values if len(values) == len(gen.iter.elts) else None
    return None


def datasets_loaded(code: str) -> set[str]:
    """Dataset names in ``data.load("x")``, ``data.load(n) for n in ("x", "y")``,
    ``data.load_sources()`` and ``data.load_all()``; anything else fails loudly."""
    tree = ast.parse(code)
    found: set[str] = set()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "data"):
            continue
        if node.func.attr == "load_sources":
            found.add("sources")
        elif node.func.attr == "load_all":
            found |= set(DATASETS)
        elif node.func.attr == "load":
            arg = node.args[0] if node.args else None
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.add(arg.value)
            elif isinstance(arg, ast.Name) and (values := _loop_values(tree, node, arg.id)) is not None:
                found |= set(values)
            else:
                raise AssertionError(f"cannot tell which dataset `{ast.unparse(node)}` loads; "
                                     "name it as a string literal")
    return found


def test_parser_reads_literals_loops_and_rejects_computed_names() -> None:
    assert datasets_loaded('x = data.load("cargoes")\ny = data.load_sources()') == {"cargoes", "sources"}
    assert datasets_loaded('f = {n: data.load(n) for n in ("a", "b")}') == {"a", "b"}
    with pytest.raises(AssertionError, match="cannot tell"):
        datasets_loaded('name = "a" + "b"\ndata.load(name)')


@pytest.mark.parametrize("section", [s.id for s in SPEC.sections])
def test_notebook_loads_only_datasets_its_section_declares(section: str) -> None:
    spec = SPEC.section(section)
    loaded = datasets_loaded(_code(ROOT / spec.notebook))
    assert loaded, f"{spec.notebook} loads no dataset through data.load"
    undeclared = sorted(loaded - set(spec.reads))
    assert not undeclared, f"{spec.notebook} loads {undeclared}, not declared in `reads:` of section '{section}'"
