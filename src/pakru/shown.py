"""A table as an analysis hands it to a notebook: the frame, its caption and how to format each
column, so that a notebook cell only shows it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from .tables import show_table, table_html


@dataclass(frozen=True)
class Table:
    """A frame with its caption; ``formats`` as :func:`pakru.tables.table_html` takes them."""

    frame: pd.DataFrame
    caption: str
    formats: Mapping[str, str] = field(default_factory=dict)
    decimals: int = 1
    note: str = ""

    def show(self) -> None:
        show_table(self.frame, self.caption, formats=self.formats, decimals=self.decimals, note=self.note)

    def html(self) -> str:
        return table_html(self.frame, self.caption, formats=self.formats, decimals=self.decimals, note=self.note)
