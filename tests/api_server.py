"""What every test of ``pakru update`` shares: the local server's address (127.0.0.1, a free
port) and an environment with no proxy, no Comtrade key and no status file of the user's, so that a
request can only reach the test's own server."""

from __future__ import annotations

import pytest

IMTS_PATH = "/data/dataflow/IMF.STA/IMTS/+/PAK+RUS.XG_FOB_USD+MG_CIF_USD.RUS+PAK.A"
COFER_PATH = "/data/dataflow/IMF.STA/COFER/+/G001.AFXRA.CI_USD+CI_EUR+CI_CNY.SHRO_PT.Q"
SDMX_CSV = "application/vnd.sdmx.data+csv; version=2.0.0"
LOOPBACK = ("127.0.0.1", 0)


def local_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """No backoff between attempts, no key, no status file, and no proxy between pakru and 127.0.0.1."""
    monkeypatch.setenv("PAKRU_HTTP_BACKOFF", "0")
    monkeypatch.delenv("COMTRADE_API_KEY", raising=False)
    monkeypatch.delenv("PAKRU_UPDATE_STATUS", raising=False)
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
