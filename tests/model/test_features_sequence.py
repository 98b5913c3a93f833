"""Span features cut from the document's word sequence equal those read token by token, for every span."""

from __future__ import annotations

from spacy.tokens import Span

from claimcheck.model import load_model
from claimcheck.model.features import (
    KEPT_PUNCT,
    LEMMA_POS,
    NAME_LABELS,
    PERSON_OF,
    QUANTITY_LABELS,
    ColumnReader,
    _length_bucket,
    span_features,
)
from claimcheck.analysis.spans import entity_index

# Entities of several tokens (spans start inside them), numbers, punctuation, a line break.
TEXT = ("Barack Obama said on Monday that unemployment fell to 3.5 percent last year, the lowest since 1969.\n\n"
        "The New York Times reported that 2 million people in South Korea will not vote; why?")


def _reference(span: Span) -> list[str]:
    """The features as the model read them before they were cut from a per-document sequence: token by token."""
    words: list[str] = []
    tags: list[str] = []
    feats: list[str] = []
    n_tokens = 0
    has_num = False
    for token in span:
        if token.is_space:
            continue
        n_tokens += 1
        pos, ent, fine = token.pos_, token.ent_type_, token.tag_
        if pos == "PUNCT" and token.text not in KEPT_PUNCT:
            continue
        if ent in NAME_LABELS or ent in QUANTITY_LABELS:
            if token.ent_iob_ == "I" and token.i > span.start:
                continue  # an entity counts once, from its first token in the span
            words.append(f"<{ent}>")
            tags.append(ent)
            has_num = has_num or (ent in QUANTITY_LABELS and ent not in ("DATE", "TIME"))
            continue
        if token.like_num or fine == "CD":
            words.append("<NUM>")
            tags.append("NUM")
            has_num = True
            continue
        words.append(token.lower_)
        tags.append(pos)
        feats.append("t=" + fine)
        if pos in LEMMA_POS:
            feats.append("l=" + token.lemma_.lower())
        if token.dep_ in ("nsubj", "nsubjpass"):
            feats.append("subj=" + PERSON_OF.get(token.lower_, pos if pos != "PRON" else "pron"))
            if fine.startswith("NN") or pos == "PROPN":
                feats.append("subj=noun")
        elif token.dep_ == "neg":
            feats.append("neg")
        elif fine == "MD":
            feats.append("md=" + token.lower_)
    n = len(words)
    feats += ["w=" + w for w in words]
    feats += [f"b={words[i - 1]}_{words[i]}" for i in range(1, n)]
    feats += [f"pp={tags[i - 1]}_{tags[i]}" for i in range(1, n)]
    feats += [f"ppp={tags[i - 2]}_{tags[i - 1]}_{tags[i]}" for i in range(2, n)]
    if n:
        feats += ["first=" + words[0], "pfirst=" + tags[0]]
    feats += ["root=" + span.root.lemma_.lower(), "roottag=" + span.root.tag_, "len=" + _length_bucket(n_tokens)]
    if has_num:
        feats.append("hasnum")
    feats += sorted({"e=" + e.label_ for e in entity_index(span.doc).within(span.start, span.end)})
    return list(dict.fromkeys(feats))


def test_features_sequence_every_span(nlp) -> None:
    doc = nlp(TEXT)
    assert any(t.ent_iob_ == "I" for t in doc) and any(t.is_space for t in doc)
    index = load_model()._index
    reader = ColumnReader(index)
    for start in range(len(doc)):
        for end in range(start + 1, len(doc) + 1):
            span = doc[start:end]
            feats = span_features(span)
            assert feats == _reference(span), (start, end)
            assert reader.columns(span) == [index[f] for f in feats if f in index], (start, end)


def test_features_sequence_new_book_and_second_reader(nlp, monkeypatch) -> None:
    """Records shared across documents: when a full book is replaced, and when two readers take turns on
    the same documents, every reader's columns still equal the feature strings' own."""
    from claimcheck.model import features

    monkeypatch.setattr(features._Book, "LIMIT", 5)  # a new book for nearly every document
    index = load_model()._index
    small = {f: i for i, f in enumerate(sorted(index)[::2])}  # another vocabulary: half the features
    readers = [(ColumnReader(index), index), (ColumnReader(small), small)]
    docs = [nlp(t) for t in (TEXT, "Unemployment fell to 3.5 percent in 2019, the ministry said.", TEXT.upper())]
    for _ in range(2):
        for doc in docs:
            for reader, vocab in readers:
                for start in range(0, len(doc), 3):
                    span = doc[start:len(doc) - start // 2]
                    feats = span_features(span)
                    assert feats == _reference(span), (doc.text, start)
                    assert reader.columns(span) == [vocab[f] for f in feats if f in vocab], (doc.text, start)


def test_features_sequence_threads(nlp, monkeypatch) -> None:
    """Documents read in several threads at once (records are numbered in a shared book, which fills and is
    replaced meanwhile) get the same columns as the feature strings say."""
    import threading

    from claimcheck.model import features

    monkeypatch.setattr(features._Book, "LIMIT", 40)
    index = load_model()._index
    reader = ColumnReader(index)
    texts = [TEXT, "Unemployment fell to 3.5 percent in 2019, the ministry said.", TEXT.upper(), TEXT.lower()]
    expected = {}
    for text in texts:
        doc = nlp(text)
        expected[text] = [[index[f] for f in _reference(doc[s:len(doc)]) if f in index] for s in range(len(doc))]
    failures: list[str] = []
    # Parsed here (spaCy's pipeline is not promised to be thread-safe); each thread builds the documents'
    # sequences and columns itself, 5 rounds of fresh docs.
    work_of = [[nlp(text) for _ in range(5) for text in texts[i:] + texts[:i]] for i in range(4)]

    def work(docs: list) -> None:
        for doc in docs:
            if [reader.columns(doc[s:len(doc)]) for s in range(len(doc))] != expected[doc.text]:
                failures.append(doc.text)

    threads = [threading.Thread(target=work, args=(docs,)) for docs in work_of]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures


def test_features_batch_of_spans_from_two_documents(nlp) -> None:
    """A batch (the model reads a document's claims and sentences in one) gives each span the columns it gets
    alone, in the same order, whatever spans come before it: spans of two documents taking turns, spans that
    start inside an entity, empty spans and spans of whitespace or punctuation only."""
    import numpy as np

    model = load_model()
    index = model._index
    docs = [nlp(TEXT), nlp("Unemployment fell to 3.5 percent in 2019, the ministry said.")]
    spans = []
    for start in range(len(docs[0])):
        spans.append(docs[0][start:min(start + 7, len(docs[0]))])
        other = docs[1]
        spans.append(other[start % len(other):len(other)])
    spans += [docs[0][3:3], docs[0][len(docs[0]) - 1:], docs[1][:]]
    rows, cols = ColumnReader(index).batch(spans)
    for row, span in enumerate(spans):
        expected = [index[f] for f in span_features(span) if f in index]
        assert cols[rows == row].tolist() == expected, (span.start, span.end)
    # The logit adds a span's weights in the order of its columns, so that a span scored in a batch or alone
    # gets the same bits.
    alone = np.concatenate([model.logits([span]) for span in spans])
    assert model.logits(spans).tobytes() == alone.tobytes()
