"""The ``google-factcheck`` lookup source.

For each claim it asks :class:`~claimcheck_google_factcheck.client.FactCheckClient`,
unless the local store already holds the answer for the same query and
language (the ``lookup_cache`` table, kept ``cache_days``).  Answers are
cached and their reviews imported into the store as ``google-factcheck``
records, so they are also found by later local lookups.  Results are scored
with the store's own matcher so that scores mean the same as the ``local``
source's.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimcheck.lookups.base import LookupFailed
from claimcheck.lookups.importers import google_claims_to_records
from claimcheck.lookups.local import match_to_evidence
from claimcheck.lookups.match import Matcher
from claimcheck.lookups.store import Store
from claimcheck.report import Evidence
from claimcheck_google_factcheck.client import DEFAULT_BASE_URL, FactCheckClient

if TYPE_CHECKING:
    from claimcheck.report import Claim

__all__ = ["API_KEY_ENV", "BASE_URL_ENV", "SOURCE_NAME", "GoogleFactCheckSource"]

SOURCE_NAME = "google-factcheck"
API_KEY_ENV = "GOOGLE_FACTCHECK_API_KEY"
BASE_URL_ENV = "GOOGLE_FACTCHECK_BASE_URL"


class GoogleFactCheckSource:
    """Finds published fact-checks of a claim through the Fact Check Tools API.

    Args:
        db: the local store used as a cache (created if missing).
        key: the API key; ``None`` makes every lookup fail with a
            :class:`LookupFailed` saying how to set it.
        language: restrict reviews to this language code (``None``: all).
        cache_days: how long a cached answer is reused.
        client_options: passed to :class:`FactCheckClient` (``base_url``,
            ``timeout``, ``retries``, ``backoff``, ``page_size``, ``max_pages`` ...).
    """

    name = SOURCE_NAME

    def __init__(self, db: str | os.PathLike[str], *, key: str | None, language: str | None = None,
                 cache_days: float = 30, **client_options: Any) -> None:
        self.db = Path(db)
        self.key = key
        self.language = language
        self.max_age = dt.timedelta(days=cache_days)
        self.client_options = client_options
        self._client: FactCheckClient | None = None

    def _fetch(self, text: str) -> list[dict[str, Any]]:
        if not self.key:
            raise LookupFailed(f"{API_KEY_ENV} is not set; set it to a Fact Check Tools API key, "
                               "or uninstall claimcheck-google-factcheck")
        if self._client is None:
            self._client = FactCheckClient(self.key, **self.client_options)
        return self._client.search(text, self.language)

    def lookup(self, text: str, *, claim: Claim | None = None, limit: int = 5) -> list[Evidence]:
        """Published fact-checks of ``text``, best first, from the cache or the API."""
        query = " ".join(text.split())
        with Store(self.db) as store:
            claims = store.cache_get(SOURCE_NAME, query, self.language, self.max_age)
            if claims is None:
                claims = self._fetch(query)
                records = google_claims_to_records(claims, path=f"{SOURCE_NAME} answer")
                store.cache_put(SOURCE_NAME, query, self.language, claims, records)
            else:
                records = google_claims_to_records(claims, path=f"{SOURCE_NAME} cache")
            names = tuple(entity.text for entity in claim.entities) if claim is not None else ()
            matches = Matcher(store).rank(query, records, limit=limit, names=names)
        return [match_to_evidence(match, SOURCE_NAME) for match in matches]

    def close(self) -> None:
        """Close the HTTP client."""
        if self._client is not None:
            self._client.close()
            self._client = None


def from_config(config: dict[str, Any], db: Path) -> GoogleFactCheckSource:
    """Build the source from ``config["lookup"]["google"]`` and the environment.

    Keys of ``lookup.google``: ``language``, ``cache_days``, ``timeout``,
    ``retries``, ``backoff``, ``page_size``, ``max_pages``, ``base_url``.
    ``$GOOGLE_FACTCHECK_BASE_URL`` overrides the API root.
    """
    options = dict(((config.get("lookup") or {}).get("google") or {}))
    client_options = {k: options[k] for k in ("timeout", "retries", "backoff", "page_size", "max_pages")
                      if k in options}
    client_options["base_url"] = os.environ.get(BASE_URL_ENV) or options.get("base_url") or DEFAULT_BASE_URL
    return GoogleFactCheckSource(db, key=os.environ.get(API_KEY_ENV) or None, language=options.get("language"),
                                 cache_days=float(options.get("cache_days", 30)), **client_options)
