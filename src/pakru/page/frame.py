"""The frame every pakru page shares (the report and the shelf of runs): doctype, viewport and a
Content-Security-Policy under which the page fetches nothing and runs no script. Kept apart from
:mod:`pakru.page.render` so that the shelf is written without importing nbconvert."""

from __future__ import annotations

import html

CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"


def head_html(title: str, style: str) -> str:
    """Everything up to and including ``<body>``; charts are inline SVG and styles inline."""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<title>{html.escape(title)}</title>
<style>{style}</style>
</head>
<body>"""
