"""Fast look-ups over a parsed document's entities.

``Doc.ents`` builds a new list of spans on every access, so asking a long
document for the entities of each claim is quadratic.  :func:`entity_index`
builds the list once per document (cached in ``doc.user_data``) and answers
range queries by bisection.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Span

_KEY = "claimcheck.entity_index"


class EntityIndex:
    """The entities of one document, sorted, with range queries."""

    def __init__(self, doc: Doc) -> None:
        self.ents: list[Span] = list(doc.ents)
        self._ends = [e.end for e in self.ents]

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

    def before(self, index: int) -> list[Span]:
        """Entities that end at or before token ``index``, in document order."""
        return self.ents[: bisect.bisect_right(self._ends, index)]


def entity_index(doc: Doc) -> EntityIndex:
    """The document's entity index, built on first use."""
    index = doc.user_data.get(_KEY)
    if index is None:
        index = EntityIndex(doc)
        doc.user_data[_KEY] = index
    return index
