"""A test client for ``claimcheck serve`` sharing the session's engine."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

pytest.importorskip("starlette", reason="claimcheck serve needs the serve extra")

from starlette.testclient import TestClient

from claimcheck.serve.app import create_app
from claimcheck.serve.settings import ServeSettings

TOKEN = "s3cret-token"


@pytest.fixture(scope="session")
def client(engine) -> Iterator[TestClient]:
    with TestClient(create_app(ServeSettings(), engine=engine)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def locked(engine) -> Iterator[TestClient]:
    """A server with a token, a small size limit and CORS for one origin."""
    settings = ServeSettings(token=TOKEN, max_bytes=20_000, cors_origins=["https://cms.example"])
    with TestClient(create_app(settings, engine=engine)) as test_client:
        yield test_client
