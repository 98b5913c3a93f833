"""Parsing ahead in a thread (``overlap``): the same output in the same order, errors raised, clean stops."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import spacy
from spacy.language import Language

import claimcheck.engine as engine_module
from claimcheck import parallel
from claimcheck.analysis import nlp as nlp_module
from claimcheck.analysis.enrich import ClaimBuilder
from claimcheck.analysis.nlp import ParseFailure, parse_ahead, parse_pairs
from claimcheck.batch import DocumentError
from claimcheck.engine import overlaps
from claimcheck.errors import ClaimcheckError
from claimcheck.report import Report
from claimcheck.text.inputs import InputDocument, RefusedInput
from claimcheck.text.normalise import normalise

TEXTS = [
    "Unemployment fell to 4.1% in May, the Office for National Statistics said.",
    "The treaty, signed in 1996, bans nuclear tests.",
    "Prices rose by 3% last year, according to the central bank.",
    "The minister said 40,000 homes were built in 2023, more than ever before.",
]


def _parse_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "claimcheck-parse"]


def _wait_for_no_parse_thread() -> None:
    # join() in the generator's finally has already run; this only guards against a slow scheduler.
    deadline = time.monotonic() + 5
    while _parse_threads() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not _parse_threads()


@pytest.fixture()
def fragile() -> Language:
    """A blank pipeline whose one component fails on any document containing BOOM."""
    name = "claimcheck_test_fragile_ahead"
    if name not in Language.factories:
        @Language.component(name)
        def fragile_component(doc: Any) -> Any:
            if "BOOM" in doc.text:
                raise ValueError("fragile component failed")
            return doc

    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe(name)
    return pipeline


def _shape(pairs: list[tuple[Any, Any]]) -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for doc, context in pairs:
        if doc is None:
            out.append(("none", context))
        elif isinstance(doc, ParseFailure):
            out.append((f"failure: {doc.error}", context))
        else:
            out.append((doc.text + "|" + "".join("S" if t.is_sent_start else "." for t in doc), context))
    return out


def test_parse_ahead_equals_parse_pairs(fragile: Language, monkeypatch) -> None:
    """Texts, gaps, failures and long texts in parts come out as parse_pairs gives them, in order."""
    monkeypatch.setattr(nlp_module, "CHUNK_CHARS", 40)
    long_good = " ".join(["Another calm sentence."] * 8)
    long_bad = " ".join(["A calm sentence here."] * 6 + ["BOOM goes one part."] + ["Calm again."] * 4)
    items = [(normalise(t), i) for i, t in enumerate(TEXTS)]
    items += [(None, "gap"), (normalise(long_good), "long"), (normalise("BOOM."), "bad"),
              (normalise(long_bad), "long bad"), (normalise("Short."), "last")]
    # Small batches, so that the stream runs through several of them and the buffer fills.
    expected = _shape(list(parse_pairs(fragile, iter(items), batch_size=2, isolate=True)))
    got = _shape(list(parse_ahead(fragile, iter(items), batch_size=2, isolate=True, ahead=1)))
    assert got == expected
    assert [c for _, c in got] == [0, 1, 2, 3, "gap", "long", "bad", "long bad", "last"]
    assert got[6][0].startswith("failure") and got[7][0].startswith("failure")
    _wait_for_no_parse_thread()


def test_parse_ahead_raises_the_parse_error_after_the_documents_before_it(fragile: Language) -> None:
    items = [(normalise(t), i) for i, t in enumerate(["One.", "Two.", "Three BOOM.", "Four."])]
    seen = []
    with pytest.raises(ValueError, match="fragile component failed"):
        for _doc, context in parse_ahead(fragile, iter(items), batch_size=1):
            seen.append(context)
    assert seen == [0, 1]
    _wait_for_no_parse_thread()


def test_parse_ahead_raises_an_error_of_the_input_stream(fragile: Language) -> None:
    def items() -> Iterator[tuple[Any, int]]:
        yield normalise("One."), 1
        raise RuntimeError("the input broke")

    with pytest.raises(RuntimeError, match="the input broke"):
        list(parse_ahead(fragile, items()))
    _wait_for_no_parse_thread()


def test_parse_ahead_stops_when_the_reader_stops(fragile: Language) -> None:
    """An endless input: closing after one document ends the thread, and it read only a few batches ahead."""
    pulled = itertools.count()

    def endless() -> Iterator[tuple[Any, int]]:
        for i in itertools.count():
            next(pulled)
            yield normalise(f"Sentence number {i}."), i

    stream = parse_ahead(fragile, endless(), batch_size=4, ahead=2)
    assert next(stream)[1] == 0
    time.sleep(0.3)  # time enough for an unbounded reader to run far ahead
    read = next(pulled)
    assert read <= 6 * 4  # the buffer (2 batches), the batch in hand, the one being parsed, and a few in transit
    stream.close()
    _wait_for_no_parse_thread()


# -- the engine --------------------------------------------------------------------


def _docs(texts: list[str]) -> list[InputDocument]:
    return [InputDocument(text=t, source="batch.jsonl", id=f"d{i}", line=i + 1) for i, t in enumerate(texts)]


def _record(result: Report | DocumentError) -> Any:
    if isinstance(result, DocumentError):
        return ("error", result.id, result.code, result.kind, result.message)
    return result.to_dict()


def test_engine_batch_same_results_with_and_without_overlap(engine, monkeypatch) -> None:
    """Reports and error records (refused input, a bad date, a report that fails) are the same, in input order."""
    original = ClaimBuilder.build

    def build(self: ClaimBuilder) -> Any:
        if "BOOM" in self.doc.text:
            raise IndexError("[E1002] Span index out of range.")
        return original(self)

    monkeypatch.setattr(ClaimBuilder, "build", build)
    items: list[Any] = [
        *_docs(TEXTS[:2]),
        RefusedInput(source="batch.jsonl", line=3, code="CC112", message="batch.jsonl:3: not valid JSON"),
        {"id": "late", "text": TEXTS[2], "published": "not a date"},
        InputDocument(text="The minister said BOOM went the budget.", source="batch.jsonl", id="boom"),
        *_docs(TEXTS * 3),
    ]
    spy = _spy_parse_ahead(monkeypatch)
    on = [_record(r) for r in engine.check_batch(items, overlap=True)]
    assert spy.calls == 1
    off = [_record(r) for r in engine.check_batch(items, overlap=False)]
    assert spy.calls == 1
    assert on == off
    assert [r[1] if isinstance(r, tuple) else r["document"]["id"] for r in on][:5] == ["d0", "d1", None, "late", "boom"]
    assert sum(isinstance(r, tuple) for r in on) == 3
    _wait_for_no_parse_thread()


def test_engine_check_many_with_overlap_raises_and_stops(engine) -> None:
    items = [{"id": "a", "text": TEXTS[0]}, {"id": "x", "text": TEXTS[1], "published": "not a date"}]
    with pytest.raises(ClaimcheckError):
        list(engine.check_many(items, overlap=True))
    _wait_for_no_parse_thread()


def test_engine_check_many_early_stop_and_interrupt_do_not_hang(engine) -> None:
    def endless() -> Iterator[dict[str, str]]:
        for i in itertools.count():
            yield {"id": str(i), "text": TEXTS[i % len(TEXTS)]}

    reports = engine.check_many(endless(), overlap=True)
    assert next(reports).document.id == "0"
    reports.close()
    _wait_for_no_parse_thread()
    with pytest.raises(KeyboardInterrupt):
        for report in engine.check_many(endless(), overlap=True):
            if report.document.id == "2":
                raise KeyboardInterrupt
    _wait_for_no_parse_thread()


class _Spy:
    calls = 0


def _spy_parse_ahead(monkeypatch) -> _Spy:
    spy = _Spy()
    real = engine_module.parse_ahead

    def counted(*args: Any, **kwargs: Any) -> Any:
        spy.calls += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(engine_module, "parse_ahead", counted)
    return spy


def test_overlap_is_opt_in(engine, monkeypatch) -> None:
    """Unset, overlap is off (it made no robust difference); true turns it on; check() of one text never overlaps."""
    spy = _spy_parse_ahead(monkeypatch)
    assert overlaps(engine.config) is False
    list(engine.check_many([{"id": "a", "text": TEXTS[0]}, {"id": "b", "text": TEXTS[1]}]))
    list(engine.check_batch([{"id": "a", "text": TEXTS[0]}]))
    assert spy.calls == 0
    list(engine.check_many([{"id": "a", "text": TEXTS[0]}], overlap=True))
    assert spy.calls == 1
    assert overlaps(engine.config.with_options({"overlap": True})) is True
    engine.check(TEXTS[0], overlap=True)
    assert spy.calls == 1


def test_workers_do_not_overlap(monkeypatch) -> None:
    """--jobs and Dask workers build their engines with overlap off (their cores are busy), unless asked for."""
    assert parallel.worker_config({"min_score": 0.3})["overlap"] is False
    assert parallel.worker_config({"overlap": None})["overlap"] is False
    assert parallel.worker_config({"overlap": True})["overlap"] is True
    monkeypatch.setattr(parallel, "_engine", None)
    parallel._init_worker({"model": False})
    assert parallel._engine is not None and overlaps(parallel._engine.config) is False
    pytest.importorskip("distributed")
    from claimcheck.dask import _load_engine

    assert overlaps(_load_engine({"model": False}).config) is False
