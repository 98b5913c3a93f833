"""Recurring claims: the same claim made in several documents of a corpus.

Fact-checkers monitor repeated falsehoods: once a claim is checked, every
new place it turns up matters.  :class:`RecurringClaims` collects the claims
of a batch of reports (``claimcheck check corpus.jsonl --input-format jsonl
--recurring``) and groups those that state the same thing in different
documents, with who said it and when.

Two claims are the same claim when their sentence vectors
(:mod:`claimcheck.lookups.embed`) are close (cosine >= :data:`MIN_COSINE`, chosen with ``bench/lookup_recurring.py``),
their content words overlap (:data:`MIN_OVERLAP`, the Dice coefficient of
the matching stems), and no figure or year on one side is contradicted by
the other ("40 percent" is not "45 percent").  Groups are the connected
pairs, so a claim reworded twice still joins its group.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from claimcheck.lookups import embed
from claimcheck.lookups.features import Features, analyse
from claimcheck.lookups.match import _same_number, _significant
from claimcheck.report import Report

__all__ = ["MIN_COSINE", "MIN_OVERLAP", "Occurrence", "RecurringClaim", "RecurringClaims"]

MIN_COSINE = 0.70
MIN_OVERLAP = 0.5
_BLOCK = 1024


@dataclass
class Occurrence:
    """One place a recurring claim was made."""

    document: str | None
    claim: str
    text: str
    speaker: str | None
    published: str | None
    start: int
    end: int


@dataclass
class RecurringClaim:
    """A claim made in more than one document: its wording where first seen, and every occurrence."""

    claim: str
    documents: int
    occurrences: list[Occurrence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form."""
        return {"claim": self.claim, "documents": self.documents,
                "occurrences": [asdict(o) for o in self.occurrences]}


def _same_figure(a: float, b: float) -> bool:
    """Equal, or one the other rounded to two or more significant digits ("1.2 million" for
    1,187,000), but not to one ("40 percent" is not 45 percent)."""
    if a == b:
        return True
    return min(_significant(a), _significant(b)) >= 2 and _same_number(a, b)


def _figures_agree(a: frozenset[float], b: frozenset[float]) -> bool:
    return all(any(_same_figure(x, y) for y in b) for x in a) and all(any(_same_figure(x, y) for y in a) for x in b)


def _same_claim(a: Features, b: Features) -> bool:
    if not a.stems or not b.stems:
        return False
    dice = 2 * len(a.stems & b.stems) / (len(a.stems) + len(b.stems))
    if dice < MIN_OVERLAP:
        return False
    if (a.numbers or b.numbers) and not _figures_agree(a.numbers, b.numbers):
        return False
    return not (a.years and b.years and a.years != b.years)


class RecurringClaims:
    """Collects claims from reports and groups the recurring ones."""

    def __init__(self) -> None:
        self._occurrences: list[Occurrence] = []
        self._documents: list[int] = []
        self._count = 0

    def add(self, report: Report) -> None:
        """Add a document's claims (its query text: ``standalone`` when present, else the claim)."""
        index = self._count
        self._count += 1
        for claim in report.claims:
            speaker = claim.attribution.speaker if claim.attribution is not None else None
            self._occurrences.append(Occurrence(
                document=report.document.id or report.document.source, claim=claim.id,
                text=getattr(claim, "standalone", None) or claim.text, speaker=speaker,
                published=report.document.published, start=claim.start, end=claim.end,
            ))
            self._documents.append(index)

    def groups(self) -> list[RecurringClaim]:
        """Claims found in two or more documents, most widespread first."""
        n = len(self._occurrences)
        if n < 2:
            return []
        texts = [o.text for o in self._occurrences]
        vectors = embed.embedder().embed(texts)
        features = [analyse(t) for t in texts]
        documents = np.asarray(self._documents)
        parent = list(range(n))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for start in range(0, n, _BLOCK):
            sims = vectors[start:start + _BLOCK] @ vectors.T
            rows, cols = np.nonzero(sims >= MIN_COSINE)
            for r, c in zip(rows.tolist(), cols.tolist()):
                i = start + r
                if c <= i or documents[i] == documents[c]:
                    continue
                if find(i) != find(c) and _same_claim(features[i], features[c]):
                    parent[find(c)] = find(i)
        members: dict[int, list[int]] = {}
        for i in range(n):
            members.setdefault(find(i), []).append(i)
        groups = []
        for ids in members.values():
            spread = len({int(documents[i]) for i in ids})
            if spread < 2:
                continue
            ids.sort(key=lambda i: (self._occurrences[i].published or "", i))
            groups.append(RecurringClaim(claim=self._occurrences[ids[0]].text, documents=spread,
                                         occurrences=[self._occurrences[i] for i in ids]))
        groups.sort(key=lambda g: (-g.documents, g.claim))
        return groups


def format_text(groups: list[RecurringClaim]) -> str:
    """The groups as plain text, for the text report format."""
    if not groups:
        return "Recurring claims: none (no claim was made in more than one document)\n"
    lines = [f"Recurring claims: {len(groups)} made in more than one document"]
    for group in groups:
        lines.append(f"\n  {group.documents} documents: {group.claim}")
        for o in group.occurrences:
            who = o.speaker or "the article"
            lines.append(f"    - {o.document or '?'} ({o.published or 'undated'}), {who}: {o.text}")
    return "\n".join(lines) + "\n"
