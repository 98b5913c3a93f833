"""The built-in plugin that offers the local fact-check store as a lookup source.

Listed in ``claimcheck.plugins.manager.DEFAULT_PLUGINS``: the core registers
its own store through the same ``claimcheck_lookup_sources`` hook that
third-party sources (``claimcheck-google-factcheck``) use.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from claimcheck.plugins.hookspecs import hookimpl

if TYPE_CHECKING:
    from claimcheck.config import ConfigLike
    from claimcheck.lookups.base import LookupSource

# The store and its matcher (numpy, the stemmer, SQLite) are imported when a
# lookup is asked for, not whenever the built-in plugins load (issue 11: a
# check with lookups off never needs them).

__all__ = ["claimcheck_lookup_sources", "db_path"]


def db_path(config: ConfigLike | None) -> Path:
    """The store's path from the configuration (``config["db"]``), else the default."""
    from claimcheck.lookups.store import default_db_path

    configured = (config or {}).get("db")
    return Path(configured).expanduser() if configured else default_db_path()


@hookimpl
def claimcheck_lookup_sources(config: ConfigLike) -> list[LookupSource]:
    """The local store.

    Offered even when its file is missing, so that ``--lookup`` with no
    store (or a misspelt ``--db``) is reported rather than read as "never
    fact-checked": see :meth:`LocalSource.unavailable`.
    """
    from claimcheck.lookups.local import LocalSource

    return [LocalSource(db_path(config), pipeline=(config or {}).get("pipeline"))]
