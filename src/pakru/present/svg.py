"""Charts as inline SVG whose points and bars carry native tooltips.

A chart function attaches one tooltip text per plotted point or bar with :func:`annotate_points`
(e.g. ``"2023: 762.4 USD million [imf-dots-2024]"``); :func:`figure_svg` saves the figure as SVG
and puts each text in a ``<title>`` inside that point's own ``<g>``, so a reader hovering the
point reads the number and a screen reader reaches it, with no script. :func:`show` displays the
chart in a notebook as ``image/svg+xml``; :func:`inline` makes the SVG fit for one page (no XML
prolog, ids unique on the page).
"""

from __future__ import annotations

import html
import io
import math
import re
import weakref
from collections.abc import Sequence
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.legend  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.artist import Artist  # noqa: E402
from matplotlib.collections import PathCollection  # noqa: E402
from matplotlib.container import BarContainer  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

MIME = "image/svg+xml"
MIN_CONTRAST = 4.5
TIP = "pakru-tip"
# fixed so that the same figure gives the same bytes (matplotlib hashes ids with a random salt)
RC = {"svg.fonttype": "none", "svg.hashsalt": "pakru", "svg.id": None}
_TIPS: weakref.WeakKeyDictionary[Artist, list[str]] = weakref.WeakKeyDictionary()


def annotate_points(artist: Artist | BarContainer | Sequence[Patch], labels: Sequence[str]) -> None:
    """Give each point of a line or scatter, or each bar, its tooltip text (same order as the
    data; points that are not drawn, e.g. NaN, keep their place in ``labels`` and are skipped)."""
    labels = [str(t) for t in labels]
    if isinstance(artist, (Line2D, PathCollection)):
        n = len(artist.get_xydata()) if isinstance(artist, Line2D) else len(artist.get_offsets())
        if n != len(labels):
            raise ValueError(f"annotate_points: {n} points but {len(labels)} labels")
        _TIPS[artist] = labels
        return
    patches = list(artist.patches if isinstance(artist, BarContainer) else artist)
    if len(patches) != len(labels):
        raise ValueError(f"annotate_points: {len(patches)} bars but {len(labels)} labels")
    for patch, label in zip(patches, labels):
        _TIPS[patch] = [label]


def _point_targets(fig: plt.Figure) -> tuple[dict[str, str], list[Artist], list[tuple[Artist, Any]]]:
    """Add one hover target per annotated point; returns (gid -> text, added artists, restores)."""
    tips: dict[str, str] = {}
    added: list[Artist] = []
    restore: list[tuple[Artist, Any]] = []
    n = 0
    for artist in fig.findobj(lambda a: a in _TIPS):
        labels = _TIPS[artist]
        if isinstance(artist, Patch):
            n += 1
            restore.append((artist, artist.get_gid()))
            artist.set_gid(f"{TIP}-{n}")
            tips[f"{TIP}-{n}"] = labels[0]
            continue
        ax = artist.axes
        if isinstance(artist, Line2D):
            points = artist.get_xydata()
            marker = artist.get_marker()
            visible = marker not in (None, "None", "none", "", " ")
            size = artist.get_markersize() if visible else max(artist.get_markersize(), 6)
            style = {"color": artist.get_color(), "marker": marker if visible else "o", "markersize": size,
                     "markerfacecolor": artist.get_markerfacecolor(), "markeredgecolor": artist.get_markeredgecolor(),
                     "markeredgewidth": artist.get_markeredgewidth(), "alpha": artist.get_alpha() if visible else 0}
            if visible:  # the targets draw the markers, so each marker is its own element
                restore.append((artist, ("marker", marker)))
                artist.set_marker("None")
        else:
            points = artist.get_offsets()
            sizes = artist.get_sizes()
            size = math.sqrt(float(sizes[0]) if len(sizes) else 36)
            style = {"color": "black", "marker": "o", "markersize": size, "alpha": 0}
        for (x, y), label in zip(points, labels):
            if not (_finite(x) and _finite(y)):
                continue
            n += 1
            target, = ax.plot([x], [y], linestyle="none", zorder=artist.get_zorder() + 0.1, label="_nolegend_",
                              clip_on=False, **style)
            target.set_gid(f"{TIP}-{n}")
            tips[f"{TIP}-{n}"] = label
            added.append(target)
    return tips, added, restore


def _finite(v: Any) -> bool:
    try:
        return math.isfinite(float(v))
    except (TypeError, ValueError):
        return True  # dates and categories are drawn


# --- colour: text readable on white ------------------------------------------------------------
def _luminance(rgb: Sequence[float]) -> float:
    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (lin(float(c)) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(colour: Any, background: Any = "white") -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    from matplotlib.colors import to_rgb

    a, b = _luminance(to_rgb(colour)), _luminance(to_rgb(background))
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def readable(colour: Any, minimum: float = MIN_CONTRAST) -> str:
    """``colour`` as is if text in it reads on white (contrast >= ``minimum``), else the lightest
    darker shade of it that does: the hue stays, so a label still matches its line."""
    from matplotlib.colors import to_hex, to_rgb

    rgb = to_rgb(colour)
    k = 1.0
    while contrast(tuple(c * k for c in rgb)) < minimum and k > 0:
        k -= 0.02
    return to_hex(tuple(c * max(k, 0) for c in rgb))


def _readable_texts(fig: plt.Figure) -> list[tuple[Any, Any]]:
    """Darken every visible text drawn in a colour too light for white; returns what to restore."""
    from matplotlib.text import Text

    restore = []
    for text in fig.findobj(Text):
        if not text.get_visible() or not text.get_text().strip():
            continue
        colour = text.get_color()
        alpha = text.get_alpha()
        if alpha is not None and alpha < 1:
            restore.append((text, ("alpha", alpha)))
            text.set_alpha(None)
        if contrast(colour) < MIN_CONTRAST:
            restore.append((text, ("color", colour)))
            text.set_color(readable(colour))
    return restore


def figure_svg(fig: plt.Figure, alt: str) -> str:
    """The figure as an SVG element (no XML prolog) with ``role``, ``aria-label`` and one
    ``<title>`` per annotated point; the figure is left as it was."""
    tips, added, restore = _point_targets(fig)
    restore += _readable_texts(fig)
    buf = io.StringIO()
    try:
        with plt.rc_context(RC):
            fig.savefig(buf, format="svg", bbox_inches="tight", pad_inches=0.15, metadata={"Date": None})
    finally:
        for artist in added:
            artist.remove()
        for artist, old in restore:
            if isinstance(old, tuple) and old and old[0] == "marker":
                artist.set_marker(old[1])  # type: ignore[attr-defined]
            elif isinstance(old, tuple) and old and old[0] == "color":
                artist.set_color(old[1])  # type: ignore[attr-defined]
            elif isinstance(old, tuple) and old and old[0] == "alpha":
                artist.set_alpha(old[1])
            else:
                artist.set_gid(old)
    text = compact_paths(strip_prolog(buf.getvalue()))
    for gid, label in tips.items():
        text = text.replace(f'<g id="{gid}">', f'<g id="{gid}"><title>{html.escape(label)}</title>', 1)
    label = html.escape(alt, quote=True)
    # "group", not "img": an img role would hide the points' titles from screen readers
    return re.sub(r"<svg\b", f'<svg role="group" aria-label="{label}"', text, count=1)


def compact_paths(text: str, decimals: int = 2) -> str:
    """Path data rounded to 1/100 pt and on one line: the same drawing in about a quarter fewer
    bytes (a dense hatch or a long series otherwise weighs hundreds of kilobytes)."""
    def number(m: re.Match[str]) -> str:
        out = f"{float(m.group(0)):.{decimals}f}".rstrip("0").rstrip(".")
        return "0" if out == "-0" else out

    def path(m: re.Match[str]) -> str:
        return ' d="' + " ".join(re.sub(r"-?\d+\.\d+", number, m.group(1)).split()) + '"'

    return re.sub(r' d="([^"]*)"', path, text)


def strip_prolog(text: str) -> str:
    """Drop the XML declaration, DOCTYPE, comments and RDF metadata: none belong inside HTML."""
    text = re.sub(r"<\?xml[^>]*\?>", "", text)
    text = re.sub(r"<!DOCTYPE[^>]*>", "", text)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    text = re.sub(r"<metadata>.*?</metadata>", "", text, flags=re.S)
    return text.strip()


_ID = re.compile(r'\bid="([^"]+)"')


def inline(text: str, prefix: str) -> str:
    """The SVG ready for a page: prolog dropped, every id (and every reference to it) prefixed,
    so that two charts' ``clip-path`` or marker ids never collide."""
    text = strip_prolog(text)
    ids = set(_ID.findall(text))
    if not ids:
        return text

    def ref(m: re.Match[str]) -> str:
        target = m.group(2)
        return f"{m.group(1)}{prefix}-{target}" if target in ids else m.group(0)

    text = _ID.sub(lambda m: f'id="{prefix}-{m.group(1)}"', text)
    text = re.sub(r'((?:xlink:)?href="#)([^"]+)', ref, text)
    return re.sub(r"(url\(#)([^)]+)", ref, text)
