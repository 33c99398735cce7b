"""Executing one notebook: the record it returns, and what it leaves behind in the caller (a kernel
that does not start: tests/test_kernel_start.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from notebook_runner import write_notebook

from pakru.errors import NotebookError
from pakru.build.execute import Execution, Job, Status, execute_one, read_notebook

pytestmark = pytest.mark.slow


def _job(tmp_path: Path, timeout_s: float = 120) -> Job:
    return Job("nb.ipynb", {"x": 2}, str(tmp_path / "out.ipynb"), timeout_s, str(tmp_path / "nb.log"))


def test_success_is_a_record_and_pakru_root_is_not_left_set(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PAKRU_ROOT", raising=False)
    write_notebook(tmp_path / "nb.ipynb", "import os\nassert os.environ['PAKRU_ROOT'] and x == 2")
    result = execute_one(str(tmp_path), _job(tmp_path))
    assert isinstance(result, Execution)
    assert (result.notebook, result.status, result.error) == ("nb.ipynb", Status.SUCCEEDED, None)
    assert result.duration_s > 0
    assert "PAKRU_ROOT" not in os.environ
    assert (tmp_path / "out.ipynb").is_file()


def test_failing_cell_is_named_with_its_error(tmp_path: Path) -> None:
    write_notebook(tmp_path / "nb.ipynb", "y = 1", "raise ValueError('broken on purpose')")
    result = execute_one(str(tmp_path), _job(tmp_path))
    assert result.status is Status.FAILED
    assert result.error is not None and result.error.cell == 3  # as stored: parameters, y = 1, the raise
    assert (result.error.name, result.error.message) == ("ValueError", "broken on purpose")


def test_time_limit_names_the_cell_that_was_running(tmp_path: Path) -> None:
    write_notebook(tmp_path / "nb.ipynb", "y = 1", "import time\ntime.sleep(600)")
    result = execute_one(str(tmp_path), _job(tmp_path, timeout_s=2))
    assert result.status is Status.TIMED_OUT
    assert result.error is not None and result.error.cell == 3  # parameters, y = 1, then the sleep
    assert "still running after 2 s" in result.error.message


def test_notebook_that_is_not_json_fails_before_any_kernel(tmp_path: Path) -> None:
    (tmp_path / "nb.ipynb").write_text('{"cells": [')
    with pytest.raises(NotebookError) as info:
        read_notebook(tmp_path, "nb.ipynb")
    assert str(info.value) == ("nb.ipynb: is not valid JSON (Expecting value at line 1, column 12); "
                               "restore it with `git checkout -- nb.ipynb`")
    assert info.value.exit_code == 4
