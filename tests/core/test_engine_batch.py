"""Engine.check_batch: a document that fails gets an error record in its place; the others go on."""

from __future__ import annotations

from typing import Any

import pytest
import spacy
from spacy.language import Language

from claimcheck.analysis import nlp as nlp_module
from claimcheck.analysis.enrich import ClaimBuilder
from claimcheck.analysis.nlp import ParseFailure, parse
from claimcheck.batch import BatchTally, DocumentError
from claimcheck.errors import ExitCode
from claimcheck.report import Report
from claimcheck.text.inputs import InputDocument, RefusedInput
from claimcheck.text.normalise import normalise

GOOD = [
    "Unemployment fell to 4.1% in May, the Office for National Statistics said.",
    "The treaty, signed in 1996, bans nuclear tests.",
    "Prices rose by 3% last year, according to the central bank.",
]


def _docs(texts: list[str]) -> list[InputDocument]:
    return [InputDocument(text=t, source="batch.jsonl", id=f"d{i}", line=i + 1) for i, t in enumerate(texts)]


def _ids(results: list[Any]) -> list[str | None]:
    return [r.id if isinstance(r, DocumentError) else r.document.id for r in results]


@pytest.mark.parametrize("where", ["analyse_document", "build"])
def test_engine_batch_failing_document_gets_error_record(engine, monkeypatch, where: str) -> None:
    """A bug on one document (before or after the parse) costs that document only."""
    if where == "build":
        original = ClaimBuilder.build

        def build(self: ClaimBuilder) -> Any:
            if "BOOM" in self.doc.text:
                raise IndexError("[E1002] Span index out of range.")
            return original(self)

        monkeypatch.setattr(ClaimBuilder, "build", build)
    else:
        import claimcheck.engine as engine_module

        original_analyse = engine_module.analyse_document

        def analyse(norm: Any) -> Any:
            if "BOOM" in norm.text:
                raise IndexError("[E1002] Span index out of range.")
            return original_analyse(norm)

        monkeypatch.setattr(engine_module, "analyse_document", analyse)
    texts = [GOOD[0], "The minister said BOOM went the budget.", GOOD[1], GOOD[2]]
    results = list(engine.check_batch(_docs(texts)))
    assert _ids(results) == ["d0", "d1", "d2", "d3"]
    error = results[1]
    assert isinstance(error, DocumentError)
    assert error.code == "CC200" and error.kind == "internal" and error.line == 2
    assert "IndexError" in error.message and "E1002" in error.message and "report" in error.message
    assert error.detail and "Traceback" in error.detail
    assert all(isinstance(r, Report) for i, r in enumerate(results) if i != 1)
    # The reports of the others are those they get alone.
    alone = [engine.check(t, doc_id=f"d{i}", source="batch.jsonl").to_dict() for i, t in enumerate(texts) if i != 1]
    assert [r.to_dict() for r in results if isinstance(r, Report)] == alone


def test_engine_batch_refused_lines_and_bad_dates_keep_their_place(engine) -> None:
    items: list[Any] = [
        RefusedInput(source="batch.jsonl", line=1, code="CC112", message="batch.jsonl:1: not valid JSON"),
        *_docs(GOOD[:1]),
        {"id": "late", "text": GOOD[1], "published": "not a date"},
        {"id": "empty"},
        RefusedInput(source="batch.jsonl", line=9, code="CC112", message="batch.jsonl:9: no text", id="n"),
    ]
    results = list(engine.check_batch(items))
    assert _ids(results) == [None, "d0", "late", "empty", "n"]
    assert [r.code for r in results if isinstance(r, DocumentError)] == ["CC112", "CC110", "CC112", "CC112"]
    assert all(r.kind == "input" for r in results if isinstance(r, DocumentError))
    record = results[0].to_dict()
    assert record["error"] == {"code": "CC112", "kind": "input", "message": "batch.jsonl:1: not valid JSON", "line": 1}
    assert record["document"]["line"] == 1 and "claims" not in record


def test_engine_check_many_still_raises(engine) -> None:
    from claimcheck.errors import ClaimcheckError

    with pytest.raises(ClaimcheckError):
        list(engine.check_many([{"id": "x", "text": GOOD[0], "published": "not a date"}]))


@pytest.fixture()
def fragile() -> Language:
    """A blank pipeline whose one component fails on any document containing BOOM."""
    name = "claimcheck_test_fragile"
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


def test_parse_isolates_a_failing_batch(fragile: Language) -> None:
    texts = [normalise(t) for t in ("One fine day.", "BOOM here.", "Three more.")]
    out = list(parse(fragile, texts, isolate=True))
    assert isinstance(out[1], ParseFailure) and "fragile" in str(out[1].error)
    assert [d.text for d in out if not isinstance(d, ParseFailure)] == ["One fine day.", "Three more."]
    with pytest.raises(ValueError):
        list(parse(fragile, texts))


def test_parse_isolates_a_failing_part_of_a_long_text(fragile: Language, monkeypatch) -> None:
    monkeypatch.setattr(nlp_module, "CHUNK_CHARS", 40)
    long_bad = " ".join(["A calm sentence here."] * 6 + ["BOOM goes one part."] + ["Calm again."] * 4)
    long_good = " ".join(["Another calm sentence."] * 8)
    out = list(parse(fragile, [normalise(long_good), normalise(long_bad), normalise("Short.")], isolate=True))
    assert len(out) == 3 and isinstance(out[1], ParseFailure)
    assert out[0].text == long_good and out[2].text == "Short."


def test_batch_tally_exit_codes() -> None:
    tally = BatchTally()
    assert tally.exit_code is None and tally.summary() == "0 of 0 documents checked"
    tally.add(DocumentError(id="a", source="s", code="CC112", message="m", line=3))
    assert tally.exit_code is ExitCode.USAGE_ERROR and "1 refused as input (CC112 x1)" in tally.summary()
    tally.add(DocumentError(id="b", source="s", code="CC200", message="m", kind="internal"))
    assert tally.exit_code is ExitCode.INTERNAL_ERROR and tally.failed == 2
