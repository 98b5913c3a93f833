"""Attribution errors on a slice of PolNeAR train, by class, judged as ``score_polnear.py`` judges.

PolNeAR dev is the report and is never read for errors; this reads train.
The articles (news-dev's left out) are shuffled with ``--seed`` and
``--slice A:B`` of them are checked, so that one slice can be read for
error classes and another, never read, gives the held-out figure:

    python train/attribution_errors.py ../shared/data/attribution/polnear/train \
        --exclude ../shared/data/news-dev --slice 0:200 --dump /tmp/errors.jsonl

Every claim scoring >= 0.5 is judged: inside a gold content span (>= 50% of
its characters) the reported speaker must match the gold source; outside
every span (the journalist's own voice) it must have none.  The misses are
counted by class: a wrong speaker, no speaker, or a speaker on an own-voice
claim; and by where the gold attribution lies relative to the claim.  An
own-voice "error" whose claim holds the gold cue is a segmentation class: the
claim is "X found that Y" with Y under half its characters, so the scorer
reads it as the article's own voice even when the speaker is PolNeAR's.
"""

from __future__ import annotations

import argparse
import collections
import json
import pathlib
import random
import re
from typing import Any

from train_attribution import news_dev_articles, speaker_right

Spans = list[tuple[int, int]]


def gold_of(ann: pathlib.Path) -> list[dict[str, Any]]:
    """Each attribution's source, cue and content spans, with the source and cue text."""
    spans: dict[str, tuple[Spans, str]] = {}
    rels = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        if line.startswith("T") and line.count("\t") >= 2:
            _, mid, text = line.split("\t", 2)
            spans[line.split("\t", 1)[0]] = ([(int(a), int(b)) for a, b in (seg.split() for seg in mid.split(" ", 1)[1].split(";"))], text)
        elif line.startswith("E"):
            rels.append(dict(p.split(":", 1) for p in line.split("\t")[1].split()))
    out = []
    for rel in rels:
        source, cue, content = (spans.get(rel.get(k, ""), ([], "")) for k in ("Source", "Cue", "Content"))
        if content[0]:
            out.append({"source": source[0], "source_text": source[1], "cue": cue[0], "cue_text": cue[1], "content": content[0]})
    return out


def _overlaps(start: int, end: int, spans: Spans) -> bool:
    return any(start < e and end > s for s, e in spans)


def judge_claim(claim: Any, gold: list[dict[str, Any]], text: str) -> dict[str, Any]:
    """One claim's outcome and the facts its error class is read from."""
    start, end = claim.start, claim.end
    n = max(end - start, 1)
    cover = [sum(max(0, min(end, e) - max(start, s)) for s, e in g["content"]) / n for g in gold]
    best = max(range(len(cover)), key=cover.__getitem__) if cover else None
    home = gold[best] if best is not None and cover[best] >= 0.5 else None
    nearest = gold[best] if best is not None else None
    att = claim.attribution
    has = att is not None and att.kind != "article" and bool(att.speaker)
    ok = (not has) if home is None else has and speaker_right(home, att.start, att.end, att.speaker, att.mention)
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    paragraph = (line_start, line_end if line_end >= 0 else len(text))
    return {
        "text": claim.text, "start": start, "end": end, "inside": home is not None, "has_speaker": has, "ok": ok,
        "speaker": att.speaker if att else None, "quoted": bool(att and att.quoted),
        "cover": round(cover[best], 3) if best is not None else 0.0,
        "gold_source": nearest["source_text"] if nearest else None, "gold_cue": nearest["cue_text"] if nearest else None,
        "cue_in_claim": bool(nearest and _overlaps(start, end, nearest["cue"])),
        "cue_in_paragraph": bool(nearest and _overlaps(*paragraph, nearest["cue"])),
        "source_in_claim": bool(nearest and _overlaps(start, end, nearest["source"])),
    }


def error_class(r: dict[str, Any]) -> str | None:
    """The class of a miss, or ``None`` when the claim was judged right."""
    if r["ok"]:
        return None
    if not r["inside"]:
        where = "claim holds the gold cue (segmentation)" if r["cue_in_claim"] and r["cover"] > 0 else (
            "claim partly in a gold content span" if r["cover"] > 0 else "no gold attribution near")
        return f"speaker on own voice: {where}"
    if r["has_speaker"]:
        return "wrong speaker" + (" (quoted)" if r["quoted"] else "")
    if not r["gold_source"]:
        return "no speaker: gold attribution has no source"
    where = "source and cue in the claim" if r["cue_in_claim"] and r["source_in_claim"] else (
        "cue in the claim" if r["cue_in_claim"] else "cue in the paragraph" if r["cue_in_paragraph"] else "cue in another paragraph")
    return f"no speaker: {where}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("split", type=pathlib.Path)
    ap.add_argument("--exclude", type=pathlib.Path, help="news-dev folder: leave out the articles it reuses")
    ap.add_argument("--slice", default="0:200", help="A:B of the shuffled articles")
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--dump", type=pathlib.Path, help="write every judged claim as JSONL (with its score)")
    ap.add_argument("--all-claims", action="store_true", help="dump every claim, also those scoring under 0.5 (the figures still judge >= 0.5)")
    args = ap.parse_args()
    from claimcheck.engine import Engine

    excluded = news_dev_articles(args.exclude)
    stems = sorted(t.stem for t in (args.split / "text").glob("*.txt") if t.stem not in excluded)
    random.Random(args.seed).shuffle(stems)
    a, b = (int(x) for x in args.slice.split(":"))
    engine = Engine()
    judged: list[dict[str, Any]] = []
    for stem in stems[a:b]:
        anns = sorted((args.split / "attributions").glob(stem + "_*.ann"))
        if not anns:
            continue
        gold = gold_of(anns[0])
        text = (args.split / "text" / f"{stem}.txt").read_text(encoding="utf-8")
        date = re.search(r"_(\d{4}-\d{2}-\d{2})_", stem)
        report = engine.check(text, published=date.group(1) if date else None, all=True)
        judged += [{"doc": stem, "score": c.score or 0.0, **judge_claim(c, gold, text)} for c in report.claims if args.all_claims or (c.score or 0) >= 0.5]
    every = judged
    judged = [r for r in every if r["score"] >= 0.5]
    inside = [r for r in judged if r["inside"]]
    own = [r for r in judged if not r["inside"]]
    right_in, right_own = sum(r["ok"] for r in inside), sum(r["ok"] for r in own)
    print(f"{b - a} articles (slice {args.slice}, seed {args.seed}), {len(judged)} claims judged")
    print(f"speaker right inside gold attributions {right_in}/{len(inside)} = {right_in / max(len(inside), 1):.3f}")
    print(f"own voice left unattributed {right_own}/{len(own)} = {right_own / max(len(own), 1):.3f}")
    print("\n| error class | claims |\n|---|---|")
    for name, count in sorted(collections.Counter(c for r in judged if (c := error_class(r))).items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"| {name} | {count} |")
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as out:
            for r in every:
                out.write(json.dumps(r, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
