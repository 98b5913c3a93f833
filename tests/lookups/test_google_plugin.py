"""Runs the claimcheck-google-factcheck plugin's tests as part of the core suite.

The plugin is its own package (plugins/claimcheck-google-factcheck); its
tests import it from its ``src`` folder, so it need not be installed.
"""

from __future__ import annotations

import sys
from pathlib import Path

PLUGIN = Path(__file__).resolve().parents[2] / "plugins" / "claimcheck-google-factcheck"
for folder in (PLUGIN / "src", PLUGIN / "tests"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from test_google_factcheck import *  # noqa: E402,F401,F403  (tests and fixtures)
