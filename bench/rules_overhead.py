"""How much do the built-in rule packs add to a ``claimcheck check`` run?

Runs the same documents through two engines in the same process -- one with
every built-in pack, one with every rule disabled -- alternating rounds so
that machine noise hits both alike, and reports the ratio of total times
(target: < 1.10) plus the time spent inside ``RuleSet.apply`` itself.

    python bench/rules_overhead.py                      # the worked example article, 40 copies
    python bench/rules_overhead.py --corpus DIR_OR_TSV  # *.txt files, or a TSV with a Text column
"""

from __future__ import annotations

import argparse
import csv
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EXAMPLE = ROOT / "tests" / "data" / "putin-pyongyang" / "article.txt"


def corpus(path: Path | None, copies: int, per_doc: int) -> list[str]:
    """Documents to check: text files, a TSV of sentences grouped into articles, or the example article."""
    if path is None:
        return [EXAMPLE.read_text(encoding="utf-8")] * copies
    if path.is_dir():
        return [p.read_text(encoding="utf-8") for p in sorted(path.glob("*.txt"))]
    with path.open(encoding="utf-8") as handle:
        rows = [row.get("Text") or row.get("text") or "" for row in csv.DictReader(handle, delimiter="\t")]
    return [" ".join(rows[i : i + per_doc]) for i in range(0, len(rows), per_doc)][:copies]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, help="folder of .txt files or a TSV with a Text column")
    parser.add_argument("--docs", type=int, default=40, help="number of documents (default 40)")
    parser.add_argument("--per-doc", type=int, default=30, help="TSV sentences per document (default 30)")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds (default 5)")
    parser.add_argument("--no-model", action="store_true", help="score without the trained model")
    args = parser.parse_args()

    from claimcheck.engine import Engine
    from claimcheck.rules.policy import CORE_RULE_IDS

    docs = corpus(args.corpus, args.docs, args.per_doc)
    base: dict[str, Any] = {"all": True}
    if args.no_model:
        base["model"] = False
    with_rules = Engine(config=base)
    # Every rule off: the packs load but no matcher runs, so the difference is the rule work.
    without = Engine(config={**base, "rules": {"enable": ["no-such-pack"]}})
    ruleset = with_rules.rules
    assert len(ruleset) > 0 and len(without.rules) == 0

    spent = [0.0]
    original_apply = ruleset.apply

    def timed_apply(*a: Any, **k: Any) -> Any:
        start = time.perf_counter()
        try:
            return original_apply(*a, **k)
        finally:
            spent[0] += time.perf_counter() - start

    ruleset.apply = timed_apply  # type: ignore[method-assign]

    for engine in (with_rules, without):  # warm-up: caches, lazy loading
        engine.check(docs[0], published="2024-06-19")

    # Alternate per document, not per round, so that load from other processes
    # on a shared machine falls on both engines alike.
    times: dict[str, list[float]] = {"with": [], "without": []}
    findings = 0
    names = {p.name for p in ruleset.packs}
    for _ in range(args.rounds):
        totals = {"with": 0.0, "without": 0.0}
        for text in docs:
            for label, engine in (("without", without), ("with", with_rules)):
                start = time.perf_counter()
                report = engine.check(text, published="2024-06-19")
                totals[label] += time.perf_counter() - start
                if label == "with":
                    findings += sum(1 for f in report.findings if f.rule.split(".")[0] in names and f.rule not in CORE_RULE_IDS)
        for label, total in totals.items():
            times[label].append(total)

    with_t, without_t = statistics.median(times["with"]), statistics.median(times["without"])
    chars = sum(len(d) for d in docs)
    print(f"documents: {len(docs)} ({chars:,} characters), rounds: {args.rounds}, packs: {len(ruleset.packs)}, rules: {len(ruleset)}")
    print(f"median run without rules: {without_t:.3f} s")
    print(f"median run with all built-in packs: {with_t:.3f} s")
    print(f"ratio: {with_t / without_t:.3f} (target < 1.10)")
    print(f"time inside RuleSet.apply: {spent[0] / args.rounds:.3f} s per round ({100 * spent[0] / args.rounds / with_t:.1f}% of a run)")
    print(f"rule-pack findings per round: {findings // args.rounds}")
    return 0 if with_t / without_t < 1.10 else 1


if __name__ == "__main__":
    sys.exit(main())
