"""Where claimcheck.parallel's workers get their engine: forked from the warm parent, or loaded when spawned."""

from __future__ import annotations

import gc
import multiprocessing
import os
import sys
from typing import Any

import pytest

from claimcheck import parallel
from claimcheck.text.inputs import InputDocument

TEXTS = [
    "Unemployment fell to 4.1% in May, the Office for National Statistics said.",
    "The treaty, signed in 1996, bans nuclear tests.",
    "Prices rose by 3% last year, according to the central bank.",
    "Crime has doubled since 2010, the senator claimed on Tuesday.",
    "The minister said the hospital would open in 2026.",
    "I think we can do better.",
]


def _docs() -> list[InputDocument]:
    return [InputDocument(text=t, source="t", id=str(i), published="2024-06-19") for i, t in enumerate(TEXTS)]


@pytest.fixture()
def forked(monkeypatch) -> None:
    """Fork the workers even when an earlier test left a thread running (which makes check_parallel spawn them)."""
    if sys.platform != "linux":
        pytest.skip("workers are forked only on Linux")
    monkeypatch.setattr(parallel, "_context", lambda: multiprocessing.get_context("fork"))


def _which_engine(items: list[Any], options: dict[str, Any]) -> list[Any]:
    return [(os.getpid(), id(parallel._engine)) for _ in items]


def test_forked_workers_check_with_the_parents_engine(engine, monkeypatch, forked) -> None:
    """No worker loads an engine of its own: each holds the very object the parent loaded (same address after fork)."""
    monkeypatch.setattr(parallel, "_check_chunk", _which_engine)
    frozen = gc.get_freeze_count()
    got = list(parallel.check_parallel(_docs(), config={}, jobs=2, chunk_docs=1, local=lambda: engine))
    assert len(got) == len(TEXTS)
    assert {ident for _, ident in got} == {id(engine)}
    assert os.getpid() not in {pid for pid, _ in got}
    assert gc.get_freeze_count() == frozen  # the caller's collector is left as it was


def test_forked_workers_start_warm(engine, monkeypatch, forked) -> None:
    """The parent checks a warm-up text before forking, so the workers inherit dateparser loaded."""
    warmed: list[Any] = []
    monkeypatch.setattr(parallel, "warm_engine", lambda e: warmed.append(e))
    list(parallel.check_parallel(_docs(), config={}, jobs=2, chunk_docs=1, local=lambda: engine))
    assert warmed == [engine]


def test_warm_engine_reaches_dateparser(engine, monkeypatch) -> None:
    """The warm-up text has a date only dateparser resolves, so its first (slow) call is not left to a worker."""
    from claimcheck.analysis import dates

    real, calls = dates._dateparser, []
    monkeypatch.setattr(dates, "_dateparser", lambda text, published: calls.append(text) or real(text, published))
    dates.resolve.cache_clear()
    parallel.warm_engine(engine)
    assert calls


def test_spawned_workers_load_their_own_engine_and_give_the_same_reports(engine, monkeypatch) -> None:
    """Where workers cannot be forked (macOS, Windows), each loads the engine: the reports are the same, in order."""
    monkeypatch.setattr(parallel, "_context", lambda: multiprocessing.get_context("spawn"))
    docs = _docs()
    expected = [r.to_dict() for r in engine.check_batch(docs)]
    got = list(parallel.check_parallel(docs, config={}, jobs=2, chunk_docs=2))
    assert [r.to_dict() for r in got] == expected
