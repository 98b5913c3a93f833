"""Fixtures for the rule-pack tests: packs written to a temporary folder, and the example runner."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path
from typing import Callable

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # for helpers.py

HEADER = """\
pack: demo
version: "1.0"
description: A pack written by a test.
schema: 1
claimcheck: ">=0.1"
rules:
"""


@pytest.fixture
def write_pack(tmp_path: Path) -> Callable[..., Path]:
    """Write a pack file; ``rules`` is YAML for the rule list (indented as under ``rules:``)."""

    def write(rules: str, *, header: str = HEADER, name: str = "demo.yaml") -> Path:
        path = tmp_path / name
        path.write_text(header + textwrap.dedent(rules), encoding="utf-8")
        return path

    return write


@pytest.fixture(scope="session")
def firing(nlp):
    """Runs examples through the engine with one pack loaded (without the trained model:
    examples test the rules, and the model only changes scores)."""
    from claimcheck.rules.examples import EngineFiring

    return EngineFiring({"model": False})
