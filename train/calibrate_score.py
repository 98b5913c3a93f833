"""Fit (and check) the Platt scaling of the score claimcheck gives without its model.

With the model off (``--no-model``, ``model: false``) the report's score is the
claim-level features alone, scaled ``sigmoid(a * z + b)`` so that it reads as
a probability (``FEATURES_ONLY`` in ``claimcheck/analysis/scoring.py``).  With
the model on, the combination is fitted with the model by
``train/train_checkworthy.py`` and ships inside it.  This script scores the
CheckThat! 2024 dev split through the engine without the model (the highest
claim score per sentence, as ``claimcheck eval`` does), recovers the logit
``z`` by inverting the shipped scaling, and prints:

* the scaling fitted on all of dev (what ``FEATURES_ONLY`` holds);
* a 2-fold cross-validated reliability table: each half scored with the
  scaling fitted on the other half, so the table is not in-sample.

Usage::

    python train/calibrate_score.py [--data ../shared/data]

Needs the ``train`` extra (scikit-learn).  Takes about 10 seconds.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import numpy as np


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "data")
    args = parser.parse_args(argv)
    dev = args.data / "checkworthy" / "CT24_checkworthy_english_dev.tsv"
    if not dev.exists():
        sys.stderr.write(f"calibrate_score: {dev} not found; pass --data DIR (the folder holding checkworthy/)\n")
        return 2
    from sklearn.linear_model import LogisticRegression

    from claimcheck.analysis.scoring import FEATURES_ONLY
    from claimcheck.engine import Engine

    a, b = FEATURES_ONLY.a, FEATURES_ONLY.b
    with dev.open(encoding="utf-8") as fh:
        rows = [(r[1], r[2].strip() == "Yes") for r in list(csv.reader(fh, delimiter="\t"))[1:]]
    engine = Engine(config={"model": False})
    reports = engine.check_many(({"id": str(i), "text": t} for i, (t, _) in enumerate(rows)), all=True)
    scores = np.array([max((c.score for c in r.claims), default=0.0) for r in reports])
    labels = np.array([y for _, y in rows])
    clipped = np.clip(scores, 1e-3, 1 - 1e-3)
    z = ((np.log(clipped / (1 - clipped)) - b) / a).reshape(-1, 1)

    full = LogisticRegression(C=1e6).fit(z, labels)
    print(f"scaling fitted on all of dev: a={full.coef_[0][0]:.3f} b={full.intercept_[0]:.3f} (shipped: a={a} b={b})")
    order = np.random.RandomState(0).permutation(len(labels))
    folds = [order[::2], order[1::2]]
    p = np.zeros(len(labels))
    for k in (0, 1):
        fit = LogisticRegression(C=1e6).fit(z[folds[1 - k]], labels[folds[1 - k]])
        p[folds[k]] = fit.predict_proba(z[folds[k]])[:, 1]
    print("2-fold cross-validated reliability on dev:")
    print("| score | sentences | mean score | fraction check-worthy |")
    for i in range(10):
        lo, hi = i / 10, (i + 1) / 10
        mask = (p >= lo) & ((p < hi) if i < 9 else (p <= hi))
        n = int(mask.sum())
        print(f"| {lo:.1f}-{hi:.1f} | {n} | {p[mask].mean() if n else 0:.3f} | {labels[mask].mean() if n else 0:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
