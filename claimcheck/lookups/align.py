"""Align the content words of a looked-up claim with those of a stored one.

A rewording keeps every telling word of the stored claim or replaces it by a
word of like meaning ("joblessness" for "unemployment", "inmates" for
"prisoners"); a same-topic sentence that states another claim replaces one
telling word by an unrelated one ("a mortgage" for "a college loan",
"Canada's" for "Australia's") and keeps the rest.  Whole-sentence vectors
barely move for one swapped word; this module looks at the words one by one.

Each content word gets a vector from the same static WordLlama token table
as the sentence vectors (:mod:`~claimcheck.lookups.embed`), kept in a
bounded cache, so a lookup only embeds the words it has not seen.  Words
with one stem or synonym class align with similarity 1.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

import numpy as np

from claimcheck.lookups import embed
from claimcheck.lookups.features import Features, stem

__all__ = ["ALIGN_FEATURES", "alignment", "word_vectors"]

# The alignment features, in the order :func:`alignment` returns them.
ALIGN_FEATURES: tuple[str, ...] = ("soft_cover_stored", "soft_cover_query")

# At most this many word vectors are kept (16 MB): a lookup's candidates bring a few hundred.
_CACHE_LIMIT = 16_384
_cache: dict[str, np.ndarray] = {}
_lock = threading.Lock()


def word_vectors(words: Sequence[str]) -> np.ndarray:
    """Unit vectors of single words, ``(len(words), DIM)``; unseen words are embedded in one batch."""
    with _lock:
        new = [w for w in dict.fromkeys(words) if w not in _cache]
        if new:
            if len(_cache) + len(new) > _CACHE_LIMIT:
                _cache.clear()
            for word, vector in zip(new, embed.embedder().embed(new)):
                _cache[word] = vector
        if not words:
            return np.zeros((0, embed.DIM), dtype=np.float32)
        return np.stack([_cache[w] for w in words])


def _content(features: Features, leave_out: frozenset[str]) -> tuple[list[str], list[str]]:
    """The distinct content words (in order) and their stems, less the ``leave_out`` stems."""
    words: list[str] = []
    stems: list[str] = []
    seen: set[str] = set()
    for word in features.words:
        s = stem(word)
        if s in leave_out or s in seen:
            continue
        seen.add(s)
        words.append(word)
        stems.append(s)
    return words, stems


def alignment(query: Features, candidate: Features, weight: Callable[[str], float],
              leave_out: frozenset[str] = frozenset()) -> tuple[float, float]:
    """How much of each claim the other covers, word by word, by meaning.

    Each content word counts its best similarity with a word of the other
    claim (1 for one stem or synonym class, else the cosine of the two word
    vectors, never below 0), weighted by its IDF in the store.

    Args:
        query: features of the query's claim (speaker frame removed).
        candidate: features of the stored claim.
        weight: a stem's weight (its IDF in the store).
        leave_out: stems that count on neither side (the stored claim's claimant).

    Returns:
        ``soft_cover_stored`` (the share of the stored claim's words the query
        covers) and ``soft_cover_query`` (the same the other way), each in [0, 1].
    """
    c_words, c_stems = _content(candidate, leave_out)
    q_words, q_stems = _content(query, leave_out)
    if not c_words or not q_words:
        return 0.0, 0.0
    sim = word_vectors(c_words) @ word_vectors(q_words).T
    np.clip(sim, 0.0, 1.0, out=sim)
    q_index = {s: j for j, s in enumerate(q_stems)}
    for i, s in enumerate(c_stems):
        j = q_index.get(s)
        if j is not None:
            sim[i, j] = 1.0
    w_c = np.asarray([weight(s) for s in c_stems])
    w_q = np.asarray([weight(s) for s in q_stems])
    return float(w_c @ sim.max(axis=1) / w_c.sum()), float(w_q @ sim.max(axis=0) / w_q.sum())
