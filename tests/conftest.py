"""Session-wide fixtures: the spaCy pipeline and the engine are loaded once."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

# Tests never load third-party plugins from the environment they run in.
os.environ.setdefault("CLAIMCHECK_LOAD_PLUGINS", "")
# Nor do they write to the user's cache folder (rules.lemma_cache).
if "CLAIMCHECK_CACHE_DIR" not in os.environ:
    os.environ["CLAIMCHECK_CACHE_DIR"] = tempfile.mkdtemp(prefix="claimcheck-tests-cache-")
    atexit.register(shutil.rmtree, os.environ["CLAIMCHECK_CACHE_DIR"], ignore_errors=True)

DATA = Path(__file__).parent / "data"
EXAMPLE = DATA / "putin-pyongyang"


@pytest.fixture(scope="session")
def nlp():
    """The English pipeline with claimcheck's components, loaded once."""
    from claimcheck.analysis.components import add_claimcheck_components
    from claimcheck.analysis.nlp import load_pipeline

    pipeline = load_pipeline()
    add_claimcheck_components(pipeline)
    return pipeline


@pytest.fixture(scope="session")
def engine(nlp):
    """An engine with the built-in plugins (rule packs, formats, local lookups) and the model."""
    from claimcheck.engine import Engine

    return Engine()


@pytest.fixture(scope="session")
def example_text() -> str:
    return (EXAMPLE / "article.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def example_report(engine, example_text):
    """The default report on the worked example, computed once."""
    return engine.check(example_text, published="2024-06-19", source="article.txt")


@pytest.fixture(scope="session")
def example_all(engine, example_text):
    """Every candidate claim of the worked example."""
    return engine.check(example_text, published="2024-06-19", source="article.txt", all=True)
