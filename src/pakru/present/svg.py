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
# the same chart drawn narrower, for a phone; the page shows it below 40rem (render.STYLE)
NARROW_MIME = "image/vnd.pakru.narrow+svg+xml"
NARROW_WIDTH_IN = 4.4
# the widest a narrow chart may be saved: at 390 px (369 px of column) its 10.5 pt text renders at
# 10.5 * 369 / 400 = 9.7 px, above the 9 px a phone reader needs
NARROW_MAX_PT = 400
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


# --- the narrow variant ---------------------------------------------------------------------------
_REWRAP: weakref.WeakKeyDictionary[Artist, tuple[str, int]] = weakref.WeakKeyDictionary()


def rewrap(text: Artist, raw: str, chars: int) -> None:
    """Remember a text's unwrapped string and its line length at the full width, so that a
    narrower variant of the figure can wrap it to its own width."""
    _REWRAP[text] = (raw, chars)


def _restack(fig: plt.Figure) -> int:
    """Panels side by side moved under each other (one column), rows kept in order; a full-width
    row (a legend row) stays one row. Returns the number of rows; figures in one column are left."""
    from matplotlib.gridspec import GridSpec

    placed = []
    for ax in fig.axes:
        spec = ax.get_subplotspec()
        if spec is None:
            return 0
        placed.append((ax, spec))
    grids = {id(s.get_gridspec()) for _, s in placed}
    if len(grids) != 1:
        return 0
    grid = placed[0][1].get_gridspec()
    nrows, ncols = grid.get_geometry()
    if ncols == 1:
        return nrows
    ratios = list(grid.get_height_ratios() or [1.0] * nrows)
    order = []  # (axes, height ratio) per new row
    for r in range(nrows):
        in_row = sorted((s.colspan.start, ax) for ax, s in placed if s.rowspan.start == r)
        for _, ax in in_row:
            spec = dict(placed)[ax]
            if spec.rowspan.stop - spec.rowspan.start != 1:
                return 0  # a panel over several rows: leave the figure as drawn
            order.append((ax, ratios[r]))
    new = GridSpec(len(order), 1, figure=fig, height_ratios=[h for _, h in order])
    for i, (ax, _) in enumerate(order):
        ax.set_subplotspec(new[i, 0])
    return len(order)


def narrow_variant(fig: plt.Figure, alt: str) -> str:
    """The figure drawn again for a phone: :data:`NARROW_WIDTH_IN` wide, panels stacked in one
    column, title and footer wrapped to the width, legends in fewer columns. Changes the figure
    (call it last, as :func:`show` does)."""
    import textwrap

    w, h = fig.get_size_inches()
    grid = next((ax.get_subplotspec().get_gridspec() for ax in fig.axes if ax.get_subplotspec()), None)
    before = grid.get_geometry() if grid is not None else (1, 1)
    ratios = list(grid.get_height_ratios() or [1.0] * before[0]) if grid is not None else [1.0]
    rows = _restack(fig)
    scale = NARROW_WIDTH_IN / w
    for text, (raw, chars) in list(_REWRAP.items()):
        if text.figure is fig:
            width = max(int(chars * scale * 1.05), 30)
            text.set_text("\n".join(textwrap.fill(line, width) for line in raw.split("\n")))
    extra = 0.0
    from matplotlib.text import Annotation

    for note in fig.findobj(Annotation):  # a label at a line's end: in lines of a phone's width
        if len(note.get_text()) > 28 and "\n" not in note.get_text():
            note.set_text(textwrap.fill(note.get_text(), 24))
    for legend in fig.findobj(matplotlib.legend.Legend):
        for entry in legend.get_texts():
            if len(entry.get_text()) > 38:
                lines = textwrap.wrap(entry.get_text(), 36)
                entry.set_text("\n".join(lines))
                extra += 0.17 * (len(lines) - 1)
        n = len(legend.get_texts())
        longest = max((len(line) for x in legend.get_texts() for line in x.get_text().split("\n")), default=0)
        was = max(1, legend._ncols)  # type: ignore[attr-defined]
        now = 1 if longest > 18 else min(2, was)
        if now != was:
            _relaid(legend, now)
        extra += (math.ceil(n / now) - math.ceil(n / was)) * 0.24  # each added line of entries
    if rows and before[1] > 1:  # stacked: each panel keeps about its own height
        per = (h - 1.0) / max(sum(ratios), 1e-9)
        new_ratios = [r for r in ratios for _ in range(before[1])][: rows]
        extra += per * (sum(new_ratios) - sum(ratios)) * 0.8
    height = h * 1.08 + 0.35 + extra
    width = NARROW_WIDTH_IN
    out = _fitted(fig, alt, width, height)
    # labels beyond the axes (line ends, a wide legend) widen the saved chart past the figure:
    # take the excess off the plot area until the whole chart fits the phone's width
    for _ in range(3):
        drawn = _drawn_width(out)
        if drawn <= NARROW_MAX_PT or width <= 3.0:
            break
        width = max(3.0, width - (drawn - NARROW_MAX_PT + 6) / 72)
        out = _fitted(fig, alt, width, height)
    return re.sub(r"<svg\b", '<svg class="chart-narrow"', out, count=1)


def _relaid(legend: Any, ncols: int) -> None:
    """The legend drawn again in ``ncols`` columns (a legend packs its entries when made)."""
    parent = legend.axes if legend.axes is not None and legend in legend.axes.get_children() else legend.figure
    texts = [t.get_text() for t in legend.get_texts()]
    kw = {"loc": legend._loc, "ncols": ncols, "frameon": legend.get_frame_on(),  # type: ignore[attr-defined]
          "fontsize": legend.get_texts()[0].get_fontsize() if texts else None,
          "handlelength": legend.handlelength, "title": legend.get_title().get_text() or None}
    handles = legend.legend_handles
    legend.remove()
    parent.legend(handles, texts, **{k: v for k, v in kw.items() if v is not None})


def _drawn_width(svg_text: str) -> float:
    m = re.search(r'<svg\b[^>]*?\swidth="([\d.]+)pt"', svg_text)
    return float(m.group(1)) if m else 0.0


def _fitted(fig: plt.Figure, alt: str, width: float, height: float) -> str:
    """The figure saved at ``width`` x ``height`` inches, made taller until the layout has room for
    every label (constrained layout gives up, and draws nothing in place, when it has none)."""
    import warnings

    for _ in range(5):
        fig.set_size_inches(width, height)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            out = figure_svg(fig, alt)
        if not any("collapsed" in str(w.message) for w in caught):
            return out
        height *= 1.3
    return out


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


def show(fig: plt.Figure, alt: str) -> None:
    """Display a chart in a notebook as inline SVG carrying its text alternative; closes it."""
    from IPython.display import display

    svg = re.sub(r"<svg\b", '<svg class="chart-wide"', figure_svg(fig, alt), count=1)
    narrow = narrow_variant(fig, alt)
    plt.close(fig)
    display({MIME: svg, NARROW_MIME: narrow, "text/plain": alt}, raw=True, metadata={MIME: {"alt": alt}})
