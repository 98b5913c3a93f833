"""Mine the attribution cue verbs from PolNeAR's training split.

Every verb in a frame-capable position (it governs a clause: ``ccomp``,
``parataxis`` or ``xcomp``, or it hangs off one as a parenthetical "X, he said,
...") is counted, and counted again when a PolNeAR annotator marked it as part
of a cue.  A lemma becomes a cue when it is a cue often enough (``--min-count``)
and in a large enough share of its frame-capable uses (``--min-precision``).

The two thresholds are chosen by k-fold cross-validation over training
articles (token-level cue F1 on held-out folds); PolNeAR dev is never read.
Articles reused in news-dev are left out so that news-dev stays unseen.

    python train/mine_attribution_cues.py ../shared/data/attribution/polnear/train \
        --exclude ../shared/data/news-dev --write claimcheck/analysis/attribution_lexicon.py

With ``--frames-out`` it also mines cue *frames*: a verb lemma with the kind of
complement it takes (:func:`claimcheck.analysis.attribution_cues.frame_of`:
"decline to", "call for", "criticize" + object), counted as a cue when an
annotator marked the verb as a cue *and* its grammatical source (``source_of``)
overlaps that attribution's gold source.  A frame is kept when it is such a cue at
least ``min_count`` times and in ``min_precision`` of its uses with a source; the
two are chosen by k-fold cross-validation over held-out articles: of the settings
within 5% of the best net gain (cues found minus non-cues taken), the one taking
the fewest non-cues.  ``--hold-out N`` keeps the last N
shuffled articles out of all mining, for a cross-check nobody tuned on:

    python train/mine_attribution_cues.py ../shared/data/attribution/polnear/train \
        --exclude ../shared/data/news-dev --hold-out 100 --frames-only \
        --frames-out claimcheck/analysis/attribution_frames.py

PolNeAR (Newell, Margolin and Ruths, LREC 2018) is a research corpus: what is
shipped is only a list of common English verbs, reviewed by hand, with counts.
"""

from __future__ import annotations

import argparse
import collections
import pathlib
import pickle
import random
import re
from collections.abc import Iterable

FRAME_DEPS = frozenset({"ccomp", "parataxis", "xcomp"})

#: Removed on review: lemmatiser slips ("hoping" -> "hop") and senses that report nothing
#: ("shoot", "strike", "count", "thank"), or that govern the subject's own action
#: ("seek to", "aim to", "encourage X to", "lobby for").
REVIEWED_OUT = frozenset(
    """hop seek encourage convince persuade aim shoot discuss experience issue prefer lobby press refer
    witness define answer strike dawn resist count publish thank acquiesce""".split()
)


#: Frames removed on review: lemmatiser slips ("hoping" -> "hop").
REVIEWED_OUT_FRAMES = frozenset({"hop"})


def relations(ann: pathlib.Path) -> list[tuple[list[tuple[int, int]], list[tuple[int, int]]]]:
    """(cue spans, source spans) of every gold attribution of one article."""
    spans: dict[str, list[tuple[int, int]]] = {}
    out = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        if line.startswith("T") and line.count("\t") >= 2:
            tid, mid, _text = line.split("\t", 2)
            rest = mid.split(" ", 1)[1]
            spans[tid] = [(int(a), int(b)) for a, b in (seg.split() for seg in rest.split(";"))]
        elif line.startswith("E"):
            parts = dict(p.split(":", 1) for p in line.split("\t")[1].split())
            out.append((spans.get(parts.get("Cue", ""), []), spans.get(parts.get("Source", ""), [])))
    return out


def frame_observations(name: str, doc, rels) -> list[tuple[str, str, bool]]:  # type: ignore[no-untyped-def]
    """(article, "lemma frame", is_cue) for every verb with a grammatical source."""
    from claimcheck.analysis.attribution_cues import frame_of, source_of

    def overlaps(a: int, b: int, spans: list[tuple[int, int]]) -> bool:
        return any(s < b and a < e for s, e in spans)

    out = []
    for token in doc:
        if token.pos_ != "VERB":
            continue
        source = source_of(token)
        if not source:
            continue
        a, b = token.idx, token.idx + len(token)
        sa, sb = doc[min(source)].idx, doc[max(source)].idx + len(doc[max(source)])
        hit = any(overlaps(a, b, cue) and overlaps(sa, sb, src) for cue, src in rels)
        out.append((name, f"{token.lemma_.lower()} {frame_of(token)}", hit))
    return out


def choose_frames(obs: list[tuple[str, str, bool]], covered: set[str], folds: int) -> tuple[tuple[int, float], dict[str, tuple[int, int]], dict]:  # type: ignore[type-arg]
    """The thresholds with the best cross-validated net gain, and the frames they select."""
    names = sorted({name for name, _, _ in obs})
    fold_of = {name: i % folds for i, name in enumerate(names)}
    grid = [(c, p) for c in (2, 3, 5, 8) for p in (0.4, 0.5, 0.6, 0.7)]
    results = {}
    for setting in grid:
        tp = fp = 0
        for k in range(folds):
            chosen = set(select([o for o in obs if fold_of[o[0]] != k], *setting)) - covered
            for _, key, hit in (o for o in obs if fold_of[o[0]] == k):
                if key in chosen:
                    tp += hit
                    fp += not hit
        results[setting] = (tp, fp)
        print(f"  frames {setting!s:>10}: held-out cues gained {tp}, non-cues taken {fp}, net {tp - fp}")
    # Of the settings within 5% of the best net gain, the one that takes the fewest non-cues:
    # a non-cue taken puts a speaker on the article's own words, the tighter of the two targets.
    top = max(tp - fp for tp, fp in results.values())
    best = min((s for s in grid if results[s][0] - results[s][1] >= 0.95 * top), key=lambda s: results[s][1])
    chosen = {key: counts for key, counts in select(obs, *best).items() if key not in covered and key.split()[0] not in REVIEWED_OUT_FRAMES}
    return best, chosen, results


def write_frames(path: pathlib.Path, best: tuple[int, float], chosen: dict[str, tuple[int, int]], results: dict, folds: int, n_articles: int) -> None:  # type: ignore[type-arg]
    tp, fp = results[best]
    lines = [f'    "{key}",  # cue {h} of {n} uses' for key, (h, n) in sorted(chosen.items())]
    path.write_text(
        '"""Attribution cue frames mined from PolNeAR train (generated: train/mine_attribution_cues.py).\n\n'
        "A frame is a verb lemma and the complement it takes (``frame_of``: \"decline to\",\n"
        "\"call prep:for\", \"criticize obj\").  Each was marked a cue, with its grammatical subject\n"
        f"as the source, often enough and in a large enough share of its uses (min_count={best[0]},\n"
        f"min_precision={best[1]}, chosen by {folds}-fold cross-validation over {n_articles} train articles as\n"
        f"the setting within 5% of the best net gain that takes the fewest non-cues: {tp} held-out cues\n"
        f"gained against {fp} non-cues taken).  Only the frames are shipped; PolNeAR\n"
        '(Newell, Margolin and Ruths, LREC 2018) is a research corpus.\n"""\n\n'
        "from __future__ import annotations\n\n"
        "#: Reporting acts beyond clause-taking cue verbs: \"X declined to say\", \"X called for\".\n"
        "MINED_CUE_FRAMES = frozenset({\n" + "\n".join(lines) + "\n})\n",
        encoding="utf-8",
    )


def cue_spans(ann: pathlib.Path) -> list[tuple[int, int]]:
    """Character ranges of the gold cue spans of one article."""
    out: list[tuple[int, int]] = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        if line.startswith("T") and line.count("\t") >= 2:  # a span's text may run onto the next line
            _, mid, _text = line.split("\t", 2)
            kind, rest = mid.split(" ", 1)
            if kind == "Cue":
                out += [(int(a), int(b)) for a, b in (seg.split() for seg in rest.split(";"))]
    return out


def frame_capable(token) -> bool:  # type: ignore[no-untyped-def]
    """A verb that governs a clause, or a parenthetical reporting verb."""
    if token.pos_ != "VERB":
        return False
    if any(c.dep_ in FRAME_DEPS for c in token.children):
        return True
    return token.dep_ in ("parataxis", "advcl", "ccomp") and any(c.dep_ == "nsubj" for c in token.children) and token.i < token.head.i + 8


def observations(docs: Iterable[tuple[str, object, list[tuple[int, int]]]]) -> list[tuple[str, str, bool]]:
    """(article, lemma, is_cue) for every frame-capable verb."""
    out = []
    for name, doc, cues in docs:
        for token in doc:  # type: ignore[attr-defined]
            if frame_capable(token):
                hit = any(a < token.idx + len(token) and token.idx < b for a, b in cues)
                out.append((name, token.lemma_.lower(), hit))
    return out


def select(obs: list[tuple[str, str, bool]], min_count: int, min_precision: float) -> dict[str, tuple[int, int]]:
    """Lemmas that are cues at least ``min_count`` times and in ``min_precision`` of their uses."""
    seen: collections.Counter[str] = collections.Counter()
    hits: collections.Counter[str] = collections.Counter()
    for _, lemma, hit in obs:
        seen[lemma] += 1
        hits[lemma] += hit
    return {lemma: (hits[lemma], seen[lemma]) for lemma in seen if hits[lemma] >= min_count and hits[lemma] / seen[lemma] >= min_precision}


def f1(obs: list[tuple[str, str, bool]], chosen: set[str] | frozenset[str]) -> tuple[float, float, float]:
    tp = sum(1 for _, lemma, hit in obs if hit and lemma in chosen)
    fp = sum(1 for _, lemma, hit in obs if not hit and lemma in chosen)
    fn = sum(1 for _, lemma, hit in obs if hit and lemma not in chosen)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("split", type=pathlib.Path, help="PolNeAR split folder with text/ and attributions/")
    ap.add_argument("--exclude", type=pathlib.Path, help="news-dev folder: leave out the articles it reuses")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--max-docs", type=int, default=10**9)
    ap.add_argument("--write", type=pathlib.Path, help="write the lexicon module here")
    ap.add_argument("--hold-out", type=int, default=0, help="leave the last N shuffled articles out of all mining")
    ap.add_argument("--frames-out", type=pathlib.Path, help="also mine cue frames and write their module here")
    ap.add_argument("--cache", type=pathlib.Path, help="keep the parsed observations here (a pickle) and reuse them")
    ap.add_argument("--frames-only", action="store_true", help="mine only the frames (leave the verb lexicon alone)")
    args = ap.parse_args()

    from claimcheck.analysis.lexicon import COGNITION_VERBS, SPEECH_VERBS
    from claimcheck.analysis.nlp import load_pipeline

    excluded: set[str] = set()
    if args.exclude:
        for exp in args.exclude.glob("*/expected.yaml"):
            m = re.search(r"data/train/text/([^\s]+)\.txt", exp.read_text(encoding="utf-8"))
            if m:
                excluded.add(m.group(1))
    texts = [t for t in sorted((args.split / "text").glob("*.txt")) if t.stem not in excluded]
    random.Random(0).shuffle(texts)
    if args.hold_out:
        texts = texts[: -args.hold_out]
    texts = texts[: args.max_docs]
    pairs = []
    for t in texts:
        anns = sorted((args.split / "attributions").glob(t.stem + "_*.ann"))
        if anns:
            pairs.append((t.stem, t.read_text(encoding="utf-8"), cue_spans(anns[0]), relations(anns[0])))
    obs: list[tuple[str, str, bool]] = []
    frame_obs: list[tuple[str, str, bool]] = []
    if args.cache and args.cache.exists():
        obs, frame_obs = pickle.loads(args.cache.read_bytes())
    else:
        nlp = load_pipeline()
        for (name, _, cues, rels), doc in zip(pairs, nlp.pipe((text for _, text, _, _ in pairs), batch_size=16)):
            obs += observations([(name, doc, cues)])
            frame_obs += frame_observations(name, doc, rels)
        if args.cache:
            args.cache.write_bytes(pickle.dumps((obs, frame_obs)))
    if args.frames_out:
        from claimcheck.analysis.attribution_cues import CUE_VERBS

        # Clause-taking uses of the cue verbs are found already; frames add the rest.
        covered = {key for _, key, _ in frame_obs if key.endswith(" clause") and key.split()[0] in CUE_VERBS}
        best_frames, frames, frame_results = choose_frames(frame_obs, covered, args.folds)
        print(f"frames: chosen min_count={best_frames[0]} min_precision={best_frames[1]}: {len(frames)} frames")
        for key, (h, n) in sorted(frames.items(), key=lambda kv: -kv[1][0]):
            print(f"    {key:<24} {h:>5}/{n:<5}")
        write_frames(args.frames_out, best_frames, frames, frame_results, args.folds, len(pairs))
    if args.frames_only:
        return
    names = sorted({name for name, _, _ in obs})
    fold_of = {name: i % args.folds for i, name in enumerate(names)}
    print(f"{len(names)} articles ({len(excluded)} left out for news-dev), {len(obs)} frame-capable verbs")

    hand = SPEECH_VERBS | COGNITION_VERBS
    grid = [(c, p) for c in (2, 3, 5, 8) for p in (0.3, 0.4, 0.5, 0.6, 0.7)]
    results = {}
    for setting in grid + ["hand"]:
        scores = []
        for k in range(args.folds):
            train = [o for o in obs if fold_of[o[0]] != k]
            test = [o for o in obs if fold_of[o[0]] == k]
            chosen = hand if setting == "hand" else set(select(train, *setting)) | hand
            scores.append(f1(test, chosen))
        results[setting] = tuple(sum(s[i] for s in scores) / len(scores) for i in range(3))
        print(f"  {setting!s:>10}: cross-validated cue P {results[setting][0]:.3f} R {results[setting][1]:.3f} F1 {results[setting][2]:.3f}")
    best = max(grid, key=lambda s: results[s][2])
    mined = select(obs, *best)
    new = {lemma: counts for lemma, counts in mined.items() if lemma not in hand and lemma not in REVIEWED_OUT}
    print(f"chosen min_count={best[0]} min_precision={best[1]}: {len(mined)} cue lemmas, {len(new)} new after review")
    for lemma, (h, n) in sorted(new.items(), key=lambda kv: -kv[1][0]):
        print(f"    {lemma:<14} {h:>5}/{n:<5}")
    if args.write:
        lines = [f'    "{lemma}",  # cue {h} of {n} uses' for lemma, (h, n) in sorted(new.items())]
        args.write.write_text(
            '"""Attribution cue verbs mined from PolNeAR train (generated: train/mine_attribution_cues.py).\n\n'
            "Each verb was marked as an attribution cue by PolNeAR's annotators often enough, and in a\n"
            f"large enough share of its clause-taking uses (min_count={best[0]}, min_precision={best[1]},\n"
            f"chosen by {args.folds}-fold cross-validation on train: cue F1 {results[best][2]:.3f} against\n"
            f"{results['hand'][2]:.3f} for the hand lexicon alone). Only the verbs are shipped; PolNeAR\n"
            '(Newell, Margolin and Ruths, LREC 2018) is a research corpus.\n"""\n\n'
            "from __future__ import annotations\n\n"
            "#: Reporting verbs beyond the hand-written lexicon: \"the court ruled that ...\".\n"
            "MINED_CUE_VERBS = frozenset({\n" + "\n".join(lines) + "\n})\n",
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
