"""HTTP for ``pakru update``: timeouts, a bounded number of retries, one-line errors.

Every failure ends in a :class:`PublisherError` (exit code 7) that names the source, the URL and
what went wrong, in one line. Retries cover what is usually passing (a refused or timed-out
connection, 429 Too Many Requests, 5xx); a 4xx answer is the request's fault and is not retried.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from collections.abc import Callable, Mapping

import httpx

from ..errors import PakruError

RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


class PublisherError(PakruError):
    """A publisher could not be reached, answered with an error, or answered in an unexpected shape."""

    exit_code = 7

    def __init__(self, source: str, problem: str) -> None:
        self.source, self.problem = source, problem
        super().__init__(f"update {source}: {problem}")


@dataclass(frozen=True)
class Response:
    url: str  # the full request URL, query included
    status: int
    content_type: str
    content: bytes


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 4
    backoff_s: float = 1.0  # waits backoff, 2*backoff, 4*backoff ... between attempts
    max_wait_s: float = 60.0
    connect_s: float = 10.0
    read_s: float = 60.0

    @classmethod
    def from_env(cls) -> RetryPolicy:
        # PAKRU_HTTP_BACKOFF scales the waits (the tests set it to 0 so that retries do not sleep)
        backoff = float(os.environ.get("PAKRU_HTTP_BACKOFF", "1.0"))
        attempts = int(os.environ.get("PAKRU_HTTP_ATTEMPTS", "4"))
        return cls(attempts=max(1, attempts), backoff_s=max(0.0, backoff))


def _one_line(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class Fetcher:
    """GETs for one source, with the source's name in every error."""

    def __init__(self, source: str, policy: RetryPolicy | None = None, headers: Mapping[str, str] | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.source = source
        self.policy = policy or RetryPolicy.from_env()
        self.sleep = sleep
        timeout = httpx.Timeout(self.policy.read_s, connect=self.policy.connect_s)
        self.client = httpx.Client(timeout=timeout, headers=dict(headers or {}), follow_redirects=True,
                                   trust_env=True)
        self.attempts_made = 0

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str, params: Mapping[str, str] | None = None,
            headers: Mapping[str, str] | None = None) -> Response:
        last = ""
        for attempt in range(1, self.policy.attempts + 1):
            self.attempts_made += 1
            wait = self.policy.backoff_s * 2 ** (attempt - 1)
            try:
                resp = self.client.get(url, params=params, headers=headers)
            except httpx.TimeoutException as err:
                last = f"cannot reach {url}: timed out ({type(err).__name__})"
            except httpx.TransportError as err:
                last = f"cannot reach {url}: {_one_line(str(err)) or type(err).__name__}"
            else:
                shown = str(resp.request.url)
                if resp.status_code < 400:
                    return Response(shown, resp.status_code, resp.headers.get("content-type", ""), resp.content)
                last = f"{shown} answered HTTP {resp.status_code} {resp.reason_phrase}"
                body = _one_line(resp.text, 120) if resp.content else ""
                if body:
                    last += f": {body}"
                if resp.status_code not in RETRY_STATUS:
                    raise PublisherError(self.source, last)
                retry_after = resp.headers.get("retry-after", "")
                if retry_after.isdigit():
                    wait = max(wait, float(retry_after)) if self.policy.backoff_s else 0.0
            if attempt < self.policy.attempts:
                self.sleep(min(wait, self.policy.max_wait_s))
        raise PublisherError(self.source, f"{last} (gave up after {self.policy.attempts} attempts)")
