"""The per-document caches of claimcheck.analysis.spans and the model's token records give what spaCy gives."""

from __future__ import annotations

import pytest

from claimcheck.analysis.spans import doc_text, entity_index, remember_text, sentences
from claimcheck.model.features import span_features

TEXT = "Prices rose 3.5 percent last year, the ONS said.\n\nIn New York City, rents fell. Nobody expected it!"


def test_spans_sentences_cached_equal_doc_sents(nlp):
    doc = nlp(TEXT)
    got = sentences(doc)
    assert [(s.start, s.end) for s in got] == [(s.start, s.end) for s in doc.sents]
    assert sentences(doc) is got


def test_spans_remember_text_is_doc_text(nlp):
    doc = nlp(TEXT)
    remember_text(doc, TEXT)
    assert doc_text(doc) == doc.text == TEXT


def test_spans_remember_text_ignores_another_text(nlp):
    doc = nlp(TEXT)
    remember_text(doc, TEXT + " and more")
    assert doc_text(doc) == doc.text


@pytest.mark.parametrize(("start", "end", "first", "words"), [
    (13, 20, "<GPE>", ["<GPE>", "rents", "fell"]),   # the whole entity
    (14, 20, "<GPE>", ["<GPE>", "rents", "fell"]),   # opening inside it: the entity still counts, once
    (15, 18, "<GPE>", ["<GPE>", "rents"]),
    (0, 11, "prices", ["prices", "rose", "<PERCENT>", "<DATE>", "the", "<ORG>", "said"]),
    (3, 6, "<PERCENT>", ["<PERCENT>", "<DATE>"]),
])
def test_features_entity_counts_once_from_where_the_span_opens(nlp, start, end, first, words):
    doc = nlp(TEXT)
    feats = span_features(doc[start:end])
    assert "first=" + first in feats
    assert [f[2:] for f in feats if f.startswith("w=")] == list(dict.fromkeys(words))
    assert span_features(doc[start:end]) == feats  # the second span of a doc reads the cached token records


SUBJECTS_TEXT = ("There were 40 jobs lost and the plant, which the firm said was sold, closed. "
                 "It is thought that prices were cut. Go home! Whether it works matters.")


def test_claims_subject_table_equals_children_walk(nlp):
    """nominal_subject / has_subject read a per-document table: the answers are the children walk's."""
    from claimcheck.analysis.claims import SUBJECT_DEPS, has_subject, nominal_subject

    doc = nlp(SUBJECTS_TEXT)
    for token in doc:
        walked = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        found = nominal_subject(token)
        assert (found.i if found is not None else None) == (walked.i if walked is not None else None)
        assert has_subject(token) == any(c.dep_ in SUBJECT_DEPS for c in token.children)
    assert any(has_subject(t) for t in doc) and any(not has_subject(t) for t in doc)


def test_spans_release_frees_a_doc_its_memos_held(nlp):
    import gc
    import weakref

    from claimcheck.analysis.spans import entity_index, release

    doc = nlp(TEXT)
    first = entity_index(doc)  # holds the doc's entity spans, and so the doc
    assert entity_index(doc) is first
    release(doc)
    assert entity_index(doc) is not first  # built again after a release
    alive = weakref.ref(doc)
    del doc, first
    gc.collect()
    assert alive() is not None  # the memo built after the release still holds it
    release(alive())  # type: ignore[arg-type]
    gc.collect()
    assert alive() is None


def test_spans_engine_keeps_no_checked_doc(engine):
    import gc

    from spacy.tokens import Doc

    def docs() -> int:
        gc.collect()
        return sum(isinstance(o, Doc) for o in gc.get_objects())

    before = docs()
    list(engine.check_many([{"id": str(i), "text": f"Sales in Germany fell {i} percent in 2023, Reuters said."}
                            for i in range(4)]))
    engine.check(TEXT)
    assert docs() <= before


def test_spans_entity_labels_within_equal_the_entities_within(nlp):
    """labels_within (read from lists made once) gives the labels of within's entities, in order, for every range."""
    doc = nlp("Barack Obama met Angela Merkel in Berlin on Monday, and 3 million Germans watched on ZDF.")
    index = entity_index(doc)
    assert len(index.ents) >= 4
    for start in range(len(doc) + 1):
        for end in range(start, len(doc) + 1):
            assert index.labels_within(start, end) == [e.label_ for e in index.within(start, end)], (start, end)
