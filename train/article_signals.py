#!/usr/bin/env python3
"""Which claim-level signals deserve a weight of their own in articles: fitted per news domain, scored held out.

Each news-dev article is checked by the model of the fold that held it out
(the ``news_cv`` or ``news_lodo`` map of the fold manifest ``bench/quality.py``
reads), and every claim's score parts are recorded
(:func:`train.combination.record`).  For a candidate signal (a name of
:data:`claimcheck.analysis.scoring.SIGNALS`) an extra weight that acts in
articles only is fitted together with the article scaling ``(a, b)`` on the
training articles of each held-out group (the other folds, or the other news
domain), each domain weighing the same, by the scaled sentences' log loss;
the held-out articles are then scored as ``bench/quality.py`` scores them:
must_find and violations by the shared scorer's rules (a claim counts when
its score is >= 0.5 and its text holds every ``contains`` string), and the
sentence F1 CFS vs NFS and CFS vs rest (a sentence is hit when a claim over
the line overlaps it).

A signal transfers when the weights fitted on BBC alone and on US alone
agree, and the held-out figures rise with a domain held out, not only with
4-fold models (docs/measurements.md, "Score, ninth round").  ``none`` is the
refit protocol without any extra weight: the baseline of the same run.

Usage::

    CLAIMCHECK_TRAIN_CACHE=DIR python train/article_signals.py --data ../shared/data \
        --record /tmp/parts.pkl [--signals person,quoted] [--only A_OR_B_FOLDER]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import pickle
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claimcheck.analysis.scoring import SIGNALS  # noqa: E402
from train.combination import ClaimParts, _domain_weights, record  # noqa: E402

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
#: The extra weights tried for a signal, in the model's logit units.
GRID = np.round(np.arange(-2.0, 3.01, 0.1), 2)


def norm(text: str) -> str:
    """The shared scorer's normalisation of a claim's text and a ``contains`` string."""
    return re.sub(r"\s+", " ", (text or "").translate(_QUOTES)).strip().casefold()


@dataclass
class Article:
    """One news-dev article: its claims' score parts under its fold model, and what the scorer wants."""

    name: str
    domain: str
    group: str  # the held-out group: the fold model's file
    text: str
    claims: list[ClaimParts]
    sentences: list[tuple[int, int, str]]  # start, end, CFS / NFS / UFS
    must: list[list[str]]
    must_not: list[list[str]]
    model_weight: float
    article_scaling: tuple[float, float]
    #: Whether each claim is kept below the line after its score (a judgement, a lead-in, a frame: ``enrich``) or left out of the report.
    held_down: list[bool]
    #: The fold model's speech scaling, towards which its article scaling may be shrunk (``--toward-speech``).
    speech_scaling: tuple[float, float] = (1.0, 0.0)


def read_articles(folder: Path, folds: dict[str, str]) -> list[Article]:
    """The articles of ``folder`` whose names are in ``folds``, with their claims recorded by their fold models."""
    from claimcheck.engine import Engine
    from claimcheck.model import _read

    out: list[Article] = []
    by_model: dict[str, list[Path]] = {}
    for art in sorted(p for p in folder.iterdir() if (p / "sentences.tsv").exists() and p.name in folds):
        by_model.setdefault(folds[art.name], []).append(art)
    for path, arts in sorted(by_model.items()):
        model = _read(Path(path))
        combination = model.combination
        assert combination is not None and combination.article is not None
        docs = []
        for art in arts:
            expected = yaml.safe_load((art / "expected.yaml").read_text(encoding="utf-8")) or {}
            docs.append({"id": art.name, "text": (art / "article.txt").read_text(encoding="utf-8"),
                         "published": str(expected["published"]) if expected.get("published") else None, "expected": expected})
        recorded = record(model, docs)
        engine = Engine(config={"all": True})
        engine._model, engine._model_loaded = model, True  # type: ignore[assignment]
        for art, doc in zip(arts, docs):
            report = engine.check(str(doc["text"]), published=doc["published"], doc_id=art.name).to_dict()
            final = {(c["start"], c["end"]): float(c["score"]) for c in report.get("claims") or []}
            held_down = []
            for c in recorded[art.name]:
                w = combination.model_weight * min(1.0, c.evidence)
                a, b = combination.scaling(c.genre)
                own = 1.0 / (1.0 + np.exp(-(a * (w * c.z_model + (1 - w) * c.z_features) + b)))
                held_down.append((c.start, c.end) not in final or final[(c.start, c.end)] < own - 0.01)
            with (art / "sentences.tsv").open(encoding="utf-8", newline="") as fh:
                sentences = [(int(r["start"]), int(r["end"]), r["label"].strip())
                             for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE) if r["label"].strip() != "HEAD"]
            expected = doc["expected"]
            out.append(Article(art.name, "bbc" if "-bbc-" in art.name else "us", path, str(doc["text"]), recorded[art.name], sentences,
                               [e["contains"] for e in expected.get("must_find") or []],
                               [e["contains"] for e in expected.get("must_not_flag") or []],
                               combination.model_weight, tuple(combination.article), held_down, tuple(combination.scaling("speech"))))
    return out


def claim_logits(art: Article, signal: int | None, extra: float) -> np.ndarray:
    """Each claim's combined logit with ``extra`` added to the features' logit per unit of ``signal``."""
    z = np.empty(len(art.claims))
    for i, c in enumerate(art.claims):
        w = art.model_weight * min(1.0, c.evidence)
        zf = c.z_features + (extra * c.signals[signal] if signal is not None and c.genre == "article" else 0.0)
        z[i] = w * c.z_model + (1 - w) * zf
    return z


def sentence_rows(arts: Sequence[Article], signal: int | None, extra: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each sentence's highest claim logit (-inf without claims), its label (CFS = 1) and its domain."""
    z, y, d = [], [], []
    for art in arts:
        base, coef, members, labels = _layout(art, signal)
        zc = base + extra * coef if signal is not None else base
        padded = np.where(members, zc[None, :], -np.inf) if zc.size else np.full(members.shape, -np.inf)
        z.append(padded.max(axis=1) if padded.shape[1] else np.full(len(labels), -np.inf))
        y.append(labels)
        d.append(np.full(len(labels), art.domain))
    return np.concatenate(z), np.concatenate(y), np.concatenate(d)


#: By ``(id(article), signal)``: the article itself (so that its id is never reused while cached) and its layout.
_LAYOUTS: dict[tuple[int, int | None], tuple[Article, tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]] = {}


def _layout(art: Article, signal: int | None) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """An article's claim logits without the extra weight, each claim's share of it, which claims each sentence holds, the labels."""
    key = (id(art), signal)
    if key not in _LAYOUTS:
        base = claim_logits(art, None, 0.0)
        coef = claim_logits(art, signal, 1.0) - base if signal is not None else np.zeros(len(base))
        members = np.array([[c.start < e and c.end > s for c in art.claims] for s, e, _ in art.sentences], dtype=bool).reshape(len(art.sentences), len(art.claims))
        labels = np.array([label == "CFS" for _, _, label in art.sentences], dtype=float)
        _LAYOUTS[key] = (art, (base, coef, members, labels))
    return _LAYOUTS[key][1]


def platt(z: np.ndarray, y: np.ndarray, d: np.ndarray) -> tuple[tuple[float, float], float]:
    """The article scaling fitted on ``z`` (each domain weighing the same) and its weighted mean log loss."""
    from scipy.optimize import minimize

    keep = np.isfinite(z)
    sw = _domain_weights(y, d, keep)[keep]
    z, y = z[keep], y[keep]

    def loss(theta: np.ndarray) -> tuple[float, np.ndarray]:
        m = theta[0] * z + theta[1]
        p = 1.0 / (1.0 + np.exp(-m))
        value = float(sw @ (np.logaddexp(0.0, m) - y * m)) / len(y)
        g = sw * (p - y) / len(y)
        return value, np.array([float(g @ z), float(g.sum())])

    r = minimize(loss, np.array([1.5, 0.0]), jac=True, method="L-BFGS-B")
    return (float(r.x[0]), float(r.x[1])), float(r.fun)


def fit(arts: Sequence[Article], signal: int | None) -> tuple[float, tuple[float, float]]:
    """The extra weight of ``signal`` (0 for none) and the article scaling with the lowest log loss on ``arts``."""
    best = (np.inf, 0.0, (1.0, 0.0))
    for extra in GRID if signal is not None else [0.0]:
        z, y, d = sentence_rows(arts, signal, float(extra))
        ab, value = platt(z, y, d)
        if value < best[0] - 1e-9:
            best = (value, float(extra), ab)
    return best[1], best[2]


def judge(arts: Sequence[Article], signal: int | None, extra: float, ab: tuple[float, float]) -> dict[str, list[int]]:
    """The scorer's counts on ``arts``: must_find found / all, violations, and the sentence pairs' counts."""
    out = {"must": [0, 0], "violations": [0], "nfs": [0, 0, 0], "rest": [0, 0, 0]}
    for art in arts:
        z = claim_logits(art, signal, extra)
        over = [c for c, zc, down in zip(art.claims, z, art.held_down) if not down and 1.0 / (1.0 + np.exp(-(ab[0] * zc + ab[1]))) >= 0.5]
        texts = [norm(art.text[c.start:c.end]) for c in over]
        for contains in art.must:
            out["must"][1] += 1
            out["must"][0] += any(all(norm(s) in t for s in contains) for t in texts)
        out["violations"][0] += sum(any(all(norm(s) in t for s in contains) for t in texts) for contains in art.must_not)
        for s, e, label in art.sentences:
            hit = any(c.start < e and c.end > s for c in over)
            for key, negatives in (("nfs", {"NFS"}), ("rest", {"NFS", "UFS"})):
                tp_fp_fn = out[key]
                if label == "CFS":
                    tp_fp_fn[0 if hit else 2] += 1
                elif label in negatives and hit:
                    tp_fp_fn[1] += 1
    return out


def calibration(arts: Sequence[Article], signal: int | None, extra: float, ab: tuple[float, float]) -> list[float]:
    """The sentences' summed log loss and Brier score under the scaling ``ab``, and their count.

    A sentence's probability is its highest claim's scaled score (0 without a claim), as the
    scorer's sentence F1 reads it.  Proper scores, beside the counts at 0.5: a scaling that
    gains must-find claims only by reading every article's scores higher shows here as a
    worse log loss (docs/measurements.md, "Eleventh round: recall12").
    """
    if not arts:  # a held-out group with none of the articles counted (``--only`` a half)
        return [0.0, 0.0, 0.0]
    z, y, _ = sentence_rows(arts, signal, extra)
    with np.errstate(over="ignore", invalid="ignore"):
        p = np.where(np.isfinite(z), 1.0 / (1.0 + np.exp(-(ab[0] * np.where(np.isfinite(z), z, 0.0) + ab[1]))), 0.0)
    clipped = np.clip(p, 1e-4, 1 - 1e-4)
    log_loss = -(y * np.log(clipped) + (1 - y) * np.log(1 - clipped))
    return [float(log_loss.sum()), float(((p - y) ** 2).sum()), float(len(y))]


def f1(tp_fp_fn: Sequence[int]) -> float:
    tp, fp, fn = tp_fp_fn
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def held_out(arts: Sequence[Article], signal: int | None, by: str, names: set[str] | None,
             toward_speech: float = 0.0) -> tuple[dict[str, list[int]], list[float]]:
    """Each group (``by``: the fold model, or the domain) scored with the weight and scaling fitted without it.

    ``names``: only these articles are counted (a half), though every article of the other groups is fitted on.
    ``toward_speech``: the fitted article scaling shrunk this far towards the fold model's speech scaling
    (``article_toward_speech`` of the training's configuration).
    """
    total: dict[str, list] = {"must": [0, 0], "violations": [0], "nfs": [0, 0, 0], "rest": [0, 0, 0], "calibration": [0.0, 0.0, 0.0]}
    extras = []
    for key in sorted({getattr(a, by) for a in arts}):
        train = [a for a in arts if getattr(a, by) != key]
        test = [a for a in arts if getattr(a, by) == key and (names is None or a.name in names)]
        extra, ab = fit(train, signal)
        if toward_speech and test:
            speech = test[0].speech_scaling
            ab = ((1 - toward_speech) * ab[0] + toward_speech * speech[0], (1 - toward_speech) * ab[1] + toward_speech * speech[1])
        extras.append(extra)
        counts: dict[str, list] = {**judge(test, signal, extra, ab), "calibration": calibration(test, signal, extra, ab)}
        for k, v in counts.items():
            total[k] = [x + y for x, y in zip(total[k], v)]
    return total, extras


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--record", type=Path, required=True, help="the recorded parts (made if missing)")
    parser.add_argument("--signals", default="", help="comma-separated names of SIGNALS (default: all but bias)")
    parser.add_argument("--only", type=Path, help="a folder of article folders (a half): count only these")
    parser.add_argument("--toward-speech", default="", help="comma-separated shares: the refit protocol with the article "
                        "scaling shrunk that far towards the speech scaling, no signal (instead of the signals); "
                        "each with the held-out sentences' mean log loss and Brier score")
    args = parser.parse_args(argv)
    cache = Path(os.environ.get("CLAIMCHECK_TRAIN_CACHE") or Path(os.environ.get("TMPDIR", "/tmp")) / "claimcheck-train-cache")
    manifest = json.loads((cache / "folds" / "manifest.json").read_text(encoding="utf-8"))
    if args.record.exists():
        recorded = pickle.loads(args.record.read_bytes())
    else:
        recorded = {key: read_articles(args.data / "news-dev", manifest[key]) for key in ("news_cv", "news_lodo")}
        args.record.write_bytes(pickle.dumps(recorded))
    names = {p.name for p in args.only.iterdir()} if args.only else None
    if args.toward_speech:
        for share in (float(x) for x in args.toward_speech.split(",")):
            line = [f"toward speech {share:<4}"]
            for key, by in (("news_cv", "group"), ("news_lodo", "domain")):
                t, _ = held_out(recorded[key], None, by, names, share)
                ll, brier, n = t["calibration"]
                line.append(f"{t['must'][0]}/{t['must'][1]} {t['violations'][0]:2d} {f1(t['nfs']):.3f} {f1(t['rest']):.3f} "
                            f"log loss {ll / max(n, 1):.4f} Brier {brier / max(n, 1):.4f}")
            print(" | ".join(line), flush=True)
        return 0
    candidates = [s for s in args.signals.split(",") if s] or [s for s in SIGNALS if s != "bias"]
    line = ["fold models      "]
    for key in ("news_cv", "news_lodo"):
        t = {"must": [0, 0], "violations": [0], "nfs": [0, 0, 0], "rest": [0, 0, 0]}
        for art in recorded[key]:
            if names is None or art.name in names:
                for k, v in judge([art], None, 0.0, art.article_scaling).items():
                    t[k] = [x + y for x, y in zip(t[k], v)]
        line.append(f"{t['must'][0]}/{t['must'][1]} {t['violations'][0]:2d} {f1(t['nfs']):.3f} {f1(t['rest']):.3f}")
    print(" | ".join(line), "(each article with its fold model's own scaling: the scorer's figures)")
    print("signal            4-fold: must viol F1nfs F1rest (extras) | domain out: must viol F1nfs F1rest (fit on US, fit on BBC)")
    for name in ["none", *candidates]:
        signal = None if name == "none" else SIGNALS.index(name)
        line = [f"{name:17s}"]
        for key, by in (("news_cv", "group"), ("news_lodo", "domain")):
            t, extras = held_out(recorded[key], signal, by, names)
            line.append(f"{t['must'][0]}/{t['must'][1]} {t['violations'][0]:2d} {f1(t['nfs']):.3f} {f1(t['rest']):.3f} "
                        f"({' '.join(f'{e:+.2f}' for e in extras)})")
        print(" | ".join(line), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
