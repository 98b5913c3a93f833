"""Fast look-ups over a parsed document's entities, and its text and sentences read once.

``Doc.ents`` builds a new list of spans on every access, so asking a long
document for the entities of each claim is quadratic.  :func:`entity_index`
(``doc._.claimcheck_entities``) builds the list once per document and
answers range queries by bisection.

The index is a Doc extension with a getter, not an object in
``doc.user_data``: ``doc.to_bytes()`` serialises ``user_data`` and cannot
serialise an index.  The getter keeps each doc's index in a :func:`per_document`
memo, so it lives as long as its doc (or until :func:`release`) and is built after the pipeline has set the
entities (the first time it is asked for).
"""

from __future__ import annotations

import bisect
import functools
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

from spacy.tokens import Doc, Span

T = TypeVar("T")


#: Every :func:`per_document` memo, for :func:`release`: each maps ``id(doc)`` to what was built for it.
_MEMOS: list[dict[int, Any]] = []
#: One weak reference per doc that some memo holds an entry for; its callback drops the doc's
#: entries when the doc is freed, before its ``id`` can be given to another object.
_WATCHED: dict[int, weakref.ref[Doc]] = {}


def _drop(key: int) -> None:
    """Drop the doc whose ``id`` is ``key`` from every memo and from :data:`_WATCHED`."""
    _WATCHED.pop(key, None)
    for entries in _MEMOS:
        entries.pop(key, None)


def _forget(key: int) -> Callable[[weakref.ref[Doc]], None]:
    def forget(_: weakref.ref[Doc]) -> None:
        _drop(key)

    return forget


def _watch(doc: Doc) -> None:
    """Make sure the doc's entries go when it is freed (see :data:`_WATCHED`)."""
    key = id(doc)
    if key not in _WATCHED:
        _WATCHED[key] = weakref.ref(doc, _forget(key))


def per_document(build: Callable[[Doc], T]) -> Callable[[Doc], T]:
    """Memoise ``build(doc)`` for as long as the doc lives or until :func:`release` (not in
    ``doc.user_data``, which ``doc.to_bytes()`` would try to serialise): for work that every claim of
    a document would otherwise repeat."""
    # Keyed by ``id(doc)``, which is safe because a doc's entries are dropped (by the callback of
    # its weak reference in ``_WATCHED``) before the doc's memory, and so its id, can be reused.
    # These memos are asked about once or more per token: a look-up by a weak reference made a new
    # reference object per call (the existing one has a callback, so ``ref(doc)`` is not shared)
    # and hashed it, about 0.8 us a call against 0.15 us now.
    entries: dict[int, T] = {}
    _MEMOS.append(entries)

    @functools.wraps(build)
    def cached(doc: Doc) -> T:
        found = entries.get(id(doc))
        if found is None:
            found = build(doc)
            _watch(doc)
            entries[id(doc)] = found
        return found

    return cached


def release(doc: Doc) -> None:
    """Drop ``doc`` from every :func:`per_document` memo.

    A memo's value may hold its doc (the entity index holds the doc's entity
    spans), and then the doc is never freed: the doc, its token table and the
    rest stayed alive for the life of the process, every document of a batch
    (and each full garbage-collector pass scanned them all).  The engine calls
    this when a document's report is done; anything asked about the doc later
    is built again.
    """
    _drop(id(doc))

EXTENSION = "claimcheck_entities"


class EntityIndex:
    """The entities of one document, sorted, with range queries."""

    def __init__(self, doc: Doc) -> None:
        self.ents: list[Span] = list(doc.ents)
        self._ends = [e.end for e in self.ents]
        # Read once: a Span's start and label_ are Python calls into spaCy on every read.
        self._starts = [e.start for e in self.ents]
        self._labels = [e.label_ for e in self.ents]

    def overlapping(self, start: int, end: int) -> list[Span]:
        """Entities that share at least one token with ``doc[start:end]``."""
        i = bisect.bisect_right(self._ends, start)
        out: list[Span] = []
        while i < len(self.ents) and self.ents[i].start < end:
            out.append(self.ents[i])
            i += 1
        return out

    def within(self, start: int, end: int) -> list[Span]:
        """Entities entirely inside ``doc[start:end]``."""
        return [e for e in self.overlapping(start, end) if e.start >= start and e.end <= end]

    def labels_within(self, start: int, end: int) -> list[str]:
        """The labels of :meth:`within`'s entities, in the same order, without reading the spans."""
        ends, starts, labels = self._ends, self._starts, self._labels
        i = bisect.bisect_right(ends, start)
        out: list[str] = []
        while i < len(starts) and starts[i] < end:
            if starts[i] >= start and ends[i] <= end:
                out.append(labels[i])
            i += 1
        return out

    def before(self, index: int) -> list[Span]:
        """Entities that end at or before token ``index``, in document order."""
        return self.ents[: bisect.bisect_right(self._ends, index)]


_index = per_document(EntityIndex)


if not Doc.has_extension(EXTENSION):
    Doc.set_extension(EXTENSION, getter=_index)


def entity_index(doc: Doc) -> EntityIndex:
    """The document's entity index (``doc._.claimcheck_entities``), built on first use."""
    # The extension's own getter, without ``doc._``: that builds an Underscore object on every access
    # (about 1 us), and typing, scoring and the model ask once or more per claim.
    return _index(doc)


def _joined_text(doc: Doc) -> str:
    return doc.text


#: ``doc.text``, joined once per document: spaCy joins every token again on each access (0.2 ms an article).
doc_text = per_document(_joined_text)
_TEXTS = _MEMOS[-1]


def remember_text(doc: Doc, text: str) -> None:
    """Record the text a doc was tokenized from, so that :func:`doc_text` need not join its tokens.

    spaCy's tokenizer keeps every character, so ``doc.text == text`` for a
    doc made from ``text`` (and for the parts of one joined with
    ``Doc.from_docs(..., ensure_whitespace=False)``); a text of another
    length is not this doc's and is ignored.
    """
    last = doc[-1] if len(doc) else None
    if (last.idx + len(last.text_with_ws) if last is not None else 0) == len(text):
        _watch(doc)
        _TEXTS[id(doc)] = text


@per_document
def sentences(doc: Doc) -> list[Span]:
    """``list(doc.sents)``, built once per document: spaCy scans every token for sentence starts on each access."""
    return list(doc.sents)
