"""The pluggy entry point: offers the ``google-factcheck`` lookup source.

Registered under the ``claimcheck`` entry-point group as ``google_factcheck``.
Installed, it is part of every ``--lookup`` run; without
``GOOGLE_FACTCHECK_API_KEY`` its lookups fail softly, as a ``CC160`` warning
in the report saying how to configure it.
"""

from __future__ import annotations

from typing import Any

from claimcheck.lookups.base import LookupSource
from claimcheck.lookups.plugin import db_path
from claimcheck.plugins.hookspecs import hookimpl
from claimcheck_google_factcheck.source import from_config

__all__ = ["claimcheck_lookup_sources"]


@hookimpl
def claimcheck_lookup_sources(config: dict[str, Any]) -> list[LookupSource]:
    """The Fact Check Tools source, caching in the local store (``config["db"]`` or the default)."""
    return [from_config(config or {}, db_path(config))]
