"""HTTP for ``pakru update``: bounded in time and size, bounded retries, one-line errors.

Every failure ends in a :class:`PublisherError` (exit code 7) that names the source, the URL and
what went wrong, in one line. Retries cover what is usually passing (a refused or timed-out
connection, 429 Too Many Requests, 5xx); a 4xx answer is the request's fault and is not retried,
except a 403 or 429 that says when to come back (``Retry-After``): that is a quota, waited out
at most :data:`QUOTA_RETRIES` times and :attr:`RetryPolicy.max_wait_s` in all, then named.
The retrying itself is stamina's (``stamina.retry_context``); pakru's hook (:meth:`Fetcher._retry`)
decides, for each failure, whether to try again and how long to wait: exponential backoff for
a passing failure, the publisher's own ``Retry-After`` for a quota, never past the source's
deadline. Tests switch the waits off with ``stamina.set_testing(True)`` (or ``PAKRU_HTTP_BACKOFF=0``).

Bounds, each refused with exit 7 (environment variables override them):

* an answer's size after decompression, counted while it streams in: :data:`MAX_ANSWER_BYTES`
  (32 MiB, ``$PAKRU_MAX_ANSWER_BYTES``); the largest real answer for this pair is far below it,
  and a gzip bomb stops at the limit instead of filling memory. pakru asks for
  ``Accept-Encoding: gzip`` and reads the raw bytes: it inflates one gzip layer itself, never
  more than the limit at a time (``zlib``'s ``max_length``), and refuses any other
  ``Content-Encoding`` (``gzip, gzip``, ``br``, ``deflate``), which a client decoding every
  layer of would inflate whole before anything counted it;
* the time of one request from its first byte sent to its last byte read, retries not included
  (``$PAKRU_HTTP_DEADLINE``, 180 s) and of all requests of one source, retries and waits
  included (``$PAKRU_SOURCE_DEADLINE``, 900 s): a body dripped a byte at a time cannot hold the
  update (and the scheduled build after it) for hours;
* redirects: followed only to the same origin (scheme, host and port); a redirect to another
  origin, or to ``file://``, is refused, so a key sent to the configured host never leaves it.

Headers given as ``keyed_headers`` (the Comtrade key) are added to each request whose URL is on
the configured origin, never set on the client, so no redirect can carry them elsewhere. Every
request says who asks: ``User-Agent: pakru/<version>``.
"""

from __future__ import annotations

import email.utils
import os
import time
import zlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, UTC

import httpx
import stamina

from .. import __version__
from ..errors import PakruError, clip

RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
QUOTA_STATUS = frozenset({403, 429})
QUOTA_RETRIES = 2
REDIRECT_STATUS = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 5
MAX_ANSWER_BYTES = 32 * 1024 * 1024
USER_AGENT = f"pakru/{__version__} (reproducible report on Pakistan-Russia relations)"
# stamina logs every retry as a warning through the logging module, which with no handler set
# prints to stderr: pakru says what went wrong itself, in one line, so the hooks are off
stamina.instrumentation.set_on_retry_hooks([])

# the one encoding asked for, and so the one inflated; "identity" (none) is always acceptable
ACCEPT_ENCODING = "gzip"


class PublisherError(PakruError):
    """A publisher could not be reached, answered with an error, or answered in an unexpected shape."""

    exit_code = 7

    def __init__(self, source: str, problem: str) -> None:
        self.source, self.problem = source, clip(problem, 400)
        super().__init__(f"update {source}: {self.problem}")


@dataclass(frozen=True)
class Response:
    url: str  # the full request URL, query included (after same-origin redirects)
    status: int
    content_type: str
    content: bytes


def _env_number(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, default))
    except ValueError:
        return default
    return value if value > 0 else default


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 4
    backoff_s: float = 1.0  # waits backoff, 2*backoff, 4*backoff ... between attempts
    max_wait_s: float = 60.0  # the longest single wait, and all quota waits of one request together
    connect_s: float = 10.0
    read_s: float = 60.0
    request_deadline_s: float = 180.0
    source_deadline_s: float = 900.0
    max_bytes: int = MAX_ANSWER_BYTES

    @classmethod
    def from_env(cls) -> RetryPolicy:
        # PAKRU_HTTP_BACKOFF scales the waits (the tests set it to 0 so that retries do not sleep)
        backoff = float(os.environ.get("PAKRU_HTTP_BACKOFF", "1.0"))
        attempts = int(os.environ.get("PAKRU_HTTP_ATTEMPTS", "4"))
        return cls(attempts=max(1, attempts), backoff_s=max(0.0, backoff),
                   request_deadline_s=_env_number("PAKRU_HTTP_DEADLINE", 180.0),
                   source_deadline_s=_env_number("PAKRU_SOURCE_DEADLINE", 900.0),
                   max_bytes=int(_env_number("PAKRU_MAX_ANSWER_BYTES", MAX_ANSWER_BYTES)))


def _one_line(text: str, limit: int = 160) -> str:
    return clip(text, limit)


def _origin(url: httpx.URL) -> tuple[str, str, int | None]:
    return url.scheme, url.host, url.port or {"http": 80, "https": 443}.get(url.scheme)


def _retry_after_s(value: str, now: datetime | None = None) -> float | None:
    """Seconds from a Retry-After header (a number of seconds, or an HTTP date); None if absent."""
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class _Failed(Exception):
    """One attempt failed; ``retry`` says whether another attempt may help."""

    def __init__(self, message: str, retry: bool, wait_s: float = 0.0, quota_s: float | None = None) -> None:
        super().__init__(message)
        self.message, self.retry, self.wait_s, self.quota_s = message, retry, wait_s, quota_s


@dataclass
class _Tries:
    """What one request's failures have used so far, and why the retrying stopped."""

    failures: int = 0
    quota_tries: int = 0
    quota_waited: float = 0.0
    why: str = ""  # added to the last failure's message when pakru stops retrying


class Fetcher:
    """GETs for one source, with the source's name in every error.

    ``keyed_headers`` (or ``headers``, the same) go only to URLs on ``origin`` (default: the origin
    of the first URL requested).
    """

    def __init__(self, source: str, policy: RetryPolicy | None = None, headers: Mapping[str, str] | None = None,
                 origin: str | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        self.source = source
        self.policy = policy or RetryPolicy.from_env()
        self.clock = clock
        self.keyed_headers = dict(headers or {})
        self.origin = _origin(httpx.URL(origin)) if origin else None
        timeout = httpx.Timeout(self.policy.read_s, connect=self.policy.connect_s)
        self.client = httpx.Client(timeout=timeout, follow_redirects=False, trust_env=True,
                                   headers={"User-Agent": USER_AGENT, "Accept-Encoding": ACCEPT_ENCODING})
        self.attempts_made = 0
        self.started = clock()

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- one source's time -------------------------------------------------------------------
    def _source_left(self, url: str) -> float:
        left = self.policy.source_deadline_s - (self.clock() - self.started)
        if left <= 0:
            raise PublisherError(self.source, f"gave up before {url}: the source's requests took more than "
                                 f"{self.policy.source_deadline_s:g} s in all ($PAKRU_SOURCE_DEADLINE)")
        return left

    def get(self, url: str, params: Mapping[str, str] | None = None,
            headers: Mapping[str, str] | None = None) -> Response:
        if self.origin is None:
            self.origin = _origin(httpx.URL(url))
        self._source_left(url)
        tries = _Tries()
        # the hook counts failures and quota waits itself (a quota wait is not a failed attempt), so
        # stamina's own bound only has to leave room for both; the source deadline is the hook's too
        retrying = stamina.retry_context(
            on=lambda exc: self._retry(exc, tries, url), attempts=self.policy.attempts + QUOTA_RETRIES,
            timeout=None, wait_initial=self.policy.backoff_s, wait_max=self.policy.max_wait_s, wait_jitter=0.0)
        try:
            for attempt in retrying:
                with attempt:
                    self.attempts_made += 1
                    return self._once(url, params, headers)
        except _Failed as failed:
            raise PublisherError(self.source, failed.message + tries.why) from None
        raise PublisherError(self.source, f"{url}: no attempt was made")  # stamina always makes one

    def _retry(self, exc: Exception, tries: _Tries, url: str) -> bool | float:
        """stamina's hook: False to stop (``tries.why`` says why), else the seconds to wait."""
        if not isinstance(exc, _Failed):
            return False
        policy = self.policy
        if exc.quota_s is not None:
            budget = policy.max_wait_s - tries.quota_waited
            if exc.quota_s > budget or tries.quota_tries >= QUOTA_RETRIES:
                if tries.quota_tries:
                    why = (f"still refused after waiting {tries.quota_waited:g} s as Retry-After asked, "
                           f"{tries.quota_tries} time{'s' if tries.quota_tries > 1 else ''}")
                else:
                    why = (f"asks to retry after {exc.quota_s:g} s, more than pakru waits "
                           f"({policy.max_wait_s:g} s in all)")
                tries.why = f" (the publisher's quota or rate limit: {why}; try again later)"
                return False
            tries.quota_tries += 1
            tries.quota_waited += exc.quota_s
            wait = exc.quota_s if policy.backoff_s else 0.0
        elif not exc.retry:
            return False
        else:
            tries.failures += 1
            if tries.failures >= policy.attempts:
                tries.why = f" (gave up after {policy.attempts} attempts)"
                return False
            wait = min(max(exc.wait_s, policy.backoff_s * 2 ** (tries.failures - 1)), policy.max_wait_s)
            if not policy.backoff_s:
                wait = 0.0
        left = policy.source_deadline_s - (self.clock() - self.started)
        if wait >= left:
            tries.why = (f" (no time left to retry within the source's {policy.source_deadline_s:g} s, "
                         "$PAKRU_SOURCE_DEADLINE)")
            return False
        return float(wait)

    def _headers_for(self, url: httpx.URL, headers: Mapping[str, str] | None) -> dict[str, str]:
        out = dict(headers or {})
        if self.keyed_headers and _origin(url) == self.origin:
            out.update(self.keyed_headers)
        return out

    def _once(self, url: str, params: Mapping[str, str] | None, headers: Mapping[str, str] | None) -> Response:
        """One attempt, following same-origin redirects; raises _Failed."""
        limit = self.policy.request_deadline_s
        start = self.clock()
        target = httpx.URL(url, params=params) if params else httpx.URL(url)
        for _hop in range(MAX_REDIRECTS + 1):
            left = min(limit - (self.clock() - start), self._source_left(str(target)))
            if left <= 0:
                raise _Failed(f"{target} took more than {limit:g} s ($PAKRU_HTTP_DEADLINE)", retry=False)
            timeout = httpx.Timeout(min(self.policy.read_s, left), connect=min(self.policy.connect_s, left))
            try:
                with self.client.stream("GET", target, headers=self._headers_for(target, headers),
                                        timeout=timeout) as resp:
                    shown = str(resp.request.url)
                    if resp.status_code in REDIRECT_STATUS:
                        target = self._redirect(target, resp)
                        continue
                    if resp.status_code < 400:
                        content = self._body(resp, shown, start, limit)
                        return Response(shown, resp.status_code, resp.headers.get("content-type", ""), content)
                    self._error_status(resp, shown)
            except httpx.TimeoutException as err:
                raise _Failed(f"cannot reach {target}: timed out ({type(err).__name__})", retry=True) from None
            except httpx.TransportError as err:  # includes a broken gzip stream (DecodingError)
                raise _Failed(f"cannot reach {target}: {_one_line(str(err)) or type(err).__name__}",
                              retry=not isinstance(err, httpx.DecodingError)) from None
            except httpx.HTTPError as err:
                raise _Failed(f"cannot reach {target}: {_one_line(str(err)) or type(err).__name__}",
                              retry=False) from None
        raise _Failed(f"{url} redirected more than {MAX_REDIRECTS} times", retry=False)

    def _redirect(self, target: httpx.URL, resp: httpx.Response) -> httpx.URL:
        location = resp.headers.get("location", "")
        if not location:
            raise _Failed(f"{target} answered HTTP {resp.status_code} without a Location", retry=False)
        try:
            nxt = target.join(location)
        except httpx.InvalidURL:
            raise _Failed(f"{target} redirected to an invalid address {clip(repr(location), 80)}",
                          retry=False) from None
        if _origin(nxt) != _origin(target):
            where = f"{nxt.scheme}://{nxt.host}" + (f":{nxt.port}" if nxt.port else "")
            raise _Failed(f"{target} answered HTTP {resp.status_code}, a redirect to {clip(where, 80)}: another "
                          "origin; pakru follows redirects only within the publisher's own scheme, host and port",
                          retry=False)
        return nxt

    def _body(self, resp: httpx.Response, shown: str, start: float, limit: float) -> bytes:
        cap = self.policy.max_bytes
        declared = resp.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            raise _Failed(f"{shown} answered {int(declared):,} bytes, more than the {cap:,} an answer may have "
                          "($PAKRU_MAX_ANSWER_BYTES)", retry=False)
        gunzip = _gunzip_for(resp, shown)
        parts: list[bytes] = []
        size = 0
        for raw in resp.iter_raw():  # as sent: pakru inflates, within the cap (a client would inflate first)
            for chunk in (gunzip.feed(raw, cap - size + 1) if gunzip else (raw,)):
                size += len(chunk)
                if size > cap:
                    raise _Failed(f"{shown} answered more than {cap:,} bytes (after decompression), more than an "
                                  "answer may have ($PAKRU_MAX_ANSWER_BYTES); not read further", retry=False)
                parts.append(chunk)
            if self.clock() - start > limit:
                raise _Failed(f"{shown} took more than {limit:g} s to answer in full ($PAKRU_HTTP_DEADLINE); "
                              "not read further", retry=False)
        if gunzip and not gunzip.complete:
            raise _Failed(f"{shown} answered a gzip body that ends before its end mark: cut short", retry=False)
        return b"".join(parts)

    def _error_status(self, resp: httpx.Response, shown: str) -> None:
        body = b""
        try:
            for chunk in resp.iter_bytes():
                body += chunk
                if len(body) >= 4096:
                    break
        except httpx.HTTPError:
            pass
        message = f"{shown} answered HTTP {resp.status_code} {resp.reason_phrase}"
        text = _one_line(body.decode("utf-8", errors="replace"), 120) if body else ""  # a message, not data
        if text:
            message += f": {text}"
        retry_after = _retry_after_s(resp.headers.get("retry-after", ""))
        if resp.status_code in QUOTA_STATUS and retry_after is not None:
            raise _Failed(message, retry=True, quota_s=retry_after)
        if resp.status_code not in RETRY_STATUS:
            raise _Failed(message, retry=False)
        raise _Failed(message, retry=True, wait_s=retry_after or 0.0)


class _Gunzip:
    """One gzip layer inflated a bounded piece at a time (several gzip members one after another are
    one body, as RFC 1952 allows)."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self.complete = False

    def feed(self, data: bytes, room: int) -> Iterator[bytes]:
        """Inflate ``data``, never more than ``room`` bytes at once: the caller counts each piece
        against its cap and stops reading before the next one is made."""
        try:
            while data:
                self.complete = False
                out = self.inflater.decompress(data, max(room, 1))
                yield out
                data = self.inflater.unconsumed_tail
                if self.inflater.eof:
                    self.complete = True
                    rest = self.inflater.unused_data + data
                    self.inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
                    data = rest.lstrip(b"\0")  # padding after the last member is allowed
                elif not out and not data:
                    break
        except zlib.error as err:
            raise _Failed(f"{self.shown} answered a damaged gzip body ({err})", retry=False) from None


def _gunzip_for(resp: httpx.Response, shown: str) -> _Gunzip | None:
    """The inflater the answer's ``Content-Encoding`` needs: none, or one gzip layer. Anything else
    (``gzip, gzip``, ``br``, ``deflate``) was not asked for and is refused before a byte is inflated."""
    codings = [c.strip().lower() for c in resp.headers.get("content-encoding", "").split(",") if c.strip()]
    codings = [c for c in codings if c != "identity"]
    if not codings:
        return None
    if codings in (["gzip"], ["x-gzip"]):
        return _Gunzip(shown)
    raise _Failed(f"{shown} answered with Content-Encoding {clip(repr(resp.headers.get('content-encoding')), 60)}; "
                  f"pakru asks for {ACCEPT_ENCODING} and inflates one gzip layer, nothing else", retry=False)
