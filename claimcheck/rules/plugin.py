"""The built-in rule packs, registered through the same hook as third-party packs.

The packs live in the repository's top-level ``rules/`` folder.  In an
installed wheel that folder is the package ``claimcheck._builtin_rules``
(mapped with ``package-dir`` in ``pyproject.toml``); in a source checkout or
an editable install it is found next to the ``claimcheck`` package.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType

from claimcheck.plugins.hookspecs import hookimpl

_SOURCE_TREE_RULES = Path(__file__).resolve().parent.parent.parent / "rules"


def builtin_rules_dir() -> Path:
    """The folder holding the built-in ``*.yaml`` packs."""
    # Imported by name: the package exists only once installed (mapped from
    # rules/ in a wheel), so a static import types differently in a checkout.
    installed: ModuleType | None
    try:
        installed = importlib.import_module("claimcheck._builtin_rules")
    except ImportError:
        installed = None
    if installed is not None:
        for location in getattr(installed, "__path__", []):
            folder = Path(location)
            if any(folder.glob("*.yaml")):
                return folder
    return _SOURCE_TREE_RULES


@hookimpl
def claimcheck_rule_packs() -> list[Path]:
    """The built-in packs: editorial, defence-security, elections, economy."""
    return [builtin_rules_dir()]
