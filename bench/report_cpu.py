"""CPU time of claimcheck's own work per document (``Engine._report``), without the parse.

The documents of ``bench/report_identity.py`` are parsed once; then each round
gives ``Engine._report`` fresh copies of the parsed docs (so that no per-document
memo carries over) and prints its CPU time (``time.process_time``), and that
time less detection (``ClaimBuilder.candidates``) and the rule packs
(``RuleSet.apply``): what enrichment (typing, attribution, the model, scoring,
findings) costs.  Run it in two checkouts, alternating fresh processes, to
compare them at the same load::

    python bench/report_cpu.py --data ../shared/data --rounds 3
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run from a checkout without installing
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("CLAIMCHECK_LOAD_PLUGINS", "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data", help="the shared data folder")
    parser.add_argument("--bench-words", type=int, default=20000, help="words of the throughput corpus (as report_identity)")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds after one untimed")
    args = parser.parse_args(argv)

    import claimcheck.analysis.enrich as enrich
    import claimcheck.rules.ruleset as ruleset
    from claimcheck.engine import Engine
    from report_identity import documents

    engine = Engine(config={"lookup": {"enabled": False}})
    calls: list[tuple[Any, ...]] = []
    report = Engine._report

    def capture(self: Engine, *call: Any) -> Any:
        calls.append(call)
        return report(self, *call)

    Engine._report = capture  # type: ignore[method-assign]
    list(engine.check_many(documents(args.data, args.bench_words), all=True))
    Engine._report = report  # type: ignore[method-assign]

    spent = {"detection": 0.0, "rules": 0.0}

    def timed(owner: Any, name: str, key: str) -> None:
        function: Callable[..., Any] = getattr(owner, name)

        def wrapper(*a: Any, **k: Any) -> Any:
            start = time.process_time()
            try:
                return function(*a, **k)
            finally:
                spent[key] += time.process_time() - start

        setattr(owner, name, wrapper)

    timed(enrich.ClaimBuilder, "candidates", "detection")
    timed(ruleset.RuleSet, "apply", "rules")
    totals: list[float] = []
    rest: list[float] = []
    for _ in range(args.rounds + 1):
        fresh = [(call[0].copy(),) + call[1:] for call in calls]
        spent["detection"] = spent["rules"] = 0.0
        start = time.process_time()
        for call in fresh:
            engine._report(*call)
        totals.append(time.process_time() - start)
        rest.append(totals[-1] - spent["detection"] - spent["rules"])
    totals, rest = totals[1:], rest[1:]
    print(f"report_cpu: {len(calls)} documents; _report CPU {' '.join(f'{t:.3f}' for t in totals)} s "
          f"(median {statistics.median(totals):.3f}); without detection and rule packs "
          f"{' '.join(f'{t:.3f}' for t in rest)} s (median {statistics.median(rest):.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
