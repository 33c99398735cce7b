"""Notebooks: stored clean, parameters in step with report.yaml, and runnable with papermill."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import nbformat
import papermill
import pytest

from notebook_runner import run_notebook
from pakru.spec import params

ROOT = Path(__file__).resolve().parents[1]
SPEC = params.load_spec(ROOT)
NOTEBOOKS = {s.id: ROOT / s.notebook for s in SPEC.sections}


def _parameters_cell(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    cells = [c for c in nb.cells if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(cells) == 1, "exactly one cell tagged 'parameters'"
    return cells[0]


def run(section: str, tmp_path: Path, **parameters: object) -> nbformat.NotebookNode:
    return run_notebook(NOTEBOOKS[section], tmp_path / f"{section}.ipynb", **parameters)


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks").glob("*.ipynb")), ids=lambda p: p.name)
def test_notebooks_are_stored_without_outputs(path: Path) -> None:
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, f"{path.name} has outputs"


@pytest.mark.parametrize("section", list(NOTEBOOKS))
def test_parameters_cell_holds_the_report_defaults(section: str) -> None:
    nb = nbformat.read(NOTEBOOKS[section], as_version=4)
    namespace: dict[str, object] = {}
    exec(_parameters_cell(nb).source, namespace)  # noqa: S102 - our own notebook's literal assignments
    declared = SPEC.section(section).defaults()
    assert {k: namespace[k] for k in declared} == declared


# report.yaml's parameter types as papermill infers them from the annotations
PAPERMILL_TYPE = {"int": "int", "str": "str", "date": "str", "list": "list", "bool": "bool", "float": "float"}
CODE_LINES_PER_NOTEBOOK = 60


@pytest.mark.parametrize("section", list(NOTEBOOKS))
def test_parameters_are_typed_for_papermill_help(section: str) -> None:
    inspected = papermill.inspect_notebook(str(NOTEBOOKS[section]))
    declared = SPEC.section(section).parameters
    assert set(inspected) == set(declared)
    for name, p in declared.items():
        assert inspected[name]["inferred_type_name"] == PAPERMILL_TYPE[p.type], f"{section}.{name}"


@pytest.mark.parametrize("section", list(NOTEBOOKS))
def test_notebook_uses_the_project_kernel(section: str) -> None:
    kernelspec = nbformat.read(NOTEBOOKS[section], as_version=4).metadata["kernelspec"]
    assert kernelspec["name"] == "pakru" and kernelspec["display_name"] == "Python (pakru)"


def _code(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    return "\n".join(c.source for c in nb.cells if c.cell_type == "code")


@pytest.mark.parametrize("section", list(NOTEBOOKS))
def test_notebook_code_only_tells(section: str) -> None:
    """Notebook cells call the package and show results; functions and id parsing live in the package."""
    code = _code(NOTEBOOKS[section])
    lines = [line for line in code.splitlines() if line.strip()]
    assert len(lines) <= CODE_LINES_PER_NOTEBOOK, f"{section}: {len(lines)} lines of code"
    tree = ast.parse(code)
    assert not [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.Lambda, ast.ClassDef))]
    assert ".split(\";\")" not in code and "split(';')" not in code, "source ids are split by pakru.data.source_ids"


@pytest.mark.slow
@pytest.mark.parametrize(("args", "named"), [(["-p", "basiss", "fiscal"], "basiss"),
                                             (["-p", "basis", "annual"], "allowed: one of: calendar, fiscal")])
def test_plain_papermill_refuses_a_parameter_the_notebook_does_not_take(tmp_path: Path, args: list[str],
                                                                        named: str) -> None:
    """Under plain papermill a misspelled name or a bad value ends the run (non-zero exit) with one
    line naming it and what is allowed; nothing runs on the defaults."""
    import subprocess
    import sys

    out = tmp_path / "out.ipynb"
    done = subprocess.run([sys.executable, "-m", "papermill", str(NOTEBOOKS["trade"]), str(out), "-k", "python3",
                           "--cwd", str(ROOT / "notebooks"), *args], capture_output=True, text=True, timeout=300)
    assert done.returncode != 0
    assert named in done.stderr
    errors = [o for c in nbformat.read(out, as_version=4).cells for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert len(errors) == 1 and errors[0]["ename"] == "ParameterError"
    assert len(errors[0]["traceback"]) == 1, "one line in the notebook, no traceback"
