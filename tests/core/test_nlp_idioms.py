"""spaCy idioms: docs serialise after claimcheck has read them; parse pairs docs with contexts."""

from __future__ import annotations

from spacy.tokens import Doc

from claimcheck.analysis.nlp import load_pipeline, new_pipeline, parse
from claimcheck.analysis.spans import entity_index
from claimcheck.text.normalise import normalise


def test_nlp_idioms_doc_to_bytes_after_entity_index(nlp) -> None:
    doc = nlp("Vladimir Putin met Kim Jong Un in Pyongyang on Wednesday.")
    index = entity_index(doc)
    assert [e.text for e in index.ents] == [e.text for e in doc.ents]
    assert entity_index(doc) is index and doc._.claimcheck_entities is index
    restored = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert [(e.text, e.label_) for e in restored.ents] == [(e.text, e.label_) for e in doc.ents]


def test_nlp_idioms_engine_docs_serialise(engine) -> None:
    seen: list[bytes] = []

    class Keep:
        @staticmethod
        def claimcheck_findings(doc):  # type: ignore[no-untyped-def]
            seen.append(doc.to_bytes())

    engine.plugins.register(Keep(), "keep-docs")
    try:
        engine.check("Unemployment rose to 5.2% in May, the ministry said.")
    finally:
        engine.plugins.unregister("keep-docs")
    assert seen and seen[0]


def test_nlp_idioms_parse_keeps_order_across_long_documents(nlp, monkeypatch) -> None:
    from claimcheck.analysis import nlp as nlp_module

    monkeypatch.setattr(nlp_module, "CHUNK_CHARS", 700)  # a long text in four parts, parsed quickly
    long_text = "The council voted to close the library. " * 70
    texts = [normalise("First text."), normalise(long_text), normalise("Third text.")]
    out = list(parse(nlp, texts, batch_size=2))
    assert [doc.text for doc in out] == ["First text.", long_text, "Third text."]


def test_nlp_idioms_parse_pairs_carries_contexts_through_pipe_as_tuples(nlp, monkeypatch) -> None:
    from claimcheck.analysis import nlp as nlp_module

    calls: list[bool] = []
    real_pipe = nlp.pipe

    def pipe(items, **kwargs):  # the contexts ride through spaCy, not beside it
        calls.append(kwargs.get("as_tuples", False))
        return real_pipe(items, **kwargs)

    monkeypatch.setattr(nlp, "pipe", pipe)
    monkeypatch.setattr(nlp_module, "CHUNK_CHARS", 700)
    long_text = "The council voted to close the library. " * 70
    items = [(normalise("First text."), "a"), (None, "never parsed"), (normalise(long_text), "b"),
             (normalise("Third text."), "c")]
    out = list(nlp_module.parse_pairs(nlp, items, batch_size=2))
    assert [(None if doc is None else doc.text, context) for doc, context in out] == [
        ("First text.", "a"), (None, "never parsed"), (long_text, "b"), ("Third text.", "c")]
    assert True in calls  # spaCy then calls pipe again on the bare docs itself


def test_nlp_idioms_new_pipeline_is_not_the_shared_one() -> None:
    assert load_pipeline() is load_pipeline()
    assert new_pipeline() is not load_pipeline()
