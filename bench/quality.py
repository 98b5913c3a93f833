#!/usr/bin/env python3
"""Every quality figure of issue 8 on the development data, with the TF-IDF baseline beside it.

One run prints:

* news-dev (36 articles) by ``score_news.py``'s rules: must_find, violations,
  type, speaker, anonymous, sentence F1 (CFS vs NFS, CFS vs rest) -- for the
  shipped build, for the TF-IDF + logistic regression baseline (every sentence
  a "claim" scored by the classifier, C=10, plain and class-balanced), and
  cross-validated: each article checked with the model of the fold that held it
  out (4 folds of articles; and each news domain left out, BBC / US);
* PolNeAR dev by ``score_polnear.py``'s rules (speaker inside gold
  attributions, own voice left unattributed);
* CT24 dev: F1 at 0.5, best F1, reliability table -- shipped and 5-fold
  cross-validated (the report's combination is fitted on dev), baseline beside;
  with the genre read off the file's sentences together (``auto``, as
  ``claimcheck eval`` does: a debate file reads as speech) and off each
  sentence alone (what ``claimcheck check`` gives a sentence pasted by
  itself); the reliability table in 0.1 bins and with bins merged until each
  holds 50 sentences (fewer make a bin's rate too uncertain for the issue's 0.15);
* the later debates (CT24 train sentences with the latest ids, which the
  ``later`` model never saw) and the subjectivity dev splits (objective vs
  subjective), same figures.

The shared scorers are called as they are (subprocess), with
``bench/claimcheck_as.py`` standing in for the ``claimcheck`` command when
the build under test is a fold model or the baseline.  The cross-validation
models are written by ``train/train_checkworthy.py`` into its cache; when they
are missing or belong to another model, this script runs the training with
``--no-write`` first (a few minutes with the parses cached).

Usage::

    python bench/quality.py [--data ../shared/data] [--only news,polnear,ct24,later,subj] [--no-cv] [--json OUT]

Needs the ``train`` extra (scikit-learn) and the shared data (``--data`` or
``$CLAIMCHECK_DATA``).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.baseline import data_dir, fit_baseline  # noqa: E402
from claimcheck.commands.eval import Counts, best_threshold, counts_at, reliability  # noqa: E402
from claimcheck.model import DEFAULT_MODEL  # noqa: E402
from claimcheck.model.labelled import LabelledSentence, read_labelled  # noqa: E402

SECTIONS = ("news", "polnear", "ct24", "later", "subj")
PYTHON = sys.executable
STAND_IN = f"{PYTHON} {ROOT / 'bench' / 'claimcheck_as.py'}"


def log(message: str) -> None:
    """Progress on stderr; the figures go to stdout."""
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- sentence-level figures

def _at(counts: Counts) -> dict[str, float]:
    """One threshold's figures, to three places as the tables print them."""
    return {"threshold": round(counts.threshold, 3), "precision": round(counts.precision, 3),
            "recall": round(counts.recall, 3), "f1": round(counts.f1, 3)}


#: Reliability bins are merged with their neighbours until each holds this many sentences: with
#: fewer, a bin's observed rate has a 95% interval wider than the issue's 0.15 (about +-0.14 at 50).
MIN_BIN = 50


def merge_bins(table: Sequence[dict[str, Any]], min_n: int = MIN_BIN) -> list[dict[str, Any]]:
    """Adjacent 0.1-wide bins merged, lowest first, until each holds ``min_n`` sentences (the last merged back if short)."""
    merged: list[dict[str, Any]] = []
    for row in table:
        if not row["n"]:
            continue
        if merged and merged[-1]["n"] < min_n:
            merged[-1] = _join(merged[-1], row)
        else:
            merged.append(dict(row))
    while len(merged) > 1 and merged[-1]["n"] < min_n:
        last = merged.pop()
        merged[-1] = _join(merged[-1], last)
    return merged


def _join(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    n = a["n"] + b["n"]
    return {"bin": f"{a['bin'].split('-')[0]}-{b['bin'].split('-')[1]}", "n": n,
            "mean_score": round((a["mean_score"] * a["n"] + b["mean_score"] * b["n"]) / n, 3),
            "observed": round((a["observed"] * a["n"] + b["observed"] * b["n"]) / n, 3)}


def _calibration(table: Sequence[dict[str, Any]]) -> tuple[bool, float]:
    filled = [(float(row["mean_score"]), float(row["observed"])) for row in table if row["n"]]
    monotone = all(a[1] <= b[1] for a, b in itertools.pairwise(filled))
    worst = max((abs(observed - mean) for mean, observed in filled), default=0.0)
    return monotone, round(worst, 3)


#: The issue's reliability bar: every bin's observed rate within this of its mean score (and rates monotone).
MAX_GAP = 0.15


def pass_chance(scores: np.ndarray, bins: int = 10, draws: int = 2000, seed: int = 0) -> float:
    """How often a perfectly calibrated score would pass the 10-bin reliability bar on these sentences.

    Labels are drawn as if each sentence were check-worthy with exactly its
    score's probability; the share of draws whose table is monotone with every
    bin within :data:`MAX_GAP` of its mean score.  With few sentences in the
    middle bins (CT24 dev: 15-40 each) a bin's observed rate alone has a
    standard error near 0.1, so this says what the bar can show on the set.
    """
    index = np.minimum((scores * bins).astype(int), bins - 1)
    n = np.bincount(index, minlength=bins)
    filled = n > 0
    mean = np.bincount(index, weights=scores, minlength=bins)[filled] / n[filled]
    rng = np.random.default_rng(seed)
    passed = 0
    for _ in range(draws):
        drawn = rng.random(len(scores)) < scores
        observed = np.bincount(index, weights=drawn, minlength=bins)[filled] / n[filled]
        passed += bool(np.all(np.diff(observed) >= 0) and np.max(np.abs(observed - mean)) <= MAX_GAP)
    return round(passed / draws, 3)


def sentence_figures(y: np.ndarray, scores: np.ndarray) -> dict[str, Any]:
    """F1 at 0.5, the best F1 over thresholds, and the reliability table (10 bins, and merged to >= 50 sentences).

    The same metrics as ``claimcheck eval`` (``claimcheck.commands.eval``), so
    the harness and the command cannot disagree on what F1 or a bin means.
    """
    labels = y.astype(bool)
    table: list[dict[str, Any]] = [
        {"bin": f"{row.low:.1f}-{row.high:.1f}", "n": row.sentences,
         "mean_score": row.mean_score if row.sentences else None,
         "observed": row.check_worthy if row.sentences else None}
        for row in reliability(labels, scores)]
    merged = merge_bins(table)
    monotone, worst = _calibration(table)
    merged_monotone, merged_worst = _calibration(merged)
    return {"n": int(len(y)), "positives": int(y.sum()), "at_0.5": _at(counts_at(labels, scores, 0.5)),
            "best": _at(best_threshold(labels, scores)),
            "reliability": table, "reliability_monotone": monotone, "reliability_worst_gap": worst,
            "reliability_merged": merged, "reliability_merged_monotone": merged_monotone,
            "reliability_merged_worst_gap": merged_worst, "reliability_pass_chance_if_calibrated": pass_chance(scores)}


def engine_scores(sentences: Sequence[LabelledSentence], model_for: Callable[[str], str | None], genre: str = "auto") -> np.ndarray:
    """The report's score of each sentence (its highest claim score, 0 without a claim), as ``claimcheck eval`` scores it.

    ``model_for(id)`` names the model file that checks the sentence (``None``: the shipped model);
    ``genre`` is ``claimcheck eval --genre``: ``auto`` reads the genre off all the sentences together, as
    ``claimcheck eval`` does (:func:`claimcheck.analysis.genre.collection_genre`); ``each`` reads it off
    each sentence alone, as ``claimcheck check`` would on a sentence pasted by itself.
    """
    from claimcheck.analysis.genre import collection_genre
    from claimcheck.engine import Engine
    from claimcheck.model import _read

    groups: dict[str | None, list[int]] = {}
    for i, s in enumerate(sentences):
        groups.setdefault(model_for(s.id), []).append(i)
    scores = np.zeros(len(sentences))
    if genre == "auto":
        genre = collection_genre(Engine().nlp, [s.text for s in sentences])
        log(f"  genre read off the {len(sentences)} sentences: {genre}")
    for path, idx in groups.items():
        engine = Engine(config={"all": True, "genre": "auto" if genre == "each" else genre})
        if path is not None:
            engine._model, engine._model_loaded = _read(Path(path)), True  # type: ignore[assignment]
        reports = engine.check_many({"id": sentences[i].id, "text": sentences[i].text} for i in idx)
        for i, report in zip(idx, reports):
            scores[i] = max((c.score for c in report.claims), default=0.0)
    return scores


# --------------------------------------------------------------------------- the shared scorers

def score_news(news: Path, tools: Path, command: str | None, articles: Sequence[str] | None = None) -> dict[str, Any]:
    """``score_news.py``'s figures for ``command`` (``None``: claimcheck itself) on the articles of ``news``."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = news
        if articles is not None:
            folder = Path(tmp) / "articles"
            folder.mkdir()
            for name in articles:
                (folder / name).symlink_to(news / name)
        out = Path(tmp) / "figures.json"
        cmd = [PYTHON, str(tools / "score_news.py"), str(folder), "--json", str(out)]
        if command:
            cmd += ["--claimcheck", command]
        run = subprocess.run(cmd, capture_output=True, text=True, env=_env())
        if run.returncode != 0 or not out.exists():
            raise SystemExit(f"score_news.py failed ({run.returncode}): {run.stdout[-300:]} {run.stderr[-300:]}")
        figures: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return figures


def score_polnear(split: Path, tools: Path) -> dict[str, Any]:
    """``score_polnear.py``'s two figures on ``split`` (it runs the ``claimcheck`` on PATH: this environment's)."""
    run = subprocess.run([PYTHON, str(tools / "score_polnear.py"), str(split), "0.85"], capture_output=True, text=True, env=_env())
    inside = re.search(r"speaker right (\d+)/(\d+)", run.stdout)
    outside = re.search(r"left unattributed (\d+)/(\d+)", run.stdout)
    if not inside or not outside:
        raise SystemExit(f"score_polnear.py failed ({run.returncode}): {run.stdout[-300:]} {run.stderr[-300:]}")
    return {"speaker_inside": _ratio(inside), "own_voice_unattributed": _ratio(outside),
            "counts": {"inside": [int(inside[1]), int(inside[2])], "own_voice": [int(outside[1]), int(outside[2])]}}


def _ratio(match: re.Match[str]) -> float:
    return round(int(match[1]) / max(int(match[2]), 1), 3)


def _env() -> dict[str, str]:
    # The scorers call ``claimcheck``: this interpreter's, whatever PATH says.
    return {**os.environ, "PATH": f"{Path(PYTHON).parent}{os.pathsep}{os.environ.get('PATH', '')}"}


# --------------------------------------------------------------------------- cross-validation models

def fold_manifest(data: Path, rebuild: bool) -> dict[str, Any]:
    """The manifest of the cross-validation models of the shipped model, training them if needed."""
    sys.path.insert(0, str(ROOT / "train"))
    import yaml

    config = yaml.safe_load((ROOT / "train" / "config.yaml").read_text(encoding="utf-8"))
    cache = Path(os.environ.get("CLAIMCHECK_TRAIN_CACHE") or config.get("cache_dir")
                 or Path(os.environ.get("TMPDIR", tempfile.gettempdir())) / "claimcheck-train-cache")
    manifest_path = cache / "folds" / "manifest.json"
    shipped = hashlib.sha256(DEFAULT_MODEL.read_bytes()).hexdigest()
    manifest = json.loads(manifest_path.read_text(encoding="utf-8")) if manifest_path.exists() else {}
    if manifest.get("model_sha256") != shipped or rebuild:
        log("cross-validation models missing or from another model: running train/train_checkworthy.py --no-write")
        run = subprocess.run([PYTHON, str(ROOT / "train" / "train_checkworthy.py"), "--no-write", "--data", str(data)],
                             stdout=subprocess.DEVNULL, env=_env())
        if run.returncode != 0:
            raise SystemExit("train/train_checkworthy.py failed")
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if manifest.get("model_sha256") != shipped:
            raise SystemExit("the training run does not reproduce the shipped model: retrain and commit it first")
    return manifest


# --------------------------------------------------------------------------- main

def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="the shared data folder (default: $CLAIMCHECK_DATA or ../shared/data)")
    parser.add_argument("--tools", type=Path, default=None, help="the shared scorers (default: tools/ beside the data folder)")
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated parts to run: {','.join(SECTIONS)}")
    parser.add_argument("--no-cv", action="store_true", help="skip the cross-validated figures (shipped build and baseline only)")
    parser.add_argument("--rebuild-folds", action="store_true", help="retrain the cross-validation models even if cached")
    parser.add_argument("--json", type=Path, help="also write every figure here as JSON")
    args = parser.parse_args(argv)
    data = (args.data or data_dir()).resolve()
    tools = (args.tools or data.parent / "tools").resolve()
    only = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = sorted(set(only) - set(SECTIONS))
    if unknown:
        parser.error(f"unknown part(s) {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    if not (data / "checkworthy").is_dir():
        parser.error(f"{data}: not the shared data folder (no checkworthy/); pass --data")
    start = time.perf_counter()
    out: dict[str, Any] = {"model": json.loads(DEFAULT_MODEL.with_suffix(".json").read_text(encoding="utf-8")).get("version")}
    ct24_train = read_labelled(data / "checkworthy" / "CT24_checkworthy_english_train.tsv")
    manifest = None if args.no_cv else fold_manifest(data, args.rebuild_folds)
    baselines: dict[str, Callable[[Sequence[str]], Sequence[float]]] = {}

    def baseline(name: str) -> Callable[[Sequence[str]], Sequence[float]]:
        if name not in baselines:
            rows = ct24_train if name != "later" else [r for r in ct24_train if manifest is not None and int(r.id) < manifest["later_from_id"]]
            baselines[name] = fit_baseline([r.text for r in rows], [int(r.label) for r in rows])
        return baselines[name]

    if "news" in only:
        log("news-dev ...")
        news = data / "news-dev"
        block: dict[str, Any] = {"claimcheck": score_news(news, tools, None),
                                 "baseline": score_news(news, tools, f"{STAND_IN} --baseline"),
                                 "baseline_balanced": score_news(news, tools, f"{STAND_IN} --baseline-balanced")}
        if manifest is not None:
            with tempfile.TemporaryDirectory() as tmp:
                for key in ("news_cv", "news_lodo"):
                    folds = Path(tmp) / f"{key}.json"
                    folds.write_text(json.dumps(manifest[key]), encoding="utf-8")
                    block[f"claimcheck_{key}"] = score_news(news, tools, f"{STAND_IN} --folds {folds}")
        out["news"] = block
    if "polnear" in only:
        log("PolNeAR dev ...")
        out["polnear"] = {"claimcheck": score_polnear(data / "attribution" / "polnear" / "dev", tools)}
    if "ct24" in only:
        log("CT24 dev ...")
        dev = read_labelled(data / "checkworthy" / "CT24_checkworthy_english_dev.tsv")
        y = np.array([int(r.label) for r in dev])
        block = {"claimcheck_in_sample": sentence_figures(y, engine_scores(dev, lambda _id: None)),
                 "baseline": sentence_figures(y, np.asarray(baseline("all")([r.text for r in dev])))}
        if manifest is not None:
            # auto: the genre read off the file's sentences together, as ``claimcheck eval`` does (a debate
            # file reads as speech); each sentence: each one alone is a document, whose genre it rarely shows.
            block["claimcheck_cv"] = sentence_figures(y, engine_scores(dev, lambda i: manifest["ct24_dev_cv"][i]))
            block["claimcheck_cv_each_sentence"] = sentence_figures(y, engine_scores(dev, lambda i: manifest["ct24_dev_cv"][i], "each"))
        out["ct24_dev"] = block
    if "later" in only and manifest is not None:
        log("later debates ...")
        later = [r for r in ct24_train if int(r.id) >= manifest["later_from_id"]]
        y = np.array([int(r.label) for r in later])
        out["later_debates"] = {"from_id": manifest["later_from_id"],
                                "claimcheck_held_out": sentence_figures(y, engine_scores(later, lambda _id: manifest["later"])),
                                "claimcheck_held_out_each_sentence": sentence_figures(y, engine_scores(later, lambda _id: manifest["later"], "each")),
                                "baseline_held_out": sentence_figures(y, np.asarray(baseline("later")([r.text for r in later])))}
    if "subj" in only:
        log("subjectivity dev ...")
        block = {}
        for split in ("dev_en", "dev_test_en"):
            rows = read_labelled(data / "subjectivity" / f"{split}.tsv")
            y = np.array([int(r.label) for r in rows])
            block[split] = {"claimcheck": sentence_figures(y, engine_scores(rows, lambda _id: None)),
                            "baseline": sentence_figures(y, np.asarray(baseline("all")([r.text for r in rows])))}
        out["subjectivity"] = block
    out["seconds"] = round(time.perf_counter() - start, 1)
    print_figures(out)
    if args.json:
        args.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return 0


# --------------------------------------------------------------------------- printing

def print_figures(out: dict[str, Any]) -> None:
    """The figures as Markdown tables, dev next to the baseline."""
    print(f"claimcheck model {out['model']}; {out['seconds']} s")
    if "news" in out:
        cols = [(k, v) for k, v in out["news"].items()]
        print("\n## news-dev (score_news.py rules)\n")
        print("| measure | " + " | ".join(k for k, _ in cols) + " |")
        print("|---|" + "---|" * len(cols))
        for label, get in (
            ("must_find recall", lambda f: f"{f['must_find_recall']:.3f}"),
            ("violations (of must_not_flag)", lambda f: str(f["violations"])),
            ("type accuracy", lambda f: f"{f['type_accuracy']:.3f}"),
            ("speaker accuracy", lambda f: f"{f['attribution_accuracy']:.3f}"),
            ("anonymous flagged", lambda f: f"{f['counts']['anon'][0]} of {f['counts']['anon'][1]}"),
            ("sentence F1 CFS vs NFS", lambda f: f"{f['sentences']['CFS_vs_NFS'][2]:.3f}"),
            ("sentence F1 CFS vs rest", lambda f: f"{f['sentences']['CFS_vs_rest'][2]:.3f}"),
            ("claims reported", lambda f: str(f["claims_reported"])),
        ):
            print(f"| {label} | " + " | ".join(get(v) for _, v in cols) + " |")
    if "polnear" in out:
        p = out["polnear"]["claimcheck"]
        print("\n## PolNeAR dev (score_polnear.py rules)\n")
        print(f"speaker right inside gold attributions {p['speaker_inside']:.3f} ({p['counts']['inside'][0]}/{p['counts']['inside'][1]}); "
              f"own voice left unattributed {p['own_voice_unattributed']:.3f} ({p['counts']['own_voice'][0]}/{p['counts']['own_voice'][1]})")
    for key, title in (("ct24_dev", "CT24 dev"), ("later_debates", "later debates (CT24 train, latest ids, held out)")):
        if key in out:
            print_sentence_block(title, {k: v for k, v in out[key].items() if isinstance(v, dict)})
    for split, block in out.get("subjectivity", {}).items():
        print_sentence_block(f"subjectivity {split} (objective = positive)", block)


def print_sentence_block(title: str, block: dict[str, Any]) -> None:
    """F1 at 0.5 and best F1 for each scorer, then each scorer's reliability table."""
    print(f"\n## {title}\n")
    print(f"| scorer | F1 at 0.5 (P / R) | best F1 (threshold) | reliability, 10 bins: monotone / worst gap "
          f"| bins merged to >= {MIN_BIN} sentences: monotone / worst gap | a calibrated score would pass the 10 bins |")
    print("|---|---|---|---|---|---|")
    for name, f in block.items():
        a, b = f["at_0.5"], f["best"]
        print(f"| {name} | {a['f1']:.3f} ({a['precision']:.3f} / {a['recall']:.3f}) | {b['f1']:.3f} ({b['threshold']:.2f}) "
              f"| {'yes' if f['reliability_monotone'] else 'no'} / {f['reliability_worst_gap']:.3f} "
              f"| {'yes' if f['reliability_merged_monotone'] else 'no'} / {f['reliability_merged_worst_gap']:.3f} "
              f"| {f['reliability_pass_chance_if_calibrated']:.0%} of draws |")
    for name, f in block.items():
        for key, label in (("reliability", "10 bins"), ("reliability_merged", f"merged to >= {MIN_BIN}")):
            print(f"\nreliability, {name}, {label} (bin: n, mean score, observed): " + "; ".join(
                f"{r['bin']}: {r['n']}, {r['mean_score']}, {r['observed']}" for r in f[key] if r["n"]))


if __name__ == "__main__":
    raise SystemExit(main())
