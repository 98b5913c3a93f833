"""Find the stored fact-checks that are about the same claim as a sentence.

Two steps:

1. **Retrieve** candidates with FTS5: the sentence's content words (and their
   synonym classes, years and whole numbers) OR-ed together, each quoted so
   that no user text is read as FTS syntax, ranked by BM25.
2. **Re-rank** the best :data:`CANDIDATES` with :func:`similarity`, a score in
   [0, 1]: the IDF-weighted overlap of content stems (weighted towards how
   much of the *stored* claim the sentence covers, since articles add
   framing around a claim), then penalties when numbers, years or names are
   present on both sides and disagree, and a bonus when numbers agree.

:data:`DEFAULT_THRESHOLD` is the score from which a match is reported as the
same claim; ``bench/lookup_quality.py`` measures it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from claimcheck.lookups.features import Features, analyse, fts_terms, stem
from claimcheck.lookups.store import FactCheck, Store

__all__ = ["DEFAULT_THRESHOLD", "CANDIDATES", "Match", "Matcher", "fts_query", "similarity"]

DEFAULT_THRESHOLD = 0.55
CANDIDATES = 50
# Retrieval uses at most MAX_TERMS terms, leaving out those in more than
# COMMON_SHARE of the stored claims (long posting lists: most of the query's
# cost, little of BM25's ranking) unless fewer than MIN_TERMS would be left.
# Re-ranking still weighs every word.
MAX_TERMS = 12
MIN_TERMS = 4
COMMON_SHARE = 0.1



@dataclass
class Match:
    """A stored fact-check and how similar it is to the looked-up text."""

    record: FactCheck
    score: float
    bm25: float


def fts_query(features: Features, df: dict[str, int] | None = None, total: int = 0) -> str | None:
    """An FTS5 query OR-ing the sentence's terms, or ``None`` if it has none.

    Every term is wrapped in double quotes (inner quotes doubled), so words
    like ``NOT``, ``NEAR`` or ``col:`` in the text stay plain words.  With
    document frequencies (``df`` by stem, ``total`` documents), only the
    rarer terms are kept (see :data:`MAX_TERMS`).
    """
    terms = fts_terms(features)
    if not terms:
        return None
    if df is not None and total > 0:
        words = [t for t in terms if not t[0].isdigit()]
        numbers = [t for t in terms if t[0].isdigit()][:2]
        words.sort(key=lambda t: df.get(stem(t), 0))
        rare = [t for t in words if df.get(stem(t), 0) <= COMMON_SHARE * total]
        if len(rare) < MIN_TERMS:
            rare = words[:MIN_TERMS]
        terms = rare[: MAX_TERMS - len(numbers)] + numbers
    return " OR ".join('"' + term.replace('"', '""') + '"' for term in terms)


def _significant(x: float) -> int:
    digits = f"{abs(x):.6f}".replace(".", "").strip("0")
    return max(1, len(digits))


def _round_to(x: float, digits: int) -> float:
    if x == 0:
        return 0.0
    return float(f"{x:.{digits}g}")


def _same_number(a: float, b: float) -> bool:
    """Equal, or equal once the more precise is rounded like the other
    (news copy rounds: 1,187,000 is "1.2 million"; 76 is not 77)."""
    if a == b:
        return True
    return _round_to(a, _significant(b)) == b or _round_to(b, _significant(a)) == a


def _agreement(query: Iterable[float], candidate: Iterable[float]) -> float:
    """Share of the candidate's numbers that the query also has."""
    candidate = list(candidate)
    query = list(query)
    if not candidate:
        return 0.0
    return sum(any(_same_number(c, q) for q in query) for c in candidate) / len(candidate)


def similarity(query: Features, candidate: Features, weight: Callable[[str], float],
               claimant: Features | None = None) -> float:
    """How likely two sentences state the same claim, in [0, 1].

    Args:
        query: features of the looked-up text.
        candidate: features of a stored claim.
        weight: a term's weight (its IDF in the store).
        claimant: features of the stored claim's claimant; its words count
            when the query names them ("Haley said ...") and cost nothing
            when it does not.
    """
    if not query.stems or not candidate.stems:
        return 0.0
    shared = query.stems & candidate.stems
    if not shared:
        return 0.0
    named = (claimant.stems & query.stems) - candidate.stems if claimant is not None else frozenset()
    w_named = sum(weight(t) for t in named)
    w_shared = sum(weight(t) for t in shared) + w_named
    cover_candidate = w_shared / (sum(weight(t) for t in candidate.stems) + w_named)
    cover_query = w_shared / sum(weight(t) for t in query.stems)
    # F-beta with beta = 2: covering the stored claim matters more than the
    # query's extra words (attribution, context the article adds).
    beta2 = 4.0
    score = (1 + beta2) * cover_candidate * cover_query / (beta2 * cover_query + cover_candidate)

    if query.numbers and candidate.numbers:
        agree = _agreement(query.numbers, candidate.numbers)
        if agree == 0.0:
            score *= 0.45  # same words, other figures: another claim
        else:
            # Agreeing on a small count ("eight years") says less than on a
            # figure ("8 million", "38 percent"): it earns half the bonus.
            specific = any(_same_number(c, q) for c in candidate.numbers for q in query.numbers
                           if not (c.is_integer() and c <= 10))
            bonus = 0.2 * agree * (1.0 if specific else 0.5)
            score = score * (0.8 + 0.2 * agree) + (1 - score) * bonus
    elif candidate.numbers or candidate.years:
        # The stored claim is specific where the sentence is not: a weaker match.
        if not query.numbers and not query.years:
            score *= 0.85
    if query.years and candidate.years:
        if query.years & candidate.years:
            score += (1 - score) * 0.15
        else:
            score *= 0.45
    candidate_names = candidate.names | (claimant.names if claimant is not None else frozenset())
    if query.names and candidate.names and not (query.names & candidate_names):
        score *= 0.7
    return max(0.0, min(1.0, score))


class Matcher:
    """Looks sentences up in a :class:`Store`.

    Args:
        store: the open store.
        candidates: how many BM25 candidates to re-rank.
    """

    def __init__(self, store: Store, candidates: int = CANDIDATES) -> None:
        self.store = store
        self.candidates = candidates
        self._data_version: int | None = None
        self._total = 0

    def _documents(self) -> int:
        # data_version changes when another connection commits: recount only then.
        version = int(self.store.conn.execute("PRAGMA data_version").fetchone()[0])
        if version != self._data_version:
            self._data_version = version
            self._total = self.store.count()
        return self._total

    def find(self, text: str, *, limit: int = 5, names: Iterable[str] = (), min_score: float = 0.0) -> list[Match]:
        """The stored fact-checks most similar to ``text``, best first.

        Args:
            text: the claim to look up.
            limit: the most matches to return.
            names: entity texts known for the claim (added to its names).
            min_score: drop matches scoring below this.
        """
        query = analyse(text, tuple(names))
        words = fts_terms(query)
        df = self.store.document_frequencies(stem(w) for w in words)
        match_query = fts_query(query, df, self._documents())
        if match_query is None:
            return []
        hits = self.store.search(match_query, self.candidates)
        return self._rank(query, hits, limit=limit, min_score=min_score)

    def rank(self, text: str, records: Iterable[FactCheck], *, limit: int = 5, names: Iterable[str] = (),
             min_score: float = 0.0) -> list[Match]:
        """Score given records (an external source's answers) against ``text``, best first.

        Word weights come from the store, so scores are comparable with :meth:`find`'s.
        """
        return self._rank(analyse(text, tuple(names)), [(r, 0.0) for r in records], limit=limit, min_score=min_score)

    def _rank(self, query: Features, hits: list[tuple[FactCheck, float]], *, limit: int,
              min_score: float) -> list[Match]:
        if not hits:
            return []
        features = [analyse(record.claim) for record, _ in hits]
        claimants = [analyse(record.claimant) if record.claimant else None for record, _ in hits]
        total = max(1, self._documents())
        vocabulary = set(query.stems).union(*(f.stems for f in features), *(c.stems for c in claimants if c))
        df = self.store.document_frequencies(vocabulary)

        def weight(term: str) -> float:
            n = min(df.get(term, 0), total)
            return math.log(1 + (total - n + 0.5) / (n + 0.5))

        matches = [
            Match(record=record, score=round(similarity(query, feats, weight, claimant), 4), bm25=bm25)
            for (record, bm25), feats, claimant in zip(hits, features, claimants)
        ]
        matches = [m for m in matches if m.score >= min_score and m.score > 0]
        matches.sort(key=lambda m: (-m.score, m.bm25))
        return matches[:limit]
