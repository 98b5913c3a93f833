#!/usr/bin/env python3
"""Measure whether a small learned claim typer generalises better than the typing rules.

The question of issue 8 item 5 (third round): would a multinomial logistic regression
(numpy only) over features of the parse, trained on news-dev's annotated claim types, type
unseen articles better than :mod:`claimcheck.analysis.claim_types`?  Each news-dev
``must_find`` entry with a ``type`` is matched to the best-scoring claim that contains all
its ``contains`` strings (``score_news.py``'s rule, at any score so that every entry the
engine extracts is used); its features are read from the same parse the rules use
(:func:`claimcheck.analysis.claim_types.claim_content`): the rules' type and each test the
rules apply (role, verdict, rule cues, comparison kind, amount, future, modal, cause,
absence ...), the head's part of speech and tense, modals, negation and entity labels.

Two protocols, rules and model scored on the same entries:

* 4 folds of articles (sorted names, article i in fold i mod 4);
* a news domain left out (train on the BBC articles, test on the US ones, and back).

Nothing here changes the shipped typer; the figures are in the README ("Claim types by
class of error", third round).

Usage:
    .venv/bin/python train/type_experiment.py [--data ../shared/data] [--l2 1.0]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TYPES = ["quantity", "event", "rule", "prediction", "causation", "comparison", "role", "other"]
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", (text or "").translate(QUOTES)).strip().casefold()


def features(doc: Any, token_ids: Iterable[int], head_index: int, origin: str) -> dict[str, float]:
    """Binary features of one claim: the rules' verdict and the tests behind it, and the head's form."""
    from claimcheck.analysis import claim_type_cues as cues
    from claimcheck.analysis import claim_types as ct
    from claimcheck.analysis.claim_patterns import opinion_heads

    ids = set(token_ids)
    tokens, head = ct.claim_content(doc, ids, head_index, origin)
    comparison = ct._comparison_kind(tokens)
    causation = ct._causation_kind(tokens, head)
    numeric = ct.amount_tokens(tokens)
    f = {
        "rules=" + ct.classify(doc, ids, head_index, origin): 1.0,
        "role": ct._is_role(tokens, head, origin),
        "verdict": ct._is_opinion(tokens, head),
        "rule": ct._is_rule(tokens, head),
        "deontic": ct._is_deontic(tokens, head),
        "rule_cue": ct._rule_by_cue(tokens, head),
        "comparison=" + str(comparison): 1.0,
        "quantity": ct._is_quantity(tokens, head),
        "statistic_moved": ct._statistic_moved(head),
        "future": ct._is_future(tokens, head),
        "conditional": ct._is_conditional(head),
        "hypothetical": ct._is_hypothetical(head),
        "stated_figure": ct._stated_figure(head),
        "causation=" + str(causation): 1.0,
        "opinion_head": head.i in opinion_heads(doc),
        "attitude": ct._is_attitude(head),
        "absence": cues.states_absence(head),
        "numeric": bool(numeric),
        "money_or_percent": any(t.ent_type_ in ("MONEY", "PERCENT") for t in numeric),
        "head_pos=" + head.pos_: 1.0,
        "head_tag=" + head.tag_: 1.0,
        "head_be": head.lemma_ == "be",
        "modal": any(c.dep_ == "aux" and c.tag_ == "MD" for c in head.children),
        "negated": any(c.dep_ == "neg" for c in head.children),
        "passive": any(c.dep_ == "auxpass" for c in head.children),
        "origin=" + origin: 1.0,
        "long": len(tokens) > 20,
    }
    for label in ("PERSON", "ORG", "GPE", "DATE", "NORP", "LAW"):
        f["ent=" + label] = any(t.ent_type_ == label for t in tokens)
    return {k: float(v) for k, v in f.items() if v}


def collect(news: Path) -> list[tuple[str, str, str, dict[str, float]]]:
    """(article, gold type, rules' type, features) for every typed must_find entry the engine extracts."""
    import claimcheck.analysis.enrich as enrich
    from claimcheck.engine import Engine

    calls: list[dict[str, float]] = []
    original = enrich.classify

    def recording(doc: Any, token_ids: Any, head_index: int, origin: str) -> str:
        calls.append(features(doc, token_ids, head_index, origin))
        return original(doc, token_ids, head_index, origin)

    enrich.classify = recording  # type: ignore[assignment]
    engine = Engine(config={"all": True})
    rows = []
    try:
        for folder in sorted(p for p in news.iterdir() if (p / "expected.yaml").is_file()):
            expected = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8")) or {}
            calls.clear()
            report = engine.check((folder / "article.txt").read_text(encoding="utf-8"),
                                  published=str(expected.get("published") or "") or None, doc_id=folder.name)
            # The enricher numbers claims c1, c2 ... in the order it types them.
            by_id = {f"c{i + 1}": f for i, f in enumerate(calls)}
            for entry in expected.get("must_find") or []:
                if "type" not in entry:
                    continue
                hits = [c for c in report.claims if all(_norm(s) in _norm(c.text) for s in entry["contains"])]
                if not hits:
                    continue
                claim = max(hits, key=lambda c: c.score)
                rows.append((folder.name, entry["type"], claim.type, by_id[claim.id]))
    finally:
        enrich.classify = original  # type: ignore[assignment]
    return rows


def fit(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 500) -> np.ndarray:
    """Multinomial logistic regression by gradient descent; returns the weights (with a bias row)."""
    x = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros((x.shape[1], len(TYPES)))
    onehot = np.eye(len(TYPES))[y]
    for _ in range(steps):
        z = x @ w
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        grad = x.T @ (p - onehot) / len(x) + l2 * w / len(x)
        w -= 1.0 * grad
    return w


def predict(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    return np.argmax(np.hstack([x, np.ones((len(x), 1))]) @ w, axis=1)


def _matrix(part: list[tuple[str, str, str, dict[str, float]]], index: dict[str, int]) -> np.ndarray:
    m = np.zeros((len(part), len(index)))
    for i, r in enumerate(part):
        for k, v in r[3].items():
            if k in index:
                m[i, index[k]] = v
    return m


def evaluate(rows: list[tuple[str, str, str, dict[str, float]]], split: Callable[[str], int], l2: float) -> tuple[int, int, int]:
    """(entries, rules right, model right) over the held-out folds of ``split``."""
    folds = sorted({split(r[0]) for r in rows})
    n = rules_ok = model_ok = 0
    for fold in folds:
        train = [r for r in rows if split(r[0]) != fold]
        test = [r for r in rows if split(r[0]) == fold]
        index = {k: i for i, k in enumerate(sorted({k for r in train for k in r[3]}))}
        w = fit(_matrix(train, index), np.array([TYPES.index(r[1]) for r in train]), l2)
        guess = predict(w, _matrix(test, index))
        n += len(test)
        rules_ok += sum(r[2] == r[1] for r in test)
        model_ok += sum(TYPES[g] == r[1] for g, r in zip(guess, test))
    return n, rules_ok, model_ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--l2", default="0.3,1,3,10", help="comma-separated L2 strengths to report")
    args = parser.parse_args(argv)
    rows = collect(args.data / "news-dev")
    names = sorted({r[0] for r in rows})
    protocols: dict[str, Callable[[str], int]] = {
        "4 folds of articles": lambda a: names.index(a) % 4,
        "news domain left out (BBC / US)": lambda a: 0 if "-bbc-" in a else 1,
    }
    print(f"{len(rows)} typed must_find entries extracted from {len(names)} articles\n")
    print("| protocol | L2 | entries | rules | learned |")
    print("|---|---|---|---|---|")
    for name, split in protocols.items():
        for l2 in (float(v) for v in args.l2.split(",")):
            n, rules_ok, model_ok = evaluate(rows, split, l2)
            print(f"| {name} | {l2:g} | {n} | {rules_ok / n:.3f} | {model_ok / n:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
