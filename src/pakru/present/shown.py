"""A table as an analysis hands it to a notebook: the frame, its caption and how to format each
column, so that a notebook cell only shows it."""

from __future__ import annotations

import html

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from .tables import table_html


@dataclass(frozen=True)
class Table:
    """A frame with its caption; ``formats`` as :func:`pakru.present.tables.table_html` takes them."""

    frame: pd.DataFrame
    caption: str
    formats: Mapping[str, str] = field(default_factory=dict)
    decimals: int = 1
    note: str = ""
    # a long reference table the report moves to its appendices (behind a <details>), leaving a
    # link where it stood; in JupyterLab it shows in place like any other table
    appendix: bool = False
    # False for an appendix table that repeats the body (the claims with their source ids): the
    # HTML keeps it, the PDF leaves it out so that the print stays short
    printed: bool = True

    def show(self) -> None:
        from IPython.display import HTML, display

        display(HTML(self.html()))

    def html(self) -> str:
        body = table_html(self.frame, self.caption, formats=self.formats, decimals=self.decimals, note=self.note)
        return appendix_block(body, self.caption, len(self.frame), self.printed) if self.appendix else body


def appendix_block(body: str, caption: str, rows: int, printed: bool = True) -> str:
    """Mark a table for the report's appendices: the renderer finds the wrapper by its class and
    reads what the appendix entry says (caption, row count, whether the PDF prints it) from its
    data attributes."""
    flag = "" if printed else ' data-print="omit"'
    return (f'<div class="pakru-appendix" data-caption="{html.escape(caption, quote=True)}" data-rows="{rows}"'
            f"{flag}>{body}</div>")
