"""What ``--lookup`` adds to a check, measured inside one process (CPU and wall time).

``lookup_check_overhead.py`` times whole ``claimcheck check`` runs; on a
shared machine their few seconds vary by more than the lookups cost.  This
script times only the difference: each fresh process checks the worked
example once (loading the pipeline), then again without lookups, then with
``lookup=True`` against ``--db`` (importing the lookup modules, loading the
embedder, opening the store, looking up every claim), and prints the second
minus the first.  With ``--other PYTHONPATH`` another claimcheck (an older
checkout) is timed the same way, alternating, for a before/after from one run.
The check with lookups builds a second engine (another configuration), so
both sides include its rule-pack load.

    .venv/bin/python bench/lookup_added_cost.py --db /tmp/claimcheck-100k.sqlite3 [--other OLD_CHECKOUT
        [--other-db ITS_STORE]] [--runs 8]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "tests" / "data" / "putin-pyongyang" / "article.txt"


def child(db: str) -> None:
    import claimcheck

    text = EXAMPLE.read_text(encoding="utf-8")
    claimcheck.check(text, "2024-06-19")
    cpu, wall = time.process_time(), time.perf_counter()
    claimcheck.check(text, "2024-06-19")
    plain_cpu, plain = time.process_time() - cpu, time.perf_counter() - wall
    cpu, wall = time.process_time(), time.perf_counter()
    claimcheck.check(text, "2024-06-19", lookup=True, db=db)
    print(time.process_time() - cpu - plain_cpu, time.perf_counter() - wall - plain)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="the fact-check store")
    parser.add_argument("--runs", type=int, default=8)
    parser.add_argument("--other", metavar="PYTHONPATH", help="also time the claimcheck found first on this path")
    parser.add_argument("--other-db", help="the store the other claimcheck looks up in (default: --db), e.g. one "
                                           "that claimcheck built itself")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.db)
        return 0
    variants = {"this claimcheck": None, **({f"PYTHONPATH={args.other}": args.other} if args.other else {})}
    stores = {"this claimcheck": args.db, f"PYTHONPATH={args.other}": args.other_db or args.db}
    added: dict[str, list[tuple[float, float]]] = {name: [] for name in variants}
    for _ in range(args.runs):
        for name, pythonpath in variants.items():
            env = {**os.environ, "PYTHONPATH": pythonpath} if pythonpath else None
            # Run from the example's folder: python would import the repository's claimcheck first.
            out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", "--db", stores[name]],
                                 capture_output=True, text=True, check=True, env=env, cwd=EXAMPLE.parent).stdout
            cpu, wall = map(float, out.split())
            added[name].append((cpu, wall))
    print(f"--lookup's added cost on the worked example against {args.db}, {args.runs} fresh processes each, "
          "alternating (medians):")
    for name, values in added.items():
        print(f"  {name}: CPU {1000 * statistics.median(v[0] for v in values):.0f} ms, "
              f"wall {1000 * statistics.median(v[1] for v in values):.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
