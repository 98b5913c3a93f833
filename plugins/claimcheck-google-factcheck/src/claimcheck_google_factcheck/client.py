"""A small HTTP client for the Fact Check Tools ``claims:search`` endpoint.

Pages through ``nextPageToken``, applies a per-request timeout, and retries
with exponential backoff (honouring ``Retry-After``) on 429, 5xx, timeouts
and connection errors.  Every failure ends as
:class:`claimcheck.lookups.base.LookupFailed` with a message that never
contains the API key.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx

from claimcheck.lookups.base import LookupFailed

__all__ = ["DEFAULT_BASE_URL", "FactCheckClient"]

DEFAULT_BASE_URL = "https://factchecktools.googleapis.com/v1alpha1"


class FactCheckClient:
    """Searches published fact-checks.

    Args:
        key: the API key.
        base_url: the API root (tests point it at a local server).
        timeout: seconds allowed per request (connect, read, write, pool).
        retries: further attempts after a retryable failure.
        backoff: the first wait in seconds; doubled each retry.
        max_backoff: the longest wait, whatever ``Retry-After`` asks for.
        page_size: claims per page.
        max_pages: pages fetched at most per search.
        sleep: the wait function (tests replace it).
        transport: an ``httpx`` transport (tests may replace it).
    """

    def __init__(self, key: str, *, base_url: str = DEFAULT_BASE_URL, timeout: float = 5.0, retries: int = 3,
                 backoff: float = 0.5, max_backoff: float = 8.0, page_size: int = 10, max_pages: int = 2,
                 sleep: Callable[[float], None] = time.sleep, transport: httpx.BaseTransport | None = None) -> None:
        self.key = key
        self.url = base_url.rstrip("/") + "/claims:search"
        self.retries = max(0, retries)
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.page_size = page_size
        self.max_pages = max(1, max_pages)
        self.sleep = sleep
        self.http = httpx.Client(timeout=httpx.Timeout(timeout), transport=transport,
                                 headers={"User-Agent": "claimcheck-google-factcheck/0.1"})

    def close(self) -> None:
        """Close the HTTP connection pool."""
        self.http.close()

    def search(self, query: str, language: str | None = None) -> list[dict[str, Any]]:
        """Every claim the API returns for ``query`` (up to ``max_pages`` pages).

        Args:
            query: the claim text.
            language: a BCP-47 code (``en``, ``es-419``) to restrict reviews to.

        Raises:
            LookupFailed: the service could not be reached or answered badly.
        """
        claims: list[dict[str, Any]] = []
        token: str | None = None
        for _ in range(self.max_pages):
            params: dict[str, str | int] = {"query": query, "pageSize": self.page_size, "key": self.key}
            if language:
                params["languageCode"] = language
            if token:
                params["pageToken"] = token
            page = self._get(params)
            found = page.get("claims", [])
            if not isinstance(found, list):
                raise LookupFailed("the Fact Check Tools API answered with 'claims' that is not a list")
            claims.extend(found)
            token = page.get("nextPageToken") or None
            if not token:
                break
        return claims

    def _wait(self, attempt: int, response: httpx.Response | None) -> None:
        delay = self.backoff * (2 ** attempt)
        if response is not None:
            try:
                delay = max(delay, float(response.headers.get("Retry-After", "")))
            except ValueError:
                pass  # an HTTP date or garbage: keep our own backoff
        self.sleep(min(delay, self.max_backoff))

    def _get(self, params: dict[str, str | int]) -> dict[str, Any]:
        problem = ""
        for attempt in range(self.retries + 1):
            response: httpx.Response | None = None
            try:
                response = self.http.get(self.url, params=params)
            except httpx.TimeoutException:
                problem = "timed out"
            except httpx.TransportError as exc:
                # The exception text may quote the URL, which holds the key: name the type only.
                problem = f"connection failed ({type(exc).__name__})"
            else:
                if response.status_code == 429 or response.status_code >= 500:
                    problem = f"HTTP {response.status_code}"
                elif response.status_code >= 400:
                    raise LookupFailed(f"the Fact Check Tools API refused the request: HTTP {response.status_code}"
                                       f"{_error_message(response, self.key)}")
                else:
                    return _json(response)
            if attempt < self.retries:
                self._wait(attempt, response)
        raise LookupFailed(f"the Fact Check Tools API is unavailable: {problem} after {self.retries + 1} attempts")


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError as exc:
        raise LookupFailed("the Fact Check Tools API answered with malformed JSON") from exc
    if not isinstance(data, dict):
        raise LookupFailed("the Fact Check Tools API answered with JSON that is not an object")
    return data


def _error_message(response: httpx.Response, key: str) -> str:
    """Google's ``{"error": {"message": ...}}`` text, without the key."""
    try:
        message = response.json()["error"]["message"]
    except (ValueError, KeyError, TypeError):
        return ""
    message = str(message).replace(key, "***") if key else str(message)
    return f" ({message[:200]})"
