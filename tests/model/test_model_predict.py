"""Predictions: calibrated probabilities, deterministic, ranking the obvious cases right."""

from __future__ import annotations

import numpy as np
import pytest

from claimcheck.model import load_model

CHECKWORTHY = [
    "Unemployment fell to 3.5 percent last year.",
    "The bill would cut taxes by $2 trillion over ten years.",
    "Crime in Chicago has doubled since 2015.",
    "The United States spends more on defence than the next nine countries combined.",
]
NOT_CHECKWORTHY = [
    "Thank you all for coming tonight.",
    "I think he is a wonderful person.",
    "What do you say to that?",
    "Well, let me tell you something.",
]


@pytest.fixture(scope="module")
def docs(nlp):
    return list(nlp.pipe(CHECKWORTHY + NOT_CHECKWORTHY))


def test_model_predict_probabilities(docs) -> None:
    scores = load_model().predict([d[:] for d in docs])
    assert scores.shape == (len(docs),)
    assert scores.dtype == np.float64
    assert np.all((scores >= 0.0) & (scores <= 1.0))


def test_model_predict_empty() -> None:
    assert load_model().predict([]).shape == (0,)


def test_model_predict_deterministic_and_batch_independent(docs) -> None:
    model = load_model()
    spans = [d[:] for d in docs]
    together = model.predict(spans)
    assert np.array_equal(together, model.predict(spans))
    one_by_one = np.array([model.predict([s])[0] for s in spans])
    assert np.allclose(together, one_by_one)
    assert np.allclose(model.predict(spans[::-1])[::-1], together)


@pytest.mark.parametrize("good", range(len(CHECKWORTHY)))
@pytest.mark.parametrize("bad", range(len(NOT_CHECKWORTHY)))
def test_model_predict_ranks_obvious_cases(docs, good: int, bad: int) -> None:
    scores = load_model().predict([docs[good][:], docs[len(CHECKWORTHY) + bad][:]])
    assert scores[0] > scores[1]


@pytest.mark.parametrize(("index", "side"), [(0, True), (1, True), (4, False), (5, False)])
def test_model_predict_obvious_side_of_threshold(docs, index: int, side: bool) -> None:
    assert bool(load_model().predict([docs[index][:]])[0] >= 0.5) is side


def test_model_predict_logits_match(docs) -> None:
    model = load_model()
    spans = [d[:] for d in docs]
    assert np.allclose(1 / (1 + np.exp(-model.logits(spans))), model.predict(spans))


def test_model_predict_clause_span(nlp) -> None:
    doc = nlp("He said that unemployment fell to 3.5 percent last year.")
    clause = doc[3:]
    score = load_model().predict([clause])[0]
    assert 0.0 <= score <= 1.0
