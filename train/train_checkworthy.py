#!/usr/bin/env python3
"""Train claimcheck's check-worthiness model and write it into the package.

Reproduces ``claimcheck/model/checkworthy.npz`` and ``checkworthy.json`` from
the public data in ``../shared/data`` with a fixed seed (``train/config.yaml``).
Needs the ``train`` extra (scikit-learn); the shipped model needs only numpy.

Steps, each timed:
  1. read CT24 train/dev, the subjectivity news sentences, the news-dev
     sentence labels and the CLEF 2019 debates; parse every sentence once with
     claimcheck's own spaCy pipeline and normalisation, caching the parses
     (DocBin) outside the repository;
  2. the TF-IDF + logistic regression baseline (word 1-2-grams), for comparison;
  3. a small grid (C, weight of the news-dev sentences) chosen by leaving one
     domain out: the later debates (latest 15% of CT24 train by id), BBC and
     US news-dev articles -- CT24 dev is only reported, never tuned on;
  4. the final model on everything, with Platt scaling fitted on 5-fold
     out-of-fold scores of CT24 train;
  5. cross-validation models (news-dev in folds of articles, each news domain
     left out, the later debates left out), written to the cache for
     ``bench/quality.py``;
  6. the report's combination of model and claim-level features
     (``train/combination.py``), fitted through the engine on CT24 dev and
     news-dev (scored by out-of-fold models), each domain weighted equally,
     plus its cross-validated figures;
  7. metrics, then the model (with its combination) and its metadata are
     written; the model file's SHA-256 is printed.

Usage:
    .venv/bin/python train/train_checkworthy.py [--config train/config.yaml] [--data DIR] [--no-write]
"""

from __future__ import annotations

import os

# One BLAS thread: reductions in a fixed order make the written model
# byte-for-byte reproducible (and leave the second core to other work).
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import csv
import hashlib
import io
import json
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scipy import sparse  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import average_precision_score, roc_auc_score  # noqa: E402
from sklearn.model_selection import StratifiedKFold  # noqa: E402
from sklearn.preprocessing import normalize  # noqa: E402
from spacy.tokens import Doc, DocBin  # noqa: E402

from claimcheck.model import CheckworthinessModel  # noqa: E402
from claimcheck.model import _read as read_model  # noqa: E402
from claimcheck.model.combination import Combination  # noqa: E402
from claimcheck.model.vectors import VECTOR_MODEL, sentence_vectors  # noqa: E402
from claimcheck.model.features import span_features  # noqa: E402
from claimcheck.model.labelled import read_labelled  # noqa: E402
from claimcheck.analysis.nlp import load_pipeline, parse, pipeline_name  # noqa: E402
from claimcheck.text.normalise import normalise  # noqa: E402
from train.combination import LabelledSentence, apply, fit_combination, record  # noqa: E402


@dataclass
class Dataset:
    """Sentences with binary labels and, once parsed, their spaCy docs."""

    name: str
    ids: list[str]
    texts: list[str]
    labels: np.ndarray
    groups: list[str] = field(default_factory=list)  # e.g. the debate file of each sentence
    docs: list[Doc] = field(default_factory=list)


def log(message: str) -> None:
    """Progress on stderr, so that stdout holds only the results."""
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- data

def read_checkworthy(path: Path, name: str) -> Dataset:
    """A CheckThat! TSV (Sentence_id, Text, class_label), read as ``claimcheck eval`` reads it."""
    rows = read_labelled(path)
    return Dataset(name, [r.id for r in rows], [r.text for r in rows], np.array([r.label for r in rows], dtype=np.int8))


def read_subjectivity(path: Path, name: str) -> Dataset:
    """Subjectivity sentences; label 1 = OBJ (objective), 0 = SUBJ."""
    ids, texts, labels = [], [], []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        col_text, col_label = header.index("sentence"), header.index("label")
        for row in reader:
            ids.append(row[0])
            texts.append(row[col_text])
            labels.append(row[col_label].strip() == "OBJ")
    return Dataset(name, ids, texts, np.array(labels, dtype=np.int8))


def read_debates(folder: Path) -> Dataset:
    """CLEF 2019 transcripts: line, speaker, text, label; the group is the file's year."""
    ids, texts, labels, groups = [], [], [], []
    for path in sorted(folder.glob("*.tsv")):
        year = path.name[:4]
        with path.open(encoding="utf-8", newline="") as fh:
            for line in fh:
                cells = line.rstrip("\r\n").split("\t")
                if len(cells) < 4 or not cells[2].strip():
                    continue
                ids.append(f"{path.stem}:{cells[0]}")
                texts.append(cells[2])
                labels.append(cells[3].strip() == "1")
                groups.append(year)
    return Dataset("clef2019", ids, texts, np.array(labels, dtype=np.int8), groups)


def read_news(folder: Path) -> tuple[Dataset, list[dict[str, object]]]:
    """The news-dev sentences (CFS = 1; NFS, UFS = 0; headlines left out) and the articles themselves.

    The group of a sentence is its article; the articles come back as
    ``{"id", "text", "published", "domain"}`` for checking with the engine.
    """
    ids, texts, labels, groups = [], [], [], []
    articles: list[dict[str, object]] = []
    for art in sorted(p for p in folder.iterdir() if (p / "sentences.tsv").exists()):
        expected = yaml.safe_load((art / "expected.yaml").read_text(encoding="utf-8")) or {}
        articles.append({"id": art.name, "text": (art / "article.txt").read_text(encoding="utf-8"),
                         "published": str(expected["published"]) if expected.get("published") else None,
                         "domain": news_domain(art.name)})
        with (art / "sentences.tsv").open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                label = row["label"].strip()
                if label == "HEAD":
                    continue
                ids.append(f"{art.name}:{row['start']}:{row['end']}")
                texts.append(row["text"])
                labels.append(label == "CFS")
                groups.append(art.name)
    return Dataset("news-dev", ids, texts, np.array(labels, dtype=np.int8), groups), articles


def news_domain(article: str) -> str:
    """``bbc`` or ``us``: news-dev folders are named ``dev-bbc-*`` and ``dev-polnear-*``."""
    return "bbc" if "-bbc-" in article else "us"


def parse_cached(ds: Dataset, cache_dir: Path, batch_size: int) -> float:
    """Parse ``ds.texts`` with claimcheck's pipeline, reusing a DocBin cache; returns seconds spent."""
    nlp = load_pipeline()
    key = hashlib.sha256(("\x00".join(ds.texts) + pipeline_name(nlp)).encode()).hexdigest()[:16]
    cache = cache_dir / f"{ds.name}-{key}.spacy"
    start = time.perf_counter()
    if cache.exists():
        ds.docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        log(f"  {ds.name}: {len(ds.docs)} parses from cache {cache} ({time.perf_counter() - start:.1f}s)")
        return time.perf_counter() - start
    ds.docs = [doc for doc in parse(nlp, (normalise(t) for t in ds.texts), batch_size=batch_size)]
    elapsed = time.perf_counter() - start
    cache_dir.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=False, docs=ds.docs).to_disk(cache)
    words = sum(len(d) for d in ds.docs)
    log(f"  {ds.name}: parsed {len(ds.docs)} sentences, {words} tokens in {elapsed:.0f}s ({words / elapsed:.0f} tokens/s)")
    return elapsed


#: Overrides ``cache_dir`` of the configuration (so that parallel runs need not share one cache).
CACHE_ENV = "CLAIMCHECK_TRAIN_CACHE"


def read_config(path: Path, data: Path | None = None) -> dict:
    """The training configuration (``train/config.yaml``), with ``data_dir`` set to ``data`` when it is given."""
    config = yaml.safe_load(path.read_text(encoding="utf-8"))
    if data is not None:
        config["data_dir"] = str(data.resolve())
    return config


def cache_dir(config: dict) -> Path:
    """Where parses and cross-validation models are cached (never the repository): $CLAIMCHECK_TRAIN_CACHE, else the config's."""
    return Path(os.environ.get(CACHE_ENV) or config.get("cache_dir")
                or Path(os.environ.get("TMPDIR", tempfile.gettempdir())) / "claimcheck-train-cache")


def load_all(config: dict) -> tuple[dict[str, Dataset], list[dict[str, object]]]:
    """Every data set, parsed (from the cache when it is there), and the news-dev articles."""
    base = ROOT / config["data_dir"]
    data = {k: (base / v).resolve() for k, v in config["data"].items()}
    sets = {
        "train": read_checkworthy(data["checkworthy_train"], "ct24-train"),
        "dev": read_checkworthy(data["checkworthy_dev"], "ct24-dev"),
        "subj_train": read_subjectivity(data["subjectivity_train"], "subj-train"),
        "subj_dev": read_subjectivity(data["subjectivity_dev"], "subj-dev"),
        "subj_dev_test": read_subjectivity(data["subjectivity_dev_test"], "subj-dev-test"),
        "debates": read_debates(data["debates"]),
    }
    sets["news"], articles = read_news(data["news_dev"])
    for ds in sets.values():
        parse_cached(ds, cache_dir(config), config.get("parse_batch_size", 256))
    return sets, articles


# --------------------------------------------------------------------------- features

def featurise(ds: Dataset) -> list[list[str]]:
    """Feature strings of every sentence, exactly as the shipped model computes them."""
    return [span_features(doc[:]) for doc in ds.docs]


def embed_all(ds: Dataset) -> np.ndarray:
    """Sentence vectors of every parsed sentence, as the shipped model embeds a span (its text)."""
    return sentence_vectors().embed([doc.text for doc in ds.docs])


@dataclass
class Design:
    """A sparse binary design matrix over a fixed vocabulary, with its IDF, and the sentence vectors' scaling.

    With ``alpha > 0`` each row also holds the sentence vector, standardised
    per dimension over the training rows and scaled to unit expected length,
    times ``alpha`` (its weight against the unit-length sparse part).
    """

    vocabulary: list[str]
    index: dict[str, int]
    idf: np.ndarray
    alpha: float = 0.0
    mean: np.ndarray | None = None
    scale: np.ndarray | None = None

    @classmethod
    def fit(cls, rows: Sequence[list[str]], min_df: int, vectors: np.ndarray | None = None, alpha: float = 0.0) -> "Design":
        counts: dict[str, int] = {}
        for feats in rows:
            for f in feats:
                counts[f] = counts.get(f, 0) + 1
        # Sorted for a reproducible vocabulary order (and so a reproducible file).
        # "\n" separates features in the model file, so no feature may contain one.
        vocabulary = sorted(f for f, c in counts.items() if c >= min_df and "\n" not in f)
        n = len(rows)
        df = np.array([counts[f] for f in vocabulary], dtype=np.float64)
        idf = np.log((1 + n) / (1 + df)) + 1.0  # sklearn's smoothed IDF
        design = cls(vocabulary, {f: i for i, f in enumerate(vocabulary)}, idf)
        if alpha > 0 and vectors is not None:
            vectors = np.asarray(vectors, dtype=np.float64)
            design.alpha = alpha
            design.mean = vectors.mean(axis=0)
            design.scale = (vectors.std(axis=0) + 1e-6) * np.sqrt(vectors.shape[1])
        return design

    def transform(self, rows: Sequence[list[str]], vectors: np.ndarray | None = None) -> sparse.csr_matrix:
        """L2-normalised IDF-weighted binary rows (what the shipped model computes), then the scaled sentence vectors."""
        indptr = [0]
        indices: list[int] = []
        for feats in rows:
            indices.extend(j for j in (self.index.get(f) for f in feats) if j is not None)
            indptr.append(len(indices))
        idx = np.asarray(indices, dtype=np.int64)
        data = self.idf[idx]
        X = sparse.csr_matrix((data, idx, np.asarray(indptr)), shape=(len(rows), len(self.vocabulary)))
        X = normalize(X, norm="l2", copy=False)
        if self.alpha > 0 and self.mean is not None and self.scale is not None and vectors is not None:
            dense = self.alpha * (np.asarray(vectors, dtype=np.float64) - self.mean) / self.scale
            X = sparse.hstack([X, sparse.csr_matrix(dense)]).tocsr()
        return X


# --------------------------------------------------------------------------- metrics

def prf(y: np.ndarray, scores: np.ndarray, threshold: float) -> dict[str, float]:
    """Precision, recall and F1 of the positive class at ``threshold``."""
    pred = scores >= threshold
    tp = int(np.sum(pred & (y == 1)))
    fp = int(np.sum(pred & (y == 0)))
    fn = int(np.sum(~pred & (y == 1)))
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"threshold": round(float(threshold), 4), "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def best_f1(y: np.ndarray, scores: np.ndarray) -> dict[str, float]:
    """The threshold among the observed scores that maximises F1."""
    best = prf(y, scores, 0.5)
    for t in np.unique(np.round(scores, 4)):
        cand = prf(y, scores, float(t))
        if cand["f1"] > best["f1"]:
            best = cand
    return best


def evaluate(y: np.ndarray, scores: np.ndarray) -> dict[str, object]:
    """F1 at 0.5 and at the best threshold, plus AP and ROC AUC."""
    out: dict[str, object] = {"n": int(len(y)), "positives": int(y.sum()), "at_0.5": prf(y, scores, 0.5), "best": best_f1(y, scores)}
    if 0 < y.sum() < len(y):
        out["average_precision"] = round(float(average_precision_score(y, scores)), 4)
        out["roc_auc"] = round(float(roc_auc_score(y, scores)), 4)
    return out


def reliability(y: np.ndarray, scores: np.ndarray, bins: int = 10) -> list[dict[str, object]]:
    """Per score bin: count, mean score, fraction positive."""
    table = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        mask = (scores >= lo) & ((scores < hi) if b < bins - 1 else (scores <= hi))
        n = int(mask.sum())
        table.append({
            "bin": f"{lo:.1f}-{hi:.1f}", "count": n,
            "mean_score": round(float(scores[mask].mean()), 3) if n else None,
            "fraction_positive": round(float(y[mask].mean()), 3) if n else None,
        })
    return table


def sigmoid(x: np.ndarray) -> np.ndarray:
    """The logistic function."""
    return 1.0 / (1.0 + np.exp(-x))


# --------------------------------------------------------------------------- models

def subjectivity_rows(sets: dict[str, Dataset], feats: dict[str, list[list[str]]], mode: str, weight: float
                      ) -> tuple[list[list[str]], np.ndarray, np.ndarray]:
    """Extra training rows from the news sentences.

    ``none``: no news rows.  ``subj``: SUBJ sentences as not check-worthy with
    ``weight`` (an opinion is never check-worthy).  ``subj+obj``: also OBJ
    sentences as check-worthy with ``weight`` (objective is not always
    check-worthy, hence a weight below the debates').
    """
    ds, rows = sets["subj_train"], feats["subj_train"]
    if mode == "none":
        return [], np.zeros(0, np.int8), np.zeros(0)
    keep = [i for i in range(len(rows)) if mode == "subj+obj" or ds.labels[i] == 0]
    y = np.array([ds.labels[i] for i in keep], dtype=np.int8)
    return [rows[i] for i in keep], y, np.full(len(keep), weight)


def fit_linear(rows: Sequence[list[str]], vectors: np.ndarray | None, y: np.ndarray, w: np.ndarray, C: float, min_df: int,
               seed: int, alpha: float = 0.0) -> tuple[Design, LogisticRegression]:
    """Vocabulary, IDF (and the sentence vectors' scaling) and a weighted L2 logistic regression fitted on ``rows``."""
    design = Design.fit(rows, min_df, vectors, alpha)
    clf = LogisticRegression(C=C, solver="liblinear", random_state=seed, max_iter=1000)
    clf.fit(design.transform(rows, vectors), y, sample_weight=w)
    return design, clf


def decision(design: Design, clf: LogisticRegression, rows: Sequence[list[str]], vectors: np.ndarray | None = None) -> np.ndarray:
    """Uncalibrated log-odds of ``rows``."""
    return clf.decision_function(design.transform(rows, vectors))


def baseline(sets: dict[str, Dataset], train_idx: np.ndarray, seed: int) -> Callable[[list[str]], np.ndarray]:
    """The issue's TF-IDF + LR baseline on raw text: word 1-2-grams, C=10.

    With these settings it reproduces the issue's figure (F1 0.873 on dev at
    0.5; the issue quotes 0.875); sklearn's default C=1 gives only 0.823.
    """
    vec = TfidfVectorizer(ngram_range=(1, 2))
    texts = [sets["train"].texts[i] for i in train_idx]
    clf = LogisticRegression(C=10.0, solver="liblinear", random_state=seed, max_iter=1000)
    clf.fit(vec.fit_transform(texts), sets["train"].labels[train_idx])
    return lambda t: clf.predict_proba(vec.transform(t))[:, 1]


def later_split(ds: Dataset, fraction: float) -> tuple[np.ndarray, np.ndarray]:
    """Indices of the earlier and the latest ``fraction`` of CT24 train by sentence id.

    ClaimBuster numbers sentences in debate order (1960 first, 2016 last: the
    ISIS and Trump sentences all have the highest ids), so the latest ids are
    a pseudo-"later debates" set to tune for generalisation in time.
    """
    ids = np.array([int(i) for i in ds.ids])
    cutoff = np.quantile(ids, 1.0 - fraction)
    return np.flatnonzero(ids < cutoff), np.flatnonzero(ids >= cutoff)


def news_folds(articles: Sequence[dict[str, object]], k: int) -> dict[str, int]:
    """Article -> fold: the articles of each domain dealt round-robin in name order, so every fold holds both."""
    out: dict[str, int] = {}
    for domain in ("bbc", "us"):
        names = sorted(str(a["id"]) for a in articles if a["domain"] == domain)
        for i, name in enumerate(names):
            out[name] = i % k
    return out


@dataclass
class Rows:
    """Training rows: feature lists, labels and sample weights."""

    feats: list[list[str]] = field(default_factory=list)
    y: list[int] = field(default_factory=list)
    w: list[float] = field(default_factory=list)
    vectors: list[np.ndarray] = field(default_factory=list)

    def add(self, feats: Sequence[list[str]], y: Sequence[int] | np.ndarray, weight: float | np.ndarray,
            vectors: np.ndarray | None = None) -> "Rows":
        self.feats.extend(feats)
        if vectors is not None:
            self.vectors.extend(vectors)
        self.y.extend(int(v) for v in y)
        self.w.extend(np.broadcast_to(np.asarray(weight, dtype=np.float64), (len(feats),)).tolist())
        return self


def model_bytes(design: Design, clf: LogisticRegression, a: float, b: float, combination: Combination | None) -> bytes:
    """The ``.npz`` file of a model: IDF, coefficients and Platt scaling folded into one weight per feature.

    logit = a * (coef . (idf * x) / ||idf * x|| + intercept) + b.

    With sentence vectors, their standardisation is folded in too:
    ``a * alpha * coef_v . (v - mean) / scale`` is ``vector_weights . v`` plus a constant in the bias.
    """
    n_sparse = len(design.vocabulary)
    coef = clf.coef_.ravel()
    weights = (a * coef[:n_sparse] * design.idf).astype(np.float32)
    norms = (design.idf ** 2).astype(np.float32)  # features without a weight still count in the row norm
    bias = a * float(clf.intercept_[0]) + b
    arrays: dict[str, np.ndarray] = {}
    if design.alpha > 0 and design.mean is not None and design.scale is not None:
        vector_weights = a * design.alpha * coef[n_sparse:] / design.scale
        bias -= float(vector_weights @ design.mean)
        arrays["vector_weights"] = vector_weights.astype(np.float32)
        arrays["vector_model"] = np.array(VECTOR_MODEL)
    arrays = {
        "format_version": np.array(2 if arrays else 1), "vocabulary": np.array("\n".join(design.vocabulary)),
        "weights": weights, "norms": norms, "bias": np.array(bias), **arrays,
    }
    if combination is not None:
        arrays["combination"] = np.array(combination.to_array())
        if combination.signals:
            arrays["signal_names"] = np.array("\n".join(name for name, _ in combination.signals))
            arrays["signal_weights"] = np.array([w for _, w in combination.signals])
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    return buffer.getvalue()


def run(config: dict, write: bool) -> dict:
    """Train, measure and (if ``write``) write the model; returns the metadata."""
    seed = int(config["seed"])
    model_cfg = config["model"]
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    sets, articles = load_all(config)
    timings["read_and_parse_s"] = time.perf_counter() - t0

    t = time.perf_counter()
    feats = {name: featurise(ds) for name, ds in sets.items()}
    timings["features_s"] = time.perf_counter() - t
    # Sentence vectors only when the configuration gives them a weight: a
    # model without them is the same file whether or not wordllama is installed.
    alpha = float(model_cfg.get("sentence_vectors", 0.0))
    t = time.perf_counter()
    emb: dict[str, np.ndarray | None] = {name: embed_all(ds) if alpha > 0 else None for name, ds in sets.items()}
    timings["sentence_vectors_s"] = time.perf_counter() - t

    def vec(name: str, idx: np.ndarray | Sequence[int] | None = None) -> np.ndarray | None:
        e = emb[name]
        return None if e is None else (e if idx is None else e[np.asarray(idx, dtype=np.intp)])
    train, dev, news = sets["train"], sets["dev"], sets["news"]
    y_train = train.labels
    early, late = later_split(train, model_cfg["later_fraction"])
    cutoff = int(min(int(train.ids[i]) for i in late))
    recent = np.array([g >= str(model_cfg["out_of_period_from"]) for g in sets["debates"].groups])
    domain = np.array([news_domain(g) for g in news.groups])
    log(f"pseudo-later split: {len(early)} earlier / {len(late)} latest train sentences (ids >= {cutoff}); "
        f"news-dev: {len(news.texts)} sentences ({int((domain == 'bbc').sum())} BBC, {int((domain == 'us').sum())} US); "
        f"out-of-period debates: {int(recent.sum())} sentences ({int(sets['debates'].labels[recent].sum())} check-worthy)")
    subj_feats, subj_y, subj_w = subjectivity_rows(sets, feats, model_cfg["subjectivity"][0], float(model_cfg["subjectivity"][1]))
    subj_vec = vec("subj_train", [i for i in range(len(feats["subj_train"]))
                                  if model_cfg["subjectivity"][0] == "subj+obj" or sets["subj_train"].labels[i] == 0])

    def rows_for(train_idx: np.ndarray, news_mask: np.ndarray, news_weight: float) -> Rows:
        idx = np.flatnonzero(news_mask)
        return (Rows().add([feats["train"][i] for i in train_idx], y_train[train_idx], 1.0, vec("train", train_idx))
                .add(subj_feats, subj_y, subj_w, subj_vec)
                .add([feats["news"][i] for i in idx], news.labels[idx], news_weight, vec("news", idx)))

    def fit(rows: Rows, C: float) -> tuple[Design, LogisticRegression]:
        vectors = np.array(rows.vectors) if rows.vectors else None
        return fit_linear(rows.feats, vectors, np.array(rows.y, dtype=np.int8), np.array(rows.w), C, model_cfg["min_df"], seed, alpha)

    def report(score: Callable[[str], np.ndarray]) -> dict[str, object]:
        deb = sets["debates"]
        s_deb = score("debates")
        return {
            "ct24_dev": evaluate(dev.labels, score("dev")),
            "clef2019_out_of_period": evaluate(deb.labels[recent], s_deb[recent]),
            "clef2019_all": evaluate(deb.labels, s_deb),
            "subjectivity_dev": evaluate(sets["subj_dev"].labels, score("subj_dev")),
            "subjectivity_dev_test": evaluate(sets["subj_dev_test"].labels, score("subj_dev_test")),
        }

    # 1. Baseline: TF-IDF + LR, on the pseudo-later split and on all of train.
    t = time.perf_counter()
    base_later = baseline(sets, early, seed)
    baseline_later = evaluate(y_train[late], base_later([train.texts[i] for i in late]))
    base = baseline(sets, np.arange(len(train.texts)), seed)
    baseline_metrics = report(lambda name: base(sets[name].texts))
    baseline_metrics["ct24_pseudo_later"] = baseline_later
    baseline_metrics["news_dev_sentences"] = {d: evaluate(news.labels[domain == d], base([news.texts[i] for i in np.flatnonzero(domain == d)]))
                                              for d in ("bbc", "us")}
    timings["baseline_s"] = time.perf_counter() - t

    # 2. Grid, leave one domain out: the later debates (trained on the earlier
    #    85% of CT24 train + all news), BBC (trained on CT24 + US news), US news
    #    (CT24 + BBC).  Chosen on the mean average precision of the three.
    t = time.perf_counter()
    every = np.ones(len(news.texts), dtype=bool)
    grid = []
    for news_weight in model_cfg["grid"]["news_weight"]:
        for C in model_cfg["grid"]["C"]:
            held: dict[str, float] = {}
            design, clf = fit(rows_for(early, every, float(news_weight)), float(C))
            held["debates"] = round(float(average_precision_score(y_train[late], decision(design, clf, [feats["train"][i] for i in late], vec("train", late)))), 4)
            for d in ("bbc", "us"):
                design, clf = fit(rows_for(np.arange(len(y_train)), domain != d, float(news_weight)), float(C))
                mask = domain == d
                held[d] = round(float(average_precision_score(news.labels[mask], decision(design, clf, [feats["news"][i] for i in np.flatnonzero(mask)], vec("news", np.flatnonzero(mask))))), 4)
            entry = {"news_weight": news_weight, "C": C, "held_out_ap": held, "mean_ap": round(float(np.mean(list(held.values()))), 4)}
            grid.append(entry)
            log("  grid " + json.dumps(entry))
    timings["grid_s"] = time.perf_counter() - t
    # Near-ties (within ``tie_ap``) go to the smaller news weight: 939 sentences
    # from one set of annotators, repeated ten times, are easily memorised.
    top = max(e["mean_ap"] for e in grid)
    near = [e for e in grid if e["mean_ap"] >= top - float(model_cfg["tie_ap"])]
    chosen = max(near, key=lambda e: (-e["news_weight"], e["mean_ap"]))
    log(f"chosen: {json.dumps(chosen)}")
    C, news_weight = float(chosen["C"]), float(chosen["news_weight"])

    # 3. Final model on everything; Platt scaling of the model alone on 5-fold
    #    out-of-fold scores of CT24 train.
    t = time.perf_counter()
    oof = np.zeros(len(y_train))
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=seed)
    for fit_idx, held_idx in folds.split(np.zeros(len(y_train)), y_train):
        design, clf = fit(rows_for(fit_idx, every, news_weight), C)
        oof[held_idx] = decision(design, clf, [feats["train"][i] for i in held_idx], vec("train", held_idx))
    platt = LogisticRegression(C=1e6, solver="lbfgs", tol=1e-10, max_iter=10000)
    platt.fit(oof.reshape(-1, 1), y_train)
    a, b = float(platt.coef_[0, 0]), float(platt.intercept_[0])
    design, clf = fit(rows_for(np.arange(len(y_train)), every, news_weight), C)
    timings["final_fit_and_calibration_s"] = time.perf_counter() - t

    def score(name: str) -> np.ndarray:
        return sigmoid(a * decision(design, clf, feats[name], vec(name)) + b)

    metrics = report(score)
    metrics["ct24_train_out_of_fold"] = evaluate(y_train, sigmoid(a * oof + b))
    metrics["reliability_ct24_dev"] = reliability(dev.labels, score("dev"))

    # 4. Models for cross-validation: news-dev in k folds of articles, each
    #    news domain left out, and the later debates left out.
    t = time.perf_counter()
    k = int(model_cfg["news_folds"])
    fold_of = news_folds(articles, k)
    sentence_fold = np.array([fold_of[g] for g in news.groups])
    fold_models: dict[str, tuple[Design, LogisticRegression]] = {}
    for f in range(k):
        fold_models[f"news{f}"] = fit(rows_for(np.arange(len(y_train)), sentence_fold != f, news_weight), C)
    for d in ("bbc", "us"):
        fold_models[f"lodo-{d}"] = fit(rows_for(np.arange(len(y_train)), domain != d, news_weight), C)
    fold_models["later"] = fit(rows_for(early, every, news_weight), C)
    timings["fold_models_s"] = time.perf_counter() - t

    # 5. The report's combination of model and claim-level features, fitted on
    #    CT24 dev and news-dev through the engine (news-dev with out-of-fold models).
    t = time.perf_counter()
    loaded = {name: model_from_bytes(model_bytes(*m, a, b, None)) for name, m in {"final": (design, clf), **fold_models}.items()}
    dev_docs = [{"id": dev.ids[i], "text": dev.texts[i]} for i in range(len(dev.ids))]
    recorded = record(loaded["final"], dev_docs)
    for f in range(k):
        recorded.update(record(loaded[f"news{f}"], [x for x in articles if fold_of[str(x["id"])] == f]))
    dev_fold = np.arange(len(dev.ids)) % int(model_cfg["dev_folds"])
    rows = [LabelledSentence(dev.ids[i], "debates", int(dev_fold[i]), int(dev.labels[i]), recorded[dev.ids[i]]) for i in range(len(dev.ids))]
    if model_cfg.get("combination_later"):
        # The later debates, scored by the model that never saw them: how the
        # model's logit reads on debates of years it was not trained on.
        later_ids = [train.ids[i] for i in late]
        recorded_later = record(loaded["later"], [{"id": sid, "text": train.texts[i]} for sid, i in zip(later_ids, late)])
        rows += [LabelledSentence(sid, "later", -1, int(y_train[i]), recorded_later[sid]) for sid, i in zip(later_ids, late)]
    for i, sid in enumerate(news.ids):
        art, s0, e0 = sid.rsplit(":", 2)
        s_, e_ = int(s0), int(e0)
        rows.append(LabelledSentence(art, str(domain[i]), int(sentence_fold[i]), int(news.labels[i]),
                                     [c for c in recorded[art] if c.start < e_ and c.end > s_]))
    weights = [float(w) for w in model_cfg["combination_weights"]]
    penalties = [None if p is None else float(p) for p in model_cfg.get("signal_penalties", [None])]
    tie_f1 = float(model_cfg.get("tie_f1", 0.0))
    free = model_cfg.get("fitted_signals")  # None: every signal's weight is fitted (when a penalty is)
    toward_speech = float(model_cfg.get("article_toward_speech", 0.0))
    combination, combination_grid = fit_combination(rows, weights, penalties, validate_only=("later",), tie=tie_f1, free=free,
                                                    article_toward_speech=toward_speech)
    log(f"combination: {combination}")

    def refit(keep: Callable[[LabelledSentence], bool]) -> Combination:
        return fit_combination([r for r in rows if keep(r)], weights, penalties, validate_only=("later",), tie=tie_f1, free=free,
                               article_toward_speech=toward_speech)[0]

    # Cross-validated sentence scores: each fold scored with the combination fitted without it.
    is_dev = np.array([r.domain == "debates" for r in rows])
    cv_scores = np.zeros(len(rows))
    cv_combinations: dict[str, Combination] = {}
    for f in range(int(model_cfg["dev_folds"])):
        cv_combinations[f"dev{f}"] = c = refit(lambda r, f=f: not (r.domain == "debates" and r.fold == f))
        idx = [i for i, r in enumerate(rows) if r.domain == "debates" and r.fold == f]
        cv_scores[idx] = apply([rows[i] for i in idx], c)
    is_news = np.array([r.domain in ("bbc", "us") for r in rows])
    for f in range(k):
        cv_combinations[f"news{f}"] = c = refit(lambda r, f=f: r.domain not in ("bbc", "us") or r.fold != f)
        idx = [i for i, r in enumerate(rows) if r.domain in ("bbc", "us") and r.fold == f]
        cv_scores[idx] = apply([rows[i] for i in idx], c)
    for d in ("bbc", "us"):
        cv_combinations[f"lodo-{d}"] = refit(lambda r, d=d: r.domain != d)
    # Without the later debates: neither their own rows (not even to choose w and the penalty)
    # nor CT24 dev's sentences from the same debates.
    cv_combinations["later"] = refit(lambda r: r.domain == "bbc" or r.domain == "us" or (r.domain == "debates" and int(r.doc_id) < cutoff))
    y_rows = np.array([r.label for r in rows])
    news_labels = y_rows[is_news]
    metrics["report_score_cv"] = {
        "ct24_dev": evaluate(y_rows[is_dev], cv_scores[is_dev]),
        "ct24_dev_reliability": reliability(y_rows[is_dev], cv_scores[is_dev]),
        "news_dev_sentences_cfs_vs_rest": evaluate(news_labels, cv_scores[is_news]),
        "in_sample_ct24_dev": evaluate(y_rows[is_dev], apply([r for r in rows if r.domain == "debates"], combination)),
    }
    timings["combination_s"] = time.perf_counter() - t
    timings["total_s"] = time.perf_counter() - t0

    shipped = model_bytes(design, clf, a, b, combination)
    result = {
        "name": "claimcheck-checkworthy",
        "version": config["version"],
        "format_version": 2 if alpha > 0 else 1,
        **({"sentence_vectors": {"model": VECTOR_MODEL, "alpha": alpha}} if alpha > 0 else {}),
        "trained_on": {
            "ct24_train": f"CLEF CheckThat! 2024 Task 1 English train ({len(y_train)} sentences, {int(y_train.sum())} Yes)",
            "subjectivity_train": f"CLEF CheckThat! 2024 Task 2 English train, mode {model_cfg['subjectivity'][0]!r} weight {model_cfg['subjectivity'][1]} ({len(subj_y)} sentences)",
            "news_dev": f"news-dev sentences.tsv, CFS yes, NFS/UFS no, headlines out ({len(news.texts)} sentences, {int(news.labels.sum())} CFS), weight {news_weight}",
            "combination": f"CT24 dev ({len(dev.ids)}) and news-dev through the engine, news-dev with {k}-fold out-of-fold models; "
                           "the later debates (held-out model) vote in the choice of w and the signal penalty",
        },
        "licence": config["licence_note"],
        "pipeline": pipeline_name(load_pipeline()),
        "config": {"seed": seed, **model_cfg, "chosen": {"C": C, "news_weight": news_weight}},
        "calibration": {"method": "Platt scaling on 5-fold out-of-fold decision values of CT24 train", "a": round(a, 6), "b": round(b, 6)},
        "score": {"model_weight": combination.model_weight, "a": combination.a, "b": combination.b,
                  "speech": list(combination.speech or ()), "article": list(combination.article or ()),
                  "signals": dict(combination.signals or ()),
                  "method": "report score = sigmoid(a * (w * z_model + (1 - w) * z_features) + b); z_features = the claim-level signals "
                            "times their weights, fitted in the model's logit units and shrunk towards the hand-set defaults; "
                            "w and the shrinkage by leave-one-domain-out F1 at 0.5 (debates, later debates, BBC, US), "
                            "means within tie_f1 a tie won by the stronger shrinkage; "
                            "(a, b) per genre of the document: speech fitted on the debates, article on the news articles "
                            "(BBC and US weighted equally), unknown on all three domains weighted equally",
                  "grid": combination_grid},
        "features": len(design.vocabulary),
        "metrics": metrics,
        "baseline": {"description": "TF-IDF (word 1-2-grams) + logistic regression C=10 on raw text", **baseline_metrics},
        "grid": grid,
        "sha256": hashlib.sha256(shipped).hexdigest(),
    }
    write_folds(config, shipped, {name: model_bytes(*m, a, b, cv_combinations[name]) for name, m in fold_models.items()},
                {f"dev{f}": model_bytes(design, clf, a, b, cv_combinations[f"dev{f}"]) for f in range(int(model_cfg["dev_folds"]))},
                fold_of, {dev.ids[i]: int(dev_fold[i]) for i in range(len(dev.ids))}, cutoff)
    print_summary(result)
    print("timings (s):", json.dumps({k_: round(v, 1) for k_, v in timings.items()}))
    if write:
        out = ROOT / "claimcheck" / "model" / "checkworthy.npz"
        out.write_bytes(shipped)
        out.with_suffix(".json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        log(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB) and {out.with_suffix('.json').name}")
    return result


def model_from_bytes(data: bytes) -> CheckworthinessModel:
    """A model object from ``.npz`` bytes, as claimcheck loads it."""
    with tempfile.NamedTemporaryFile(suffix=".npz") as fh:
        fh.write(data)
        fh.flush()
        return read_model(Path(fh.name))


def write_folds(config: dict, shipped: bytes, fold_models: dict[str, bytes], dev_models: dict[str, bytes],
                news_fold: dict[str, int], dev_fold: dict[str, int], cutoff: int) -> Path:
    """Write the cross-validation models and ``manifest.json`` (read by ``bench/quality.py``) to the cache.

    The manifest maps each held-out document to the model that never saw it
    (nor its labels, for the combination); ``model_sha256`` names the
    shipped model the folds belong to.
    """
    folder = cache_dir(config) / "folds"
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, data in {**fold_models, **dev_models}.items():
        path = folder / f"{name}.npz"
        path.write_bytes(data)
        paths[name] = str(path)
    manifest = {
        "model_sha256": hashlib.sha256(shipped).hexdigest(),
        "news_cv": {art: paths[f"news{f}"] for art, f in news_fold.items()},
        "news_lodo": {art: paths["lodo-" + news_domain(art)] for art in news_fold},
        "ct24_dev_cv": {sid: paths[f"dev{f}"] for sid, f in dev_fold.items()},
        "later": paths["later"],
        "later_from_id": cutoff,
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    log(f"wrote cross-validation models and {folder / 'manifest.json'}")
    return folder


def print_summary(result: dict) -> None:
    """The figures, on stdout."""
    def line(name: str, m: dict) -> str:
        r05, best = m["at_0.5"], m["best"]
        extra = f"  AP {m['average_precision']:.3f}" if "average_precision" in m else ""
        return (f"  {name:<28} F1@0.5 {r05['f1']:.3f} (P {r05['precision']:.3f} R {r05['recall']:.3f})"
                f"  best F1 {best['f1']:.3f} @ {best['threshold']:.3f}{extra}  n={m['n']} pos={m['positives']}")
    def table(rows: list[dict]) -> None:
        for row in rows:
            print(f"  {row['bin']}  {row['count']:>5}  {row['mean_score'] if row['mean_score'] is not None else '-':>6}  {row['fraction_positive'] if row['fraction_positive'] is not None else '-':>6}")

    metrics, base = result["metrics"], result["baseline"]
    print("model alone (sentence probability), trained on CT24 train + subjectivity + news-dev:")
    for key in ("ct24_dev", "clef2019_out_of_period", "clef2019_all", "subjectivity_dev", "subjectivity_dev_test", "ct24_train_out_of_fold"):
        print(line(key, metrics[key]))
    print("baseline TF-IDF+LR, trained on CT24 train:")
    for key in ("ct24_dev", "ct24_pseudo_later", "clef2019_out_of_period", "clef2019_all", "subjectivity_dev", "subjectivity_dev_test"):
        print(line(key, base[key]))
    for d, m in base["news_dev_sentences"].items():
        print(line(f"news_dev_{d} (CFS vs rest)", m))
    print("grid, average precision on each held-out domain:")
    for e in result["grid"]:
        print(f"  news weight {e['news_weight']:<4} C {e['C']:<4} {json.dumps(e['held_out_ap'])}  mean {e['mean_ap']:.4f}")
    print("chosen:", json.dumps(result["config"]["chosen"]))
    score = result["score"]
    print(f"report score: w={score['model_weight']} a={score['a']} b={score['b']} speech={score['speech']} article={score['article']}; "
          "leave-one-domain-out F1 at 0.5 by w and signal penalty (None: hand-set signal weights):")
    for e in score["grid"]:
        print(f"  w {e['model_weight']} penalty {e['signal_penalty']}: {json.dumps(e['held_out_f1'])} mean {e['mean']:.4f}")
    if score["signals"]:
        print("  fitted signal weights: " + ", ".join(f"{k} {v:.2f}" for k, v in score["signals"].items()))
    cv = metrics["report_score_cv"]
    print("report score, cross-validated (combination refitted without the scored fold; news-dev with out-of-fold models):")
    print(line("ct24_dev (5-fold)", cv["ct24_dev"]))
    print(line("news_dev sentences CFS vs rest", cv["news_dev_sentences_cfs_vs_rest"]))
    print(line("ct24_dev in-sample", cv["in_sample_ct24_dev"]))
    print("reliability of the report score on CT24 dev, cross-validated (bin, count, mean score, fraction check-worthy):")
    table(cv["ct24_dev_reliability"])
    print("reliability of the model alone on CT24 dev:")
    table(metrics["reliability_ct24_dev"])
    print("sha256 of the model file:", result["sha256"])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=ROOT / "train" / "config.yaml")
    parser.add_argument("--data", type=Path, help="the shared data folder (default: data_dir in the config)")
    parser.add_argument("--parse-only", action="store_true", help="only fill the parse cache")
    parser.add_argument("--no-write", action="store_true", help="report metrics without writing the model")
    args = parser.parse_args(argv)
    config = read_config(args.config, args.data)
    np.random.seed(int(config["seed"]))
    if args.parse_only:
        t0 = time.perf_counter()
        load_all(config)
        log(f"data + parses: {time.perf_counter() - t0:.0f}s")
        return 0
    run(config, write=not args.no_write)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
