#!/usr/bin/env python3
"""Measure the lexical feature groups' weight against the rest, by the model's own leave-one-domain-out protocol.

The features that name words (words, word bigrams, lemmas, the first word,
the root's lemma) are multiplied by ``SCALE`` in the design matrix (their IDF
times ``SCALE``, before the row is normalised), which under the L2 penalty
makes the model lean on them less (``SCALE`` < 1) or more (> 1) than on the
features of construction (POS n-grams, tags, subject, modal, length ...).
Each ``SCALE:C`` pair is scored as ``train/train_checkworthy.py`` chooses its
grid: average precision on the later debates (trained on the earlier 85% of
CT24 train), on BBC and on US news-dev (each trained without it), news
weight 3.  A scale folds into the shipped weights, so the run-time model
would not change form; 1.0 is the shipped model.

Usage:
    .venv/bin/python train/feature_groups.py [--data ../shared/data] 1:1 0.5:1 0.5:2 1.5:1
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import average_precision_score  # noqa: E402

import train.train_checkworthy as tc  # noqa: E402

#: Feature-string prefixes of the groups that name words.
LEXICAL = ("w=", "b=", "l=", "first=", "root=")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="the shared data folder (default: the configuration's)")
    parser.add_argument("--news-weight", type=float, default=3.0)
    parser.add_argument("pairs", nargs="+", help="SCALE:C pairs, e.g. 1:1 0.5:2")
    args = parser.parse_args(argv)
    config = tc.read_config(ROOT / "train" / "config.yaml", args.data)
    seed, min_df = int(config["seed"]), int(config["model"]["min_df"])
    sets, _ = tc.load_all(config)
    feats = {name: tc.featurise(ds) for name, ds in sets.items()}
    train, news = sets["train"], sets["news"]
    early, late = tc.later_split(train, float(config["model"]["later_fraction"]))
    domain = np.array([tc.news_domain(g) for g in news.groups])
    subj_feats, subj_y, subj_w = tc.subjectivity_rows(sets, feats, config["model"]["subjectivity"][0], float(config["model"]["subjectivity"][1]))

    def rows_for(train_idx: np.ndarray, news_mask: np.ndarray) -> tc.Rows:
        idx = np.flatnonzero(news_mask)
        return (tc.Rows().add([feats["train"][i] for i in train_idx], train.labels[train_idx], 1.0)
                .add(subj_feats, subj_y, subj_w)
                .add([feats["news"][i] for i in idx], news.labels[idx], args.news_weight))

    def fit(rows: tc.Rows, scale: float, C: float) -> tuple[tc.Design, LogisticRegression]:
        # as tc.fit_linear, with the lexical columns' IDF times ``scale``
        design = tc.Design.fit(rows.feats, min_df)
        lexical = np.array([f.startswith(LEXICAL) for f in design.vocabulary])
        design.idf = np.where(lexical, design.idf * scale, design.idf)
        clf = LogisticRegression(C=C, solver="liblinear", random_state=seed, max_iter=1000)
        clf.fit(design.transform(rows.feats), np.array(rows.y, dtype=np.int8), sample_weight=np.array(rows.w))
        return design, clf

    every = np.ones(len(news.texts), dtype=bool)
    for pair in args.pairs:
        scale, C = (float(x) for x in pair.split(":"))
        held: dict[str, float] = {}
        design, clf = fit(rows_for(early, every), scale, C)
        later_scores = tc.decision(design, clf, [feats["train"][i] for i in late])
        held["later"] = round(float(average_precision_score(train.labels[late], later_scores)), 4)
        held["later_check_worthy_mean_logit"] = round(float(later_scores[train.labels[late] == 1].mean()), 3)
        for d in ("bbc", "us"):
            design, clf = fit(rows_for(np.arange(len(train.labels)), domain != d), scale, C)
            mask = domain == d
            scores = tc.decision(design, clf, [feats["news"][i] for i in np.flatnonzero(mask)])
            held[d] = round(float(average_precision_score(news.labels[mask], scores)), 4)
        held["mean"] = round((held["later"] + held["bbc"] + held["us"]) / 3, 4)
        print(json.dumps({"scale": scale, "C": C, **held}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
