"""Train the cue model of attribution (claimcheck/model/attribution.json) on PolNeAR train.

For every claim claimcheck finds in a training article, every verb of its
sentence that names a source is a candidate cue
(:func:`claimcheck.analysis.attribution_model.cue_candidates`).  A candidate is a
positive example when taking it gives the speaker PolNeAR's annotators gave
the claim (the same test as ``score_polnear.py``: the resolved source overlaps
the gold source, or shares a word of 3+ letters with it); every candidate of a
claim outside all gold content spans (the journalist's own voice) is a negative.

Two steps, so that fitting is quick and repeatable:

    python train/train_attribution.py extract ../shared/data/attribution/polnear/train \
        --exclude ../shared/data/news-dev --out /tmp/attribution-pairs.jsonl
    python train/train_attribution.py fit /tmp/attribution-pairs.jsonl --write

The engine asks the model only about claims its rules leave without a source
(policy ``fill``).  It also reviews the
rules' own choice when a claim outside quotation marks is the whole "source
verb ..." clause and the rules gave it that verb's source: under the ``veto``
probability the claim is left in the article's voice ("Mr. Trump has railed
against the TPP": PolNeAR reads it as the journalist's report unless what
follows the verb is most of the claim).  The model learns from the claims
it decides, both kinds.  ``fit`` chooses the L2
strength, the minimum feature count, the threshold and the veto by 5-fold
cross-validation over articles (PolNeAR dev is never read), judging each
setting by what the engine would then report for every claim scoring >= 0.5:
claims inside a gold attribution whose speaker is right plus own-voice claims
left alone.  The table also shows policy ``decide`` (the model chooses for every
claim outside a quotation), measured and not adopted.  It then fits on every
training article and writes the weights (rounded, sorted: the same pairs give
the same file byte for byte).  Articles reused in news-dev are left out, so that
news-dev stays unseen.  PolNeAR (Newell, Margolin and Ruths, LREC 2018) is a
research corpus: what ships is feature weights, not its text.
"""

from __future__ import annotations

import argparse
import collections
import json
import pathlib
import random
import re
import sys
from typing import Any

MODEL = pathlib.Path(__file__).resolve().parent.parent / "claimcheck" / "model" / "attribution.json"
STOP = {"the", "and", "for", "his", "her", "its", "their", "who", "said", "says", "told", "was", "has", "had", "that", "with", "from", "this"}


def words(text: str | None) -> set[str]:
    return set(re.findall(r"[a-z]{3,}", (text or "").casefold())) - STOP


def gold_attributions(ann: pathlib.Path) -> list[dict[str, Any]]:
    """PolNeAR's attributions in one brat file: source spans, source text, content spans."""
    spans: dict[str, tuple[list[tuple[int, int]], str]] = {}
    rels = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            if line.count("\t") < 2:
                continue  # a span with no text (one annotation file has one)
            tid, mid, text = line.split("\t", 2)
            segs = [tuple(map(int, seg.split())) for seg in mid.split(" ", 1)[1].split(";")]
            spans[tid] = ([(a, b) for a, b in segs], text)
        elif line.startswith("E"):
            rels.append(dict(p.split(":", 1) for p in line.split("\t")[1].split()))
    out = []
    for rel in rels:
        source = spans.get(rel.get("Source", ""), ([], ""))
        content = spans.get(rel.get("Content", ""), ([], ""))
        if content[0]:
            out.append({"source": source[0], "source_text": source[1], "content": content[0]})
    return out


def home_of(start: int, end: int, gold: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The gold attribution holding at least half the claim's characters (as the scorer reads it)."""
    n = max(end - start, 1)
    for g in gold:
        if sum(max(0, min(end, e) - max(start, s)) for s, e in g["content"]) >= 0.5 * n:
            return g
    return None


def speaker_right(home: dict[str, Any], start: int | None, end: int | None, speaker: str | None, mention: str | None) -> bool:
    if start is not None and end is not None and any(start < e and end > s for s, e in home["source"]):
        return True
    return bool(speaker) and bool((words(speaker) | words(mention)) & words(home["source_text"]))


def news_dev_articles(folder: pathlib.Path | None) -> set[str]:
    out: set[str] = set()
    for exp in folder.glob("*/expected.yaml") if folder else ():
        m = re.search(r"data/train/text/([^\s]+)\.txt", exp.read_text(encoding="utf-8"))
        if m:
            out.add(m.group(1))
    return out


def extract(args: argparse.Namespace) -> None:
    from claimcheck.analysis import attribution
    from claimcheck.analysis.attribution import SpeakerResolver
    from claimcheck.analysis.attribution_model import cue_candidates
    from claimcheck.engine import Engine
    from claimcheck.plugins import hookimpl
    from claimcheck.plugins.manager import get_plugins

    excluded = news_dev_articles(args.exclude)
    texts = [t for t in sorted((args.split / "text").glob("*.txt")) if t.stem not in excluded]
    texts = texts[args.start : args.start + args.max_docs if args.max_docs else None]
    records: list[dict[str, Any]] = []
    current: dict[str, Any] = {}

    class Capture:
        @hookimpl
        def claimcheck_report(self, report: Any, context: Any) -> None:
            spans = list(context.spans.values())
            if not spans:
                return
            doc, norm = spans[0].doc, context.text
            quotes = [(q.start, q.end) for q in norm.quotes]
            quoted_tokens = {t.i for t in doc for a, b in quotes if a <= t.idx < b}
            resolver = SpeakerResolver(doc)
            gold = current["gold"]
            for claim in report.claims:
                cand = context.candidates.get(claim.id)
                if cand is None:
                    continue
                home = home_of(claim.start, claim.end, gold)
                att = claim.attribution
                has = att is not None and att.kind != "article" and bool(att.speaker)
                rule_ok = (not has) if home is None else has and speaker_right(home, att.start, att.end, att.speaker, att.mention)
                rule_source = context.sources.get(claim.id)
                cands = []
                for c in cue_candidates(doc, cand, quoted_tokens.__contains__):
                    ok = False
                    if home is not None:
                        src = resolver.resolve(list(c.source), doc[c.verb].text)
                        if src is not None and src.start is not None and src.end is not None:
                            a, b = norm.to_original(doc[src.start].idx, doc[src.end - 1].idx + len(doc[src.end - 1]))
                            ok = speaker_right(home, a, b, src.speaker, src.mention)
                    cands.append({"verb": c.verb, "source": list(c.source), "features": list(c.features), "ok": ok})
                records.append({
                    "doc": current["id"], "claim": claim.id, "score": claim.score, "inside": home is not None,
                    "rule_has": has, "rule_ok": rule_ok, "quoted": bool(att and att.quoted),
                    "rule_source": [rule_source.start, rule_source.end] if rule_source is not None and rule_source.start is not None else None,
                    "candidates": cands,
                })

    # The rules alone decide ``rule_has``: with the shipped model filling claims too, the pairs
    # (and so the refit) would depend on the weights being replaced, and cross-validation would
    # credit the old model's choices to the rules.
    attribution.load_cue_model = lambda: None  # type: ignore[assignment]
    engine = Engine(plugins=get_plugins(load_entrypoints=False, extra=[Capture()]))
    with args.out.open("a" if args.start else "w", encoding="utf-8") as out:
        for n, path in enumerate(texts, args.start + 1):
            anns = sorted((args.split / "attributions").glob(path.stem + "_*.ann"))
            if not anns:
                continue
            current.update(id=path.stem, gold=gold_attributions(anns[0]))
            date = re.search(r"_(\d{4}-\d{2}-\d{2})_", path.name)
            records.clear()
            engine.check(path.read_text(encoding="utf-8"), published=date.group(1) if date else None, all=True)
            for record in records:
                out.write(json.dumps(record) + "\n")
            if n % 50 == 0:
                print(f"{n}/{args.start + len(texts)} articles", file=sys.stderr)


def load(path: pathlib.Path) -> dict[str, list[dict[str, Any]]]:
    """The extracted claims, by article, in claim-id order (the order claims are found in).

    Not file order: ``extract`` writes claims as the report lists them, by
    score, so the file's order follows the check-worthiness model, and
    liblinear's solution depends on the order of its rows.  Sorting here keeps
    the cue model a function of the rules and PolNeAR, whatever score model
    the pairs were extracted under (the scores still decide which claims the
    cross-validation judges).
    """
    by_doc: dict[str, list[dict[str, Any]]] = collections.defaultdict(list)
    with path.open(encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            by_doc[record["doc"]].append(record)
    return {doc: sorted(claims, key=_claim_number) for doc, claims in by_doc.items()}


def _claim_number(record: dict[str, Any]) -> tuple[int, str]:
    """``c61`` -> (61, "c61"): ids are numbered in the order claims are found."""
    claim = str(record["claim"])
    digits = claim.lstrip("c")
    return (int(digits) if digits.isdigit() else -1, claim)


def train_model(claims: list[dict[str, Any]], c: float, min_count: int) -> dict[str, float]:
    """Fit the logistic model on every candidate of ``claims``; returns a weight per feature."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    counts = collections.Counter(f for claim in claims for cand in claim["candidates"] for f in set(cand["features"]))
    vocab = sorted(f for f, n in counts.items() if n >= min_count and f != "bias")
    index = {f: i for i, f in enumerate(vocab)}
    rows, cols, ys = [], [], []
    for claim in claims:
        for cand in claim["candidates"]:
            r = len(ys)
            for f in sorted(set(cand["features"])):
                if f in index:
                    rows.append(r)
                    cols.append(index[f])
            ys.append(int(cand["ok"]))
    x = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(ys), len(vocab)))
    model = LogisticRegression(C=c, solver="liblinear", max_iter=1000, random_state=0)
    model.fit(x, np.array(ys))
    weights = {f: float(w) for f, w in zip(vocab, model.coef_[0])}
    weights["bias"] = float(model.intercept_[0])
    return weights


def probability(weights: dict[str, float], features: list[str]) -> float:
    import math

    z = sum(weights.get(f, 0.0) for f in features)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


#: How the engine could use the model: ``fill`` (shipped) scores cues only for claims the rules
#: leave without a source; ``decide`` lets it choose for every claim outside a quotation
#: (kept in the table as the measured alternative).
POLICIES = ("rules", "fill", "decide")


def own_verb(claim: dict[str, Any]) -> list[int]:
    """The candidates that are the claim's own head verb and whose source is the one the rules gave
    (the engine's ``attribution._vetoed`` asks the same of the same candidates)."""
    rule = claim.get("rule_source")
    if not claim["rule_has"] or claim["quoted"] or rule is None:
        return []
    if any("pos=inside" in cand["features"] and cand_in_quote(cand) for cand in claim["candidates"]):
        return []  # the claim holds part of a quotation ('... not even close," said X'): the quotation's report
    return [i for i, cand in enumerate(claim["candidates"])
            if "rel=self" in cand["features"] and any(rule[0] <= t < rule[1] for t in cand["source"])]


def cand_in_quote(cand: dict[str, Any]) -> bool:
    """Whether a candidate's verb is inside quotation marks (its ``quote=`` feature's second digit)."""
    return any(f.startswith("quote=") and f.endswith("1") for f in cand["features"])


def vetoable(claim: dict[str, Any]) -> list[int]:
    """The candidates of :func:`own_verb` the veto may overrule: a verb the rules read as a cue or a
    mined frame (a parse that made "Ms Okafor" the subject of "rose" is the rules' repair, not this
    verb's), in a claim that is not a relative clause ("the levy, which he said would raise £2m")."""
    return [i for i in own_verb(claim) if "origin=relative" not in claim["candidates"][i]["features"]
            and ("lex_cue" in claim["candidates"][i]["features"] or "lex_frame" in claim["candidates"][i]["features"])]


def outcome(claim: dict[str, Any], probs: list[float], policy: str, threshold: float, veto: float = 0.0) -> bool:
    """Whether the reported attribution would be right under ``policy``."""
    if veto and policy == "fill" and (own := vetoable(claim)) and max(probs[i] for i in own) < veto:
        return not claim["inside"]
    if policy == "rules" or (policy == "fill" and claim["rule_has"]) or (policy == "decide" and claim["quoted"] and claim["rule_has"]):
        return bool(claim["rule_ok"])
    best = max(range(len(probs)), key=probs.__getitem__) if probs else None
    if best is None or probs[best] < threshold:
        return not claim["inside"]
    return bool(claim["inside"] and claim["candidates"][best]["ok"])


def judge(claims: list[dict[str, Any]], probs: list[list[float]], policy: str, threshold: float,
          veto: float = 0.0) -> tuple[int, int, int, int]:
    """(right inside, claims inside, right outside, claims outside) among claims scoring >= 0.5."""
    tally = [0, 0, 0, 0]
    for claim, p in zip(claims, probs):
        if claim["score"] < 0.5:
            continue
        ok = outcome(claim, p, policy, threshold, veto)
        k = 0 if claim["inside"] else 2
        tally[k] += ok
        tally[k + 1] += 1
    return tally[0], tally[1], tally[2], tally[3]


def training_claims(claims: list[dict[str, Any]], policy: str) -> list[dict[str, Any]]:
    """The claims a policy's model learns from: those it will decide."""
    if policy == "fill":
        return [c for c in claims if not c["rule_has"] or own_verb(c)]
    return [c for c in claims if not (c["quoted"] and c["rule_has"])]


def fit(args: argparse.Namespace) -> None:
    by_doc = load(args.pairs)
    if args.drop:
        # An ablation: fit as if the features starting with these prefixes had not been extracted.
        drop = tuple(args.drop)
        for claims in by_doc.values():
            for claim in claims:
                for cand in claim["candidates"]:
                    cand["features"] = [f for f in cand["features"] if not f.startswith(drop)]
    docs = sorted(by_doc)
    random.Random(0).shuffle(docs)
    folds = [docs[i::5] for i in range(5)]
    grid = [(c, m) for c in (0.1, 0.3, 1.0) for m in (3, 10)]
    thresholds = (0.4, 0.5, 0.6, 0.7)
    vetoes = (0.0, 0.1, 0.2, 0.3)
    print(f"{len(docs)} articles, {sum(len(v) for v in by_doc.values())} claims; 5-fold cross-validation over articles")
    print("| policy | C | min count | threshold | veto | speaker inside | own voice | all judged |")
    print("|---|---|---|---|---|---|---|---|")
    best: tuple[float, Any] | None = None
    shown_rules = False
    for policy in POLICIES[1:]:
        for c, m in grid:
            claims, probs = [], []
            for k, fold in enumerate(folds):
                train = training_claims([claim for j, f in enumerate(folds) if j != k for d in f for claim in by_doc[d]], policy)
                weights = train_model(train, c, m)
                for d in fold:
                    for claim in by_doc[d]:
                        claims.append(claim)
                        probs.append([probability(weights, cand["features"]) for cand in claim["candidates"]])
            if not shown_rules:
                a, n, b, o = judge(claims, probs, "rules", 0.5)
                print(f"| rules only | - | - | - | - | {a / n:.3f} ({a}/{n}) | {b / o:.3f} ({b}/{o}) | {(a + b) / (n + o):.3f} |")
                shown_rules = True
            for t in thresholds:
                for v in vetoes if policy == "fill" else (0.0,):
                    a, n, b, o = judge(claims, probs, policy, t, v)
                    total = (a + b) / max(n + o, 1)
                    print(f"| {policy} | {c} | {m} | {t} | {v} | {a / n:.3f} ({a}/{n}) | {b / o:.3f} ({b}/{o}) | {total:.3f} |")
                    if policy == "fill" and (best is None or total > best[0] + 1e-9):
                        best = (total, (c, m, t, v))
    assert best is not None
    c, m, t, v = best[1]
    print(f"chosen (fill, best accuracy over all judged claims): C={c}, min count={m}, threshold={t}, veto={v} ({best[0]:.3f})")
    if args.write:
        weights = train_model(training_claims([claim for d in sorted(by_doc) for claim in by_doc[d]], "fill"), c, m)
        kept = sorted((f, round(w, 4)) for f, w in weights.items() if round(w, 4) != 0.0)
        data = {
            "about": "Cue model of attribution, trained by train/train_attribution.py on PolNeAR train "
                     f"({len(docs)} articles, news-dev's left out); C={c}, min count={m}, threshold={t}, veto={v}, "
                     "chosen by 5-fold cross-validation over articles.",
            "threshold": t,
            "veto": v,
            "features": [f for f, _ in kept],
            "weights": [w for _, w in kept],
        }
        MODEL.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {MODEL} ({len(kept)} weights)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="step", required=True)
    ex = sub.add_parser("extract", help="run claimcheck on a PolNeAR split and write the (claim, cue) pairs")
    ex.add_argument("split", type=pathlib.Path)
    ex.add_argument("--exclude", type=pathlib.Path, help="news-dev folder: leave out the articles it reuses")
    ex.add_argument("--out", type=pathlib.Path, required=True)
    ex.add_argument("--max-docs", type=int, default=0)
    ex.add_argument("--start", type=int, default=0, help="go on from this article (appending to --out)")
    ft = sub.add_parser("fit", help="cross-validate, fit and write the model")
    ft.add_argument("pairs", type=pathlib.Path)
    ft.add_argument("--write", action="store_true", help="write claimcheck/model/attribution.json")
    ft.add_argument("--drop", action="append", default=[], metavar="PREFIX",
                    help="leave out the features starting with PREFIX (repeatable), to measure what they add")
    args = ap.parse_args()
    extract(args) if args.step == "extract" else fit(args)


if __name__ == "__main__":
    main()
