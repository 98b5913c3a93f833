"""Build the lookup paraphrase set and split it once into a tuning and a held-out part.

Sources (see ``bench/data/lookup_pairs.md``):

- the hand-written rewordings and distractors of ``lookup_queries*.jsonl``
  (seen while the old matcher was tuned: tuning part only);
- rewordings generated here from LIAR and AVeriTeC claims by the edits news
  copy makes: a speaker frame ("X said that ..."), "Says" dropped, figures
  written another way (percent as "N in M", digits and words, "$N million" /
  "N million dollars", ordinals), a few synonym swaps;
- hard negatives that were never checked: the same rewording with one figure
  changed (same topic, another claim), and AVeriTeC claims left out of the
  benchmark store (real claims of the same kind that the store does not hold);
- ``lookup_pairs_handwritten.jsonl``: rewordings written by hand for this set
  (held-out part only).

The split is by target fact-check (a claim and all its rewordings fall on one
side) with a fixed seed, and is written before anything is evaluated:

    .venv/bin/python bench/build_lookup_pairs.py --liar ../shared/data/factchecks/liar_train.tsv \
        --averitec ../shared/data/factchecks/averitec_dev.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
from pathlib import Path

DATA = Path(__file__).parent / "data"
# /work/shared beside the main checkout, or two levels up from a worktree.
SHARED = next((p / "shared" / "data" / "factchecks" for p in Path(__file__).resolve().parents
               if (p / "shared" / "data" / "factchecks").is_dir()), Path("../shared/data/factchecks"))

_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine",
          10: "ten", 11: "eleven", 12: "twelve", 15: "fifteen", 20: "twenty"}
_ORDINALS = {3: "third", 4: "fourth", 5: "fifth", 6: "sixth", 7: "seventh", 8: "eighth", 9: "ninth", 10: "tenth"}
_FRACTIONS = {10: "one in ten", 20: "one in five", 25: "one in four", 30: "three in ten", 40: "two in five",
              50: "half", 60: "three in five", 70: "seven in ten", 75: "three in four", 80: "four in five",
              90: "nine in ten"}
_SYNONYMS = [("more than", "over"), ("increase", "rise"), ("increased", "went up"), ("nearly", "almost"),
             ("because of", "due to"), ("voted against", "opposed"), ("voted for", "backed"),
             ("wants to", "plans to"), ("children", "kids"), ("cut", "reduced"), ("unemployment", "joblessness"),
             ("lowest", "smallest"), ("highest", "biggest"), ("new", "extra"), ("said", "stated"),
             ("about", "roughly"), ("every year", "each year"), ("the United States", "America")]
_FRAMES = ["{who} said that {claim}", "According to {who}, {claim}", "{claim_cap}, {who} claimed.",
           "{who} argued that {claim}", "In a statement, {who} asserted that {claim}",
           "{claim_cap}, according to {who}."]


def _figures(text: str, rng: random.Random) -> str:
    """Write the claim's figures another way (one kind of change, chosen at random among those that apply)."""
    edits = []
    m = re.search(r"\b(\d{2}) percent\b", text)
    if m and int(m.group(1)) in _FRACTIONS:
        edits.append(lambda t, m=m: t[:m.start()] + _FRACTIONS[int(m.group(1))] + t[m.end():])
    m = re.search(r"\b(\d+(?:\.\d+)?) percent\b", text)
    if m:
        edits.append(lambda t, m=m: t[:m.start()] + f"{m.group(1)}%" + t[m.end():])
        edits.append(lambda t, m=m: t[:m.start()] + f"{m.group(1)} per cent" + t[m.end():])
    m = re.search(r"\$(\d+(?:\.\d+)?) (million|billion|trillion)\b", text)
    if m:
        edits.append(lambda t, m=m: t[:m.start()] + f"{m.group(1)} {m.group(2)} dollars" + t[m.end():])
    m = re.search(r"(?<![\d,.$])\b(\d{1,2})\b(?![\d,.%])(?! percent)", text)
    if m and int(m.group(1)) in _WORDS:
        edits.append(lambda t, m=m: t[:m.start()] + _WORDS[int(m.group(1))] + t[m.end():])
    m = re.search(r"\b(" + "|".join(v for v in _WORDS.values()) + r")\b", text, re.IGNORECASE)
    if m:
        number = {v: k for k, v in _WORDS.items()}[m.group(1).lower()]
        edits.append(lambda t, m=m, n=number: t[:m.start()] + str(n) + t[m.end():])
    m = re.search(r"\b(\d+)(?:st|nd|rd|th)\b", text)
    if m and int(m.group(1)) in _ORDINALS:
        edits.append(lambda t, m=m: t[:m.start()] + _ORDINALS[int(m.group(1))] + t[m.end():])
    m = re.search(r"\b(" + "|".join(_ORDINALS.values()) + r")\b", text, re.IGNORECASE)
    if m:
        n = {v: k for k, v in _ORDINALS.items()}[m.group(1).lower()]
        edits.append(lambda t, m=m, n=n: t[:m.start()] + f"{n}th" + t[m.end():])
    if not edits:
        return text
    return rng.choice(edits)(text)


def _change_figure(text: str, original: str, rng: random.Random) -> str | None:
    """The same sentence stating another figure: a different claim on the same topic."""
    # Only a figure written in digits in the original claim, standing alone
    # (not inside "300,000", "Eighty-three" or "$1-million").
    numbers = [m for m in re.finditer(r"(?<![\d.,\w-])(\d+(?:\.\d+)?)(?![\d.,\w-])", text)
               if not (len(m.group(1)) == 4 and m.group(1).startswith(("19", "20")))
               and float(m.group(1)) >= 2 and re.search(rf"(?<![\d.,]){re.escape(m.group(1))}(?![\d.,])", original)]
    if not numbers:
        return None
    m = rng.choice(numbers)
    value = float(m.group(1))
    new = value * rng.choice([0.5, 1.6, 2.5, 3]) + rng.choice([1, 3, 7])
    new_text = f"{new:.1f}" if "." in m.group(1) else str(round(new))
    if new_text == m.group(1):
        return None
    return text[:m.start()] + new_text + text[m.end():]


def reword(claim: str, who: str | None, rng: random.Random) -> tuple[str, list[str]]:
    """A news-style rewording of a fact-checked claim and the edits made."""
    how = []
    text = claim.strip()
    if text.lower().startswith("says "):
        text = text[5:]
        how.append("says-dropped")
    changed = _figures(text, rng)
    if changed != text:
        how.append("number-format")
        text = changed
    swaps = [(a, b) for a, b in _SYNONYMS if re.search(rf"\b{re.escape(a)}\b", text)]
    for a, b in rng.sample(swaps, min(2, len(swaps))):
        text = re.sub(rf"\b{re.escape(a)}\b", b, text, count=1)
        how.append("synonyms")
    if who and rng.random() < 0.8:
        body = text.rstrip(".")
        body_lower = body[0].lower() + body[1:] if body[:2].isalpha() and not body[:2].isupper() else body
        frame = rng.choice(_FRAMES)
        text = frame.format(who=who, claim=body_lower + ".", claim_cap=body[0].upper() + body[1:])
        how.append("speaker-frame")
    return text, how


def _group(key: str) -> float:
    return int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--liar", default=str(SHARED / "liar_train.tsv"))
    parser.add_argument("--averitec", default=str(SHARED / "averitec_dev.json"))
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--liar-count", type=int, default=260)
    parser.add_argument("--heldout-share", type=float, default=0.35)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    liar = []
    for line in Path(args.liar).read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) == 14:
            liar.append({"id": cols[0].removesuffix(".json"), "claim": cols[2],
                         "who": cols[4].replace("-", " ").title() if cols[4] else None})
    used = set()
    for name in ("lookup_queries.jsonl", "lookup_queries_heldout.jsonl"):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            if item.get("liar_id"):
                used.add(item["liar_id"])
    pool = [r for r in liar if 50 <= len(r["claim"]) <= 220 and r["id"] not in used
            and not r["claim"].startswith("On ")]
    chosen = rng.sample(pool, args.liar_count)
    averitec = json.loads(Path(args.averitec).read_text(encoding="utf-8"))
    # An unstored AVeriTeC claim whose fact-checking article the store holds
    # (through another claim of the same article) was checked: not a negative.
    stored_articles = {r.get("fact_checking_article") for i, r in enumerate(averitec) if i % 2 == 0}

    items: list[dict] = []
    # Seen by the old matcher's author: tuning only.
    for name in ("lookup_queries.jsonl", "lookup_queries_heldout.jsonl"):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            target = f"liar:{item['liar_id']}" if item.get("liar_id") else None
            items.append({"kind": item["kind"], "target": target, "query": item["query"], "how": item.get("how", []),
                          "origin": name, "part": "tune"})
    for record in chosen:
        query, how = reword(record["claim"], record["who"], rng)
        target = f"liar:{record['id']}"
        part = "heldout" if _group(target) < args.heldout_share else "tune"
        items.append({"kind": "reworded", "target": target, "query": query, "how": how, "origin": "generated",
                      "part": part})
        changed = _change_figure(query, record["claim"], rng)
        if changed:
            items.append({"kind": "distractor", "target": None, "query": changed, "how": ["changed-figure"],
                          "origin": "generated", "part": part, "near": target})
    # AVeriTeC: even items go into the benchmark store, odd ones stay out (never checked there).
    for index, record in enumerate(averitec):
        if index % 2 == 0:
            if index % 4 != 0:
                continue  # half of the stored ones get a rewording
            query, how = reword(record["claim"], record.get("speaker") or None, rng)
            target = f"averitec:{index}"
            part = "heldout" if _group(target) < args.heldout_share else "tune"
            items.append({"kind": "reworded", "target": target, "query": query, "how": how, "origin": "generated",
                          "part": part})
        elif record.get("fact_checking_article") not in stored_articles:
            part = "heldout" if _group(f"averitec:{index}") < args.heldout_share else "tune"
            items.append({"kind": "distractor", "target": None, "query": record["claim"], "how": ["not-in-store"],
                          "origin": "averitec-unstored", "part": part})
    hand = DATA / "lookup_pairs_handwritten.jsonl"
    if hand.exists():
        for line in hand.read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                items.append({**item, "origin": "handwritten", "part": "heldout"})
    for part in ("tune", "heldout"):
        out = DATA / f"lookup_pairs_{part}.jsonl"
        subset = [{k: v for k, v in item.items() if k != "part"} for item in items if item["part"] == part]
        out.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in subset), encoding="utf-8")
        kinds = {k: sum(i["kind"] == k for i in subset) for k in ("reworded", "distractor")}
        print(f"{out}: {len(subset)} queries ({kinds['reworded']} reworded, {kinds['distractor']} never checked)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
