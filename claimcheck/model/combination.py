"""How the report's check-worthiness score combines the model with claim-level features.

Kept apart from :mod:`claimcheck.analysis.scoring` (which applies it) so that
the model package can read it from a model's metadata without importing spaCy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Combination:
    """How the model's logit and the claim-level features make the report's score.

    ``score = sigmoid(a * z + b)`` with ``z = w * z_model + (1 - w) * z_features``
    and ``w = model_weight`` (scaled down for clauses too short for a model of
    sentences, see :mod:`claimcheck.analysis.scoring`).  A trained model
    carries its own combination, fitted with it across domains by
    ``train/train_checkworthy.py`` (``score`` in the model's metadata).

    ``a, b`` serve a document whose genre is unknown (fitted on debates and
    news together); ``speech`` and ``article`` are the ``(a, b)`` fitted on
    debate transcripts and on news articles alone
    (:mod:`claimcheck.analysis.genre`), so that 0.5 means the same in both.
    Models from before version 2.1 have one scaling for every genre.

    ``signals`` are the weights of the claim-level signals
    (:data:`claimcheck.analysis.scoring.SIGNALS`), ``(name, weight)`` pairs
    fitted with the rest from version 2.2 on; a signal without one keeps its
    hand-set default.  They are stored apart from :meth:`to_array`'s numbers
    (``signal_names`` and ``signal_weights`` in the model file).
    """

    model_weight: float
    a: float
    b: float
    speech: tuple[float, float] | None = None
    article: tuple[float, float] | None = None
    signals: tuple[tuple[str, float], ...] | None = None

    def scaling(self, genre: str) -> tuple[float, float]:
        """The ``(a, b)`` of a document of ``genre`` (``speech``, ``article`` or ``unknown``)."""
        per_genre = self.speech if genre == "speech" else self.article if genre == "article" else None
        return per_genre if per_genre is not None else (self.a, self.b)

    def to_array(self) -> list[float]:
        """The numbers stored in a model file: ``w, a, b`` and, when fitted, the per-genre ``a, b``."""
        out = [self.model_weight, self.a, self.b]
        if self.speech is not None and self.article is not None:
            out += [*self.speech, *self.article]
        return out

    @classmethod
    def from_array(cls, values: Sequence[float], signals: Sequence[tuple[str, float]] | None = None) -> Combination:
        """Read :meth:`to_array`'s layout (3 numbers, or 7 with the per-genre scalings), with the fitted signal weights if any."""
        v = [float(x) for x in values]
        fitted = tuple((str(n), float(w)) for n, w in signals) if signals else None
        if len(v) == 7:
            return cls(v[0], v[1], v[2], (v[3], v[4]), (v[5], v[6]), fitted)
        if len(v) == 3:
            return cls(v[0], v[1], v[2], signals=fitted)
        raise ValueError(f"a combination has 3 or 7 numbers, not {len(v)}")
