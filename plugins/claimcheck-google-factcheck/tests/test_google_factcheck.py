"""Tests of the Google Fact Check Tools lookup source against a local HTTP server.

The server runs on 127.0.0.1 in a thread and answers from a script of
responses (``tests/data/``, in the API's format); nothing touches the
internet.  claimcheck's own suite runs this module too, through
``tests/lookups/test_google_plugin.py``.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

_SRC = Path(__file__).resolve().parents[1] / "src"
if str(_SRC) not in sys.path:
    sys.path.insert(0, str(_SRC))

from claimcheck.lookups.attach import attach_lookups  # noqa: E402
from claimcheck.lookups.base import LookupFailed, LookupSource  # noqa: E402
from claimcheck.lookups.store import Store  # noqa: E402
from claimcheck.report import Claim, Diagnostic  # noqa: E402
from claimcheck_google_factcheck import plugin  # noqa: E402
from claimcheck_google_factcheck.source import API_KEY_ENV, BASE_URL_ENV, GoogleFactCheckSource  # noqa: E402

DATA = Path(__file__).resolve().parent / "data"
QUERY = "Wind turbines kill over 500,000 birds every year in the US, the post said."


@dataclass
class Reply:
    """One scripted answer: status, body, headers, and a delay before answering."""

    status: int = 200
    body: bytes = b"{}"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0


def reply_file(name: str, status: int = 200, **kw: Any) -> Reply:
    """A reply whose body is a file of tests/data."""
    return Reply(status=status, body=(DATA / name).read_bytes(), **kw)


class FakeApi:
    """A local stand-in for factchecktools.googleapis.com: serves ``script`` in order."""

    def __init__(self) -> None:
        self.script: list[Reply] = []
        self.requests: list[dict[str, list[str]]] = []
        self.paths: list[str] = []
        api = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                parts = urlsplit(self.path)
                api.paths.append(parts.path)
                api.requests.append(parse_qs(parts.query))
                reply = api.script.pop(0) if api.script else Reply(500, b'{"error": "script exhausted"}')
                if reply.delay:
                    time.sleep(reply.delay)
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", "application/json; charset=UTF-8")
                    self.send_header("Content-Length", str(len(reply.body)))
                    for key, value in reply.headers.items():
                        self.send_header(key, value)
                    self.end_headers()
                    self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout test)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}/v1alpha1"
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def api() -> Iterator[FakeApi]:
    """A scripted fake API server on 127.0.0.1."""
    server = FakeApi()
    yield server
    server.close()


@pytest.fixture
def google_db(tmp_path: Path) -> Path:
    """A fresh store path for the cache."""
    return tmp_path / "cache.sqlite3"


def make_source(api: FakeApi, db: Path, **kw: Any) -> GoogleFactCheckSource:
    """A source pointed at the fake server, with fast retries."""
    options: dict[str, Any] = {"key": "test-key-123", "base_url": api.base_url, "timeout": 2.0, "retries": 2,
                               "backoff": 0.01, "max_backoff": 0.05}
    options.update(kw)
    return GoogleFactCheckSource(db, **options)


def test_google_factcheck_pages_scores_and_caches(api: FakeApi, google_db: Path) -> None:
    api.script = [reply_file("search_page1.json"), reply_file("search_page2.json")]
    source = make_source(api, google_db, language="en")
    assert isinstance(source, LookupSource)
    evidence = source.lookup(QUERY, limit=5)
    assert [r["pageToken"] for r in api.requests if "pageToken" in r] == [["CAI"]]
    assert all(r["languageCode"] == ["en"] and r["key"] == ["test-key-123"] for r in api.requests)
    assert api.paths == ["/v1alpha1/claims:search"] * 2
    best = evidence[0]
    assert best.source == "google-factcheck"
    assert best.claim.startswith("Wind turbines kill more than 500,000 birds")
    assert best.verdict == "mostly-true" and best.publisher == "Example Check"
    assert best.date == "2023-04-05"
    assert best.score >= 0.5
    assert [e.score for e in evidence] == sorted((e.score for e in evidence), reverse=True)
    # Same claim again: answered from the cache, no request.
    again = source.lookup(QUERY, limit=5)
    assert len(api.requests) == 2
    assert [e.claim for e in again] == [e.claim for e in evidence]
    with Store(google_db) as store:
        stats = store.stats()
    assert stats["cached_queries"] == 1
    assert stats["by_dataset"] == {"google-factcheck": 4}
    source.close()


def test_google_factcheck_retries_429_then_succeeds(api: FakeApi, google_db: Path) -> None:
    api.script = [Reply(429, b'{"error": {"code": 429, "message": "Quota exceeded"}}', {"Retry-After": "0"}),
                  reply_file("search_page2.json")]
    evidence = make_source(api, google_db).lookup("One wind turbine kills 10,000 birds a year.")
    assert len(api.requests) == 2
    assert evidence and evidence[0].verdict == "false" and evidence[0].publisher == "checkers.example"


@pytest.mark.parametrize(
    ("replies", "message", "requests"),
    [
        ([Reply(500, b"oops")] * 3, "HTTP 500 after 3 attempts", 3),
        ([Reply(503, b"")] * 3, "HTTP 503 after 3 attempts", 3),
        ([Reply(200, b'{"claims": [ {"text": ')], "malformed JSON", 1),
        ([Reply(200, b"[1, 2]")], "not an object", 1),
        ([Reply(200, b'{"claims": {"text": "x"}}')], "not a list", 1),
        ([reply_file("error_400.json", status=400)], "HTTP 400 (API key not valid", 1),
    ],
)
def test_google_factcheck_failures_raise_lookup_failed(api: FakeApi, google_db: Path, replies: list[Reply],
                                                       message: str, requests: int) -> None:
    api.script = list(replies)
    with pytest.raises(LookupFailed) as info:
        make_source(api, google_db).lookup(QUERY)
    assert message in info.value.message
    assert "test-key-123" not in str(info.value)
    assert info.value.code.value == "CC160"
    assert len(api.requests) == requests
    with Store(google_db) as store:  # nothing cached after a failure
        assert store.stats()["cached_queries"] == 0


def test_google_factcheck_timeout(api: FakeApi, google_db: Path) -> None:
    api.script = [Reply(200, b"{}", delay=0.6), Reply(200, b"{}", delay=0.6)]
    source = make_source(api, google_db, timeout=0.15, retries=1)
    started = time.perf_counter()
    with pytest.raises(LookupFailed, match="timed out after 2 attempts"):
        source.lookup(QUERY)
    assert time.perf_counter() - started < 1.0


def test_google_factcheck_empty_answer_is_cached(api: FakeApi, google_db: Path) -> None:
    api.script = [reply_file("empty.json")]
    source = make_source(api, google_db)
    assert source.lookup("A claim nobody checked.") == []
    assert source.lookup("A  claim nobody   checked.") == []  # same query once whitespace is folded
    assert len(api.requests) == 1


def test_google_factcheck_missing_key_is_a_warning(google_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(API_KEY_ENV, raising=False)
    sources = plugin.claimcheck_lookup_sources({"db": str(google_db), "lookup": {"threshold": 0.5}})
    assert [s.name for s in sources] == ["google-factcheck"]
    claim = Claim(id="c1", text=QUERY, sentence=QUERY, start=0, end=len(QUERY), sentence_start=0,
                  sentence_end=len(QUERY), type="quantity", score=0.9, band="high")
    warnings: list[Diagnostic] = []
    attach_lookups([claim], sources, {"lookup": {"threshold": 0.5}}, warnings)
    assert claim.lookups == []
    assert [(w.code, w.plugin) for w in warnings] == [("CC160", "google-factcheck")]
    assert API_KEY_ENV in warnings[0].message


def test_google_factcheck_config_and_env(api: FakeApi, google_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(API_KEY_ENV, "env-key")
    monkeypatch.setenv(BASE_URL_ENV, api.base_url)
    api.script = [reply_file("search_page2.json")]
    config = {"db": str(google_db), "lookup": {"google": {"language": "es", "max_pages": 1, "retries": 0}}}
    (source,) = plugin.claimcheck_lookup_sources(config)
    source.lookup("One turbine kills 10,000 birds a year")
    assert api.requests[0]["languageCode"] == ["es"] and api.requests[0]["key"] == ["env-key"]
    assert json.loads((DATA / "search_page1.json").read_text(encoding="utf-8"))["nextPageToken"] == "CAI"
