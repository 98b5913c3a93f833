"""How the report's check-worthiness score combines the model with claim-level features.

Kept apart from :mod:`claimcheck.analysis.scoring` (which applies it) so that
the model package can read it from a model's metadata without importing spaCy.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Combination:
    """How the model's logit and the claim-level features make the report's score.

    ``score = sigmoid(a * z + b)`` with ``z = w * z_model + (1 - w) * z_features``
    and ``w = model_weight`` (scaled down for clauses too short for a model of
    sentences, see :mod:`claimcheck.analysis.scoring`).  A trained model
    carries its own combination, fitted with it across domains by
    ``train/train_checkworthy.py`` (``score`` in the model's metadata).
    """

    model_weight: float
    a: float
    b: float


