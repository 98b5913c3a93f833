#!/usr/bin/env python3
"""Measure feature augmentation by domain for the check-worthiness model, with the grid's held-out protocol.

"Frustratingly easy" domain adaptation (Daume III, 2007): every feature of a
training sentence gets a copy tagged with its domain, so that what only holds
in debates ("will" as a campaign promise) can move into the debate copy and
the shared weights read news less like a debate.  Variants:

``none``  the shipped features;
``N``     news sentences (news-dev and the subjectivity rows) carry a news copy;
``D``     debate sentences carry a debate copy (news is then scored by the shared weights alone);
``DN``    both.

Each variant is trained as ``train/train_checkworthy.py``'s grid trains its
candidates (C 1 and news weight 3 by default) and scored by held-out average
precision on the later debates (trained on the earlier 85% of CT24 train),
BBC (trained without BBC) and US news-dev (trained without US), each held-out
sentence with its own domain's copy.  Nothing is written; the measured table
is in ``docs/measurements.md``, "Score, eighth round".

Usage::

    python train/domain_experiment.py [--data ../shared/data] [--variants none,N,D,DN] [--C 1] [--news-weight 3]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import average_precision_score

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from train.train_checkworthy import (  # noqa: E402
    Design,
    decision,
    featurise,
    fit_linear,
    later_split,
    load_all,
    news_domain,
    read_config,
)


def augmented(rows: Sequence[list[str]], prefix: str) -> list[list[str]]:
    """Each row's features plus a copy tagged ``prefix`` (no copy for an empty prefix)."""
    return [list(r) for r in rows] if not prefix else [r + [prefix + f for f in r] for r in rows]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=None, help="the shared data folder (default: the config's)")
    parser.add_argument("--variants", default="none,N,D,DN")
    parser.add_argument("--C", type=float, default=1.0)
    parser.add_argument("--news-weight", type=float, default=3.0)
    args = parser.parse_args(argv)

    config = read_config(ROOT / "train" / "config.yaml", args.data)
    seed, min_df = int(config["seed"]), int(config["model"]["min_df"])
    sets, _ = load_all(config)
    feats = {name: featurise(ds) for name, ds in sets.items()}
    train, news = sets["train"], sets["news"]
    y_train = train.labels
    early, late = later_split(train, float(config["model"]["later_fraction"]))
    domain = np.array([news_domain(g) for g in news.groups])
    subj = [i for i in range(len(feats["subj_train"])) if sets["subj_train"].labels[i] == 0]

    for variant in args.variants.split(","):
        debate_tag = "D:" if "D" in variant else ""
        news_tag = "N:" if "N" in variant else ""

        def fit(train_idx: np.ndarray, news_mask: np.ndarray, debate_tag: str = debate_tag,
                news_tag: str = news_tag) -> tuple[Design, LogisticRegression]:
            idx = np.flatnonzero(news_mask)
            rows = (augmented([feats["train"][i] for i in train_idx], debate_tag)
                    + augmented([feats["subj_train"][i] for i in subj], news_tag)
                    + augmented([feats["news"][i] for i in idx], news_tag))
            y = np.concatenate([y_train[train_idx], np.zeros(len(subj), np.int8), news.labels[idx]])
            w = np.concatenate([np.ones(len(train_idx)), np.ones(len(subj)), np.full(len(idx), args.news_weight)])
            return fit_linear(rows, None, y, w, args.C, min_df, seed)

        held: dict[str, float] = {}
        design, clf = fit(early, np.ones(len(news.texts), dtype=bool))
        late_rows = augmented([feats["train"][i] for i in late], debate_tag)
        held["debates"] = float(average_precision_score(y_train[late], decision(design, clf, late_rows)))
        for d in ("bbc", "us"):
            design, clf = fit(np.arange(len(y_train)), domain != d)
            mask = np.flatnonzero(domain == d)
            scores = decision(design, clf, augmented([feats["news"][i] for i in mask], news_tag))
            held[d] = float(average_precision_score(news.labels[mask], scores))
        rounded = {k: round(v, 4) for k, v in held.items()}
        print(f"{variant:5s} C {args.C} news weight {args.news_weight}: {json.dumps(rounded)} "
              f"mean {np.mean(list(held.values())):.4f}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
