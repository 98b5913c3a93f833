"""Fitting the claim-level signal weights of the report's score (``train/combination.py``)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("scipy", reason="fitting needs the train extra")
pytest.importorskip("sklearn", reason="fitting needs the train extra")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from claimcheck.analysis.scoring import DEFAULT_WEIGHTS, SIGNALS  # noqa: E402
from train.combination import ClaimParts, LabelledSentence, apply, fit_combination, fit_signals  # noqa: E402


def _rows(seed: int = 0, n: int = 600) -> list[LabelledSentence]:
    """Sentences whose label follows the model's logit plus a strong ``number`` signal; ``emotion`` is never seen."""
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n):
        z_model = rng.normal()
        number = float(rng.random() < 0.5)
        signals = [0.0] * len(SIGNALS)
        signals[SIGNALS.index("bias")] = 1.0
        signals[SIGNALS.index("number")] = number
        label = int(rng.random() < 1 / (1 + np.exp(-(1.5 * z_model + 3.0 * number - 1.5))))
        claim = ClaimParts(0, 10, z_model, 0.0, 2.0, "unknown", tuple(signals))
        rows.append(LabelledSentence(str(i), ("debates", "bbc", "us")[i % 3], i % 5, label, [claim]))
    return rows


def test_combination_fit_signals_learns_and_shrinks() -> None:
    weights, c = fit_signals(_rows(), 0.5, 0.001)
    fitted = dict(zip(SIGNALS, weights))
    # The number signal carries the labels: its weight rises well above the hand-set 0.7.
    assert fitted["number"] > 2 * DEFAULT_WEIGHTS["number"] and c > 0
    # A signal no sentence shows keeps its default: the penalty shrinks towards it, not towards zero.
    assert fitted["emotion"] == pytest.approx(DEFAULT_WEIGHTS["emotion"], abs=1e-3)
    strong = dict(zip(SIGNALS, fit_signals(_rows(), 0.5, 10.0)[0]))
    assert abs(strong["number"] - DEFAULT_WEIGHTS["number"]) < abs(fitted["number"] - DEFAULT_WEIGHTS["number"])


def test_combination_fit_chooses_by_held_out_domains() -> None:
    rows = _rows()
    combination, table = fit_combination(rows, [0.5], [None, 0.001])
    assert {e["signal_penalty"] for e in table} == {None, 0.001}
    assert all(set(e["held_out_f1"]) == {"debates", "bbc", "us"} for e in table)
    # Fitted weights beat the hand-set ones on held-out domains here, so they are chosen and stored.
    assert combination.signals is not None and dict(combination.signals)["number"] > 1.0
    scores = apply(rows, combination)
    y = np.array([r.label for r in rows])
    assert scores[y == 1].mean() > scores[y == 0].mean() + 0.2


def test_combination_fit_ties_go_to_the_hand_set_weights() -> None:
    # Every candidate within the tie: the hand-set weights (no penalty) win, and nothing fitted is stored.
    combination, table = fit_combination(_rows(), [0.5], [None, 0.001], tie=1.0)
    assert combination.signals is None and len(table) == 2


def test_combination_fit_signals_only_the_free_ones() -> None:
    # Fitting only "date" (which no sentence shows): "number" keeps its hand-set weight though it carries the labels.
    weights, c = fit_signals(_rows(), 0.5, 0.001, free=["date", "number"])
    only_date = dict(zip(SIGNALS, fit_signals(_rows(), 0.5, 0.001, free=["date"])[0]))
    assert only_date["number"] == DEFAULT_WEIGHTS["number"]
    assert all(only_date[name] == DEFAULT_WEIGHTS[name] for name in SIGNALS if name != "date")
    assert dict(zip(SIGNALS, weights))["number"] > 2 * DEFAULT_WEIGHTS["number"] and c > 0
    # None frees every signal: the same fit as before the option existed.
    assert np.allclose(fit_signals(_rows(), 0.5, 0.001, free=None)[0], fit_signals(_rows(), 0.5, 0.001)[0])


def _rule_rows(with_signal: bool, seed: int = 1, n: int = 600) -> list[LabelledSentence]:
    """Debate and news sentences; half the news ones are rules, check-worthy more often than the model reads.

    ``with_signal``: the news rules carry ``article_rule`` (and its part of ``z_features``), as the engine
    records them in an article.
    """
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n):
        domain = ("debates", "bbc", "us")[i % 3]
        z_model = rng.normal()
        rule = domain != "debates" and rng.random() < 0.5
        signals = [0.0] * len(SIGNALS)
        signals[SIGNALS.index("bias")] = 1.0
        fires = rule and with_signal
        signals[SIGNALS.index("article_rule")] = float(fires)
        z_features = DEFAULT_WEIGHTS["bias"] + (DEFAULT_WEIGHTS["article_rule"] if fires else 0.0)
        label = int(rng.random() < 1 / (1 + np.exp(-(1.5 * z_model + (2.0 if rule else 0.0)))))
        genre = "speech" if domain == "debates" else "article"
        rows.append(LabelledSentence(str(i), domain, i % 5, label, [ClaimParts(0, 10, z_model, z_features, 2.0, genre, tuple(signals))]))
    return rows


def test_combination_unknown_genre_scaling_leaves_out_article_signals() -> None:
    with_signal, table_with = fit_combination(_rule_rows(True), [0.5])
    without, table_without = fit_combination(_rule_rows(False), [0.5])
    # Held out in the choice of w, the debates are scored as they would be: no article signal moves their line.
    assert table_with[0]["held_out_f1"]["debates"] == table_without[0]["held_out_f1"]["debates"]
    # A document of unknown genre never shows article_rule: its scaling is the one fitted as if no row did ...
    assert (with_signal.a, with_signal.b) == pytest.approx((without.a, without.b), abs=1e-4)
    # ... while the articles' own scaling is fitted on the logits they are scored with.
    assert with_signal.article is not None and without.article is not None
    assert with_signal.article != pytest.approx(without.article, abs=1e-3)


def test_combination_article_scaling_shrinks_towards_speech() -> None:
    rows = _rule_rows(False)
    own, _ = fit_combination(rows, [0.5])
    half, _ = fit_combination(rows, [0.5], article_toward_speech=0.5)
    whole, _ = fit_combination(rows, [0.5], article_toward_speech=1.0)
    assert own.article is not None and own.speech is not None and half.article is not None and whole.article is not None
    # The speech and unknown-genre scalings do not move; the article's is the share's mix of its own and the speech one.
    assert (half.speech, half.a, half.b) == (own.speech, own.a, own.b)
    assert whole.article == pytest.approx(own.speech, abs=1e-5)
    assert half.article == pytest.approx(tuple((x + y) / 2 for x, y in zip(own.article, own.speech)), abs=1e-5)
    assert own.article != pytest.approx(own.speech, abs=1e-2)


def test_combination_record_captures_every_claim(engine) -> None:
    # record() wraps ClaimBuilder._claim: it must keep working whatever _claim's signature grows.
    from claimcheck.model import load_model
    from train.combination import record

    text = "Unemployment fell to 4.1% in May. From April, landlords must register every property with the council."
    parts = record(load_model(), [{"id": "doc", "text": text}])["doc"]
    claims = engine.check(text, all=True).claims
    assert sorted((p.start, p.end) for p in parts) == sorted((c.start, c.end) for c in claims)
    assert all(len(p.signals) == len(SIGNALS) for p in parts)
