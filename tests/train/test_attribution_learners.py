"""The learners ``train/attribution_learners.py`` compares with the shipped cue model.

The conditional logit's gradient is checked against finite differences, and it
must learn a toy decision: the verb that gives the gold speaker for a claim inside
an attribution, no verb for a claim in the article's own voice.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

pytest.importorskip("scipy", reason="fitting needs the train extra")
pytest.importorskip("sklearn", reason="fitting needs the train extra")
from scipy.sparse import csr_matrix  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "train"))

from attribution_learners import (  # noqa: E402
    conditional_objective,
    conditional_probabilities,
    ceiling,
    conjoined,
    hopeless,
    train_conditional,
    weighted_logistic,
)


def _claim(inside: bool, verbs: list[tuple[list[str], bool]]) -> dict[str, Any]:
    return {"inside": inside, "candidates": [{"features": ["bias", *f], "ok": ok} for f, ok in verbs]}


def test_conjoined_joins_the_first_value_of_each_kind() -> None:
    out = conjoined(["bias", "lemma=say", "rel=above", "after=<.5 rel=above", "pos=before"], [("lemma", "rel"), ("lemma", "obj")])
    assert out[-1] == "lemma=say&rel=above"
    assert len(out) == 6  # no "obj" feature: nothing joined for it


def test_hopeless_is_a_claim_inside_an_attribution_no_verb_gets_right() -> None:
    assert hopeless(_claim(True, [(["lemma=say"], False)]))
    assert not hopeless(_claim(True, [(["lemma=say"], True)]))
    assert not hopeless(_claim(False, [(["lemma=say"], False)]))


def test_conditional_gradient_matches_finite_differences() -> None:
    rng = np.random.default_rng(0)
    x = csr_matrix(rng.integers(0, 2, size=(7, 4)).astype(float))
    starts = np.array([0, 3, 5])
    target = np.array([0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 0.0])  # the second claim wants "no verb"
    objective = conditional_objective(x, starts, target, c=0.7, free=3)
    w = rng.normal(size=4)
    _, grad = objective(w)
    for i in range(4):
        step = np.zeros(4)
        step[i] = 1e-6
        numeric = (objective(w + step)[0] - objective(w - step)[0]) / 2e-6
        assert abs(numeric - grad[i]) < 1e-5


def test_conditional_takes_the_speaking_verb_and_leaves_own_voice_alone() -> None:
    claims = []
    for _ in range(20):
        claims.append(_claim(True, [(["lemma=say"], True), (["lemma=visit"], False)]))
        claims.append(_claim(False, [(["lemma=visit"], False)]))
    weights = train_conditional(claims, c=10.0, min_count=1)
    inside = conditional_probabilities(weights, claims[0])
    assert inside[0] > 0.5 > inside[1]
    assert conditional_probabilities(weights, claims[1])[0] < 0.5


def test_weighted_logistic_learns_the_same_toy_decision() -> None:
    claims = [_claim(True, [(["lemma=say"], True), (["lemma=visit"], False)]), _claim(False, [(["lemma=visit"], False)])] * 10
    weights = weighted_logistic(claims, c=10.0, min_count=1)
    assert weights["lemma=say"] > 0 > weights["lemma=visit"]


def test_ceiling_counts_claims_the_rules_or_a_verb_get_right() -> None:
    right = {**_claim(True, [(["lemma=say"], False)]), "rule_has": True, "rule_ok": True, "score": 0.9}
    by_verb = {**_claim(True, [(["lemma=say"], True)]), "rule_has": False, "rule_ok": False, "score": 0.9}
    lost = {**_claim(True, [(["lemma=say"], False)]), "rule_has": False, "rule_ok": False, "score": 0.9}
    unjudged = {**by_verb, "score": 0.2}
    own = {**_claim(False, [(["lemma=say"], False)]), "rule_has": False, "rule_ok": True, "score": 0.9}
    assert ceiling([right, by_verb, lost, unjudged, own]) == (3, 1, 2)
