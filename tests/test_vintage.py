"""Data vintage per publisher group and the refresh status of `pakru update`, as the title block
and the manifest show them."""

from __future__ import annotations

import pandas as pd

from pakru.data import vintage


def _sources() -> pd.DataFrame:
    return pd.DataFrame({
        "publisher": ["International Monetary Fund", "International Monetary Fund",
                      "Stockholm International Peace Research Institute (SIPRI)", "Dawn",
                      "MMGP forum (relaying a Bank of Russia analytical note)", "Ministry of Foreign Affairs, Pakistan",
                      "Open Trade Statistics (Mauricio Vargas)", "United Nations Statistics Division (UN Comtrade)"],
        "kind": ["statistical database", "statistical database", "statistical database", "news report",
                 "news report", "official statement", "statistical database", "statistical database"],
        "accessed": pd.to_datetime(["2026-11-20", "2026-11-27", "2026-03-10", "2026-10-01", "2026-10-05",
                                    "2026-09-09", "2026-02-01", "2026-01-15"]),
    })


def test_vintage_is_the_latest_access_per_group_statistics_first() -> None:
    assert vintage.by_publisher(_sources()) == {
        "IMF": "2026-11-27", "UN Comtrade": "2026-02-01", "SIPRI": "2026-03-10",
        "officials": "2026-09-09", "press": "2026-10-05"}
    assert list(vintage.by_publisher(_sources())) == ["IMF", "UN Comtrade", "SIPRI", "officials", "press"]


def test_a_news_report_relaying_a_central_bank_is_press() -> None:
    assert vintage.publisher_group("MMGP forum (relaying a Bank of Russia analytical note)", "news report") == "press"
    assert vintage.publisher_group("SWIFT", "statistical database") == "SWIFT"


def test_missing_access_dates_are_skipped() -> None:
    frame = _sources()
    frame.loc[0:1, "accessed"] = pd.NaT
    assert "IMF" not in vintage.by_publisher(frame)
    assert vintage.vintage_text({}) == "unknown"


def test_failed_refresh_says_when_data_last_came_and_why_the_latest_failed() -> None:
    status = {"format": 1, "sources": {
        "imf": {"publisher": "International Monetary Fund", "last_attempt_utc": "2026-11-29T05:00:00Z", "ok": False,
                "exit_code": 7, "error": "update imf: cannot reach dataservices.imf.org (timed out)",
                "last_success_utc": "2026-11-28T05:00:00Z", "last_success": {"added": 6, "changed": 1}},
        "comtrade": {"publisher": "UN Comtrade", "last_attempt_utc": "2026-11-29T05:00:00Z", "ok": True,
                     "exit_code": 0, "error": None, "last_success_utc": "2026-11-29T05:00:00Z"}}}
    assert vintage.refresh_lines(status) == [
        "UN Comtrade: last refreshed 2026-11-29 05:00 UTC.",
        "International Monetary Fund: last refreshed 2026-11-28 05:00 UTC; the latest refresh "
        "(2026-11-29 05:00 UTC) failed (exit 7): update imf: cannot reach dataservices.imf.org (timed out).",
    ]


def test_a_source_that_never_succeeded_says_so() -> None:
    status = {"sources": {"imf": {"publisher": "IMF", "ok": False, "exit_code": 7, "error": "HTTP 503",
                                  "last_attempt_utc": "2026-11-29T05:00:00Z", "last_success_utc": None}}}
    assert vintage.refresh_lines(status) == [
        "IMF: never refreshed; the latest refresh (2026-11-29 05:00 UTC) failed (exit 7): HTTP 503."]
    assert vintage.refresh_text({"format": 1, "sources": {}}).startswith("no 'pakru update' recorded")


def test_data_through_is_the_latest_period_per_publisher_not_the_access_date() -> None:
    sources = pd.DataFrame({
        "source_id": ["trd-imf", "trd-news", "def-sipri", "pay-dawn"],
        "publisher": ["International Monetary Fund", "Business Recorder",
                      "Stockholm International Peace Research Institute (SIPRI)", "Dawn"],
        "kind": ["statistical database", "news report", "statistical database", "news report"],
        "accessed": pd.to_datetime(["2026-11-30"] * 4)})
    frames = {
        "trade_observations": pd.DataFrame({
            "period_start": pd.to_datetime(["2019-01-01", "2020-01-01", "2023-07-01"]),
            "period_end": pd.to_datetime(["2019-12-31", "2020-12-31", "2024-06-30"]),
            "source_id": ["trd-imf", "trd-imf", "trd-news"], "note": ["", "", ""]}),
        "pakistan_totals": pd.DataFrame({
            "period_start": pd.to_datetime(["2024-07-01", "2025-07-01"]),
            "period_end": pd.to_datetime(["2025-06-30", "2026-03-31"]),
            "compiler": ["SBP", "SBP"], "source_id": ["trd-news", "trd-news"],
            "note": ["", "Figures are provisional."]}),
        "arms_imports_tiv": pd.DataFrame({"year": [2024, 2025], "source_id": ["def-sipri", "def-sipri"]}),
        "payment_events": pd.DataFrame({"date": pd.to_datetime(["2023-05-17"]), "precision": ["day"],
                                        "source_id": ["pay-dawn"]}),
    }
    through = vintage.data_through(frames, sources)
    # news and statements are not a publisher's data that run to a period: they are left out
    assert through == {"IMF": "2020", "State Bank of Pakistan": "March 2026 (provisional)", "SIPRI": "2025"}
    assert vintage.through_text(through).startswith("IMF: 2020; State Bank of Pakistan: March 2026")


def test_period_labels_name_calendar_and_fiscal_years() -> None:
    assert vintage.period_label(pd.Timestamp("2020-01-01"), pd.Timestamp("2020-12-31")) == "2020"
    assert vintage.period_label(pd.Timestamp("2024-07-01"), pd.Timestamp("2025-06-30")) == "FY2024-25"
    assert vintage.period_label(pd.Timestamp("2025-07-01"), pd.Timestamp("2026-03-31")) == "March 2026"


def test_a_failed_refresh_is_one_plain_line_without_the_error() -> None:
    status = {"sources": {"imf": {"publisher": "International Monetary Fund", "ok": False, "exit_code": 7,
                                  "error": "cannot reach https://dataservices.imf.org: [Errno 111] Connection refused",
                                  "last_attempt_utc": "2026-12-01T05:00:00Z",
                                  "last_success_utc": "2026-11-20T05:00:00Z"},
                          "comtrade": {"publisher": "UN Comtrade", "ok": True}}}
    assert vintage.refresh_notices(status) == [
        "IMF figures could not be refreshed on 1 Dec 2026; shown as of 20 Nov 2026."]
    assert vintage.refresh_notices({"sources": {}}) == []
