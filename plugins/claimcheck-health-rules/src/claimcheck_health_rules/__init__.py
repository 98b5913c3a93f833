"""claimcheck-health-rules: a YAML rule pack for public-health reporting.

The plugin is only this hook: it tells claimcheck where its pack is.  The
rules themselves are data, in ``rules/health.yaml``.
"""

from __future__ import annotations

from pathlib import Path

from claimcheck.plugins import hookimpl

__version__ = "0.1.0"

RULES_DIR = Path(__file__).parent / "rules"


@hookimpl
def claimcheck_rule_packs() -> list[Path]:
    """The folder holding the ``health`` pack."""
    return [RULES_DIR]
