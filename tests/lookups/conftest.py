"""Fixtures for the lookup tests: fixture files and throw-away stores."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from claimcheck.lookups.importers import import_file
from claimcheck.lookups.store import Store

DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def data_dir() -> Path:
    """tests/lookups/data."""
    return DATA


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A path for a new store."""
    return tmp_path / "factchecks.sqlite3"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    """An empty store."""
    with Store(db_path) as opened:
        yield opened


@pytest.fixture
def filled_store(store: Store) -> Store:
    """A store holding the LIAR and AVeriTeC samples."""
    import_file(store, DATA / "liar_sample.tsv")
    import_file(store, DATA / "averitec_sample.json")
    return store
