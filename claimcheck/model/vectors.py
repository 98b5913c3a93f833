"""Sentence vectors for the check-worthiness model: mean static token embeddings.

The model uses the same vectors as the fact-check lookups
(:mod:`claimcheck.lookups.embed`): WordLlama's ``l2_supercat`` token
embeddings (256 dimensions, MIT licence) averaged over a text's tokens and
scaled to unit length, read from the files the ``wordllama`` wheel installs,
so nothing is fetched at run time.  They are loaded on first use (about
0.3 s) and only by models trained with sentence vectors (``vector_weights``
in the model file); one table serves the model and the lookups.
"""

from __future__ import annotations

from claimcheck.lookups.embed import MODEL_NAME, Embedder, embedder

__all__ = ["VECTOR_MODEL", "sentence_vectors"]

#: Written into a model file trained with these vectors; a model naming other vectors is refused.
VECTOR_MODEL = MODEL_NAME


def sentence_vectors() -> Embedder:
    """The process's sentence vectors (shared with the lookups), loaded on first use."""
    return embedder()
