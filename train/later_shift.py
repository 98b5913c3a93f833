#!/usr/bin/env python3
"""Why the later debates read lower: the held-out model's logit split by feature group.

The later debates (the latest 15% of CT24 train by id) are scored by the
cross-validation model that never saw them (``later.npz``, written by
``train/train_checkworthy.py`` into its cache).  For CT24 dev, a sample of
the earlier train sentences (which that model was trained on) and the later
debates, this prints, for check-worthy and other sentences apart: how many
sentences, the share of a sentence's features the model knows, the mean
logit and its mean contribution per feature group; then the model's F1 at
0.5, best F1 and average precision on CT24 dev and the later debates.
docs/model.md ("Why the later debates differ") has the figures.

Usage:
    .venv/bin/python train/later_shift.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sklearn.metrics import average_precision_score  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

from train.train_checkworthy import cache_dir, later_split, load_all, read_config  # noqa: E402
from claimcheck.model.features import span_features  # noqa: E402

#: Feature-string prefix -> the group it is counted in (the rest: subject, modal, negation, length, entities, number).
GROUPS = {"w": "words", "first": "words", "b": "word bigrams", "l": "lemmas", "root": "lemmas",
          "pp": "POS n-grams", "ppp": "POS n-grams", "pfirst": "POS n-grams", "t": "tags"}
OTHER = "structure"


def group(feature: str) -> str:
    """The group of one feature string."""
    return GROUPS.get(feature.split("=", 1)[0], OTHER) if "=" in feature else OTHER


class Decomposed:
    """A model file's weights, read to split a sentence's logit into its feature groups."""

    def __init__(self, path: Path) -> None:
        arrays = np.load(path)
        self.vocabulary = str(arrays["vocabulary"]).split("\n")
        self.index = {f: i for i, f in enumerate(self.vocabulary)}
        self.weights = arrays["weights"].astype(np.float64)
        self.norms = arrays["norms"].astype(np.float64)
        self.bias = float(arrays["bias"])
        self.groups = sorted({group(f) for f in self.vocabulary})

    def split(self, doc: Doc) -> tuple[float, dict[str, float]]:
        """The share of the sentence's features the model knows, and each group's part of its logit (the bias apart)."""
        feats = span_features(doc[:])
        known = [self.index[f] for f in feats if f in self.index]
        norm = float(np.sqrt(self.norms[known].sum())) or 1.0
        parts = dict.fromkeys(self.groups, 0.0)
        for f in feats:
            if f in self.index:
                parts[group(f)] += self.weights[self.index[f]] / norm
        return len(known) / max(len(feats), 1), parts


def table(model: Decomposed, name: str, docs: Sequence[Doc], labels: np.ndarray) -> None:
    """One line per label: count, known share, words, mean logit and mean contribution per group."""
    split = [model.split(d) for d in docs]
    for label in (1, 0):
        rows = [s for s, y in zip(split, labels) if y == label]
        words = np.mean([len([t for t in d if not t.is_punct]) for d, y in zip(docs, labels) if y == label])
        means = {g: float(np.mean([r[1][g] for r in rows])) for g in model.groups}
        logit = model.bias + sum(means.values())
        print(f"{name:30s} {'check-worthy' if label else 'other':12s} n={len(rows):5d} known={np.mean([r[0] for r in rows]):.3f} "
              f"words={words:.1f} logit={logit:+.2f} " + " ".join(f"{g}={v:+.2f}" for g, v in means.items()))


def figures(model: Decomposed, name: str, docs: Sequence[Doc], labels: np.ndarray) -> None:
    """The model alone: F1 at 0.5, best F1 over thresholds, average precision."""
    logits = np.array([model.bias + sum(model.split(d)[1].values()) for d in docs])
    p = 1.0 / (1.0 + np.exp(-logits))
    positives = int(labels.sum())

    def f1(t: float) -> float:
        hit = p >= t
        return 2 * float((hit & (labels == 1)).sum()) / (int(hit.sum()) + positives)

    best = max(f1(t) for t in np.arange(0.02, 0.98, 0.01))
    print(f"{name}: model alone F1 at 0.5 {f1(0.5):.3f}, best {best:.3f}, AP {average_precision_score(labels, p):.3f}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="the shared data folder (default: the configuration's)")
    args = parser.parse_args(argv)
    config = read_config(ROOT / "train" / "config.yaml", args.data)
    path = cache_dir(config) / "folds" / "later.npz"
    if not path.exists():
        parser.error(f"{path} is missing: run train/train_checkworthy.py --no-write first")
    model = Decomposed(path)
    sets, _ = load_all(config)
    train, dev = sets["train"], sets["dev"]
    early, late = later_split(train, float(config["model"]["later_fraction"]))
    sample = early[::6]
    table(model, "CT24 dev", dev.docs, dev.labels)
    table(model, "earlier train (trained on)", [train.docs[i] for i in sample], train.labels[sample])
    table(model, "later debates (held out)", [train.docs[i] for i in late], train.labels[late])
    figures(model, "CT24 dev", dev.docs, dev.labels)
    figures(model, "later debates", [train.docs[i] for i in late], train.labels[late])
    return 0


if __name__ == "__main__":
    sys.exit(main())
