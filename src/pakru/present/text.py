"""The report's words: Jinja2 templates an analyst edits, rendered with the section's facts.

Each section keeps its sentences in ``src/pakru/<section>/text/`` (``trade/text/lead.md.j2``):
Markdown with Jinja2 placeholders and conditionals. A template never types a figure: it names a
fact (``{{ f["trade.sbp.peak"] | money }}``) and a filter writes it in the house style, marked in the
page as ``<data value="1099.07…" data-fact="trade.sbp.peak" title="State Bank of Pakistan, 2026">$1.1
billion</data>``, so one fact can never be shown with two values and a reader can hover any figure for
its source.

Two environments share the templates and filters: :func:`render` gives Markdown for the page (data
strings escaped, figures marked), :func:`plain` gives plain text for chart titles, labels and alt text
(SVG text cannot hold HTML; matplotlib escapes it itself).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
import mistune
import pandas as pd
from markupsafe import Markup

from ..facts import Fact, Facts
from ..facts.model import FactBook, Source
from .numbers import fixed

PACKAGE = Path(__file__).resolve().parents[1]
MINUS = "\u2212"
SMALL = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
QUALIFIER_WORDS = {"more_than": "more than ", "less_than": "less than ", "about": "about "}


class TextError(Exception):
    """A template could not be rendered: a missing fact, a typo in a template, a bad filter use.
    The build turns it into the notebook's one-line error naming the template and line."""


# --- how each kind of figure is written ------------------------------------------------------------

def _digits(v: float, digits: int | None) -> int:
    if digits is not None:
        return digits
    return 0 if abs(v) >= 10 else 1


def money_text(v: float, qualifier: str = "", digits: int | None = None) -> str:
    """USD million as a reader writes it: ``1099.07`` -> ``$1.1 billion``, ``243.9`` -> ``$244
    million``, ``6.01`` -> ``$6.0 million``; a bound or rounding keeps its word."""
    word = QUALIFIER_WORDS.get(qualifier, "")
    sign = MINUS if v < 0 else ""
    a = abs(v)
    if a >= 1000:
        text = fixed(a / 1000, 1 if digits is None else digits)
        if text.endswith(".0") and abs(a - round(a / 1000) * 1000) < 0.5:  # a whole billion: "$2 billion"
            text = text[:-2]
        body = f"${text} billion"
    else:
        body = f"${fixed(a, _digits(a, digits))} million"
    return f"{word}{sign}{body}"


def usd_m_text(v: float, qualifier: str = "", digits: int = 1) -> str:
    """The tables' unit in prose where precision matters: ``1,099.1 USD million``."""
    return f"{QUALIFIER_WORDS.get(qualifier, '')}{fixed(v, digits)} USD million".replace("-", MINUS)


def pct_text(v: float, digits: int | None = None, signed: bool = False) -> str:
    d = _digits(v, digits)
    body = f"{fixed(abs(v), d)}%"
    if signed:
        return ("+" if v > 0 else MINUS if v < 0 else "") + body
    return (MINUS if v < 0 else "") + body


def number_text(v: float | int, digits: int = 0) -> str:
    text = fixed(abs(v), digits)
    return (MINUS if v < 0 else "") + text


def count_text(v: int) -> str:
    """Counts under ten in words (``two cargoes``), larger ones in digits."""
    return SMALL[v] if isinstance(v, int) and 0 <= v < 10 else f"{v:,}"


ORDINALS = ("zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


def ordinal_text(v: int) -> str:
    """``5`` -> ``fifth``; from 11 on ``11th``, ``22nd``."""
    if 0 <= v < len(ORDINALS):
        return ORDINALS[v]
    suffix = "th" if 10 <= v % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(v % 10, "th")
    return f"{v}{suffix}"


def date_text(d: date, precision: str = "day") -> str:
    if precision == "year":
        return str(d.year)
    if precision == "month":
        return f"{MONTHS[d.month - 1]} {d.year}"
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def fact_text(f: Fact, how: str = "", **kw: Any) -> str:
    """The plain words for a fact's value, by its unit unless ``how`` names a style."""
    v = f.value
    how = how or {"USD million": "money", "percent": "pct", "percentage points": "pp", "tonnes": "tonnes",
                  "TIV million": "tiv", "count": "count", "date": "date", "ratio": "ratio",
                  "year": "plain", "text": "plain", "CNY billion": "cny_bn", "barrels": "number"}[f.unit]
    if how == "plain" or v is None:
        return "" if v is None else str(v)
    if how == "date":
        assert isinstance(v, date), f.id
        return date_text(v, kw.get("precision") or (f.period.basis if f.period and f.period.basis in
                                                      ("month", "year") else "day"))
    if how == "count":
        return count_text(int(f.number))
    if how == "ordinal":
        return ordinal_text(int(f.number))
    n = f.number
    word = QUALIFIER_WORDS.get(f.qualifier, "")
    if how == "money":
        return money_text(-n if kw.get("absolute") and n < 0 else n, f.qualifier, kw.get("digits"))
    if how == "usd_m":
        return usd_m_text(abs(n) if kw.get("absolute") else n, f.qualifier, kw.get("digits", 1))
    if how == "pct":
        return word + pct_text(abs(n) if kw.get("absolute") else n, kw.get("digits"), kw.get("signed", False))
    if how == "pp":
        d = kw.get("digits", 1)
        return word + f"{fixed(abs(n) if kw.get('absolute') else n, d)} percentage points".replace("-", MINUS)
    if how == "tonnes":
        if abs(n) >= 1_000_000:  # 1,600,000 -> "1.6 million tonnes"
            text = fixed(n / 1_000_000, kw.get('digits', 1))
            return word + f"{text[:-2] if text.endswith('.0') else text} million tonnes"
        return word + f"{fixed(n)} tonnes"
    if how == "tiv":
        return word + f"{fixed(n, kw.get('digits', 0))} million TIV"
    if how == "ratio":
        return word + f"{fixed(n, kw.get('digits', 1))} times"
    if how == "cny_bn":
        return word + f"CNY {fixed(n, kw.get('digits', 0))} billion"
    if how == "number":
        return word + number_text(abs(n) if kw.get("absolute") else n, kw.get("digits", 0))
    raise TextError(f"no way to write fact {f.id} as {how!r}")


# --- the filters ------------------------------------------------------------------------------------

def _tip(f: Fact) -> str:
    """A figure's tooltip: its sources, period and status."""
    parts = ["; ".join(dict.fromkeys(s.short for s in f.sources))]
    if f.period is not None:
        parts.append(f.period.label)
    if f.qualifier in ("provisional", "revised", "estimate"):
        parts.append(f.qualifier)
    if f.quality == "weak":
        parts.append("weak source")
    return " · ".join(p for p in parts if p)


def _note_cited(ctx: jinja2.runtime.Context, ids: Iterable[str]) -> None:
    """Remember the sources a rendering cites (the printed sources list keeps exactly those)."""
    cited = ctx.get("_cited")
    if isinstance(cited, set):
        cited.update(ids)


def _mark(ctx: jinja2.runtime.Context, f: Any, how: str, **kw: Any) -> Any:
    if not isinstance(f, Fact):
        raise TextError(f"the {how} filter takes a fact, not {type(f).__name__} {f!r}")
    _note_cited(ctx, f.source_ids)
    text = fact_text(f, how, **kw)
    if ctx.get("plain"):
        return text
    return Markup(f'<data value="{html.escape(f.data_value, quote=True)}" data-fact="{html.escape(f.id)}" '
                  f'title="{html.escape(_tip(f), quote=True)}">{html.escape(text)}</data>')


def _filter(how: str):
    @jinja2.pass_context
    def apply(ctx: jinja2.runtime.Context, f: Any, **kw: Any) -> Any:
        return _mark(ctx, f, how, **kw)

    apply.__name__ = how
    return apply


@jinja2.pass_context
def change(ctx: jinja2.runtime.Context, f: Any, digits: int | None = None) -> Any:
    """A percent change in words: ``down 78%``, ``up 12%``, ``unchanged``."""
    if not isinstance(f, Fact):
        raise TextError(f"the change filter takes a fact, not {f!r}")
    word = "up" if f.number > 0 else "down" if f.number < 0 else "unchanged"
    if word == "unchanged":
        return word
    marked = _mark(ctx, f, "pct", digits=digits, absolute=True)
    return Markup(f"{word} {marked}") if not ctx.get("plain") else f"{word} {marked}"


def _anchor(source_id: str) -> str:
    return "src-" + re.sub(r"[^A-Za-z0-9_-]+", "-", source_id)


def _cite_sources(ctx: jinja2.runtime.Context, sources: Iterable[Source], parens: bool) -> Any:
    sources = list(sources)
    _note_cited(ctx, [s.id for s in sources])
    by: dict[str, list[Source]] = {}
    for s in sources:
        by.setdefault(s.publisher, []).append(s)
    if not by:
        return ""
    parts = []
    for pub, items in by.items():
        years = sorted({s.year for s in items if s.year})
        text = f"{pub}, {', '.join(years)}" if years else pub
        weak = all(s.quality == "weak" for s in items)
        if ctx.get("plain"):
            parts.append(text + (", weak source" if weak else ""))
        else:
            parts.append(f'<a class="cite" href="#{_anchor(items[0].id)}">{html.escape(text)}</a>'
                         + ('<span class="weak">, weak source</span>' if weak else ""))
    body = "; ".join(parts)
    if parens:
        body = f"({body})"
    return body if ctx.get("plain") else Markup(body)


@jinja2.pass_context
def cite(ctx: jinja2.runtime.Context, what: Any, parens: bool = True) -> Any:
    """The publishers and years behind a fact, or behind source ids of a data row
    (``"trd-a;trd-b"``), linked to their rows in the sources appendix."""
    if isinstance(what, Fact):
        return _cite_sources(ctx, what.sources, parens)
    facts = ctx.get("f")
    registry = getattr(facts, "sources", None)
    book = FactBook(registry)
    cells = what if isinstance(what, (list, tuple)) else [what]
    sources: list[Source] = []
    for item in cells:
        if isinstance(item, Fact):
            sources.extend(item.sources)
        else:
            sources.extend(book.sources_of(item))
    return _cite_sources(ctx, dict.fromkeys(sources), parens)


def period(f: Any) -> str:
    if isinstance(f, Fact):
        return f.period.label if f.period else ""
    raise TextError(f"the period filter takes a fact, not {f!r}")


def plural(n: Any, one: str, many: str | None = None) -> str:
    """``cargo`` or ``cargoes`` by a count (a fact or a number)."""
    count = n.number if isinstance(n, Fact) else n
    return one if count == 1 else (many or one + "s")


def words(items: Iterable[Any], word: str = "and") -> Any:
    """``a, b and c``; markup stays markup."""
    items = [i for i in items if i not in (None, "")]
    if len(items) <= 1:
        return Markup("".join(str(x) for x in items)) if any(isinstance(i, Markup) for i in items) else \
            "".join(str(x) for x in items)
    joined = ", ".join(str(x) for x in items[:-1]) + f" {word} " + str(items[-1])
    return Markup(joined) if any(isinstance(i, Markup) for i in items) else joined


def day(value: Any, precision: str = "day") -> str:
    """A date from a data row (``11 June 2023``; month or year precision as the row gives it)."""
    if value is None or (not isinstance(value, (str, date)) and pd.isna(value)):
        return ""
    ts = pd.Timestamp(value)
    return date_text(ts.date(), precision if precision in ("day", "month", "year") else "year")


FILTERS = {
    "money": _filter("money"), "usd_m": _filter("usd_m"), "pct": _filter("pct"), "pp": _filter("pp"),
    "tonnes": _filter("tonnes"), "tiv": _filter("tiv"), "count": _filter("count"), "date": _filter("date"),
    "ratio": _filter("ratio"), "ordinal": _filter("ordinal"), "num": _filter("number"), "value": _filter(""),
    "cny_bn": _filter("cny_bn"),
    "change": change, "cite": cite, "period": period, "plural": plural, "words": words, "day": day,
}


# --- templates ----------------------------------------------------------------------------------------

def template_folders() -> dict[str, Path]:
    """``{"trade": src/pakru/trade/text, ...}``: every package folder with a ``text/`` beside it."""
    return {p.parent.name: p for p in sorted(PACKAGE.glob("*/text")) if p.is_dir()}


def _loader() -> jinja2.BaseLoader:
    return jinja2.PrefixLoader({name: jinja2.FileSystemLoader(str(path)) for name, path in
                                template_folders().items()}, delimiter="/")


class _Environment(jinja2.Environment):
    """Jinja's lookups turn a KeyError into an undefined value; a fact that is not there must
    instead say which one it is (:class:`~pakru.facts.FactMissing`)."""

    def getitem(self, obj: Any, argument: Any) -> Any:
        if isinstance(obj, Facts):
            try:
                return obj[argument]
            except KeyError as err:
                raise TextError(str(err)) from None
        return super().getitem(obj, argument)


@cache
def environment(plain: bool = False) -> jinja2.Environment:
    env = _Environment(loader=_loader(), autoescape=not plain, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False,
                             auto_reload=True)
    env.filters.update(FILTERS)
    env.globals["plain"] = plain
    return env


def _context(facts: Facts | Mapping[str, Fact], extra: Mapping[str, Any]) -> dict[str, Any]:
    return {"f": facts, **extra}


def _where(err: BaseException, name: str) -> str:
    import traceback

    line = ""
    for frame in traceback.extract_tb(err.__traceback__):
        if frame.filename.endswith(".j2"):
            line = f", line {frame.lineno}"
    return f"template {name}{line}"


def render(name: str, facts: Facts | Mapping[str, Fact], cited: set[str] | None = None, **extra: Any) -> str:
    """The Markdown a template writes with these facts (figures marked as ``<data>``); the ids of
    the sources it cites are added to ``cited`` when given."""
    try:
        out = environment(False).get_template(name).render(_context(facts, {**extra, "_cited": cited}))
    except TextError as err:
        raise TextError(f"{_where(err, name)}: {err}") from None
    except jinja2.TemplateNotFound as err:
        raise TextError(f"no template {err.name!r} (templates live in src/pakru/<section>/text/)") from None
    except (jinja2.TemplateError, KeyError, TypeError, ValueError, AttributeError) as err:
        raise TextError(f"{_where(err, name)}: {err}") from None
    return tidy(out)


def plain(name: str, facts: Facts | Mapping[str, Fact], block: str | None = None, **extra: Any) -> str:
    """Plain text from a template, or from one ``{% block %}`` of it (a chart's title, alt text)."""
    env = environment(True)
    try:
        tmpl = env.get_template(name)
        ctx = tmpl.new_context(_context(facts, {**extra, "plain": True}))
        if block is None:
            out = tmpl.render(_context(facts, {**extra, "plain": True}))
        else:
            if block not in tmpl.blocks:
                raise TextError(f"template {name} has no block {block!r}")
            out = "".join(tmpl.blocks[block](ctx))
    except TextError:
        raise
    except jinja2.TemplateNotFound as err:
        raise TextError(f"no template {err.name!r} (templates live in src/pakru/<section>/text/)") from None
    except (jinja2.TemplateError, KeyError, TypeError, ValueError, AttributeError) as err:
        raise TextError(f"{_where(err, name)}: {err}") from None
    return " ".join(out.split())


def tidy(markdown: str) -> str:
    """Whitespace a template's conditionals leave: runs of spaces inside a line, spaces before
    punctuation, and more than one blank line."""
    lines = []
    for line in markdown.splitlines():
        stripped = re.sub(r"(?<=\S) {2,}", " ", line.rstrip())
        stripped = re.sub(r" +([,.;:)])", r"\1", stripped)
        lines.append(stripped)
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


_MARKDOWN = mistune.create_markdown(escape=False, plugins=["table", "strikethrough"])


def to_html(markdown: str) -> str:
    """Markdown (with the ``<data>`` and link markup the filters wrote) as HTML."""
    return str(_MARKDOWN(markdown)).strip()
