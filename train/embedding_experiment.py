#!/usr/bin/env python3
"""Measure whether static sentence embeddings help the check-worthiness model across domains.

The question of issue 8 item 3: do representations that carry to new
vocabulary (WordLlama's ``l2_supercat`` static token embeddings, 256
dimensions, shipped inside the ``wordllama`` wheel) make the model transfer
better?  Each variant appends a sentence vector (the mean token embedding of
the normalised sentence spaCy parsed) to the shipped model's sparse features
and is scored by the same protocol that chose the shipped model
(``train/train_checkworthy.py``, docs/model.md "Method"): average precision on
three held-out domains -- the later debates (trained on the earlier 85% of
CT24 train plus all news), the BBC articles (trained on CT24 plus US news),
the US articles (CT24 plus BBC) -- with the shipped model's chosen C and news
weight, and the mean of the three.  A mean within ``tie_ap`` of the shipped
features' is a tie, which the shipped model's protocol resolves towards the
simpler model.

Variants: the vector as it is (unit length) and standardised (each dimension
to zero mean and unit variance over the training rows, scaled to unit
expected length), each multiplied by ``alpha`` (the vector's weight against
the unit-length sparse row); projected on its first 32 principal components;
the vector of the sentence with names left out and numbers as "number" (what
the sparse features do); the vector alone.  Nothing here changes the shipped
model; the figures are in docs/model.md ("Sentence vectors: measured, not
adopted"), and ``sentence_vectors`` in ``train/config.yaml`` trains a model
with the vector for measuring it through the engine.

Usage:
    .venv/bin/python train/embedding_experiment.py [--data ../shared/data] [--variants std:0.15,raw:1]

Needs the ``train`` extra; the vectors are the lookups' (:mod:`claimcheck.lookups.embed`,
read from the installed ``wordllama`` package; nothing is downloaded).
"""

from __future__ import annotations

import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scipy import sparse  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import average_precision_score  # noqa: E402
from spacy.tokens import Doc  # noqa: E402

from claimcheck.lookups.embed import embedder  # noqa: E402
from claimcheck.model.features import NAME_LABELS  # noqa: E402
from train.train_checkworthy import (  # noqa: E402
    Design,
    featurise,
    later_split,
    load_all,
    log,
    news_domain,
    read_config,
)

#: name:alpha pairs run by default (``none`` is the shipped model's features).
DEFAULT_VARIANTS = "none:0,raw:1,raw:2,std:0.1,std:0.15,std:0.25,std:0.5,std:1,pca32:0.25,pca32:0.5,abstract:0.15,abstract:0.25,alone:1"


def abstract_text(doc: Doc) -> str:
    """The sentence with names left out and numbers as "number", as the sparse features abstract them."""
    return " ".join("number" if (t.like_num or t.tag_ == "CD") else t.text for t in doc if t.ent_type_ not in NAME_LABELS)


def transform(kind: str, E: np.ndarray, Et: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The training and held-out vectors of a variant, statistics taken from the training rows only."""
    if kind in ("std", "abstract", "alone"):
        mu, sd = E.mean(0), E.std(0) + 1e-6
        scale = np.sqrt(E.shape[1])
        return (E - mu) / sd / scale, (Et - mu) / sd / scale
    if kind == "pca32":
        mu = E.mean(0)
        _, _, vt = np.linalg.svd(E[::4] - mu, full_matrices=False)
        P = vt[:32].T
        Z, Zt = (E - mu) @ P, (Et - mu) @ P
        sd = Z.std(0) * np.sqrt(32)
        return Z / sd, Zt / sd
    return E, Et


def held_out_ap(F: list[list[str]], E: np.ndarray, y: np.ndarray, w: np.ndarray, Ft: list[list[str]], Et: np.ndarray,
                yt: np.ndarray, kind: str, alpha: float, C: float, min_df: int, seed: int) -> float:
    """Average precision on the held-out rows of a model trained on the others."""
    E, Et = transform(kind, E, Et)
    if kind == "alone":
        X, Xt = sparse.csr_matrix(E), sparse.csr_matrix(Et)
    else:
        design = Design.fit(F, min_df)
        X, Xt = design.transform(F), design.transform(Ft)
        if kind != "none":
            X = sparse.hstack([X, sparse.csr_matrix(alpha * E)]).tocsr()
            Xt = sparse.hstack([Xt, sparse.csr_matrix(alpha * Et)]).tocsr()
    clf = LogisticRegression(C=C, solver="liblinear", random_state=seed, max_iter=1000)
    clf.fit(X, y, sample_weight=w)
    return float(average_precision_score(yt, clf.decision_function(Xt)))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=ROOT / "train" / "config.yaml")
    parser.add_argument("--data", type=Path, help="the shared data folder (default: data_dir in the config)")
    parser.add_argument("--variants", default=DEFAULT_VARIANTS, help=f"comma-separated kind:alpha (default {DEFAULT_VARIANTS})")
    args = parser.parse_args(argv)
    config = read_config(args.config, args.data)
    seed, cfg = int(config["seed"]), config["model"]
    chosen = json.loads((ROOT / "claimcheck" / "model" / "checkworthy.json").read_text(encoding="utf-8"))["config"]["chosen"]
    C, news_weight = float(chosen["C"]), float(chosen["news_weight"])

    sets, _ = load_all(config)
    names = ("train", "subj_train", "news")
    feats = {k: featurise(sets[k]) for k in names}
    wl = embedder()
    t = time.perf_counter()
    plain = {k: wl.embed([d.text for d in sets[k].docs]) for k in names}
    n_sentences = sum(len(sets[k].docs) for k in names)
    per_sentence_us = (time.perf_counter() - t) / n_sentences * 1e6
    abstracted = {k: wl.embed([abstract_text(d) for d in sets[k].docs]) for k in names}

    train, subj, news = sets["train"], sets["subj_train"], sets["news"]
    early, late = later_split(train, cfg["later_fraction"])
    domain = np.array([news_domain(g) for g in news.groups])
    subj_idx = np.flatnonzero(subj.labels == 0)  # subjective sentences, as not check-worthy (weight 1)

    def rows(emb: dict[str, np.ndarray], train_idx: np.ndarray, news_idx: np.ndarray
             ) -> tuple[list[list[str]], np.ndarray, np.ndarray, np.ndarray]:
        F = [feats["train"][i] for i in train_idx] + [feats["subj_train"][i] for i in subj_idx] + [feats["news"][i] for i in news_idx]
        E = np.vstack([emb["train"][train_idx], emb["subj_train"][subj_idx], emb["news"][news_idx]])
        y = np.concatenate([train.labels[train_idx], np.zeros(len(subj_idx), np.int8), news.labels[news_idx]])
        w = np.concatenate([np.ones(len(train_idx) + len(subj_idx)), np.full(len(news_idx), news_weight)])
        return F, E, y, w

    every = np.arange(len(news.texts))
    results = []
    for spec in args.variants.split(","):
        kind, alpha = spec.split(":")[0], float(spec.split(":")[1])
        emb = abstracted if kind == "abstract" else plain
        held = {"debates": held_out_ap(*rows(emb, early, every), [feats["train"][i] for i in late], emb["train"][late],
                                       train.labels[late], kind, alpha, C, cfg["min_df"], seed)}
        for d in ("bbc", "us"):
            mask = np.flatnonzero(domain == d)
            held[d] = held_out_ap(*rows(emb, np.arange(len(train.labels)), np.flatnonzero(domain != d)),
                                  [feats["news"][i] for i in mask], emb["news"][mask], news.labels[mask],
                                  kind, alpha, C, cfg["min_df"], seed)
        entry = {"variant": kind, "alpha": alpha, **{k: round(v, 4) for k, v in held.items()},
                 "mean": round(float(np.mean(list(held.values()))), 4)}
        results.append(entry)
        log("  " + json.dumps(entry))

    base = next((r["mean"] for r in results if r["variant"] == "none"), None)
    print(f"held-out average precision, C={C}, news weight {news_weight} (tie: {cfg['tie_ap']}):")
    print(f"  {'variant':<10} {'alpha':>5}  {'debates':>7}  {'bbc':>6}  {'us':>6}  {'mean':>6}  vs none")
    for r in results:
        delta = f"{r['mean'] - base:+.4f}" if base is not None else "-"
        print(f"  {r['variant']:<10} {r['alpha']:>5}  {r['debates']:>7.4f}  {r['bbc']:>6.4f}  {r['us']:>6.4f}  {r['mean']:>6.4f}  {delta}")
    print(f"embedding cost: {per_sentence_us:.0f} us a sentence ({n_sentences} sentences, tokenizer + mean)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
