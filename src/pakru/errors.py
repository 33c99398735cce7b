"""One small exception hierarchy; each error knows its exit code and prints as one line."""

from __future__ import annotations


def clip(text: str, limit: int = 300) -> str:
    """``text`` on one line and at most ``limit`` characters: a run of more than 24 digits keeps its
    first 12 (``1000000000000…(310 digits)``), and what is still too long ends in ``…``."""
    import re

    flat = " ".join(str(text).split())
    flat = re.sub(r"\d{25,}", lambda m: f"{m.group(0)[:12]}…({len(m.group(0))} digits)", flat)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class PakruError(Exception):
    """Base class: ``str(err)`` is the one line the CLI prints."""

    exit_code = 1

    def _render_traceback_(self) -> list[str]:
        """What IPython shows when a notebook cell raises this error: the one line, no traceback
        (JupyterLab and plain papermill show the reader what is wrong, not where pakru noticed)."""
        return [f"{type(self).__name__}: {self}"]


class ParameterError(PakruError):
    exit_code = 2


class DataError(PakruError):
    """A data file that does not match its schema.

    ``location`` names file, row and column so that a reader can open the file and fix it.
    """

    exit_code = 3

    def __init__(self, path: str, problem: str, row: int | None = None, column: str | None = None,
                 value: object = None, hint: str = "") -> None:
        self.path, self.row, self.column, self.value, self.problem = path, row, column, value, problem
        where = path
        if row is not None:
            # row counts data rows from 1; the line number is what an editor shows (header = line 1)
            where += f", row {row} (line {row + 1})"
        if column is not None:
            where += f", column '{column}'"
        shown = "" if value is None else f" {clip(repr(value), 80)}"
        msg = f"{where}:{shown} {problem}".replace(": ", ": ", 1)
        if hint:
            msg += f". {hint}"
        super().__init__(msg)


class NotebookError(PakruError):
    """A notebook that failed, timed out, or could not be read.

    ``executed_path`` is the partly executed copy in the run folder; it is named only when it
    exists (a notebook that is not valid JSON never gets one).
    """

    exit_code = 4

    def __init__(self, notebook: str, cell: int | None, ename: str, evalue: str,
                 executed_path: str | None = None) -> None:
        self.notebook, self.cell, self.ename, self.evalue, self.executed_path = (
            notebook, cell, ename, evalue, executed_path)
        where = notebook if cell is None else f"{notebook}, cell {cell}"
        msg = f"{where}: {ename}: {evalue}" if ename else f"{where}: {evalue}"
        if executed_path:
            msg += f"\n  partly executed notebook: {executed_path}"
        super().__init__(msg)


class RenderError(PakruError):
    exit_code = 5


class LockedError(PakruError):
    exit_code = 6


class ReportFolderError(PakruError):
    """The report folder cannot be written: read-only, no permission, or a full disk."""

    exit_code = 8


class DataFolderError(ReportFolderError):
    """``data/`` (or the update status file) cannot be written: a read-only folder or file, no
    permission, a full disk, or a folder that leads out of the project. Exit 8, like the report folder."""


class Interrupted(PakruError):
    """Ctrl-C (SIGINT) or a stop request (SIGTERM): exit 128 + the signal's number, as shells do."""

    def __init__(self, signal_name: str, exit_code: int, detail: str = "") -> None:
        self.signal_name = signal_name
        self.exit_code = exit_code  # type: ignore[misc]
        super().__init__(f"interrupted ({signal_name}){detail}")
