"""The report's sentences live in templates, not in the section packages' Python.

A sentence-like string literal is one of six words or more, outside docstrings and ``raise``
(an error's message is for the maintainer, not the reader); an f-string counts by its literal
parts. The five section packages may hold 600 such words in all (about 5,500 before the move to
templates)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "pakru"
SECTIONS = ("trade", "dedollarisation", "defence", "article", "overview")
LIMIT = 600


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def _in_raise(tree: ast.AST) -> set[int]:
    return {id(n) for r in ast.walk(tree) if isinstance(r, ast.Raise) for n in ast.walk(r)}


def sentence_words(source: str) -> list[tuple[int, int, str]]:
    """(line, words, text) of each sentence-like literal in ``source``."""
    tree = ast.parse(source)
    skip = _docstrings(tree) | _in_raise(tree)
    parts = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}  # counted with it
    found = []
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.JoinedStr):
            text = " ".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in parts:
            text = node.value
        else:
            continue
        words = [w for w in text.split() if re.search(r"[A-Za-z]", w)]
        if len(words) >= 6:
            found.append((node.lineno, len(words), " ".join(text.split())[:70]))
    return found


def test_the_count_finds_prose_in_strings_and_f_strings_but_not_docstrings_or_errors() -> None:
    source = '''"""A module docstring of more than six words in all."""
def f(x):
    """A function docstring of more than six words too."""
    if x:
        raise ValueError("an error message of more than six words is for maintainers")
    a = "short label"
    b = f"Trade fell to {x} in the year, down from the peak"
    return "Pakistan exported more to Russia than it imported"
'''
    assert sorted((line, n) for line, n, _ in sentence_words(source)) == [(7, 10), (8, 8)]


def test_the_section_packages_hold_at_most_600_words_of_sentences() -> None:
    found = []
    for package in SECTIONS:
        for path in sorted((SRC / package).rglob("*.py")):
            found += [(path.relative_to(SRC), *hit) for hit in sentence_words(path.read_text(encoding="utf-8"))]
    total = sum(n for _, _, n, _ in found)
    assert total <= LIMIT, f"{total} words of sentences in Python:\n" + "\n".join(
        f"{p}:{line} ({n}) {text}" for p, line, n, text in sorted(found, key=lambda h: -h[2])[:20])
