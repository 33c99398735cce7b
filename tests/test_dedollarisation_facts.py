"""The de-dollarisation section's facts (values recomputed from data/), its templates (rendered
with today's facts and with altered ones) and the facts the front page reads."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pandas as pd
import pytest

from pakru import dedollarisation as dd
from pakru.dedollarisation.facts import load
from pakru.facts import Facts
from pakru.present import text

TEMPLATES = ("lead", "crude", "steps", "thesis", "russia", "world")
CONTEXT = {"shown": True, "statements": True, "swift": True, "cofer": True}
# the evidence engineer's 2024-26 rows (pay-e047..e051), as roles.csv names them
LATER_EVENTS = pd.DataFrame([
    ("pay-e047", "2024-07-03", "day", "statement", "PM thanks Putin for Russian oil", "pay-reuters-2023-06-12"),
    ("pay-e048", "2024-09-01", "month", "statement", "National currencies over 80%", "pay-nmep-2023-10-02"),
    ("pay-e049", "2025-09-02", "day", "statement", "PM: Russian oil imported in 2024", "pay-reuters-2023-06-12"),
    ("pay-e050", "2025-10-09", "day", "statement", "Refineries take trial lots", "pay-reuters-2023-06-12"),
    ("pay-e051", "2025-12-11", "day", "payment policy", "Roadmap for payments", "pay-reuters-2023-06-12"),
], columns=["event_id", "date", "precision", "category", "title", "source_id"]).assign(
    date=lambda f: pd.to_datetime(f["date"]), also_source_ids=None, amount=None, unit=None, currency=None)


@pytest.fixture(scope="module")
def data() -> dict[str, pd.DataFrame]:
    return load()


@pytest.fixture(scope="module")
def p():
    return dd.parameters()


@pytest.fixture(scope="module")
def facts(p, data) -> Facts:
    return dd.facts(p, data)


@pytest.fixture(scope="module")
def later(p, data) -> Facts:
    """The facts with the 2024-26 events in events.csv (they landed in December 2026)."""
    events = data["payment_events"]
    new = LATER_EVENTS[~LATER_EVENTS["event_id"].isin(events["event_id"])]
    return dd.facts(p, {**data, "payment_events": pd.concat([events, new], ignore_index=True)})


@pytest.fixture(scope="module")
def before(p, data) -> Facts:
    """The facts without the 2024-26 events (the templates must read well either way)."""
    events = data["payment_events"]
    return dd.facts(p, {**data, "payment_events": events[~events["event_id"].isin(LATER_EVENTS["event_id"])]})


def words(markdown: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", markdown)).strip()


def assert_clean(out: str) -> None:
    plain = words(out)
    assert "None" not in plain and "nan" not in plain.split() and "{{" not in plain and "{%" not in plain
    assert not re.search(r"\b(\d{4})–\1\b", plain), plain  # no "2023–2023"
    assert not re.search(r"\.\s*\.|,\s*[.,;]|\(\s*\)", plain), plain  # no empty sentence or clause
    assert not re.search(r"[a-z0-9)][.;][A-Z]", plain), plain  # sentences never run together


# --- facts: values, periods, qualifiers, sources -----------------------------------------------------------

def test_yuan_paid_is_the_trial_orders_two_cargoes(facts: Facts) -> None:
    assert facts["payments.crude.g2g_order_tonnes"].value == 100_000
    # the second cargo: 55,000 t (The News, Geo), 56,000 t in the reports citing the Karachi Port Trust
    second, other = facts["payments.crude.last_g2g_cargo_tonnes"], facts["payments.crude.last_g2g_cargo_tonnes_other"]
    assert (second.value, other.value) == (55_000, 56_000) and second.period.label == "27 June 2023"
    assert set(other.source_ids) == {"pay-fmhindi-ians-2023-06", "pay-city42-2023-06-26"}
    assert facts["payments.crude.yuan_paid_cargoes"].value == 2
    assert facts["payments.crude.yuan_paid_tonnes"].value == 45_142 + 55_000
    assert facts["payments.crude.yuan_paid_tonnes"].unit == "tonnes"
    assert facts["payments.crude.first_cargo"].value == date(2023, 6, 11)
    assert facts["payments.crude.last_g2g_cargo"].value == date(2023, 6, 27)
    assert facts["payments.crude.g2g_order"].period.label == "April 2023"
    paid_sources = set(facts["payments.crude.yuan_paid_tonnes"].source_ids)
    assert "pay-nmep-2023-10-02" not in paid_sources  # the weak source of the intended payment is not in it


def test_the_private_refiners_yuan_is_intended_weak_and_apart(facts: Facts) -> None:
    intended = facts["payments.crude.private_intended_tonnes"]
    assert intended.value == 100_000 and intended.period.label == "October 2023"
    assert intended.quality == "weak" and "pay-nmep-2023-10-02" in intended.source_ids
    assert "intended" in intended.definition


def test_dates_have_the_precision_the_evidence_supports(facts: Facts) -> None:
    gone, last = facts["payments.crude.g2g_abandoned"], facts["payments.crude.last_sized_cargo"]
    assert (gone.period.basis, gone.period.label) == ("month", "December 2023")
    assert (last.period.basis, last.period.label) == ("month", "November 2023")
    assert facts["payments.barter.order"].value == date(2023, 6, 1)
    first = facts["payments.barter.first_contracts"]
    assert (first.value.year, first.value.month, first.period.basis) == (2024, 10, "month")
    # the latest barter step: the amending order notified in October 2025 (after the 2 October approval)
    assert facts["payments.barter.latest_step"].period.label == "October 2025"


def test_one_rouble_share_with_its_definition(facts: Facts) -> None:
    latest, previous = facts["payments.rouble_share.exports.latest"], facts["payments.rouble_share.exports.previous"]
    assert (latest.value, latest.period.label, previous.value, previous.period.label) == (53.7, "2025", 41.5, "2024")
    assert latest.unit == "percent" and "export receipts" in latest.definition and "roubles" in latest.definition
    assert latest.source_ids == ("pay-ria-2026-02-16",)


def test_swift_and_cofer_shares(facts: Facts) -> None:
    peak, last = facts["payments.swift.cny_share.peak"], facts["payments.swift.cny_share.latest"]
    assert (peak.value, peak.period.label, peak.period.basis) == (4.74, "July 2024", "month")
    assert last.period.basis == "month"
    weak = facts["payments.swift.weak_months"]  # a student project's extraction, between SWIFT's own months
    assert weak.period.label == "July–September 2025" and weak.value == 3 and weak.quality == "weak"
    assert facts["payments.swift.breaks"].period.label == "March and July 2023"
    cofer = facts["payments.cofer.cny_share.latest"]
    assert round(cofer.value, 2) == 2.12 and cofer.period.label == "2025-Q1" and cofer.quality == "primary"


def test_swap_line(facts: Facts) -> None:
    assert facts["payments.swap.limit"].value == 30 and facts["payments.swap.limit"].period.label == "October 2024"
    assert facts["payments.swap.requested"].value == 10 and facts["payments.swap.first"].value == 10


def test_the_front_page_facts_never_depend_on_the_parameters(facts: Facts, data) -> None:
    narrow = dd.facts(replace(dd.parameters(), start=date(2023, 1, 1), end=date(2023, 6, 30),
                              series=("swift_global",), include_statements=False), data)
    fixed = {k: v for k, v in facts.items() if not k.startswith("payments.window.")}
    assert {k: v for k, v in narrow.items() if not k.startswith("payments.window.")} == fixed
    # the window's facts follow the window: no intended payment (October) in January–June 2023
    assert "payments.window.crude.private_intended_tonnes" not in narrow
    assert narrow["payments.window.crude.yuan_paid_tonnes"].value == 100_142
    assert "payments.window.rouble_share.exports.latest" not in narrow  # the Bank of Russia series not chosen
    assert narrow["payments.window.swift.cny_share.peak"].period.label == "June 2023"


def test_oil_after_2023_from_both_event_files(facts: Facts) -> None:
    """The oil thread's later evidence: the refineries' trial batches (in words, as Interfax quotes
    the minister), the December 2024 remark and denial (from the defence events), the Hormuz
    closure and Pakistan's turn to Saudi Arabia, each with the sources that carry it."""
    refineries, prl = facts["payments.oil.trial_refineries"], facts["payments.oil.trial_batches_prl"]
    assert (refineries.unit, refineries.value, prl.value) == ("text", "five or six", "one or two")
    assert refineries.source_ids == ("pay-interfax-2025-10-09-refineries",)
    assert facts["payments.oil.trial_lots"].value == date(2025, 10, 9)
    steady = facts["payments.oil.steady_deliveries"]
    assert steady.value == date(2024, 12, 4)
    assert set(steady.source_ids) == {"def-oedigital-reuters-2024-12-04", "def-pakobserver-2024-12-ink8"}
    project = facts["payments.oil.refinery_project"]
    assert (project.period.label, project.source_ids) == ("November 2025", ("pay-sputnik-2025-12-16",))
    assert facts["payments.oil.hormuz_closed"].value == date(2026, 2, 28)
    assert facts["payments.oil.yanbu_route"].value == date(2026, 3, 4)


def test_a_role_gives_a_text_fact_and_narrows_its_sources(p, data) -> None:
    roles = pd.DataFrame([
        ("x.words", "pay-e050", "text", None, None, None, None, "why", "five or six", "pay-tass-ru-2025-10-09-roadmap"),
        ("x.blank", "pay-e050", "text", None, None, None, None, "why", "  ", None),
        ("x.when", "def-e130", "date", None, None, None, None, "why", None, None),
        ("x.later", "nowhere-e1", "date", None, None, None, None, "why", None, None),
    ], columns=["fact", "event_id", "unit", "precision", "value", "qualifier", "period", "reason", "quote",
                "source_ids"])
    f = dd.facts(p, {**data, "payment_roles": roles})
    assert f["x.words"].value == "five or six" and f["x.words"].source_ids == ("pay-tass-ru-2025-10-09-roadmap",)
    assert "x.blank" not in f and "x.later" not in f  # no words, or an event not yet in the data: no fact
    assert f["x.when"].value == date(2026, 3, 4) and f["x.when"].source_ids == ("def-dawn-2026-03-04-yanbu",)


def test_swifts_latest_month_names_the_report_that_carries_it(facts: Facts) -> None:
    last = facts["payments.swift.cny_share.latest"]
    assert (last.value, last.period.label, last.source_ids) == (2.94, "November 2025", ("pay-aastocks-2025-12-swift",))
    assert facts["payments.swift.cny_share.latest_reported_by"].value == "AASTOCKS"
    assert "payments.swift.cny_share.peak_reported_by" not in facts  # SWIFT's own figure: no reporter
    said = facts["payments.russia_china.latest_statement_speaker"]
    assert said.value == "Anton Siluanov, finance minister of Russia" and said.period.label == "4 November 2025"


def test_later_evidence_is_read_when_it_lands(before: Facts, later: Facts) -> None:
    for fact_id in ("payments.oil.pm_statement_2024", "payments.national_currencies.h1_2024",
                    "payments.oil.trial_lots", "payments.banking_channels"):
        assert fact_id not in before and fact_id in later
    assert later["payments.oil.pm_statement_2024"].value == date(2025, 9, 2)  # the latest of the two statements
    assert later["payments.oil.pm_statement_2024_astana"].value == date(2024, 7, 3)
    nc = later["payments.national_currencies.h1_2024"]
    assert (nc.value, nc.qualifier, nc.period.label, nc.quality) == (80, "more_than", "the first half of 2024", "weak")
    assert later["payments.national_currencies.before"].qualifier == "less_than"


# --- templates ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", TEMPLATES)
def test_each_template_renders_today_and_without_later_evidence(name: str, before: Facts, later: Facts) -> None:
    for f in (before, later):
        out = text.render(f"dedollarisation/{name}.md.j2", f, **CONTEXT)
        assert_clean(out)
        assert re.search(r"\d", words(out)), name


def test_the_lead_says_yuan_paid_intended_and_the_rouble(before: Facts, later: Facts) -> None:
    lead = words(text.render("dedollarisation/lead.md.j2", before))
    assert 2 <= lead.count(". ") + 1 <= 5
    assert "100,142 tonnes" in lead and "intended" in lead and "53.7%" in lead
    assert "no cargo on record" not in lead and "published size" in lead
    assert "imported Russian oil in 2024" not in lead
    assert "imported Russian oil in 2024" in words(text.render("dedollarisation/lead.md.j2", later))


def test_the_crude_text_weighs_the_dollar_account_and_marks_weak_sources(facts: Facts, later: Facts) -> None:
    out = text.render("dedollarisation/crude.md.j2", facts)
    assert "dollars" in words(out) and "fit if dollars bought the yuan" in words(out)
    assert out.count('class="weak"') >= 1  # the intended payment's weak source is marked
    oil = words(text.render("dedollarisation/crude.md.j2", later))
    assert "Astana" in oil and "trial batches" in oil and "2 September 2025" in oil
    assert "totalling 100,142 tonnes" in oil and "cargoes of 100,142" not in oil
    assert oil.count("56,000") == 1  # the second cargo's other figure, said once
    # the December 2024 remark sits with the denial of the same day, and the Hormuz closure is context
    assert re.search(r"steadily; in the same Reuters report .*denied", oil)
    assert "five or six refineries" in oil and "Hormuz" in oil and "Yanbu" in oil
    assert "says" not in oil.split() and "Prime Minister" in oil


def test_a_template_drops_what_a_missing_fact_cannot_say(facts: Facts) -> None:
    thin = Facts([v for k, v in facts.items() if not k.startswith(("payments.crude.yuan_statement",
                                                                   "payments.crude.dollar_statement",
                                                                   "payments.barter.simplified",
                                                                   "payments.crude.g2g_abandoned"))],
                 facts.sources)
    for name in ("crude", "steps"):
        out = text.render(f"dedollarisation/{name}.md.j2", thin, **CONTEXT)
        assert_clean(out)
    assert "simplified" not in words(text.render("dedollarisation/steps.md.j2", thin))
    assert text.render("dedollarisation/thesis.md.j2", Facts([], facts.sources)).strip() == ""


def test_conditional_words_flip_with_the_rouble(facts: Facts) -> None:
    latest = facts["payments.rouble_share.exports.latest"]
    fell = Facts([*(v for k, v in facts.items() if k != latest.id), replace(latest, value=30.0)], facts.sources)
    assert "up from" in words(text.render("dedollarisation/russia.md.j2", facts, **CONTEXT))
    assert "down from" in words(text.render("dedollarisation/russia.md.j2", fell, **CONTEXT))
    off = words(text.render("dedollarisation/russia.md.j2", facts, **{**CONTEXT, "shown": False}))
    assert "53.7" not in off and off


def test_section_words_stay_in_budget(later: Facts) -> None:
    total = sum(len(words(text.render(f"dedollarisation/{n}.md.j2", later, **CONTEXT)).split()) for n in TEMPLATES)
    assert total <= 1_050  # with chart titles, notes and captions the section stays near 1,400 words


def test_no_process_language_or_ids_in_the_words(later: Facts) -> None:
    for name in TEMPLATES:
        plain = words(text.render(f"dedollarisation/{name}.md.j2", later, **CONTEXT))
        assert not re.search(r"Window:|reader's review|pay-[a-z]|\.csv|pakru", plain), name
        assert not re.search(r"\bheld\b|\b(recorded|used|counted) here\b", plain), name  # the report's own words
    world = words(text.render("dedollarisation/world.md.j2", later, **CONTEXT))
    assert "2.94% in November 2025, as AASTOCKS reported SWIFT's figures" in world


def test_a_fact_named_on_several_roles_rows_takes_the_latest_event(p, data) -> None:
    roles = data["payment_roles"].iloc[::-1].reset_index(drop=True)  # the rows' order must not matter
    f = dd.facts(p, {**data, "payment_roles": roles})
    assert f["payments.oil.pm_statement_2024"].value == date(2025, 9, 2)


def test_chart_frames_list_the_strongest_sources_first(data) -> None:
    from pakru.dedollarisation.frames import strongest_first

    frame = pd.DataFrame({"source_id": ["pay-mmgp-cbr-2023", "pay-interfax-2023-03-22", "pay-swift-rmb-tracker"],
                          "period_start": pd.to_datetime(["2021-01-01", "2022-01-01", "2023-01-01"])})
    out = strongest_first(frame, data["sources"], ["period_start"])
    assert list(out["quality"]) == ["primary", "secondary", "weak"]
    cbr = dd.frames(dd.parameters(), data)["cbr"]
    ranks = cbr["quality"].map({"primary": 0, "secondary": 1, "weak": 2})
    assert ranks.is_monotonic_increasing and cbr["source_id"].iloc[0] != "pay-mmgp-cbr-2023"
