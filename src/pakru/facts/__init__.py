"""Findings as typed records: each figure the report states is one :class:`Fact`, computed once
from ``data/`` by a section, and read by everything that states it (text, chart titles, the bottom
line, "What changed")."""

from .model import Fact, FactBook, Facts, FactMissing, Period, Source

__all__ = ["Fact", "FactBook", "Facts", "FactMissing", "Period", "Source"]
