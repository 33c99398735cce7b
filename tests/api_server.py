"""What every test of ``pakru update`` shares: the local server's address (127.0.0.1, a free
port) and an environment with no proxy, no Comtrade key and no status file of the user's, so that a
request can only reach the test's own server."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import stamina

IMTS_PATH = "/data/dataflow/IMF.STA/IMTS/+/PAK+RUS.XG_FOB_USD+MG_CIF_USD.RUS+PAK.A"
COFER_PATH = "/data/dataflow/IMF.STA/COFER/+/G001.AFXRA.CI_USD+CI_EUR+CI_CNY.SHRO_PT.Q"
SDMX_CSV = "application/vnd.sdmx.data+csv; version=2.0.0"
LOOPBACK = ("127.0.0.1", 0)


@contextmanager
def no_waits() -> Iterator[None]:
    """stamina's test mode: every retry and Retry-After wait is 0 s; pakru's own count of attempts
    (``PAKRU_HTTP_ATTEMPTS``) and quota waits still decides when it stops."""
    with stamina.set_testing(True, attempts=100, cap=True):
        yield


def local_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """No key, no status file, and no proxy between pakru and 127.0.0.1 (use with :func:`no_waits`)."""
    monkeypatch.delenv("COMTRADE_API_KEY", raising=False)
    monkeypatch.delenv("PAKRU_UPDATE_STATUS", raising=False)
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
