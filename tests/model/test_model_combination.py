"""A model carries the combination the report's score is made with, and the score follows it."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest

from claimcheck.analysis.scoring import DEFAULT_COMBINATION, ScoreInput, score_claim
from claimcheck.model import DEFAULT_MODEL, _read, load_model
from claimcheck.model.combination import Combination


def _copy(tmp_path: Path, combination: tuple[float, ...] | None) -> Path:
    with np.load(DEFAULT_MODEL, allow_pickle=False) as arrays:
        data = {k: arrays[k] for k in arrays.files if k not in ("combination", "signal_names", "signal_weights")}
    if combination is not None:
        data["combination"] = np.array(combination)
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **data)
    path = tmp_path / "model.npz"
    path.write_bytes(buffer.getvalue())
    return path


def test_model_combination_shipped_is_fitted() -> None:
    combination = load_model().combination
    assert combination is not None
    assert 0.0 < combination.model_weight < 1.0 and combination.a > 0.0
    assert load_model().info["score"]["model_weight"] == combination.model_weight


def test_model_combination_read_from_file(tmp_path: Path) -> None:
    assert _read(_copy(tmp_path, (0.3, 1.5, -0.2))).combination == Combination(0.3, 1.5, -0.2)
    assert _read(_copy(tmp_path, None)).combination is None


def test_model_combination_moves_the_score(nlp) -> None:
    doc = nlp("Unemployment fell to 4.1% in May.")
    ids = [t.i for t in doc if not t.is_punct]

    def score(combination: Combination | None) -> float:
        item = ScoreInput(token_ids=ids, head=doc[:].root.i, type="quantity", attribution_kind="article", hedges=0,
                          has_date=True, embedded=False, quoted=False, model_probability=0.9, sentence_probability=0.9,
                          combination=combination)
        return score_claim(doc, item).score

    assert score(None) == score(DEFAULT_COMBINATION)
    # A steeper scaling pushes a check-worthy claim further from 0.5; a negative offset pulls it down.
    assert score(Combination(0.6, 4.0, 0.0)) > score(Combination(0.6, 1.0, 0.0)) > score(Combination(0.6, 1.0, -3.0))
    parts = score_claim(doc, ScoreInput(token_ids=ids, head=doc[:].root.i, type="quantity", attribution_kind="article",
                                        hedges=0, has_date=True, embedded=False, quoted=False,
                                        model_probability=0.9, sentence_probability=0.9)).parts
    assert parts is not None and parts.z_model is not None and parts.z_model > 2.0


def test_model_combination_per_genre(tmp_path: Path) -> None:
    combination = Combination(0.5, 1.6, -0.1, (2.4, 0.3), (1.5, -0.1))
    assert Combination.from_array(combination.to_array()) == combination
    assert _read(_copy(tmp_path, tuple(combination.to_array()))).combination == combination
    assert combination.scaling("speech") == (2.4, 0.3)
    assert combination.scaling("article") == (1.5, -0.1)
    assert combination.scaling("unknown") == (1.6, -0.1)
    # A combination from before per-genre scalings serves every genre with its one scaling.
    assert Combination(0.5, 1.6, -0.1).scaling("speech") == (1.6, -0.1)
    with pytest.raises(ValueError):
        Combination.from_array([0.5, 1.0])


def test_model_combination_signal_weights_read_and_applied(tmp_path: Path, nlp) -> None:
    from claimcheck.analysis.scoring import DEFAULT_WEIGHTS, SIGNALS, signal_weights

    path = _copy(tmp_path, (0.5, 1.6, -0.1))
    with np.load(path, allow_pickle=False) as arrays:
        data = {k: arrays[k] for k in arrays.files}
    data["signal_names"] = np.array("\n".join(["number", "bias"]))
    data["signal_weights"] = np.array([3.0, -2.0])
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **data)
    path.write_bytes(buffer.getvalue())
    combination = _read(path).combination
    assert combination is not None and combination.signals == (("number", 3.0), ("bias", -2.0))
    weights = signal_weights(combination)
    # Fitted weights replace the defaults; a signal the model has no weight for keeps its default.
    assert weights["number"] == 3.0 and weights["bias"] == -2.0 and weights["date"] == DEFAULT_WEIGHTS["date"]
    assert set(weights) == set(SIGNALS)

    doc = nlp("Unemployment fell to 4.1% in May.")
    ids = [t.i for t in doc if not t.is_punct]

    def scored(c: Combination):
        return score_claim(doc, ScoreInput(token_ids=ids, head=doc[:].root.i, type="quantity", attribution_kind="article",
                                           hedges=0, has_date=True, embedded=False, quoted=False,
                                           model_probability=0.5, sentence_probability=0.5, combination=c))

    plain, fitted = scored(Combination(0.5, 1.6, -0.1)), scored(combination)
    assert fitted.score > plain.score  # the number's weight rose from 0.7 to 3 and outweighs the lower bias
    assert fitted.parts is not None and fitted.parts.signals[SIGNALS.index("number")] == 1.0
    assert any("number" in r for r in fitted.reasons)
