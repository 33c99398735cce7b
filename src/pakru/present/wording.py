"""Small pieces of English the findings are written with."""

from __future__ import annotations

from collections.abc import Iterable


def join_words(items: Iterable[str], word: str = "and") -> str:
    """``["a", "b", "c"]`` -> ``"a, b and c"``."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def says(n: int) -> str:
    """The verb after a count of accounts: ``1 says``, ``2 say``."""
    return "says" if n == 1 else "say"


def capitalised(text: str) -> str:
    """The text with its first letter upper-case (the rest untouched, unlike ``str.capitalize``)."""
    return text[:1].upper() + text[1:]
