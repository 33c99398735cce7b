"""The schema of every dataset in ``data/``, declared once.

Loading (``pakru.data.datasets``), the data-package descriptor (``data/datapackage.json``) and the
documentation all read these declarations; nothing else describes a column.
"""

from __future__ import annotations

from .columns import Column, Kind, Schema, _c, _opt

__all__ = ["Column", "Kind", "Schema", "DATASETS", "SOURCES", "CURRENCIES", "COVERAGE", "QUALIFIERS"]

# ISO 4217 codes that occur in Pakistan–Russia payments and the reserve/payment statistics,
# plus the two aggregates the Bank of Russia and SWIFT publish. A code outside this set is
# far more likely a typo than a new currency in this report, so the load stops on it.
CURRENCIES: tuple[str, ...] = (
    "USD", "EUR", "CNY", "RUB", "PKR", "AED", "GBP", "JPY", "CHF", "CAD", "AUD", "HKD",
    "SGD", "INR", "IRR", "AFN", "KZT", "TRY", "SEK", "NOK", "DKK", "PLN", "NZD", "MXN",
    "THB", "ZAR", "KRW", "SAR", "BYN",
    "USD+EUR",  # Bank of Russia: "US dollar and euro" shown together
    "OTHER",    # the residual group a publisher reports without naming currencies
)


_PRECISION = ("day", "month", "year")
# month: one calendar month (a statistic published monthly, e.g. SBP's country workbooks); a
# cumulative window inside a fiscal year (July–March) stays basis fiscal
_BASIS = ("calendar", "fiscal", "month")
_REPORTER = ("PAK", "RUS", "unstated")
# Some State Bank of Pakistan totals include services; a goods-only series and a goods-and-services
# one measure different things, so every trade figure says which it is and none may be compared
# across the two.
COVERAGE = ("goods", "goods and services")


# The qualifier of a trade figure: a bound (the figure is a limit, not a value), a rounding, or the
# publisher's status of an exact value. Only bounds are kept out of series and sums.
BOUND_QUALIFIERS = ("more_than", "less_than")
STATUS_QUALIFIERS = ("provisional", "revised", "estimate")
QUALIFIERS = (*BOUND_QUALIFIERS, "about", *STATUS_QUALIFIERS)


def _coverage() -> Column:
    return _c("coverage", choices=COVERAGE,
              description="what the figure covers as published: goods only, or goods and services")


def _key_columns() -> tuple[Column, Column]:
    """The editorial choice of which events are "key" (drawn and labelled on a section's strip of key
    dates; every event stays in the appendix table), kept with the data rather than in code."""
    return (
        _opt("key_label", description="short label (at most about 45 characters) for the strip of key dates; "
                                      "empty = not a key event"),
        _opt("key_reason", description="why the event is key, one short clause; filled exactly when key_label is"),
    )

SOURCES = Schema(
    name="sources",
    path="sources.csv",
    title="Source registry: every publisher, document and database a figure comes from",
    columns=(
        _c("source_id", description="short stable id, lower case, e.g. imf-dots-pak"),
        _c("publisher"),
        _c("title"),
        _c("url", description="where a reader can follow the source (http or https)"),
        _opt("published", "date", description="publication date where the source shows one"),
        _c("accessed", "date", description="date the figure was read for this project"),
        _c("kind", choices=("statistical database", "statistical release", "official statement", "news report",
                            "reference work")),
        _c("quality", choices=("primary", "secondary", "weak")),
        _opt("licence"),
        _opt("note"),
    ),
    key=("source_id",),
    source_columns=(),
)

TRADE_OBSERVATIONS = Schema(
    name="trade_observations",
    path="trade/observations.csv",
    title="Pakistan–Russia trade: one published figure per row",
    description=(
        "flow: exports = Pakistan to Russia, imports = Russia to Pakistan, total = two-way "
        "turnover, balance = exports minus imports. A partial window (e.g. July–May) is its "
        "own period. Fiscal years run July–June. coverage says whether services are included; "
        "figures of different coverage are never compared."
    ),
    columns=(
        _c("flow", choices=("exports", "imports", "total", "balance")),
        _c("period_start", "date"),
        _c("period_end", "date"),
        _c("basis", choices=_BASIS),
        _coverage(),
        _c("reporter", choices=_REPORTER, description="whose statistics the figure comes from"),
        _c("value", "number"),
        _opt("qualifier", choices=QUALIFIERS,
             description="empty = the value as published; more_than/less_than = the figure was a bound; about = "
                         "rounded; provisional/revised = the publisher's mark on an exact value; estimate = the "
                         "compiler's (e.g. the IMF's) estimate, not a figure the reporter published"),
        _c("unit", choices=("USD million",)),
        _c("series", choices=(
            "IMF DOTS", "IMF IMTS", "UN Comtrade", "Pakistan MoC", "SBP", "SBP, goods settled through banks", "PBS",
            "Pakistan official",
            "Russian official", "Business body", "Press analysis",
        ), description="the statistical series or kind of statement the figure belongs to"),
        _c("source_id"),
        _opt("note"),
    ),
    key=("flow", "period_start", "period_end", "basis", "coverage", "reporter", "source_id"),
    ordered_dates=(("period_start", "period_end"),),
    extra_checks=("basis_window", "nonnegative_flows"),
)

TRADE_COMPOSITION = Schema(
    name="trade_composition",
    path="trade/composition.csv",
    title="What is traded each way: product groups, HS chapters and ministry goods lists",
    columns=(
        _c("flow", choices=("exports", "imports")),
        _c("period_start", "date"),
        _c("period_end", "date"),
        _c("basis", choices=_BASIS),
        _c("reporter", choices=_REPORTER),
        _c("classification", choices=("HS2", "OTS group", "goods list", "product group")),
        _opt("product_code"),
        _c("product"),
        _opt("value", "number", minimum=0),
        _opt("unit", choices=("USD million",)),
        _c("source_id"),
        _opt("note"),
    ),
    key=("flow", "period_start", "period_end", "reporter", "classification", "product", "source_id"),
    ordered_dates=(("period_start", "period_end"),),
    extra_checks=("basis_window", "value_has_unit"),
)

PAKISTAN_TOTALS = Schema(
    name="pakistan_totals",
    path="trade/pakistan_totals.csv",
    title="Pakistan's total goods trade with the world, for Russia's share",
    columns=(
        _c("flow", choices=("exports", "imports")),
        _c("period_start", "date"),
        _c("period_end", "date"),
        _c("basis", choices=_BASIS),
        _coverage(),
        _c("compiler", choices=("PBS", "SBP"), description="PBS = customs basis; SBP = payments basis"),
        _c("value", "number", minimum=0),
        _c("unit", choices=("USD million",)),
        _c("source_id"),
        _opt("note"),
    ),
    key=("flow", "period_start", "period_end", "coverage", "compiler", "source_id"),
    ordered_dates=(("period_start", "period_end"),),
    extra_checks=("basis_window",),
)

TRADE_WEIGHINGS = Schema(
    name="trade_weighings",
    path="trade/weighings.csv",
    title="Trade: which of two conflicting figures the report uses, and why (an editorial choice)",
    description=(
        "One row per figure in a weighed conflict. The figure itself is read from the dataset the row "
        "names, found by its flow, period, coverage, product (a composition product or a claims topic) "
        "and source_ids (two ids joined by ';' sum a pair of export and import rows). verdict: used, "
        "shown (given beside the other, neither used as a level) or not used; reason says why, in words."
    ),
    columns=(
        _c("weighing", description="the conflict's id, shared by its figures"),
        _c("question", description="what the figures answer, as a reader asks it"),
        _c("figure", description="a short label of this figure within the conflict"),
        _c("dataset", choices=("trade_observations", "trade_composition", "payment_claims")),
        _opt("flow", choices=("exports", "imports", "total")),
        _opt("period_start", "date"),
        _opt("period_end", "date"),
        _opt("coverage", choices=COVERAGE),
        _opt("product"),
        _c("source_ids", description="the figure's source id, or the ids of a pair of rows joined by ';'"),
        _c("verdict", choices=("used", "shown", "not used")),
        _c("reason"),
    ),
    key=("weighing", "figure"),
    ordered_dates=(("period_start", "period_end"),),
    source_columns=("source_ids",),
)

TRADE_DRIVERS = Schema(
    name="trade_drivers",
    path="trade/drivers.csv",
    title="Trade: the events the section names when it says what drove the peak and the fall (an editorial choice)",
    description=("event_id names a row of payments/events.csv or defence/events.csv; role says which finding "
                 "the event supports: wheat, wheat_paid (how the wheat was paid, by period), trial (the "
                 "government's crude order), crude_share (an official's word on crude's part in the peak), "
                 "fall, after_ban (wheat after the July 2024 ban), calendar (an official's word on calendar "
                 "2024, set against the fiscal years), or after. An event may serve two roles, one row each. "
                 "figure is a number the event's statement gives (its amount, or one its detail states), "
                 "written by the text from here, never typed in a template."),
    columns=(
        _c("event_id"),
        _c("role", choices=("wheat", "wheat_paid", "trial", "crude_share", "fall", "after_ban", "calendar",
                            "after")),
        _c("label", description="the event in a few words, as the text names it"),
        _opt("figure", "number", description="a number the event's statement gives, for the text to write"),
        _opt("figure_unit", choices=("percent",), description="the unit of figure"),
        _opt("figure_qualifier", choices=QUALIFIERS, description="a bound or rounding the statement puts on figure"),
    ),
    key=("event_id", "role"),
    source_columns=(),
    event_columns=("event_id",),
)

PAYMENT_EVENTS = Schema(
    name="payment_events",
    path="payments/events.csv",
    title="Pakistan's steps away from the dollar in trade with Russia, and their context",
    columns=(
        _c("event_id"),
        _c("date", "date"),
        _c("precision", choices=_PRECISION),
        _c("category", choices=("oil and LPG cargo", "payment policy", "barter", "swap line", "statement")),
        _c("title"),
        _opt("detail"),
        _opt("amount", "number", minimum=0),
        _opt("unit"),
        _opt("currency", choices=CURRENCIES),
        _c("source_id"),
        _opt("also_source_ids"),
        _opt("note"),
        *_key_columns(),
    ),
    key=("event_id",),
    source_columns=("source_id", "also_source_ids"),
    precision_dates=(("date", "precision"),),
    extra_checks=("amount_has_unit",),
)

CARGOES = Schema(
    name="cargoes",
    path="payments/cargoes.csv",
    title="Russian crude and LPG cargoes to Pakistan, one row per cargo",
    columns=(
        _c("cargo_id"),
        _opt("vessel"),
        _c("arrival_date", "date"),
        _c("precision", choices=_PRECISION),
        _c("product", choices=("crude oil", "LPG", "gasoline")),
        _opt("tonnes", "number", minimum=0),
        _opt("buyer"),
        _opt("grade"),
        _opt("currency", choices=CURRENCIES, description="currency of payment as the source states it"),
        _opt("bank"),
        _opt("order", description="the purchase order the cargo belongs to"),
        _opt("order_tonnes", "number", minimum=0,
             description="size of that purchase order in tonnes, as published (a number, not read from prose)"),
        _c("source_id"),
        _opt("also_source_ids"),
        _opt("note"),
    ),
    key=("cargo_id",),
    source_columns=("source_id", "also_source_ids"),
    precision_dates=(("arrival_date", "precision"),),
)

PAYMENT_CLAIMS = Schema(
    name="payment_claims",
    path="payments/claims.csv",
    title="Conflicting claims: rows sharing a topic are competing reports of one fact",
    columns=(
        _c("topic"),
        _c("claim"),
        _opt("value"),
        _c("source_id"),
        _opt("note"),
    ),
    key=("topic", "source_id"),
)

CURRENCY_SHARES = Schema(
    name="currency_shares",
    path="payments/currency_shares.csv",
    title="Currency shares of Russia's trade payments, of SWIFT payments and of IMF reserves",
    columns=(
        _c("series", choices=("cbr_exports", "cbr_imports", "swift_global", "swift_ex_ez", "imf_cofer")),
        _c("period_start", "date"),
        _c("period_end", "date"),
        _c("period_type", choices=("month", "quarter", "year", "point")),
        _c("currency", choices=CURRENCIES),
        _c("share_pct", "number", minimum=0, maximum=100),
        _opt("break", "boolean", description="true on the first observation after the series changed definition"),
        _opt("break_note"),
        _c("source_id"),
        _opt("note"),
    ),
    key=("series", "currency", "period_start", "period_end"),
    ordered_dates=(("period_start", "period_end"),),
)

SETTLEMENT_STATEMENTS = Schema(
    name="settlement_statements",
    path="payments/settlement_statements.csv",
    title="Officials' statements of the rouble-and-yuan share of Russia–China settlements",
    columns=(
        _c("statement_id"),
        _c("date", "date"),
        _c("precision", choices=_PRECISION),
        _c("speaker"),
        _opt("role"),
        _opt("share_pct", "number", minimum=0, maximum=100),
        _opt("qualifier", choices=("more_than", "less_than", "about")),
        _c("claim"),
        _c("source_id"),
        _opt("also_source_ids"),
        _opt("note"),
    ),
    key=("statement_id",),
    source_columns=("source_id", "also_source_ids"),
    precision_dates=(("date", "precision"),),
)

PAYMENT_ROLES = Schema(
    name="payment_roles",
    path="payments/roles.csv",
    title="Which payment event states which finding of the de-dollarisation section, and why",
    description="Editorial choices as data: each row names a fact the section states and the event in "
                "payments/events.csv (or defence/events.csv) it rests on; a fact named on several rows takes "
                "the latest event.",
    columns=(
        _c("fact", description="the fact's id, e.g. payments.barter.order"),
        _c("event_id", description="an event_id of payments/events.csv or defence/events.csv"),
        _c("unit", choices=("date", "percent", "text")),
        _opt("precision", choices=_PRECISION, description="the date's precision when coarser than the event's"),
        _opt("value", "number", minimum=0,
             description="a figure the event states that its amount column does not hold"),
        _opt("qualifier", choices=("more_than", "less_than", "about")),
        _opt("period", description="the period the value covers, as the report writes it"),
        _c("reason", description="why this event states the finding"),
        _opt("quote", description="for a text fact: the words the source gives, as the report quotes them "
                                  "(e.g. a count in words, 'five or six')"),
        _opt("source_ids", description="the event's sources that carry this finding, ';'-separated, when "
                                       "not all of them do"),
    ),
    key=("fact", "event_id"),
    source_columns=("source_ids",),
    event_columns=("event_id",),
)

DEFENCE_EVENTS = Schema(
    name="defence_events",
    path="defence/events.csv",
    title="Pakistan–Soviet/Russian defence and political cooperation, 1948 onwards",
    columns=(
        _c("event_id"),
        _c("date", "date", description="ISO date; for month/year/decade precision the first day"),
        _c("precision", choices=("day", "month", "year", "decade")),
        _opt("end_date", "date"),
        _c("category", choices=("agreement", "arms transfer", "exercise", "visit", "diplomacy", "energy", "economic")),
        _c("title"),
        _opt("detail"),
        _opt("location"),
        _opt("exercise_series", description="e.g. Druzhba, Arabian Monsoon, AMAN, Peace Mission"),
        _opt("participants"),
        _c("source_id"),
        _opt("also_source_ids"),
        _opt("note"),
        *_key_columns(),
    ),
    key=("event_id",),
    ordered_dates=(("date", "end_date"),),
    source_columns=("source_id", "also_source_ids"),
    precision_dates=(("date", "precision"),),
)

ARMS_TRANSFERS = Schema(
    name="arms_transfers",
    path="defence/arms_transfers.csv",
    title="SIPRI trade register: Soviet and Russian arms transfers to Pakistan",
    columns=(
        _c("supplier", choices=("Soviet Union", "Russia")),
        _c("order_year", "integer", minimum=1947, maximum=2100),
        _opt("order_year_uncertain", "boolean"),
        _opt("number_ordered", "integer", minimum=0),
        _opt("number_ordered_uncertain", "boolean"),
        _c("designation"),
        _c("description"),
        _opt("number_delivered", "integer", minimum=0),
        _opt("number_delivered_uncertain", "boolean"),
        _opt("delivery_years", description="years separated by '; ' as SIPRI writes them"),
        _opt("status"),
        _opt("comments"),
        _opt("tiv_per_unit", "number", minimum=0),
        _opt("tiv_order", "number", minimum=0),
        _opt("tiv_delivered", "number", minimum=0),
        _c("source_id"),
    ),
    # SIPRI lists some designs twice in one order year (separate deals), so the key needs the
    # numbers and delivery years as well
    key=("supplier", "order_year", "designation", "number_ordered", "delivery_years"),
)

ARMS_IMPORTS_TIV = Schema(
    name="arms_imports_tiv",
    path="defence/arms_imports_tiv.csv",
    title="Pakistan's arms imports by supplier and year, SIPRI trend-indicator values",
    columns=(
        _c("supplier", description="supplier as SIPRI names it; 'Total' = all suppliers"),
        _c("year", "integer", minimum=1947, maximum=2100),
        _c("tiv", "number", minimum=0, description="SIPRI TIV, millions"),
        _c("source_id"),
        _opt("note"),
    ),
    key=("supplier", "year"),
)

SUPPLIER_SHARES = Schema(
    name="supplier_shares",
    path="defence/supplier_shares.csv",
    title="Suppliers' shares of Pakistan's (and, for context, India's) arms imports over SIPRI's five-year windows, "
          "as published",
    description=(
        "One row per recipient, supplier and five-year window: the supplier's share of the recipient's imports of "
        "major arms (SIPRI trend-indicator values) as SIPRI's annual 'Trends in International Arms Transfers' release "
        "states it. The recipient is Pakistan, or India for context (Russia's largest customer in the region); "
        "read from SIPRI's own page where one was seen, else from press reports quoting the release. SIPRI "
        "revises its database every year, so the same window may carry another share in a later release "
        "(release says which)."),
    columns=(
        # India as recipient: Russia's largest customer in the region, for context beside Pakistan
        _c("recipient", choices=("Pakistan", "India")),
        _c("window_start", "integer", minimum=1950, maximum=2100, description="first year of the window"),
        _c("window_end", "integer", minimum=1950, maximum=2100, description="last year of the window"),
        _c("supplier", description="supplier as SIPRI names it"),
        _c("share_pct", "number", minimum=0, maximum=100),
        _opt("qualifier", choices=("about",), description="empty = the share as published"),
        _c("release", description="the SIPRI release the figure comes from, e.g. 'Trends in International Arms "
                                  "Transfers, 2025 (March 2026)'"),
        _c("source_id"),
        _opt("note"),
    ),
    key=("recipient", "window_start", "window_end", "supplier", "source_id"),
    ordered_dates=(("window_start", "window_end"),),
)

IMPORTER_STANDING = Schema(
    name="importer_standing",
    path="defence/importer_standing.csv",
    title="Pakistan's (and, for context, India's) standing among the world's arms importers in SIPRI's five-year "
          "windows, as published",
    description=(
        "One row per recipient, window and measure, as a SIPRI 'Trends in International Arms Transfers' release "
        "states it (read from press reports of the release where SIPRI's own page was not seen). change_pct: the "
        "change in the volume of the recipient's imports of major arms against the previous five-year window; "
        "world_rank: its rank among the world's importers (1 = largest); world_share_pct: its share of all "
        "international arms imports in the window; share_of_china_exports_pct: the share of China's exports of "
        "major arms in the window that went to the recipient (a measure of the recipient's weight for China as a "
        "supplier, not of China's weight for the recipient, which supplier_shares holds). SIPRI revises its data "
        "every year, so a "
        "later release may give another value for the same window (release says which)."),
    columns=(
        _c("recipient", choices=("Pakistan", "India")),
        _c("window_start", "integer", minimum=1950, maximum=2100, description="first year of the window"),
        _c("window_end", "integer", minimum=1950, maximum=2100, description="last year of the window"),
        _c("measure", choices=("change_pct", "world_rank", "world_share_pct", "share_of_china_exports_pct"),
           description="change_pct = % change in import volume on the previous five-year window; world_rank = "
                       "rank among importers; world_share_pct = % of world arms imports; share_of_china_exports_pct = "
                       "% of China's exports of major arms in the window that went to the recipient"),
        _c("value", "number", description="the figure as published (a rank is a whole number; a fall is negative)"),
        _c("release", description="the SIPRI release the figure comes from, e.g. 'Trends in International Arms "
                                  "Transfers, 2025 (March 2026)'"),
        _c("source_id"),
        _opt("note"),
    ),
    key=("recipient", "window_start", "window_end", "measure", "source_id"),
    ordered_dates=(("window_start", "window_end"),),
)

STANDING_THREADS = Schema(
    name="standing_threads",
    path="overview/threads.csv",
    title="Where things stand: the threads of 2025-26 the front page follows, each a list of dated events",
    description=(
        "An editorial choice kept as data: which recent events the front page's dated paragraph names, grouped by "
        "thread. event_ids name rows of payments/events.csv and defence/events.csv, which carry the sources."),
    columns=(
        _c("thread", description="the thread's name as the page shows it"),
        _c("order", "integer", minimum=1, maximum=99, description="its place on the page"),
        _c("event_ids", description="event ids separated by ';', in the order the page names them"),
        _opt("note", description="why the thread is followed, for the editor"),
    ),
    key=("thread",),
    source_columns=(),
    event_columns=("event_ids",),
)

ARTICLE_CLAIMS = Schema(
    name="article_claims",
    path="article/claims.csv",
    title="The checkable claims of the article the report answers, in the article's order",
    description=(
        "An editorial choice kept as data: each claim of the Arab News opinion article of 2023 ('75 years on, "
        "Pakistan-Russia relations are stronger than ever') that the claims check tests. claim_id names the check "
        "(src/pakru/article/checks) and its finding's template (src/pakru/article/text/claims/<claim_id>.md.j2)."),
    columns=(
        _c("claim_id", description="the check's stable id, <section>.<name>, e.g. defence.mi35"),
        _c("order", "integer", minimum=1, maximum=99, description="the claim's place in the article"),
        _c("claim", description="the claim in the report's words"),
        _opt("article_quote", description="the article's own words, a short quote"),
        _c("topic", description="the claim in a few words, for sentences that name several claims"),
    ),
    key=("claim_id",),
    source_columns=(),
)

ARTICLE_EVIDENCE = Schema(
    name="article_evidence",
    path="article/evidence.csv",
    title="The dated events the claims check weighs for and against the article's two theses",
    description=(
        "An editorial choice kept as data: each row names an event of payments/events.csv or defence/events.csv "
        "(which carry the sources), the question it bears on (in_2023: was the relationship 'stronger than ever' "
        "in 2023; since_2023: has that held since; de_dollarisation: is the yuan payment part of a pattern), on "
        "which side, and the fact id the report gives it. The sections' facts are the rest of the evidence."),
    columns=(
        _c("fact", description="the fact's id, theses.evidence.<name>"),
        _c("event_id", description="an event_id of payments/events.csv or defence/events.csv"),
        _c("question", choices=("in_2023", "since_2023", "de_dollarisation")),
        _c("side", choices=("for", "against")),
        _c("label", description="the event in a few words, as the text names it"),
        _c("reason", description="why the event bears on the question"),
        _opt("period_start", "date", description="where the event's own date is coarser than what it reports (a "
             "first-quarter figure dated to its year): the first day it covers"),
        _opt("period_end", "date", description="the last day it covers; filled exactly when period_start is"),
        _opt("source_ids", description="the event's sources the text cites for the row's words (empty: the "
             "event's own source_id)"),
        _opt("figure_fact", description="the fact whose value stands for {figure} in the label (a figure is never "
             "typed into a label: the same statement's figure is a fact of its section)"),
    ),
    key=("fact",),
    ordered_dates=(("period_start", "period_end"),),
    source_columns=("source_ids",),
    event_columns=("event_id",),
)

DATASETS: dict[str, Schema] = {
    s.name: s
    for s in (
        SOURCES,
        TRADE_OBSERVATIONS,
        TRADE_COMPOSITION,
        PAKISTAN_TOTALS,
        TRADE_WEIGHINGS,
        TRADE_DRIVERS,
        PAYMENT_EVENTS,
        CARGOES,
        PAYMENT_CLAIMS,
        CURRENCY_SHARES,
        SETTLEMENT_STATEMENTS,
        PAYMENT_ROLES,
        DEFENCE_EVENTS,
        ARMS_TRANSFERS,
        ARMS_IMPORTS_TIV,
        SUPPLIER_SHARES,
        IMPORTER_STANDING,
        STANDING_THREADS,
        ARTICLE_CLAIMS,
        ARTICLE_EVIDENCE,
    )
}
