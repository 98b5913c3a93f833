"""The screen of article-only signal weights (``train/article_signals.py``)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("scipy", reason="fitting needs the train extra")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from claimcheck.analysis.scoring import SIGNALS  # noqa: E402
from train.article_signals import Article, calibration, fit, held_out, judge  # noqa: E402
from train.combination import ClaimParts  # noqa: E402

NUMBER = SIGNALS.index("number")


def _article(name: str, domain: str, seed: int) -> Article:
    """Sentences of one claim each; those whose claim shows ``number`` are check-worthy more often than the model reads."""
    rng = np.random.default_rng(seed)
    claims, sentences = [], []
    for i in range(60):
        number = float(rng.random() < 0.5)
        z_model = rng.normal()
        label = "CFS" if rng.random() < 1 / (1 + np.exp(-(z_model + 2.5 * number - 1.2))) else ("NFS" if i % 2 else "UFS")
        signals = [0.0] * len(SIGNALS)
        signals[NUMBER] = number
        claims.append(ClaimParts(i * 10, i * 10 + 8, z_model, -1.0, 2.0, "article", tuple(signals)))
        sentences.append((i * 10, i * 10 + 9, label))
    text = "".join(f"claim {i:02d}  " for i in range(60))
    must = [[f"claim {i:02d}"] for i, (_, _, label) in enumerate(sentences) if label == "CFS"][:5]
    return Article(name, domain, f"{domain}-model", text, claims, sentences, must, [], 0.5, (1.5, 0.0), [False] * 60)


def test_article_signals_fits_a_weight_that_separates_the_labels() -> None:
    arts = [_article(f"a{i}", ("bbc", "us")[i % 2], i) for i in range(6)]
    extra, ab = fit(arts, NUMBER)
    assert extra > 1.0 and ab[0] > 0
    none, _ = fit(arts, None)
    assert none == 0.0


def test_article_signals_counts_what_the_scorer_counts() -> None:
    art = _article("a", "bbc", 1)
    everything = judge([art], None, 0.0, (0.0, 10.0))  # every claim over the line
    nothing = judge([art], None, 0.0, (0.0, -10.0))
    cfs = sum(label == "CFS" for _, _, label in art.sentences)
    assert everything["must"] == [len(art.must), len(art.must)] and nothing["must"] == [0, len(art.must)]
    assert everything["rest"] == [cfs, 60 - cfs, 0] and nothing["rest"] == [0, 0, cfs]
    # A claim held below the line after its score (a judgement, a lead-in) is never counted.
    art.held_down = [True] * 60
    assert judge([art], None, 0.0, (0.0, 10.0))["rest"] == [0, 0, cfs]


def test_article_signals_scores_each_domain_with_what_the_other_fits() -> None:
    arts = [_article(f"a{i}", ("bbc", "us")[i % 2], i) for i in range(4)]
    total, extras = held_out(arts, NUMBER, "domain", None)
    assert len(extras) == 2 and all(e > 0.5 for e in extras)
    assert total["must"][1] == sum(len(a.must) for a in arts)


def test_article_signals_calibration_prefers_the_fitted_scaling_to_one_read_higher() -> None:
    arts = [_article(f"a{i}", ("bbc", "us")[i % 2], i) for i in range(4)]
    _, ab = fit(arts, None)
    fitted = calibration(arts, None, 0.0, ab)
    higher = calibration(arts, None, 0.0, (ab[0], ab[1] + 1.5))  # every score read higher: more over the line
    assert fitted[2] == higher[2] == 240
    assert fitted[0] < higher[0] and fitted[1] < higher[1]
    # Counted over the line, the higher reading finds at least as much: only the proper scores show its cost.
    assert judge(arts, None, 0.0, (ab[0], ab[1] + 1.5))["must"][0] >= judge(arts, None, 0.0, ab)["must"][0]


def test_article_signals_calibration_reads_a_sentence_without_claims_as_zero() -> None:
    art = _article("a", "bbc", 2)
    art.sentences.append((10_000, 10_010, "CFS"))  # a check-worthy sentence no claim overlaps
    ll, brier, n = calibration([art], None, 0.0, (1.5, 0.0))
    before = calibration([_article("a", "bbc", 2)], None, 0.0, (1.5, 0.0))
    assert n == 61 and abs(brier - before[1] - 1.0) < 1e-9 and ll - before[0] > 9.0  # -log(1e-4)


def test_article_signals_held_out_adds_up_the_calibration_of_each_group() -> None:
    arts = [_article(f"a{i}", ("bbc", "us")[i % 2], i) for i in range(4)]
    total, _ = held_out(arts, None, "domain", None)
    assert total["calibration"][2] == 240 and total["calibration"][0] > 0


def test_article_signals_held_out_counts_only_the_named_articles() -> None:
    arts = [_article(f"a{i}", ("bbc", "us")[i % 2], i) for i in range(4)]
    total, _ = held_out(arts, None, "domain", {"a0", "a2"})  # BBC only: the US group holds none of them
    assert total["calibration"][2] == 120 and total["must"][1] == len(arts[0].must) + len(arts[2].must)
