"""Counts and totals that depend on the shipped data in ``data/``, in one place.

Adding or correcting a row in a data file changes a number here, not in the tests that use it.
Tests get this module through the ``facts`` fixture (conftest.py). Each name says which file it
pins.
"""

from __future__ import annotations

# data/payments/events.csv
PAYMENT_EVENTS = 53
# data/payments/statements.csv: statements that give a share
SETTLEMENT_STATEMENTS_WITH_SHARE = 14
# data/payments/claims.csv: topics where the accounts disagree, and the accounts on them
CONFLICTING_TOPICS = 15
CONFLICTING_ACCOUNTS = 42
# data/payments/cargoes.csv
FIRST_CRUDE_VESSEL = "Pure Point"
FIRST_CRUDE_TONNES = 45_142
G2G_ORDER_TONNES = 100_000
G2G_ORDER_CARGOES = 2
G2G_ORDER_DELIVERED_TONNES = 45_142 + 55_000
CRUDE_TONNES = 45_142 + 55_000 + 100_000 + 10_000
# paid in yuan: the trial order's two cargoes; the private refiner's October 2023 cargo was only
# intended to be paid in yuan (weak source), so it is never counted as paid
CRUDE_YUAN_CARGOES = 2
CRUDE_YUAN_TONNES = 45_142 + 55_000
CRUDE_YUAN_INTENDED_TONNES = 100_000
LPG_CARGOES = 2
LPG_CARGOES_WITH_TONNES = 1
LPG_TONNES = 100_000

# data/defence/events.csv
DEFENCE_EVENTS = 131
# the same file without its 2026 rows (events to the end of 2025: what select_events(1948, 2025) returns)
DEFENCE_EVENTS_1948_2025 = 122
DEFENCE_EVENTS_1948_1965 = 4  # 1948, 1956, 1961, 1965
DEFENCE_WEAK_EVENTS = 12
EXERCISES_AND_AGREEMENTS_2010_2025 = 31  # 22 exercises + 9 agreements
EXERCISES_AND_AGREEMENTS_2010_2025_NOT_WEAK = 30  # less the weakly sourced 2015 Arabian Monsoon
DRUZHBA_YEARS = [2016, 2017, 2018, 2019, 2020, 2021, 2024, 2025]
# data/defence/arms_transfers.csv: SIPRI register rows (Soviet Union and Russia to Pakistan)
SIPRI_REGISTER_ROWS = 19
CRUDE_CARGOES = 4
# data/defence/events.csv, split at the 20 Nov 2014 agreement: (before, after)
AGREEMENTS_BEFORE_AFTER_2014 = (0, 9)
EXERCISES_BEFORE_AFTER_2014 = (2, 20)
EVENTS_BEFORE_AFTER_2014 = (45, 86)
# data/defence/arms_transfers.csv: Mi-35M helicopters SIPRI records as delivered (2018)
MI35_DELIVERED = 4

# data/trade/observations.csv: IMF DOTS, Pakistan-reported two-way trade in 2020 (the latest year)
IMF_DOTS_TOTAL_2020 = 762.4

# data/article/claims.csv and every data file the checks read: the verdict each of the article's claims
# gets, by claim id, in the article's order
CLAIM_VERDICTS = {
    "general.anniversary": "supported",
    "general.president_visit": "supported",
    "general.bilawal_visit": "supported",  # Moscow, 29-30 Jan 2023 (The Nation, APP)
    "defence.agreement_2014": "supported",
    "defence.mi35": "supported",
    "defence.su35_interest": "supported",  # interest on record three times; no order came of it
    "defence.druzhba_since_2017": "partly supported",  # held since 2016, not 2017
    "payments.first_cargo": "supported",
    "payments.first_after_sanctions": "supported",  # no crude cargo on record from Feb 2022 to Jun 2023
    "payments.paid_in_yuan": "supported",  # yuan LC; the yuan was bought with dollars
    "trade.growth_34pct": "partly supported",  # the minister's own ratio; fiscal windows; base conflicts with SBP
    "payments.barter": "supported",
    "general.sco": "supported",
    "general.steel_mill": "supported",  # first units in service from 1981: 42 years by 2023
    "general.guddu": "not checkable with the data held",  # dated to the 1980s only
}
# the power minister's counter-claim: dollars bought the yuan, the seller was paid in yuan
DOLLAR_COUNTER_CLAIM_VERDICT = "partly supported"
# the article's theses as the sections' facts and data/article/evidence.csv weigh them (question: verdict,
# confidence): 2023 held for trade and energy but not defence (no Druzhba in 2022-23); since, trade fell to
# 22% of the FY2023-24 peak and Russia's foreign ministry says the record was not held; non-dollar payment
# recurred (barter contracts, October 2024) but the yuan was bought with dollars and the crude route ended
THESIS_VERDICTS = {
    "stronger_than_ever_2023": ("partly held in 2023", "high"),
    "stronger_than_ever_since": ("had not held by March 2026", "high"),
    "de_dollarisation": ("partly borne out by December 2025", "moderate"),
}
