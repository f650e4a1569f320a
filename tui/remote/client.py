"""A small HTTP client for the public InferenceX API: gzip, timeouts, polite retries.

Standard library only. Every failure becomes one PullError whose message fits on one line.
"""

from __future__ import annotations

import gzip
import http.client
import json
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any

from tui import __version__
from tui.remote import DEFAULT_URL

RETRY_STATUS = frozenset({429, 502, 503, 504})  # the server asks us to come back later
MAX_ATTEMPTS = 3


class PullError(RuntimeError):
    """A pull that cannot go on; the message is one line for the user."""


@dataclass(frozen=True)
class Fetched:
    url: str
    data: Any  # the decoded JSON
    body: bytes  # the decoded (un-gzipped) body, stored as is
    fetched_at: float


@dataclass
class Client:
    base_url: str = DEFAULT_URL
    timeout_s: float = 30.0
    max_wait_s: float = 60.0  # cap on a Retry-After wait
    sleep: Callable[[float], None] = time.sleep

    def url(self, route: str, params: dict[str, Any] | None = None) -> str:
        if urllib.parse.urlsplit(self.base_url).scheme not in ("http", "https"):
            raise PullError(f"the API URL must start with http:// or https://: {self.base_url!r}")
        query = f"?{urllib.parse.urlencode(params)}" if params else ""
        return f"{self.base_url.rstrip('/')}{route}{query}"

    def get_json(self, route: str, params: dict[str, Any] | None = None) -> Fetched:
        """GET a route; retry 429/502/503/504 (Retry-After honoured), at most 3 attempts."""
        url = self.url(route, params)
        for attempt in range(1, MAX_ATTEMPTS + 1):
            try:
                body = self._get(url)
            except urllib.error.HTTPError as exc:
                if exc.code not in RETRY_STATUS or attempt == MAX_ATTEMPTS:
                    raise PullError(f"{url}: {_http_reason(exc)}") from None
                self.sleep(min(self.max_wait_s, retry_after(exc.headers.get("Retry-After"))))
                continue
            return Fetched(url, _decode_json(body, url), body, time.time())
        raise PullError(f"{url}: no answer after {MAX_ATTEMPTS} attempts")  # not reached

    def _get(self, url: str) -> bytes:
        request = urllib.request.Request(url, headers=_headers())
        try:
            with urllib.request.urlopen(request, timeout=self.timeout_s) as resp:
                raw = resp.read()
                encoding = (resp.headers.get("Content-Encoding") or "").lower()
        except urllib.error.HTTPError:
            raise
        except TimeoutError:
            raise PullError(f"{url}: no answer within {self.timeout_s:g} s") from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise PullError(f"{url}: no answer within {self.timeout_s:g} s") from None
            raise PullError(f"{url}: cannot connect ({_reason(exc.reason)})") from None
        except http.client.IncompleteRead as exc:
            raise PullError(
                f"{url}: the answer was cut off after {len(exc.partial)} bytes"
            ) from None
        except (http.client.HTTPException, OSError) as exc:
            raise PullError(f"{url}: connection failed ({_reason(exc)})") from None
        return _gunzip(raw, url) if encoding == "gzip" else raw


def _headers() -> dict[str, str]:
    return {
        "User-Agent": f"paretop/{__version__}",
        "Accept-Encoding": "gzip",
        "Accept": "application/json",
    }


def _reason(exc: object) -> str:
    text = str(exc).strip() or type(exc).__name__
    return " ".join(text.split())  # one line, whatever the error says


def _gunzip(raw: bytes, url: str) -> bytes:
    try:
        return gzip.decompress(raw)
    except (OSError, EOFError, zlib.error):
        raise PullError(f"{url}: the gzip answer is cut off or corrupt") from None


def _decode_json(body: bytes, url: str) -> Any:
    try:
        return json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PullError(f"{url}: the answer is not valid JSON ({_reason(exc)})") from None


def _http_reason(exc: urllib.error.HTTPError) -> str:
    """ "HTTP 404: Unknown model" — the server's {"error": ...} message when it sent one."""
    detail = ""
    try:
        body = exc.read()
        if (exc.headers.get("Content-Encoding") or "").lower() == "gzip":
            body = gzip.decompress(body)
        message = json.loads(body.decode("utf-8")).get("error")
        detail = f": {_reason(message)[:200]}" if message else ""
    except (OSError, EOFError, zlib.error, ValueError, AttributeError, http.client.HTTPException):
        pass
    return f"HTTP {exc.code}{detail}"


def retry_after(value: str | None, now: float | None = None) -> float:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date); 1 s when absent."""
    if not value:
        return 1.0
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text).timestamp()
    except (TypeError, ValueError, IndexError):
        return 1.0
    return max(0.0, when - (time.time() if now is None else now))
