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


# --- citations: publishers and years, never ids -------------------------------------------------
# a publisher a reader knows by a short name; the rest lose their parenthesis ("(copy on …)")
SHORT_PUBLISHERS = (("International Monetary Fund", "IMF"), ("UN Comtrade", "UN Comtrade"),
                    ("SIPRI", "SIPRI"), ("Open Trade Statistics", "Open Trade Statistics"),
                    ("SWIFT", "SWIFT"))


def short_publisher(publisher: str) -> str:
    """``"United Nations Statistics Division (UN Comtrade)"`` -> ``"UN Comtrade"``;
    ``"AFP report (copy on a web server at …)"`` -> ``"AFP report"``."""
    for needle, short in SHORT_PUBLISHERS:
        if needle in publisher and not publisher.startswith(("MMGP", "Trade Representation")):
            return short
    return publisher.split(" (")[0].strip() or publisher


def _year(value: object) -> str:
    if value is None or value != value or str(value) in ("", "NaT", "None"):
        return ""
    return str(value)[:4]


def _years(years: list[str]) -> str:
    ys = sorted({int(y) for y in years if y})
    if not ys:
        return ""
    if len(ys) > 2 and ys[-1] - ys[0] == len(ys) - 1:
        return f"{ys[0]}–{ys[-1]}"
    return ", ".join(str(y) for y in ys)


def citations(source_ids: Iterable[str], sources: object) -> list[tuple[str, str, list[str]]]:
    """(publisher, years, ids) per publisher, in the order the ids first name them. A source's
    year is its publication year, else (a database without one) the year it was read. A string
    is read as one source-id cell (``"a;b"``)."""
    import pandas as pd

    from ..data import source_ids as ids_

    if isinstance(source_ids, str):
        source_ids = ids_.split(source_ids)

    assert isinstance(sources, pd.DataFrame)
    reg = sources if sources.index.name == "source_id" else sources.set_index("source_id")
    by: dict[str, tuple[list[str], list[str]]] = {}
    for sid in dict.fromkeys(source_ids):
        if sid not in reg.index:
            continue
        r = reg.loc[sid]
        year = _year(r.get("published"))
        if not year and str(r.get("kind")) == "statistical database":
            year = _year(r.get("accessed"))
        years, ids = by.setdefault(short_publisher(str(r["publisher"])), ([], []))
        years.append(year)
        ids.append(sid)
    return [(pub, _years(years), ids) for pub, (years, ids) in by.items()]


def cite(source_ids: Iterable[str], sources: object, limit: int = 0) -> str:
    """``"Arab News, 2025; State Bank of Pakistan, 2026"``: the publishers and years behind the
    ids (unknown ids are dropped, never shown). With ``limit``, more publishers than that are
    summed up: ``"Dawn, 2019; … and 12 other publishers"``."""
    cites = [f"{pub}, {years}" if years else pub for pub, years, _ in citations(source_ids, sources)]
    if limit and len(cites) > limit:
        rest = len(cites) - limit
        return "; ".join(cites[:limit]) + f"; and {rest} other publisher{'s' if rest != 1 else ''}"
    return "; ".join(cites)


# --- abbreviations: spelled out at first use ---------------------------------------------------
GLOSSARY = {
    "SBP": "State Bank of Pakistan", "PBS": "Pakistan Bureau of Statistics",
    "MoC": "Ministry of Commerce", "SRO": "statutory regulatory order", "ECC": "Economic Coordination Committee",
    "LC": "letter of credit", "LCs": "letters of credit", "G2G": "government-to-government",
    "DOTS": "Direction of Trade Statistics", "IMTS": "International Merchandise Trade Statistics",
    "TIV": "trend-indicator value", "FPCCI": "Federation of Pakistan Chambers of Commerce and Industry",
    "PRL": "Pakistan Refinery Limited", "LPG": "liquefied petroleum gas", "COFER": "Currency Composition of "
    "Official Foreign Exchange Reserves", "HS": "Harmonized System", "SPFS": "System for Transfer of "
    "Financial Messages", "CIPS": "Cross-border Interbank Payment System",
}


class Abbreviations:
    """Spell each abbreviation out the first time a section uses it::

        ab = Abbreviations()            # one per section
        ab("SBP")  # -> "State Bank of Pakistan (SBP)"
        ab("SBP")  # -> "SBP"
    """

    def __init__(self, glossary: dict[str, str] | None = None) -> None:
        self.glossary = dict(GLOSSARY if glossary is None else glossary)
        self.seen: set[str] = set()

    def __call__(self, abbreviation: str) -> str:
        if abbreviation in self.seen or abbreviation not in self.glossary:
            return abbreviation
        self.seen.add(abbreviation)
        return f"{self.glossary[abbreviation]} ({abbreviation})"

    def text(self, sentence: str) -> str:
        """The sentence with each glossary abbreviation it contains spelled out at its first use
        in this section (whole words only)."""
        import re

        def one(m: re.Match[str]) -> str:
            return self(m.group(0))

        pattern = r"\b(" + "|".join(re.escape(a) for a in sorted(self.glossary, key=len, reverse=True)) + r")\b"
        return re.sub(pattern, one, sentence)


def first_uses(text: str, glossary: dict[str, str] | None = None) -> list[str]:
    """The glossary abbreviations ``text`` uses before (or without) spelling them out: an
    abbreviation counts as spelled out where its first use reads ``"<full name> (<abbr>)"``."""
    import re

    gl = GLOSSARY if glossary is None else glossary
    bad = []
    for abbr, full in gl.items():
        m = re.search(rf"\b{re.escape(abbr)}\b", text)
        if m and not re.search(re.escape(full) + r"\s*\(" + re.escape(abbr) + r"\)", text[:m.end() + 1], re.I):
            bad.append(abbr)
    return bad
