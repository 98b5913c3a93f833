"""claimcheck lookup source backed by the Google Fact Check Tools API (``claims:search``).

Installing this package registers the ``google_factcheck`` plugin (entry
point group ``claimcheck``).  Set ``GOOGLE_FACTCHECK_API_KEY`` and run
``claimcheck check --lookup``: each claim is searched for, answers are cached
in the local fact-check store, and matches above the threshold are attached
to the report with ``source: "google-factcheck"``.
"""

from claimcheck_google_factcheck.client import DEFAULT_BASE_URL, FactCheckClient
from claimcheck_google_factcheck.source import API_KEY_ENV, BASE_URL_ENV, SOURCE_NAME, GoogleFactCheckSource

__all__ = ["API_KEY_ENV", "BASE_URL_ENV", "DEFAULT_BASE_URL", "SOURCE_NAME", "FactCheckClient", "GoogleFactCheckSource"]
__version__ = "0.1.0"
