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
from functools import lru_cache

import numpy as np

from claimcheck.lookups import embed
from claimcheck.lookups.features import Features, stem

__all__ = ["ALIGN_FEATURES", "alignment", "alignments", "word_vectors"]

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


@lru_cache(maxsize=8192)
def _prepared(features: Features) -> tuple[tuple[str, ...], np.ndarray, dict[str, int]]:
    """A claim's distinct content stems (in order), their words' vectors and each stem's row.

    Cached: a lookup aligns its query with every candidate, and candidates recur across lookups.
    """
    words: list[str] = []
    index: dict[str, int] = {}
    for word in features.words:
        s = stem(word)
        if s not in index:
            index[s] = len(words)
            words.append(word)
    return tuple(index), word_vectors(words), index


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
    c_stems, c_vectors, _ = _prepared(candidate)
    q_stems, q_vectors, q_index = _prepared(query)
    if not c_stems or not q_stems:
        return 0.0, 0.0
    sim = c_vectors @ q_vectors.T
    np.clip(sim, 0.0, 1.0, out=sim)
    for i, s in enumerate(c_stems):
        j = q_index.get(s)
        if j is not None:
            sim[i, j] = 1.0
    w_c = np.asarray([0.0 if s in leave_out else weight(s) for s in c_stems])
    w_q = np.asarray([0.0 if s in leave_out else weight(s) for s in q_stems])
    if not w_c.any() or not w_q.any():
        return 0.0, 0.0
    # A left-out word neither covers nor is covered.
    if leave_out:
        sim[w_c == 0.0, :] = 0.0
        sim[:, w_q == 0.0] = 0.0
    return float(w_c @ sim.max(axis=1) / w_c.sum()), float(w_q @ sim.max(axis=0) / w_q.sum())


def alignments(query: Features, candidates: Sequence[Features], weight: Callable[[str], float],
               leave_out: Sequence[frozenset[str]]) -> list[tuple[float, float]]:
    """:func:`alignment` of one query with many candidates, the sums and maxima taken at once.

    Args:
        query: features of the query's claim (speaker frame removed).
        candidates: features of the stored claims.
        weight: a stem's weight (its IDF in the store).
        leave_out: for each candidate, the stems that count on neither side.
    """
    out = [(0.0, 0.0)] * len(candidates)
    q_stems, q_vectors, q_index = _prepared(query)
    if not q_stems:
        return out
    w_query = np.asarray([weight(s) for s in q_stems])
    blocks = [(k, *_prepared(c)[:2]) for k, c in enumerate(candidates)]
    blocks = [b for b in blocks if b[1]]
    if not blocks:
        return out
    stems = [s for _, c_stems, _ in blocks for s in c_stems]
    starts = np.cumsum([0] + [len(c_stems) for _, c_stems, _ in blocks[:-1]])
    # One small product per candidate: a single large one goes to the threaded
    # BLAS, which on a busy machine took 25 ms where these take 0.3 ms.
    q_t = np.ascontiguousarray(q_vectors.T)
    sim = np.concatenate([vectors @ q_t for _, _, vectors in blocks])
    np.clip(sim, 0.0, 1.0, out=sim)
    for row, s in enumerate(stems):
        j = q_index.get(s)
        if j is not None:
            sim[row, j] = 1.0
    w_rows = np.asarray([weight(s) for s in stems])
    for (k, c_stems, _), start in zip(blocks, starts):
        if leave_out[k]:
            for i, s in enumerate(c_stems):
                if s in leave_out[k]:
                    w_rows[start + i] = 0.0
                    sim[start + i, :] = 0.0
    stored_sum = np.add.reduceat(w_rows, starts)
    stored_cover = np.add.reduceat(w_rows * sim.max(axis=1), starts)
    best_q = np.maximum.reduceat(sim, starts, axis=0)
    for n, (k, _, _) in enumerate(blocks):
        w_q = w_query
        if leave_out[k] and any(s in leave_out[k] for s in q_stems):
            w_q = np.where([s in leave_out[k] for s in q_stems], 0.0, w_query)
        if stored_sum[n] > 0 and w_q.any():
            out[k] = (float(stored_cover[n] / stored_sum[n]), float(w_q @ best_q[n] / w_q.sum()))
    return out
