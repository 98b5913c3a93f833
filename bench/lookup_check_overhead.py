"""What ``check --lookup`` adds to a check of the worked example, end to end.

Runs ``claimcheck check`` on the worked example (tests/data/putin-pyongyang)
``--runs`` times without lookups (the baseline) and as many times with
``--lookup --db STORE``, alternating so that both see the same machine load,
each a fresh process as a user would run it.  Reports the medians, the ratio
(the bar: at most 1.15) and how many claims got a prior fact-check.  The
child processes' CPU time (user + system) is reported beside the wall time:
on a shared machine it varies much less with the load than the wall time.

    .venv/bin/python bench/lookup_check_overhead.py --db /tmp/claimcheck-100k.sqlite3
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "tests" / "data" / "putin-pyongyang" / "article.txt"


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(extra: list[str]) -> tuple[float, float, dict]:
    """Wall seconds, CPU seconds and the report of one fresh ``claimcheck check``."""
    started, cpu = time.perf_counter(), _children_cpu()
    proc = subprocess.run([sys.executable, "-m", "claimcheck.cli", "check", str(EXAMPLE), "--date", "2024-06-19",
                           "--format", "json", *extra], capture_output=True, text=True, check=True)
    return time.perf_counter() - started, _children_cpu() - cpu, json.loads(proc.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, help="the fact-check store (e.g. 100,000 records from lookup_speed.py)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    run([])  # warm the file cache for both
    run(["--lookup", "--db", args.db])
    plain, looked, plain_cpu, looked_cpu = [], [], [], []
    report: dict = {}
    for _ in range(args.runs):
        seconds, cpu, _ = run([])
        plain.append(seconds)
        plain_cpu.append(cpu)
        seconds, cpu, report = run(["--lookup", "--db", args.db])
        looked.append(seconds)
        looked_cpu.append(cpu)
    base, with_lookup = statistics.median(plain), statistics.median(looked)
    base_cpu, with_lookup_cpu = statistics.median(plain_cpu), statistics.median(looked_cpu)
    claims = report.get("claims", [])
    print(f"check of the worked example ({len(claims)} claims shown), {args.runs} runs each, fresh processes:")
    print(f"  without lookups: median {base:.2f} s   with --lookup against {args.db}: median {with_lookup:.2f} s")
    print(f"  ratio {with_lookup / base:.3f} (bar: <= 1.15); claims with a prior fact-check: "
          f"{sum(bool(c.get('lookups')) for c in claims)}")
    print(f"  CPU time: median {base_cpu:.2f} s without, {with_lookup_cpu:.2f} s with: ratio {with_lookup_cpu / base_cpu:.3f}")
    return 0 if with_lookup / base <= 1.15 else 1


if __name__ == "__main__":
    raise SystemExit(main())
